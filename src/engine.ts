/**
 * The decision engine: pure functions from (rules, answers) to a Decision.
 * No I/O, no globals; everything it knows is in its return value.
 */
import { MAX_BITS } from './space.js';
import { OUTCOME_KEY, compileCondition, conditionTable, describeCondition, evaluate, holdsAt, type QuestionIndex, type Test } from './rules/conditions.js';
import type { Answers, Condition, Effect, Outcome, Rule, Rules } from './rules/types.js';

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
  /** Comparison rows the fired rules that argue for the chosen outcome lean on. */
  rows: string[];
  /** Comparison rows only the fired rules that argue against it lean on: what the answer gives up. */
  tradeOffRows: string[];
  /** Every rule and outcome with why it did or did not apply; absent when decide was asked not to trace. */
  trace?: { rules: RuleTrace[]; outcomes: OutcomeTrace[] };
}

/** What decide needs from a rules object, prepared once per object. */
interface Compiled {
  questions: Array<{ id: string; choices: Map<string, number> }>;
  /** Per rule, what decide reports when it fires. */
  rules: Array<{
    rule: Rule;
    reason: Reason;
    exclude: string[];
    /** Bit i set: the rule leans on comparison row i. */
    rowMask: number;
    /** The side its `favour` takes, if any. */
    favour?: 'container' | 'vm';
  }>;
  /** Per outcome: whether it is on the container side (gated on a container lead), else the VM side. */
  containerSide: boolean[];
  /** The rules again, as the weighing reads them (see `weigh`). */
  weighing: Weighing;
  /** The notes' conditions (a note may name the outcome: it is read after the answers), and what each says. */
  noteChecks: Checks;
  notes: NoteOut[];
  /** Per outcome (in rules order): its conditional summaries, then its own. */
  summaries: Array<{ variants: Array<{ test: Test; out: SummaryOut }>; fallback: SummaryOut }>;
  rowOrder: string[];
  scratch: Int32Array;
  /** The conditions and the question indexes they are read with, to make their tables later (see `compile`). */
  conditions: { rules: Condition[]; notes: Condition[]; index: QuestionIndex; noteIndex: QuestionIndex };
  /** Calls of `compile` for these rules since it was built. */
  uses: number;
}

/** Per rule, in flat arrays: its condition, whether it requires a VM, the points it gives each side, and the outcomes it excludes (bit i: outcome i). */
interface Weighing {
  checks: Checks;
  requiresVm: Uint8Array;
  containerPoints: Float64Array;
  vmPoints: Float64Array;
  excludes: Int32Array;
}

/** Conditions whose questions have more combinations than this are tested by their compiled function instead of a table. */
const TABLE_LIMIT = 4096;

/**
 * Decisions on one rules object before its conditions become truth tables. A
 * table is built by testing every combination of the questions its condition
 * reads, which pays off only over many decisions (a portfolio, a walk over
 * answers): the built-in notes' tables alone took 4 ms, more than one `vmvc
 * advise` spends deciding. Until then each condition is read as written
 * (`holdsAt`), which builds nothing.
 */
const TABLES_AFTER = 32;

/**
 * Conditions as truth tables in flat arrays, so testing one is a few array
 * reads and no call, the same code for every condition: condition c reads the
 * questions at reads[start[c]] up to reads[start[c + 1]] (radix[] choices each),
 * and its table starts at offset[c] in `holds` (-1: no table, as yet or because it would be too large; tested by tests[c]).
 */
interface Checks {
  start: Int32Array;
  reads: Int32Array;
  radix: Int32Array;
  offset: Int32Array;
  holds: Uint8Array;
  tests: Array<Test | undefined>;
}

/** `conditions` as Checks, with a table for each whose questions have at most `limit` combinations. */
function checksOf(conditions: Condition[], index: QuestionIndex, limit: number): Checks {
  const tables = conditions.map((c) => (limit ? conditionTable(c, index, limit) : undefined));
  const start = new Int32Array(conditions.length + 1);
  const offset = new Int32Array(conditions.length);
  const reads: number[] = [];
  const radix: number[] = [];
  let size = 0;
  tables.forEach((t, c) => {
    if (t) {
      reads.push(...t.reads);
      radix.push(...t.radix);
    }
    start[c + 1] = reads.length;
    offset[c] = t ? size : -1;
    size += t?.holds.length ?? 0;
  });
  const holds = new Uint8Array(size);
  tables.forEach((t, c) => t && holds.set(t.holds, offset[c]));
  // Before the tables, each condition is read as it is written; past the limit, compiled.
  const tests = conditions.map((c, i): Test | undefined => (tables[i] ? undefined : limit ? compileCondition(c, index) : (choice) => holdsAt(c, index, choice)));
  return { start, reads: Int32Array.from(reads), radix: Int32Array.from(radix), offset, holds, tests };
}

