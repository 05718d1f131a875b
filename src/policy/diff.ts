/**
 * What a change to the rules does (`vmvc rules diff`): the recommendation and
 * notes for every combination of answers under two rules sets, compared, and
 * each group of changes described by the fewest conditions found that cover
 * exactly that group. Pure: rules in, a diff out.
 */
import { decide, decisionCost, outcomeIndex } from '../engine.js';
import type { Answers, Rules } from '../rules/types.js';
import { EXHAUSTIVE_LIMIT, MAX_BITS, SAMPLES, WORK_LIMIT, radixOf, sizeOf, stepsWithin, walkSpace } from '../space.js';


/** A condition on answers as data: question id -> the choices it accepts (questions it does not name are free). */
export type Cube = Record<string, string[]>;

export interface Transition {
  from: string;
  to: string;
  /** Combinations that change this way. */
  count: number;
  /** Conditions whose union is exactly these combinations; absent when the space was sampled. */
  when?: Cube[];
}

export interface NoteChange {
  id: string;
  /** Combinations where the note is shown after the change and was not before. */
  added: number;
  /** Combinations where it was shown before and is not after. */
  removed: number;
}

export interface RulesDiff {
  /** The questions of both sides, with the choices of both. */
  questions: Array<{ id: string; choices: string[] }>;
  combinations: number;
  checked: number;
  exhaustive: boolean;
  changed: number;
  transitions: Transition[];
  notes: NoteChange[];
}

/** The union of both sides' questions and choices, in base order then head's additions. */
function unionQuestions(base: Rules, head: Rules): RulesDiff['questions'] {
  const out: RulesDiff['questions'] = [];
  for (const q of [...base.questions, ...head.questions]) {
    const known = out.find((x) => x.id === q.id);
    if (!known) out.push({ id: q.id, choices: q.choices.map((c) => c.id) });
    else for (const c of q.choices) if (!known.choices.includes(c.id)) known.choices.push(c.id);
  }
  return out;
}

/** How one side reads a combination of the union: a choice it lacks is its question's default there. */
function sideReader(side: Rules, union: RulesDiff['questions']) {
  const position = new Map(union.map((q, i) => [q.id, i]));
  // table[k][d]: this side's choice index for its question k when the union digit is d.
  const table = side.questions.map((q) => {
    const u = union[position.get(q.id)!]!;
    const fallback = q.choices.findIndex((c) => c.id === q.default);
    return u.choices.map((id) => {
      const at = q.choices.findIndex((c) => c.id === id);
      return at < 0 ? fallback : at;
    });
  });
  const at = side.questions.map((q) => position.get(q.id)!);
  const choice = new Int32Array(side.questions.length);
  const answers: Answers = {};
  return {
    outcome(digits: ArrayLike<number>): string {
      for (let k = 0; k < at.length; k++) choice[k] = table[k]![digits[at[k]!]!]!;
      return side.outcomes[outcomeIndex(side, choice)]!.id;
    },
    notes(digits: ArrayLike<number>): string[] {
      side.questions.forEach((q, k) => (answers[q.id] = q.choices[table[k]![digits[at[k]!]!]!]!.id));
      return decide(side, answers, { trace: false }).notes.map((n) => n.id);
    },
  };
}

/**
 * Compares two rules sets over every combination of answers; past
 * EXHAUSTIVE_LIMIT combinations, or WORK_LIMIT rule checks, a seeded sample.
 */
