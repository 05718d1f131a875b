/**
 * The decision engine: pure functions from (rules, answers) to a Decision.
 * No I/O, no globals; everything it knows is in its return value.
 */
import type { Answers, Condition, Effect, Outcome, Rules } from './rules/types.js';

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
  requirement: boolean;
  requiredBy: string[];
  scores: Scores;
  reasons: Reason[];
  notes: NoteOut[];
  rows: string[];
  trace: { rules: RuleTrace[]; outcomes: OutcomeTrace[] };
}

type Evaluation = { ok: true } | { ok: false; failed: string };

const COMBINATORS = new Set(['all', 'any', 'not']);

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
      const parts = value as Condition[];
      const failures: string[] = [];
      let any = false;
      for (const part of parts) {
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
      if (r.ok) return { ok: false, failed: `not (${describe(value as Condition)})` };
    } else {
      const wanted = Array.isArray(value) ? (value as string[]) : [value as string];
      const actual = answers[key];
      if (actual === undefined || !wanted.includes(actual)) {
        return { ok: false, failed: `${key} is ${wanted.join(' or ')} (answer: ${actual ?? 'none'})` };
      }
    }
  }
  return { ok: true };
}

/** A condition in words, e.g. `workload-os is windows and host-os is linux or macos`. */
export function describe(condition: Condition): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(condition)) {
    if (value === undefined) continue;
    if (key === 'all') parts.push((value as Condition[]).map((c) => `(${describe(c)})`).join(' and '));
    else if (key === 'any') parts.push((value as Condition[]).map((c) => `(${describe(c)})`).join(' or '));
    else if (key === 'not') parts.push(`not (${describe(value as Condition)})`);
    else parts.push(`${key} is ${Array.isArray(value) ? value.join(' or ') : String(value)}`);
  }
  return parts.length ? parts.join(' and ') : 'always';
}

/** The question ids a condition mentions, for cross-reference checks. */
export function conditionLeaves(condition: Condition): Array<{ question: string; choices: string[] }> {
  const out: Array<{ question: string; choices: string[] }> = [];
  for (const [key, value] of Object.entries(condition)) {
    if (value === undefined) continue;
    if (key === 'all' || key === 'any') for (const c of value as Condition[]) out.push(...conditionLeaves(c));
    else if (key === 'not') out.push(...conditionLeaves(value as Condition));
    else out.push({ question: key, choices: Array.isArray(value) ? (value as string[]) : [value as string] });
  }
  return out;
}

export { COMBINATORS };

/**
 * Decides one workload. `answers` must hold a valid choice for every question
 * (see `resolveAnswers` in answers.ts for filling defaults).
 *
 * 1. Evaluate every rule; fired rules add points, set the VM requirement, or exclude outcomes.
 * 2. Try the outcomes in file order; the first that is not excluded and whose gate holds wins.
 * 3. Collect the notes whose conditions hold and the comparison rows the fired rules lean on.
 */
export function decide(rules: Rules, answers: Answers): Decision {
  for (const q of rules.questions) {
    const a = answers[q.id];
    if (a === undefined || !q.choices.some((c) => c.id === a)) {
      throw new TypeError(`decide: answer for "${q.id}" must be one of ${q.choices.map((c) => c.id).join(', ')} (got ${JSON.stringify(a)})`);
    }
  }

  // 1. rules
  const scores: Scores = { container: 0, vm: 0, margin: 0 };
  const reasons: Reason[] = [];
  const ruleTrace: RuleTrace[] = [];
  const requiredBy: string[] = [];
  const excludedBy = new Map<string, string[]>();
  const rows = new Set<string>();
  for (const rule of rules.rules) {
    const result = evaluate(rule.when, answers);
    const condition = describe(rule.when);
    if (!result.ok) {
      ruleTrace.push({ rule: rule.id, fired: false, condition, failed: result.failed });
      continue;
    }
    ruleTrace.push({ rule: rule.id, fired: true, condition });
    reasons.push({ rule: rule.id, text: rule.reason, sources: rule.sources, effect: rule.effect });
    const { require, favour, weight = 1, exclude = [] } = rule.effect;
    if (require === 'vm') requiredBy.push(rule.id);
    if (favour) scores[favour] += weight;
    for (const id of exclude) excludedBy.set(id, [...(excludedBy.get(id) ?? []), rule.id]);
    for (const row of rule.rows ?? []) rows.add(row);
  }
  scores.margin = scores.container - scores.vm;
  const requirement = requiredBy.length > 0;

  // 2. outcomes
  const outcomeTrace: OutcomeTrace[] = [];
  let chosen: Outcome | undefined;
  for (const outcome of rules.outcomes) {
    if (chosen) {
      outcomeTrace.push({ outcome: outcome.id, status: 'not-tried', why: `${chosen.id} was chosen first` });
      continue;
    }
    const gate = gateFailure(outcome, requirement, requiredBy, scores);
    const excluders = excludedBy.get(outcome.id);
    if (excluders) {
      outcomeTrace.push({ outcome: outcome.id, status: 'excluded', why: `excluded by ${excluders.join(', ')}` });
    } else if (gate) {
      outcomeTrace.push({ outcome: outcome.id, status: 'gate-failed', why: gate });
    } else {
      chosen = outcome;
      outcomeTrace.push({ outcome: outcome.id, status: 'chosen', why: gateSummary(outcome, scores) });
    }
  }
  if (!chosen) {
    // Unreachable for validated rules (the last outcome has no gate and cannot be excluded).
    throw new Error('decide: no outcome passed its gate; the rules file needs an ungated last outcome');
  }

  // 3. notes and rows
  const notes = rules.notes
    .filter((n) => evaluate(n.when, answers).ok)
    .map((n) => ({ id: n.id, text: n.text, sources: n.sources }));

  return {
    outcome: chosen,
    requirement,
    requiredBy,
    scores,
    reasons,
    notes,
    rows: rules.comparison.filter((r) => rows.has(r.id)).map((r) => r.id),
    trace: { rules: ruleTrace, outcomes: outcomeTrace },
  };
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