/** Whether condition c of `checks` holds for these choice indexes. */
function holds(checks: Checks, c: number, choice: Int32Array): boolean {
  const offset = checks.offset[c]!;
  if (offset < 0) return checks.tests[c]!(choice);
  let at = 0;
  for (let k = checks.start[c]!; k < checks.start[c + 1]!; k++) at = at * checks.radix[k]! + choice[checks.reads[k]!]!;
  return checks.holds[offset + at] === 1;
}

// Memoised per rules object (rules are not to be changed once in use): decide stays a pure function of its arguments.
const compiledRules = new WeakMap<Rules, Compiled>();

/** The rules prepared for deciding: at first each condition is read as written; after TABLES_AFTER calls, by truth tables. */
function compile(rules: Rules): Compiled {
  let c = compiledRules.get(rules);
  if (c) {
    if (++c.uses === TABLES_AFTER) {
      const { rules: ruleConditions, notes, index, noteIndex } = c.conditions;
      c.weighing.checks = checksOf(ruleConditions, index, TABLE_LIMIT);
      c.noteChecks = checksOf(notes, noteIndex, TABLE_LIMIT);
    }
    return c;
  }
  // Choice indexes are bit positions; a question with more than MAX_BITS choices cannot be compiled this way.
  const questions = rules.questions.map((q) => ({ id: q.id, choices: new Map(q.choices.slice(0, MAX_BITS).map((ch, i) => [ch.id, i])) }));
  const index = new Map(questions.map((q, qi) => [q.id, { qi, choices: q.choices }]));
  // Outcome and row positions are bits too; validated rules have at most MAX_BITS of each.
  const outcomeAt = new Map(rules.outcomes.slice(0, MAX_BITS).map((o, i) => [o.id, i]));
  const rowAt = new Map(rules.comparison.slice(0, MAX_BITS).map((r, i) => [r.id, i]));
  const bits = (ids: string[] | undefined, at: Map<string, number>) => (ids ?? []).reduce((mask, id) => (at.has(id) ? mask | (1 << at.get(id)!) : mask), 0);
  // Notes may name the recommendation: it sits after the answers, as one more "question" whose choices are the outcomes.
  const noteIndex = new Map(index).set(OUTCOME_KEY, { qi: questions.length, choices: outcomeAt });
  const points = (side: 'container' | 'vm') => Float64Array.from(rules.rules, (r) => (r.effect.favour === side ? (r.effect.weight ?? 1) : 0));
  const conditions = { rules: rules.rules.map((r) => r.when), notes: rules.notes.map((n) => n.when), index, noteIndex };
  c = {
    questions,
    rules: rules.rules.map((rule) => ({
      rule,
      reason: { rule: rule.id, text: rule.reason, sources: rule.sources, effect: rule.effect },
      exclude: rule.effect.exclude ?? [],
      rowMask: bits(rule.rows, rowAt),
      favour: rule.effect.favour,
    })),
    containerSide: rules.outcomes.map((o) => o['min-margin'] !== undefined && o['min-margin'] >= 0),
    weighing: {
      checks: checksOf(conditions.rules, index, 0),
      requiresVm: Uint8Array.from(rules.rules, (r) => (r.effect.require === 'vm' ? 1 : 0)),
      containerPoints: points('container'),
      vmPoints: points('vm'),
      excludes: Int32Array.from(rules.rules, (r) => bits(r.effect.exclude, outcomeAt)),
    },
    noteChecks: checksOf(conditions.notes, noteIndex, 0),
    notes: rules.notes.map((n) => ({ id: n.id, text: n.text, sources: n.sources })),
    summaries: rules.outcomes.map((o) => ({
      variants: (o.summaries ?? []).map((s) => ({ test: compileCondition(s.when, index), out: { id: s.id, text: s.text, sources: s.sources } })),
      fallback: { text: o.summary, sources: o.sources },
    })),
    rowOrder: rules.comparison.map((r) => r.id),
    scratch: new Int32Array(questions.length + 1),
    conditions,
    uses: 0,
  };
  compiledRules.set(rules, c);
  return c;
}

