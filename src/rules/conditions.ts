/**
 * The condition language of rules files: a map of question id -> choice (or
 * list of choices), all of which must hold, combined with `all`, `any` and
 * `not`. Everything that reads a condition lives here: evaluating it (with the
 * part that failed), putting it in words, listing the questions it looks at,
 * compiling it for the engine (as a test, or a truth table), and checking its references.
 */
import { sizeOf, step } from '../space.js';
import { closest } from '../errors.js';
import type { Answers, Condition, Question } from './types.js';

/** The keys that combine conditions rather than name a question. */
export const COMBINATORS: ReadonlySet<string> = new Set(['all', 'any', 'not']);

/** Whether a condition holds; when not, the first part that failed, in words. */
export type Evaluation = { ok: true } | { ok: false; failed: string };

/** Evaluates a condition, naming the first leaf that failed. */
export function evaluate(condition: Condition, answers: Answers): Evaluation {
  for (const [key, value] of Object.entries(condition)) {
    if (value === undefined) continue;
    if (key === 'all') {
      for (const part of value as Condition[]) {
        const r = evaluate(part, answers);
        if (!r.ok) return r;
      }
    } else if (key === 'any') {
      const failures: string[] = [];
      let any = false;
      for (const part of value as Condition[]) {
        const r = evaluate(part, answers);
        if (r.ok) {
          any = true;
          break;
        }
        failures.push(r.failed);
      }
      if (!any) return { ok: false, failed: `none of: ${failures.join('; ')}` };
    } else if (key === 'not') {
      const r = evaluate(value as Condition, answers);
      if (r.ok) return { ok: false, failed: `not (${describeCondition(value as Condition)})` };
    } else {
      const wanted = choicesOf(value);
      const actual = answers[key];
      if (actual === undefined || !wanted.includes(actual)) {
        return { ok: false, failed: `${key} is ${wanted.join(' or ')} (answer: ${actual ?? 'none'})` };
      }
    }
  }
  return { ok: true };
}

/** A condition in words, e.g. `workload-os is windows and host-os is linux or macos`. */
export function describeCondition(condition: Condition): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(condition)) {
    if (value === undefined) continue;
    if (key === 'all') parts.push((value as Condition[]).map((c) => `(${describeCondition(c)})`).join(' and '));
    else if (key === 'any') parts.push((value as Condition[]).map((c) => `(${describeCondition(c)})`).join(' or '));
    else if (key === 'not') parts.push(`not (${describeCondition(value as Condition)})`);
    else parts.push(`${key} is ${choicesOf(value).join(' or ')}`);
  }
  return parts.length ? parts.join(' and ') : 'always';
}

/** One question a condition looks at, with the choices it names there. */
export interface Leaf {
  question: string;
  choices: string[];
}

/** Every question a condition mentions, with the choices it names, in the order written. */
export function conditionLeaves(condition: Condition): Leaf[] {
  const out: Leaf[] = [];
  for (const [key, value] of Object.entries(condition)) {
    if (value === undefined) continue;
    if (key === 'all' || key === 'any') for (const c of value as Condition[]) out.push(...conditionLeaves(c));
    else if (key === 'not') out.push(...conditionLeaves(value as Condition));
    else out.push({ question: key, choices: choicesOf(value) });
  }
  return out;
}

/** The key that names the recommendation in a note's condition. */
export const OUTCOME_KEY = 'outcome';

/**
 * A condition's problems: questions and choices that do not exist, located by
 * path. `outcomes` lists the outcome ids where the condition may name the
 * recommendation (notes); elsewhere `outcome` is an error.
 */
export function conditionProblems(
  condition: Condition,
  path: Array<string | number>,
  questions: ReadonlyMap<string, Pick<Question, 'choices'>>,
  outcomes?: readonly string[],
): Array<{ path: Array<string | number>; message: string }> {
  const problems: Array<{ path: Array<string | number>; message: string }> = [];
  for (const [key, value] of Object.entries(condition)) {
    if (value === undefined) continue;
    if (COMBINATORS.has(key)) {
      if (key === 'not') problems.push(...conditionProblems(value as Condition, [...path, 'not'], questions, outcomes));
      else (value as Condition[]).forEach((c, i) => problems.push(...conditionProblems(c, [...path, key, i], questions, outcomes)));
      continue;
    }
    if (key === OUTCOME_KEY) {
      if (!outcomes) {
        problems.push({ path: [...path, key], message: '"outcome" can only be named in a note\'s condition: rules decide the outcome, and a summary belongs to one already' });
        continue;
      }
      for (const choice of choicesOf(value)) {
        if (!outcomes.includes(choice)) {
          const near = closest(choice, outcomes);
          problems.push({ path: [...path, key], message: `"${choice}" is not an outcome${near ? `; did you mean "${near}"?` : ''}; outcomes are ${outcomes.join(', ')}` });
        }
      }
      continue;
    }
    const q = questions.get(key);
    if (!q) {
      const hint = closest(key, [...questions.keys()]);
      problems.push({ path: [...path, key], message: `unknown question "${key}"${hint ? `; did you mean "${hint}"?` : ''}; questions are ${[...questions.keys()].join(', ')}` });
      continue;
    }
    for (const choice of choicesOf(value)) {
      if (!q.choices.some((c) => c.id === choice)) {
        problems.push({ path: [...path, key], message: `"${choice}" is not a choice of ${key}; choices are ${q.choices.map((c) => c.id).join(', ')}` });
      }
    }
  }
  return problems;
}

