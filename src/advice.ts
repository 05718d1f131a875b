/** The advice object: what `vmvc advise` reports, in every format. */
import type { ResolvedAnswers } from './answers.js';
import type { Decision } from './engine.js';
import type { Rules } from './rules/types.js';
import { confidenceOf, flips, holdsForAll } from './sensitivity.js';
import { conditionLeaves } from './rules/conditions.js';

/** Kept equal to advice-schema.ts (which cannot be imported here without loading zod). */
export const ADVICE_SCHEMA_VERSION = 5;

/** The advice for one workload: written out in advice-types.ts, held equal to the zod schema by tests/advice.test.ts. */
export type { Advice, BuiltinOutcome } from './advice-types.js';
import type { Advice } from './advice-types.js';

/** Builds the advice from a decision and the answers it was made on; `notAsked` lists questions the wizard skipped. */
export function toAdvice(rules: Rules, resolved: ResolvedAnswers, decision: Decision, explain = false, notAsked: readonly string[] = []): Advice {
  const skipped = new Set(notAsked);
  const open = rules.questions
    .filter((q) => !skipped.has(q.id) && (resolved.unsure.includes(q.id) || resolved.assumed.includes(q.id)))
    .map((q) => ({ question: q.id, origin: resolved.unsure.includes(q.id) ? ('unsure' as const) : ('assumed' as const) }));
  const { confidence, dependsOn, combinations, checked, exhaustive } = confidenceOf(rules, resolved.answers, open, decision.outcome.id);
  // Answers nobody gave: a reason that reads one rests on an assumption, and says so.
  const unanswered = new Set([...resolved.assumed, ...notAsked]);
  const ruleOf = new Map(rules.rules.map((r) => [r.id, r]));
  const questions = new Map(rules.questions.map((q) => [q.id, q]));
  const advice: Advice = {
    schemaVersion: ADVICE_SCHEMA_VERSION,
    recommendation: decision.outcome.id,
    headline: decision.outcome.headline,
    summary: firmSummary(rules, resolved, decision),
    reasons: decision.reasons.map(({ rule, text, sources, effect }) => {
      const reads = [...new Set(conditionLeaves(ruleOf.get(rule)!.when).map((l) => l.question))];
      const assumed = rules.questions.map((q) => q.id).filter((id) => reads.includes(id) && unanswered.has(id));
      return assumed.length ? { rule, text, sources, effect, assumed } : { rule, text, sources, effect };
    }),
    notes: decision.notes,
    answers: resolved.answers,
    answerOrigins: resolved.origin,
    assumed: resolved.assumed.filter((id) => !skipped.has(id)),
    unsure: resolved.unsure,
    standIns: resolved.unsure.map((id) => {
      const q = questions.get(id)!;
      return { question: id, choice: resolved.answers[id]!, why: q['if-unsure'] !== undefined ? ('careful' as const) : ('default' as const) };
    }),
    notAsked: [...notAsked],
    confidence,
    dependsOn,
    confidenceCheck: { combinations, checked, exhaustive },
    flips: flips(rules, resolved.answers, resolved.unsure),
    scores: decision.scores,
    vmRequirement: { holds: decision.requirement, rules: decision.requiredBy },
    decidingRows: decision.rows,
    tradeOffRows: decision.tradeOffRows,
    rulesVersion: rules.version,
  };
  if (explain && decision.trace) advice.trace = decision.trace;
  return advice;
}

/**
 * The summary to show: the outcome's summary that holds for the answers used,
 * unless it would change with an unsure answer (while the recommendation does
 * not); then the outcome's own summary, which claims nothing about them.
 */
function firmSummary(rules: Rules, resolved: ResolvedAnswers, decision: Decision): string {
  const { id } = decision.summary;
  if (id === undefined || !resolved.unsure.length) return decision.summary.text;
  const chosen = decision.outcome.id;
  const steady = holdsForAll(rules, resolved.answers, resolved.unsure, (outcome, summary) => outcome !== chosen || summary === id);
  return steady ? decision.summary.text : decision.outcome.summary;
}
