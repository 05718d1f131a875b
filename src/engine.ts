/**
 * The decision engine: pure functions from (rules, answers) to a Decision.
 * No I/O, no globals; everything it knows is in its return value.
 */
import { OUTCOME_KEY, compileCondition, describeCondition, evaluate, type Test } from './rules/conditions.js';
import type { Answers, Effect, Outcome, Rule, Rules } from './rules/types.js';

/** A fired rule, as shown to the user. */
export interface Reason {
  rule: string;
  text: string;
  sources: string[];
  effect: Effect;
}

export interface NoteOut {
  id: string;
  text: string;
  sources: string[];
}

/** How the chosen outcome is summed up for these answers; `id` names the variant (absent for the outcome's own summary). */
export interface SummaryOut {
  id?: string;
  text: string;
  sources: string[];
}

/** Whether one rule fired, and if not, the first part of its condition that failed. */
export interface RuleTrace {
  rule: string;
  fired: boolean;
  condition: string;
  failed?: string;
}

/** How each possible outcome fared, in the order they were tried. */
export interface OutcomeTrace {
  outcome: string;
  status: 'chosen' | 'excluded' | 'gate-failed' | 'not-tried';
  why: string;
}

/** Points on each side of the weighing; margin = container - vm. */
export interface Scores {
  container: number;
  vm: number;
  margin: number;
}

/** Everything the engine concluded. */
export interface Decision {
  outcome: Outcome;
  /** The outcome's summary that holds for these answers. */
  summary: SummaryOut;
  requirement: boolean;
  requiredBy: string[];
  scores: Scores;
  reasons: Reason[];
  notes: NoteOut[];
  rows: string[];
  /** Every rule and outcome with why it did or did not apply; absent when decide was asked not to trace. */
  trace?: { rules: RuleTrace[]; outcomes: OutcomeTrace[] };
}

/** Stands in for trace arrays when not tracing; never written to. */
const NO_TRACE: never[] = [];

/** What decide needs from a rules object, prepared once per object. */
interface Compiled {
  questions: Array<{ id: string; choices: Map<string, number> }>;
  rules: Array<{
    rule: Rule;
    test: Test;
    reason: Reason;
    requiresVm: boolean;
    favour?: 'container' | 'vm';
    weight: number;
    exclude: string[];
    /** Bit i set: the rule leans on comparison row i. */
    rowMask: number;
  }>;
  notes: Array<{ test: Test; out: NoteOut }>;
  /** Per outcome (in rules order): its conditional summaries, then its own. */
  summaries: Array<{ variants: Array<{ test: Test; out: SummaryOut }>; fallback: SummaryOut }>;
  rowOrder: string[];
  scratch: Int32Array;
}

// Memoised per rules object (rules are not to be changed once in use): decide stays a pure function of its arguments.
const compiledRules = new WeakMap<Rules, Compiled>();

function compile(rules: Rules): Compiled {
  let c = compiledRules.get(rules);
  if (c) return c;
  // Choice indexes are bit positions; a question with more than 31 choices cannot be compiled this way.
  const questions = rules.questions.map((q) => ({ id: q.id, choices: new Map(q.choices.slice(0, 31).map((ch, i) => [ch.id, i])) }));
  const index = new Map(questions.map((q, qi) => [q.id, { qi, choices: q.choices }]));
  // Notes may name the recommendation: it sits after the answers, as one more "question" whose choices are the outcomes.
  const noteIndex = new Map(index).set(OUTCOME_KEY, { qi: questions.length, choices: new Map(rules.outcomes.slice(0, 31).map((o, i) => [o.id, i])) });
  // Row positions are bits too; rows past the 31st are not marked (validated rules have far fewer).
  const rowIndex = new Map(rules.comparison.slice(0, 31).map((r, i) => [r.id, i]));
  c = {
    questions,
    rules: rules.rules.map((rule) => ({
      rule,
      test: compileCondition(rule.when, index),
      reason: { rule: rule.id, text: rule.reason, sources: rule.sources, effect: rule.effect },
      requiresVm: rule.effect.require === 'vm',
      favour: rule.effect.favour,
      weight: rule.effect.weight ?? 1,
      exclude: rule.effect.exclude ?? [],
      rowMask: (rule.rows ?? []).reduce((mask, id) => {
        const at = rowIndex.get(id);
        return at === undefined ? mask : mask | (1 << at);
      }, 0),
    })),
    notes: rules.notes.map((n) => ({ test: compileCondition(n.when, noteIndex), out: { id: n.id, text: n.text, sources: n.sources } })),
    summaries: rules.outcomes.map((o) => ({
      variants: (o.summaries ?? []).map((s) => ({ test: compileCondition(s.when, index), out: { id: s.id, text: s.text, sources: s.sources } })),
      fallback: { text: o.summary, sources: o.sources },
    })),
    rowOrder: rules.comparison.map((r) => r.id),
    scratch: new Int32Array(questions.length + 1),
  };
  compiledRules.set(rules, c);
  return c;
}