/** Whether `rules` are decided through truth tables yet (see TABLES_AFTER); for tests. */
export function decidesByTables(rules: Rules): boolean {
  return (compiledRules.get(rules)?.uses ?? 0) >= TABLES_AFTER;
}

/**
 * Weighs the rules for answers given as choice indexes and returns the
 * outcome's position in `rules.outcomes`: fired rules add points, set the VM
 * requirement or exclude outcomes, then the first outcome not excluded whose
 * gate holds wins. The fired rules' positions are added to `fired` when given.
 */
function weigh(rules: Rules, { checks, requiresVm, containerPoints, vmPoints, excludes }: Weighing, choice: Int32Array, fired?: number[]): number {
  let container = 0;
  let vm = 0;
  let requirement = false;
  let excluded = 0;
  for (let r = 0; r < excludes.length; r++) {
    if (!holds(checks, r, choice)) continue;
    fired?.push(r);
    if (requiresVm[r]) requirement = true;
    container += containerPoints[r]!;
    vm += vmPoints[r]!;
    excluded |= excludes[r]!;
  }
  const outcomes = rules.outcomes;
  for (let i = 0; i < outcomes.length; i++) {
    if (!(i < MAX_BITS && (excluded >>> i) & 1) && passesGate(outcomes[i]!, requirement, container - vm)) return i;
  }
  // Unreachable for validated rules (the last outcome has no gate and cannot be excluded).
  throw new Error('decide: no outcome passed its gate; the rules file needs an ungated last outcome');
}

/** The notes that hold for these choice indexes once the outcome at `chosenAt` is known. */
function notesFor(compiled: Compiled, choice: Int32Array, chosenAt: number): NoteOut[] {
  // The answers with the outcome after them, in the scratch buffer (where decide already keeps its answers).
  const withOutcome = compiled.scratch;
  const n = compiled.questions.length;
  if (choice !== withOutcome) for (let i = 0; i < n; i++) withOutcome[i] = choice[i]!;
  withOutcome[n] = chosenAt;
  const notes: NoteOut[] = [];
  for (let i = 0; i < compiled.notes.length; i++) if (holds(compiled.noteChecks, i, withOutcome)) notes.push(compiled.notes[i]!);
  return notes;
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

  // 1 and 2: the weighing.
  const fired: number[] = [];
  const chosenAt = weigh(rules, compiled.weighing, choice, fired);
  const chosen = rules.outcomes[chosenAt]!;
  const reasons: Reason[] = [];
  const requiredBy: string[] = [];
  const scores: Scores = { container: 0, vm: 0, margin: 0 };
  let excludedBy: Map<string, string[]> | undefined;
  // A fired rule argues for the chosen outcome unless it favours the other side; a VM requirement or an
  // exclusion of another outcome is met by the outcome chosen.
  let rowMask = 0;
  let againstMask = 0;
  const containerSide = compiled.containerSide[chosenAt]!;
  for (const r of fired) {
    const { rule, reason, exclude, favour, rowMask: leansOn } = compiled.rules[r]!;
    reasons.push(reason);
    if (compiled.weighing.requiresVm[r]) requiredBy.push(rule.id);
    scores.container += compiled.weighing.containerPoints[r]!;
    scores.vm += compiled.weighing.vmPoints[r]!;
    for (const id of exclude) (excludedBy ??= new Map()).set(id, [...(excludedBy.get(id) ?? []), rule.id]);
    if (favour && (favour === 'container') !== containerSide) againstMask |= leansOn;
    else rowMask |= leansOn;
  }
  scores.margin = scores.container - scores.vm;
  const requirement = requiredBy.length > 0;

  // 3. summary, notes and rows
  const { variants, fallback } = compiled.summaries[chosenAt]!;
  const summary = variants.find((v) => v.test(choice))?.out ?? fallback;
  const notes = notesFor(compiled, choice, chosenAt);
  const rows = rowIds(compiled, rowMask);
  const tradeOffRows = rowIds(compiled, againstMask & ~rowMask);

  const decision: Decision = { outcome: chosen, summary, requirement, requiredBy, scores, reasons, notes, rows, tradeOffRows };
  if (tracing) decision.trace = traceOf(rules, answers, fired, chosenAt, excludedBy, requiredBy, scores);
  return decision;
}

