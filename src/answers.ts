/** Turning flags, prompts and defaults into one complete, checked set of answers. */
import { UsageError, closest } from './errors.js';
import { UNSURE, type Answers, type Question, type Rules } from './rules/types.js';

/** Where an answer came from, highest precedence first. */
export type AnswerOrigin = 'flag' | 'env' | 'file' | 'prompt' | 'detected' | 'default';

export interface ResolvedAnswers {
  /** A choice for every question; an unsure or unanswered one holds its default. */
  answers: Answers;
  origin: Record<string, AnswerOrigin>;
  /** Questions nobody answered, which took the rules file's default. */
  assumed: string[];
  /** Questions answered `unsure`: any choice; the default stands in for the recommendation. */
  unsure: string[];
}

/** The flag a question becomes: `--host-os`. */
export function flagOf(question: Pick<Question, 'id'>): string {
  return `--${question.id}`;
}

/** The key a question's flag is stored under once parsed: `--host-os` -> `hostOs`. */
export function attributeOf(question: Pick<Question, 'id'>): string {
  return question.id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The environment variable a question reads: `VMVC_HOST_OS`. */
export function envOf(question: Pick<Question, 'id'>): string {
  return `VMVC_${question.id.toUpperCase().replace(/-/g, '_')}`;
}

/** A question as a user meets it: its flag, its environment variable, and what it asks. */
export interface QuestionEntry {
  id: string;
  flag: string;
  env: string;
  prompt: string;
  help: string;
  choices: Question['choices'];
  default: string;
  /** Every value the flag, variable or a file accepts: the choices, then `unsure`. */
  accepts: string[];
  sources: string[];
}

/** Every question of the rules with its flag and variable, for `vmvc questions` in any format. */
export function questionEntries(rules: Rules): QuestionEntry[] {
  return rules.questions.map((q) => ({
    id: q.id,
    flag: flagOf(q),
    env: envOf(q),
    prompt: q.prompt,
    help: q.help,
    choices: q.choices,
    default: q.default,
    accepts: [...q.choices.map((c) => c.id), UNSURE],
    sources: q.sources,
  }));
}

/**
 * Returns `value` if it is one of `allowed` (or of `also`, values accepted but
 * named apart); otherwise a UsageError naming `label`, the allowed values and a close one.
 */
export function checkOneOf(value: string, allowed: readonly string[], label: string, also: readonly string[] = []): string {
  if (allowed.includes(value) || also.includes(value)) return value;
  const hint = closest(value, [...allowed, ...also]);
  const extra = also.length ? ` (or ${also.join(', ')})` : '';
  throw new UsageError(
    `${label} must be one of ${allowed.join(', ')}${extra} (got ${JSON.stringify(value)})${hint ? `; did you mean "${hint}"?` : ''}`,
  );
}

/** Checks `value` against a question's choices (or `unsure`); `label` names where it came from in the error. */
export function checkChoice(question: Question, value: string, label: string): string {
  for (const c of question.choices) if (c.id === value) return value;
  return checkOneOf(value, question.choices.map((c) => c.id), label, [UNSURE]);
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
  const unsure: string[] = [];
  for (const q of rules.questions) {
    const layer = layers.find((l) => l.answers[q.id] !== undefined);
    if (layer) {
      const given = layer.answers[q.id]!;
      answers[q.id] = given === UNSURE ? q.default : given;
      origin[q.id] = layer.origin;
      if (given === UNSURE) unsure.push(q.id);
    } else {
      answers[q.id] = q.default;
      origin[q.id] = 'default';
      assumed.push(q.id);
    }
  }
  return { answers, origin, assumed, unsure };
}

/**
 * The --no-defaults check, the same for one workload and for every portfolio
 * row: with defaults refused, any assumed answer is a usage error naming them.
 */
export function requireAnswered(assumed: readonly string[], defaults: boolean, where = 'flags, VMVC_* variables or in --answers'): void {
  if (defaults || !assumed.length) return;
  throw new UsageError(`--no-defaults: no answer for ${assumed.map((id) => flagOf({ id })).join(', ')}; give them as ${where}`);
}

/** A value from a YAML/JSON file or row as the text of a choice: booleans read as yes/no. */
export function choiceText(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'boolean') return raw ? 'yes' : 'no';
  if (typeof raw === 'number') return String(raw);
  return JSON.stringify(raw);
}

/** Answers from VMVC_* environment variables; empty values count as unset. */
export function answersFromEnv(rules: Rules, env: NodeJS.ProcessEnv): Partial<Answers> {
  const out: Partial<Answers> = {};
  for (const q of rules.questions) {
    const value = env[envOf(q)];
    if (value !== undefined && value !== '') out[q.id] = checkChoice(q, value, envOf(q));
  }
  return out;
}

/**
 * Answers from a parsed answers file: a map of question id -> choice.
 * YAML booleans are read as yes/no for questions that offer those choices.
 */
export function answersFromData(rules: Rules, data: unknown, label: string): Partial<Answers> {
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new UsageError(`${label}: expected a map of question id to choice, e.g. "host-os: linux"`);
  }
  const questions = new Map(rules.questions.map((q) => [q.id, q]));
  const out: Partial<Answers> = {};
  for (const [key, raw] of Object.entries(data as Record<string, unknown>)) {
    const q = questions.get(key);
    if (!q) {
      const hint = closest(key, [...questions.keys()]);
      throw new UsageError(
        `${label}: unknown question "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}; questions are ${[...questions.keys()].join(', ')}`,
      );
    }
    out[key] = checkChoice(q, choiceText(raw), `${label}: ${key}`);
  }
  return out;
}