export function diffRules(base: Rules, head: Rules): RulesDiff {
  const questions = unionQuestions(base, head);
  const radix = radixOf(questions);
  const combinations = sizeOf(radix);
  // Each combination is decided twice on each side (outcome, then notes).
  const cost = 2 * (decisionCost(base) + decisionCost(head));
  const exhaustive = combinations <= EXHAUSTIVE_LIMIT && combinations * cost <= WORK_LIMIT;
  const before = sideReader(base, questions);
  const after = sideReader(head, questions);
  const groups = new Map<string, number[][]>();
  const noteChanges = new Map<string, NoteChange>();
  let checked = 0;
  let changed = 0;
  const look = (digits: number[]) => {
    checked++;
    const from = before.outcome(digits);
    const to = after.outcome(digits);
    if (from !== to) {
      changed++;
      const key = `${from}\u0000${to}`;
      const group = groups.get(key) ?? [];
      if (exhaustive) group.push([...digits]);
      else group.push([]);
      groups.set(key, group);
    }
    const was = new Set(before.notes(digits));
    const now = new Set(after.notes(digits));
    for (const id of now) if (!was.has(id)) bump(id, 'added');
    for (const id of was) if (!now.has(id)) bump(id, 'removed');
  };
  const bump = (id: string, how: 'added' | 'removed') => {
    const c = noteChanges.get(id) ?? { id, added: 0, removed: 0 };
    c[how]++;
    noteChanges.set(id, c);
  };
  walkSpace(radix, look, { seed: 0x64696666, limit: exhaustive ? EXHAUSTIVE_LIMIT : 0, samples: stepsWithin(SAMPLES, cost) });
  const transitions: Transition[] = [...groups].map(([key, members]) => {
    const [from, to] = key.split('\u0000') as [string, string];
    // Conditions are bit masks of choices: a question of MAX_BITS choices or more (both sides together) goes undescribed.
    const describable = exhaustive && questions.every((q) => q.choices.length < MAX_BITS);
    return { from, to, count: members.length, ...(describable ? { when: describe(members, questions) } : {}) };
  });
  transitions.sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  return { questions, combinations, checked, exhaustive, changed, transitions, notes: [...noteChanges.values()] };
}

/**
 * Conditions whose union is exactly `members` (combinations as digit vectors).
 * Starting from one condition per combination, conditions that agree on every
 * question but one are merged (the union of their choices on that question),
 * question by question, until none merge; both question orders are tried and
 * the shorter description kept. Exact: a merge never adds a combination.
 */
export function describe(members: readonly number[][], questions: RulesDiff['questions']): Cube[] {
  const run = (order: number[]) => {
    let cubes = members.map((m) => m.map((d) => 1 << d));
    for (let changed = true; changed; ) {
      changed = false;
      for (const d of order) {
        const merged = new Map<string, number[]>();
        for (const cube of cubes) {
          const key = cube.map((mask, i) => (i === d ? '*' : mask)).join(',');
          const known = merged.get(key);
          if (known) known[d] = known[d]! | cube[d]!;
          else merged.set(key, [...cube]);
        }
        if (merged.size < cubes.length) changed = true;
        cubes = [...merged.values()];
      }
    }
    return cubes;
  };
  const forward = questions.map((_, i) => i);
  const a = run(forward);
  const b = run([...forward].reverse());
  const best = b.length < a.length ? b : a;
  return best.map((cube) => {
    const out: Cube = {};
    cube.forEach((mask, i) => {
      const q = questions[i]!;
      if (mask === (1 << q.choices.length) - 1) return;
      out[q.id] = q.choices.filter((_, c) => mask & (1 << c));
    });
    return out;
  });
}

/** A condition in words: `isolation is strong or multi-tenant and delivery is no`; `any answers` for none. */
export function cubeText(cube: Cube, questions: RulesDiff['questions']): string {
  const parts = Object.entries(cube).map(([id, choices]) => {
    const all = questions.find((q) => q.id === id)!.choices;
    const missing = all.filter((c) => !choices.includes(c));
    return choices.length > 1 && missing.length === 1 ? `${id} is not ${missing[0]}` : `${id} is ${choices.join(' or ')}`;
  });
  return parts.length ? parts.join(' and ') : 'any answers';
}

/** Each digit vector's answers, for tests and for listing examples. */
export function answersOf(digits: readonly number[], questions: RulesDiff['questions']): Answers {
  return Object.fromEntries(questions.map((q, i) => [q.id, q.choices[digits[i]!]!]));
}