/**
 * Decides one workload. `answers` must hold a valid choice for every question
 * (see `resolveAnswers` in answers.ts for filling defaults).
 *
 * 1. Evaluate every rule; fired rules add points, set the VM requirement, or exclude outcomes.
 * 2. Try the outcomes in file order; the first that is not excluded and whose gate holds wins.
 * 3. Pick the chosen outcome's summary for these answers, collect the notes whose conditions
 *    hold (a note may name the outcome it fits), and the comparison rows the fired rules lean on.
 */
export function decide(rules: Rules, answers: Answers, options: { trace?: boolean } = {}): Decision {
  const tracing = options.trace !== false;
  const compiled = compile(rules);
  // A scratch buffer owned by the compiled rules: decide is synchronous, so no two calls share it at once.
  const choice = fillChoices(compiled, answers, compiled.scratch);

  // 1. rules
  let containerPoints = 0;
  let vmPoints = 0;
  const reasons: Reason[] = [];
  const ruleTrace: RuleTrace[] = tracing ? [] : NO_TRACE;
  const requiredBy: string[] = [];
  let excludedBy: Map<string, string[]> | undefined;
  let rowMask = 0;
  for (const c of compiled.rules) {
    const rule = c.rule;
    if (tracing) {
      const result = evaluate(rule.when, answers);
      const condition = describeCondition(rule.when);
      if (!result.ok) {
        ruleTrace.push({ rule: rule.id, fired: false, condition, failed: result.failed });
        continue;
      }
      ruleTrace.push({ rule: rule.id, fired: true, condition });
    } else if (!c.test(choice)) {
      continue;
    }
    reasons.push(c.reason);
    if (c.requiresVm) requiredBy.push(rule.id);
    if (c.favour === 'container') containerPoints += c.weight;
    else if (c.favour === 'vm') vmPoints += c.weight;
    for (const id of c.exclude) (excludedBy ??= new Map()).set(id, [...(excludedBy.get(id) ?? []), rule.id]);
    rowMask |= c.rowMask;
  }
  const scores: Scores = { container: containerPoints, vm: vmPoints, margin: containerPoints - vmPoints };
  const requirement = requiredBy.length > 0;

  // 2. outcomes
  const outcomeTrace: OutcomeTrace[] = tracing ? [] : NO_TRACE;
  let chosen: Outcome | undefined;
  let chosenAt = -1;
  for (const outcome of rules.outcomes) {
    if (!tracing) {
      chosenAt++;
      if (!excludedBy?.has(outcome.id) && passesGate(outcome, requirement, scores.margin)) {
        chosen = outcome;
        break;
      }
      continue;
    }
    if (chosen) {
      outcomeTrace.push({ outcome: outcome.id, status: 'not-tried', why: `${chosen.id} was chosen first` });
      continue;
    }
    const gate = gateFailure(outcome, requirement, requiredBy, scores);
    const excluders = excludedBy?.get(outcome.id);
    if (excluders) {
      outcomeTrace.push({ outcome: outcome.id, status: 'excluded', why: `excluded by ${excluders.join(', ')}` });
    } else if (gate) {
      outcomeTrace.push({ outcome: outcome.id, status: 'gate-failed', why: gate });
    } else {
      chosen = outcome;
      chosenAt = rules.outcomes.indexOf(outcome);
      outcomeTrace.push({ outcome: outcome.id, status: 'chosen', why: gateSummary(outcome, scores) });
    }
  }
  if (!chosen) {
    // Unreachable for validated rules (the last outcome has no gate and cannot be excluded).
    throw new Error('decide: no outcome passed its gate; the rules file needs an ungated last outcome');
  }

  // 3. summary, notes and rows
  const { variants, fallback } = compiled.summaries[chosenAt]!;
  const summary = variants.find((v) => v.test(choice))?.out ?? fallback;
  choice[compiled.questions.length] = chosenAt;
  const notes: NoteOut[] = [];
  for (const n of compiled.notes) if (n.test(choice)) notes.push(n.out);
  const rows: string[] = [];
  for (let i = 0; rowMask !== 0 && i < compiled.rowOrder.length; i++) if (rowMask & (1 << i)) rows.push(compiled.rowOrder[i]!);

  const decision: Decision = { outcome: chosen, summary, requirement, requiredBy, scores, reasons, notes, rows };
  if (tracing) decision.trace = { rules: ruleTrace, outcomes: outcomeTrace };
  return decision;
}