/** The comparison row ids whose bits are set in `mask`, in table order. */
function rowIds(compiled: Compiled, mask: number): string[] {
  const ids: string[] = [];
  for (let i = 0; mask !== 0 && i < compiled.rowOrder.length; i++) if (mask & (1 << i)) ids.push(compiled.rowOrder[i]!);
  return ids;
}

/** Every rule with whether it fired (and if not, the first part of its condition that failed), and every outcome with how it fared. */
function traceOf(
  rules: Rules,
  answers: Answers,
  fired: number[],
  chosenAt: number,
  excludedBy: Map<string, string[]> | undefined,
  requiredBy: string[],
  scores: Scores,
): NonNullable<Decision['trace']> {
  const ruleTrace: RuleTrace[] = rules.rules.map((rule, r) => {
    const condition = describeCondition(rule.when);
    if (fired.includes(r)) return { rule: rule.id, fired: true, condition };
    const result = evaluate(rule.when, answers);
    return { rule: rule.id, fired: false, condition, failed: result.ok ? undefined : result.failed };
  });
  const requirement = requiredBy.length > 0;
  const chosen = rules.outcomes[chosenAt]!;
  const outcomeTrace: OutcomeTrace[] = rules.outcomes.map((outcome, i) => {
    if (i > chosenAt) return { outcome: outcome.id, status: 'not-tried', why: `${chosen.id} was chosen first` };
    if (i === chosenAt) return { outcome: outcome.id, status: 'chosen', why: gateSummary(outcome, scores) };
    const excluders = excludedBy?.get(outcome.id);
    if (excluders) return { outcome: outcome.id, status: 'excluded', why: `excluded by ${excluders.join(', ')}` };
    return { outcome: outcome.id, status: 'gate-failed', why: gateFailure(outcome, requirement, requiredBy, scores)! };
  });
  return { rules: ruleTrace, outcomes: outcomeTrace };
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
/** What one decision costs, in rule checks (every rule and note weighed): the unit of WORK_LIMIT in src/space.ts. */
export function decisionCost(rules: Rules): number {
  return 1 + rules.rules.length + rules.notes.length;
}

export function outcomeIndex(rules: Rules, choice: Int32Array): number {
  return weigh(rules, compile(rules).weighing, choice);
}

/**
 * What a portfolio record needs, for answers given as choice indexes: the
 * outcome's position in `rules.outcomes` and the ids of the fired rules and of
 * the notes that hold. The same decision as `decide`, without its texts.
 */
export function decideIds(rules: Rules, choice: Int32Array): { outcome: number; reasons: string[]; notes: string[] } {
  const compiled = compile(rules);
  const fired: number[] = [];
  const outcome = weigh(rules, compiled.weighing, choice, fired);
  return { outcome, reasons: fired.map((r) => rules.rules[r]!.id), notes: notesFor(compiled, choice, outcome).map((n) => n.id) };
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

/**
 * Which part of an outcome's gate fails for these scores, or undefined when
 * it holds: it needs no VM requirement and one holds, it needs one and none
 * does, or the container lead is short of its min-margin.
 */
export function gateMiss(outcome: Outcome, requirement: boolean, margin: number): 'requirement' | 'no-requirement' | 'margin' | undefined {
  if (outcome.requirement === false && requirement) return 'requirement';
  if (outcome.requirement === true && !requirement) return 'no-requirement';
  const min = outcome['min-margin'];
  return min !== undefined && margin < min ? 'margin' : undefined;
}

function passesGate(outcome: Outcome, requirement: boolean, margin: number): boolean {
  return gateMiss(outcome, requirement, margin) === undefined;
}

function gateFailure(outcome: Outcome, requirement: boolean, requiredBy: string[], scores: Scores): string | undefined {
  switch (gateMiss(outcome, requirement, scores.margin)) {
    case 'requirement':
      return `a VM requirement holds (${requiredBy.join(', ')})`;
    case 'no-requirement':
      return 'no VM requirement holds';
    case 'margin':
      return `container lead ${fmt(scores.margin)} is below the ${fmt(outcome['min-margin']!)} it needs`;
    default:
      return undefined;
  }
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
