/** The advice object: what `vmvc advise` reports, in every format. */
import type { AnswerOrigin, ResolvedAnswers } from './answers.js';
import type { Decision, OutcomeTrace, RuleTrace, Scores } from './engine.js';
import type { Answers, Effect, Rules } from './rules/types.js';

/** Bumped whenever the JSON shape of Advice changes. */
export const ADVICE_SCHEMA_VERSION = 1;

export interface Advice {
  schemaVersion: number;
  recommendation: string;
  headline: string;
  summary: string;
  reasons: Array<{ rule: string; text: string; sources: string[]; effect: Effect }>;
  notes: Array<{ id: string; text: string; sources: string[] }>;
  answers: Answers;
  answerOrigins: Record<string, AnswerOrigin>;
  assumed: string[];
  scores: Scores;
  vmRequirement: { holds: boolean; rules: string[] };
  decidingRows: string[];
  rulesVersion: number;
  trace?: { rules: RuleTrace[]; outcomes: OutcomeTrace[] };
}

/** Builds the advice from a decision and the answers it was made on. */
export function toAdvice(rules: Rules, resolved: ResolvedAnswers, decision: Decision, explain = false): Advice {
  const advice: Advice = {
    schemaVersion: ADVICE_SCHEMA_VERSION,
    recommendation: decision.outcome.id,
    headline: decision.outcome.headline,
    summary: decision.outcome.summary,
    reasons: decision.reasons.map(({ rule, text, sources, effect }) => ({ rule, text, sources, effect })),
    notes: decision.notes,
    answers: resolved.answers,
    answerOrigins: resolved.origin,
    assumed: resolved.assumed,
    scores: decision.scores,
    vmRequirement: { holds: decision.requirement, rules: decision.requiredBy },
    decidingRows: decision.rows,
    rulesVersion: rules.version,
  };
  if (explain) advice.trace = decision.trace;
  return advice;
}