/** What an outcome's gate weighs, for showing it: the container lead against the lead it needs, or one side's points. */
export interface Gauge {
  measure: 'lead' | 'container' | 'vm';
  value: number;
  /** The lead the gate needs, for `lead`. */
  needs?: number;
}

/**
 * The gauge of an outcome: a VM-requiring outcome with a minimum lead is
 * measured by the container lead; one that rules a VM requirement out, by
 * container points; any other (the fallback), by VM points.
 */
export function gaugeOf(outcome: Outcome, scores: Scores): Gauge {
  const min = outcome['min-margin'];
  if (outcome.requirement === true && min !== undefined) return { measure: 'lead', value: scores.margin, needs: min };
  if (outcome.requirement === false) return { measure: 'container', value: scores.container };
  return { measure: 'vm', value: scores.vm };
}

/**
 * Only the outcome, as its position in `rules.outcomes`, for answers given as
 * choice indexes (one per question, in question order). The same decision as
 * `decide`, without building reasons, notes or a trace: for walking many
 * combinations of answers (src/sensitivity.ts).
 */
export function outcomeIndex(rules: Rules, choice: Int32Array): number {
  const compiled = compile(rules);
  let container = 0;
  let vm = 0;
  let requirement = false;
  let excluded: Set<string> | undefined;
  for (const c of compiled.rules) {
    if (!c.test(choice)) continue;
    if (c.requiresVm) requirement = true;
    if (c.favour === 'container') container += c.weight;
    else if (c.favour === 'vm') vm += c.weight;
    for (const id of c.exclude) (excluded ??= new Set()).add(id);
  }
  const outcomes = rules.outcomes;
  for (let i = 0; i < outcomes.length; i++) {
    if (!excluded?.has(outcomes[i]!.id) && passesGate(outcomes[i]!, requirement, container - vm)) return i;
  }
  throw new Error('decide: no outcome passed its gate; the rules file needs an ungated last outcome');
}

/** The choice index of each answer, in question order, for `outcomeIndex`. */
export function choiceIndexes(rules: Rules, answers: Answers): Int32Array {
  return fillChoices(compile(rules), answers, new Int32Array(rules.questions.length));
}

/** Writes each answer's choice index into `into` (question order); an answer that is not a choice is a TypeError. */
function fillChoices(compiled: Compiled, answers: Answers, into: Int32Array): Int32Array {
  for (let i = 0; i < compiled.questions.length; i++) {
    const q = compiled.questions[i]!;
    const at = q.choices.get(answers[q.id]!);
    if (at === undefined) {
      throw new TypeError(`decide: answer for "${q.id}" must be one of ${[...q.choices.keys()].join(', ')} (got ${JSON.stringify(answers[q.id])})`);
    }
    into[i] = at;
  }
  return into;
}

function passesGate(outcome: Outcome, requirement: boolean, margin: number): boolean {
  if (outcome.requirement !== undefined && outcome.requirement !== requirement) return false;
  const min = outcome['min-margin'];
  return min === undefined || margin >= min;
}

function gateFailure(outcome: Outcome, requirement: boolean, requiredBy: string[], scores: Scores): string | undefined {
  if (outcome.requirement === false && requirement) return `a VM requirement holds (${requiredBy.join(', ')})`;
  if (outcome.requirement === true && !requirement) return 'no VM requirement holds';
  const min = outcome['min-margin'];
  if (min !== undefined && scores.margin < min) {
    return `container lead ${fmt(scores.margin)} is below the ${fmt(min)} it needs`;
  }
  return undefined;
}

function gateSummary(outcome: Outcome, scores: Scores): string {
  const min = outcome['min-margin'];
  const parts: string[] = [];
  if (outcome.requirement === true) parts.push('a VM requirement holds');
  if (outcome.requirement === false) parts.push('no VM requirement holds');
  if (min !== undefined) parts.push(`container lead ${fmt(scores.margin)} reaches ${fmt(min)}`);
  return parts.length ? parts.join(' and ') : 'the fallback when nothing before it applies';
}

function fmt(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
