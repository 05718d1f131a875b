/** Turning flags, prompts and defaults into one complete, checked set of answers. */
import { UsageError, closest } from './errors.js';
import type { Answers, Question, Rules } from './rules/types.js';

/** Where an answer came from, highest precedence first. */
export type AnswerOrigin = 'flag' | 'env' | 'file' | 'prompt' | 'default';

export interface ResolvedAnswers {
  answers: Answers;
  origin: Record<string, AnswerOrigin>;
  /** Questions nobody answered, which took the rules file's default. */
  assumed: string[];
}

/** The flag a question becomes: `--host-os`. */
export function flagOf(question: Pick<Question, 'id'>): string {
  return `--${question.id}`;
}

/** The environment variable a question reads: `VMVC_HOST_OS`. */
export function envOf(question: Pick<Question, 'id'>): string {
  return `VMVC_${question.id.toUpperCase().replace(/-/g, '_')}`;
}

/** Checks `value` against a question's choices; `label` names where it came from in the error. */
export function checkChoice(question: Question, value: string, label: string): string {
  const ids = question.choices.map((c) => c.id);
  if (ids.includes(value)) return value;
  const hint = closest(value, ids);
  throw new UsageError(
    `${label} must be one of ${ids.join(', ')} (got ${JSON.stringify(value)})${hint ? `; did you mean "${hint}"?` : ''}`,
  );
}

/**
 * Merges answers in precedence order (the first layer that answers a question wins)
 * and fills the rest from defaults, recording where each answer came from.
 */
export function resolveAnswers(
  rules: Rules,
  layers: Array<{ origin: AnswerOrigin; answers: Partial<Answers> }>,
): ResolvedAnswers {
  const answers: Answers = {};
  const origin: Record<string, AnswerOrigin> = {};
  const assumed: string[] = [];
  for (const q of rules.questions) {
    const layer = layers.find((l) => l.answers[q.id] !== undefined);
    if (layer) {
      answers[q.id] = layer.answers[q.id]!;
      origin[q.id] = layer.origin;
    } else {
      answers[q.id] = q.default;
      origin[q.id] = 'default';
      assumed.push(q.id);
    }
  }
  return { answers, origin, assumed };
}
