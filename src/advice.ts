/** The advice object: what `vmvc advise` reports, in every format. */
import type { ResolvedAnswers } from './answers.js';
import type { Decision } from './engine.js';
import type { Rules } from './rules/types.js';
import { confidenceOf, flips } from './sensitivity.js';

/** Kept equal to advice-schema.ts (which cannot be imported here without loading zod). */
export const ADVICE_SCHEMA_VERSION = 3;

/** The advice for one workload: written out in advice-types.ts, held equal to the zod schema by tests/advice.test.ts. */
export type { Advice } from './advice-types.js';
import type { Advice } from './advice-types.js';

/** Builds the advice from a decision and the answers it was made on; `notAsked` lists questions the wizard skipped. */
export function toAdvice(rules: Rules, resolved: ResolvedAnswers, decision: Decision, explain = false, notAsked: readonly string[] = []): Advice {
  const skipped = new Set(notAsked);
  const open = rules.questions
    .filter((q) => !skipped.has(q.id) && (resolved.unsure.includes(q.id) || resolved.assumed.includes(q.id)))
    .map((q) => ({ question: q.id, origin: resolved.unsure.includes(q.id) ? ('unsure' as const) : ('assumed' as const) }));
  const { confidence, dependsOn, combinations, checked, exhaustive } = confidenceOf(rules, resolved.answers, open, decision.outcome.id);
  const advice: Advice = {
    schemaVersion: ADVICE_SCHEMA_VERSION,
    recommendation: decision.outcome.id,
    headline: decision.outcome.headline,
    summary: decision.summary.text,
    reasons: decision.reasons.map(({ rule, text, sources, effect }) => ({ rule, text, sources, effect })),
    notes: decision.notes,
    answers: resolved.answers,
    answerOrigins: resolved.origin,
    assumed: resolved.assumed.filter((id) => !skipped.has(id)),
    unsure: resolved.unsure,
    notAsked: [...notAsked],
    confidence,
    dependsOn,
    confidenceCheck: { combinations, checked, exhaustive },
    flips: flips(rules, resolved.answers),
    scores: decision.scores,
    vmRequirement: { holds: decision.requirement, rules: decision.requiredBy },
    decidingRows: decision.rows,
    rulesVersion: rules.version,
  };
  if (explain && decision.trace) advice.trace = decision.trace;
  return advice;
}