/** A compiled condition over answers given as choice indexes (one per question, in question order). */
export type Test = (choice: Int32Array) => boolean;

/** Where each question sits in the choice-index array, and the index of each of its choices. */
export type QuestionIndex = ReadonlyMap<string, { qi: number; choices: ReadonlyMap<string, number> }>;

/**
 * A condition as a function of choice indexes. Each leaf becomes a bit mask of
 * the choices it accepts, so testing it is one array read and a shift.
 */
export function compileCondition(condition: Condition, index: QuestionIndex): Test {
  const tests: Test[] = [];
  for (const [key, value] of Object.entries(condition)) {
    if (value === undefined) continue;
    if (key === 'all') {
      const parts = (value as Condition[]).map((c) => compileCondition(c, index));
      tests.push((v) => parts.every((t) => t(v)));
    } else if (key === 'any') {
      const parts = (value as Condition[]).map((c) => compileCondition(c, index));
      tests.push((v) => parts.some((t) => t(v)));
    } else if (key === 'not') {
      const inner = compileCondition(value as Condition, index);
      tests.push((v) => !inner(v));
    } else {
      const q = index.get(key);
      // Validated rules never name an unknown question or choice; unvalidated ones simply never match.
      if (!q) return () => false;
      let mask = 0;
      for (const choice of choicesOf(value)) {
        const bit = q.choices.get(choice);
        if (bit !== undefined) mask |= 1 << bit;
      }
      const qi = q.qi;
      tests.push((v) => ((mask >>> v[qi]!) & 1) === 1);
    }
  }
  if (tests.length === 1) return tests[0]!;
  return (v) => {
    for (const t of tests) if (!t(v)) return false;
    return true;
  };
}

/**
 * Whether a condition holds for these choice indexes, read straight from the
 * condition: what `compileCondition` decides, building nothing. For a few
 * decisions (one `vmvc advise`), compiling costs more than it saves.
 */
export function holdsAt(condition: Condition, index: QuestionIndex, choice: ArrayLike<number>): boolean {
  for (const key in condition) {
    const value = condition[key];
    if (value === undefined) continue;
    if (key === 'all') {
      for (const part of value as Condition[]) if (!holdsAt(part, index, choice)) return false;
    } else if (key === 'any') {
      let any = false;
      for (const part of value as Condition[]) if ((any = holdsAt(part, index, choice))) break;
      if (!any) return false;
    } else if (key === 'not') {
      if (holdsAt(value as Condition, index, choice)) return false;
    } else {
      const q = index.get(key);
      if (!q) return false;
      const at = choice[q.qi];
      let named = false;
      if (Array.isArray(value)) {
        for (const id of value as string[]) if ((named = q.choices.get(id) === at)) break;
      } else named = q.choices.get(value as string) === at;
      if (!named) return false;
    }
  }
  return true;
}

/** A condition as a truth table over the questions it reads; see `conditionTable`. */
export interface ConditionTable {
  /** The questions read, as positions in the choice-index array, ascending. */
  reads: number[];
  /** How many choices each has. */
  radix: number[];
  /** 1 where the condition holds, at the combination's place (mixed radix, first question most significant). */
  holds: Uint8Array;
}

/**
 * A condition as a truth table, or undefined when the questions it reads have
 * more than `limit` combinations. Most conditions read one to three questions,
 * so their tables have a few dozen entries.
 */
export function conditionTable(condition: Condition, index: QuestionIndex, limit: number): ConditionTable | undefined {
  const read = new Map<number, number>();
  for (const leaf of conditionLeaves(condition)) {
    const q = index.get(leaf.question);
    if (q) read.set(q.qi, q.choices.size);
  }
  const reads = [...read.keys()].sort((a, b) => a - b);
  const radix = reads.map((qi) => read.get(qi)!);
  const combinations = sizeOf(radix);
  // A question with no choices (never in validated rules) has no table either.
  if (!combinations || combinations > limit) return undefined;
  const test = compileCondition(condition, index);
  const holds = new Uint8Array(combinations);
  const choice = new Int32Array(Math.max(-1, ...reads) + 1);
  const digits = new Int32Array(reads.length);
  for (let i = 0; i < combinations; i++) {
    for (let k = 0; k < reads.length; k++) choice[reads[k]!] = digits[k]!;
    holds[i] = test(choice) ? 1 : 0;
    step(digits, radix);
  }
  return { reads, radix, holds };
}

/** The choices a leaf names: one, or a list. */
function choicesOf(value: Condition[string]): string[] {
  return Array.isArray(value) ? (value as string[]) : [value as string];
}
