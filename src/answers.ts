/** Turning flags, prompts and defaults into one complete, checked set of answers. */
import { UsageError, closest } from './errors.js';
import { oneLine } from './sanitize.js';
import { UNSURE, type Answers, type Question, type Rules } from './rules/types.js';

/**
 * Where an answer can come from, highest precedence first: the one order every
 * path applies (one workload, a portfolio's shared answers, the library).
 * Flags, VMVC_* variables, an --answers file, the config file, a scan of the
 * repository (--scan), --detect, the prompt; a question none of them answers
 * takes its default. In portfolio mode a row's own cell stands above them
 * all, for that row.
 */
export const ORIGINS = ['flag', 'env', 'file', 'config', 'scanned', 'detected', 'prompt', 'default'] as const;
export type AnswerOrigin = (typeof ORIGINS)[number];
/** The origins that give answers (all but the default). */
export type GivenOrigin = Exclude<AnswerOrigin, 'default'>;
/** Answers by where they came from; `resolveAnswers` applies ORIGINS' order, whatever order these are written in. */
export type AnswerLayers = Partial<Record<GivenOrigin, Partial<Answers>>>;

export interface ResolvedAnswers {
  /** A choice for every question; an unsure or unanswered one holds its default. */
  answers: Answers;
  origin: Record<string, AnswerOrigin>;
  /** Questions nobody answered, which took the rules file's default. */
  assumed: string[];
  /** Questions answered `unsure`: any choice; the default stands in for the recommendation. */
  unsure: string[];
}

/** The choice that stands in for an unsure answer: the question's declared careful side, else its default. */
export function standInFor(question: Pick<Question, 'default' | 'if-unsure'>): string {
  return question['if-unsure'] ?? question.default;
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

/**
 * Checks `value` against a question's choices (or `unsure`) and returns the
 * choice it names; `label` names where it came from in the error. Values are
 * read the same way wherever they come from: ids in any case, the choices'
 * aliases (`darwin` for `macos`), and `true`/`false` for a yes/no question.
 */
export function checkChoice(question: Question, value: string, label: string): string {
  for (const c of question.choices) if (c.id === value) return value;
  const named = readChoice(question, value);
  if (named !== undefined) return named;
  // Suggest by id or alias, naming the choice (`osz` -> macos, through osx).
  const byWord = new Map(question.choices.flatMap((c) => [c.id, ...(c.aliases ?? [])].map((w) => [w, c.id] as const)));
  const near = closest(value, [...byWord.keys()]);
  const ids = question.choices.map((c) => c.id);
  throw new UsageError(
    `${label} must be one of ${ids.join(', ')} (or ${UNSURE}) (got ${JSON.stringify(value)})${near ? `; did you mean "${byWord.get(near)}"?` : ''}`,
  );
}

/** Cell words that mean "not sure" in an inventory, besides `unsure` (compared as normalised by `cellWord`). */
const NOT_SURE = ['notsure', 'unknown', 'dontknow', '?', 'tbd', 'n/a'];
/** Cell words for yes and no on yes/no questions. */
const YES_NO: Record<string, 'yes' | 'no'> = { y: 'yes', true: 'yes', '1': 'yes', n: 'no', false: 'no', '0': 'no' };

/** A cell or label as compared: lower case, without spaces, `_`, `-` or `'`. */
export const cellWord = (text: string) => text.toLowerCase().replace(/[\s_'\u2019-]+/g, '');

/**
 * The choice (or `unsure`) an inventory cell names, as people write them: an id
 * or alias, the choice's label as the wizard shows it (`Not sure` too), yes/no
 * words on yes/no questions, or text that contains one of the choice's
 * `matches` (`Red Hat Enterprise Linux 8 (64-bit)` -> linux). Text that matches
 * two choices, or none, is an error naming the question and the nearest choice.
 */
export function cellChoice(question: Question, text: string, label: string): string {
  const named = question.choices.find((c) => c.id === text)?.id ?? readChoice(question, text);
  if (named !== undefined) return named;
  const word = cellWord(text);
  if (NOT_SURE.includes(word)) return UNSURE;
  const byLabel = question.choices.find((c) => cellWord(c.label) === word);
  if (byLabel) return byLabel.id;
  const yesNo = question.choices.some((c) => c.id === 'yes') && question.choices.some((c) => c.id === 'no');
  if (yesNo && YES_NO[word]) return YES_NO[word];
  const matched = choicesMatching(question, text);
  if (matched.length === 1) return matched[0]!.id;
  if (matched.length > 1) throw new UsageError(`${label}: ${JSON.stringify(text)} reads as ${matched.map((c) => c.id).join(' and ')}; write one of them`);
  return checkChoice(question, text, label);
}

/** The choices one of whose `matches` the text contains, in any case (`Ubuntu 22.04` -> linux). */
export function choicesMatching(question: Question, text: string): Question['choices'] {
  const lower = text.toLowerCase();
  return question.choices.filter((c) => c.matches?.some((m) => lower.includes(m.toLowerCase())));
}

/** The choice (or `unsure`) a value names other than by its exact id, if any. */
function readChoice(question: Question, value: string): string | undefined {
  const word = value.trim().toLowerCase();
  if (word === UNSURE) return UNSURE;
  for (const c of question.choices) if (c.id === word || c.aliases?.includes(word)) return c.id;
  const yesNo = question.choices.some((c) => c.id === 'yes') && question.choices.some((c) => c.id === 'no');
  if (yesNo && (word === 'true' || word === 'false')) return word === 'true' ? 'yes' : 'no';
  return undefined;
}

/** The answer given for question `id` by precedence (ORIGINS): the first origin that answers it, if any. */
export function givenAnswer(layers: AnswerLayers, id: string): { origin: GivenOrigin; value: string } | undefined {
  for (const origin of ORIGINS) {
    if (origin === 'default') return undefined;
    const value = layers[origin]?.[id];
    if (value !== undefined) return { origin, value };
  }
  return undefined;
}

/**
 * Merges answers by precedence (`givenAnswer`) and fills the rest from
 * defaults, recording where each answer came from.
 */
export function resolveAnswers(rules: Rules, layers: AnswerLayers): ResolvedAnswers {
  const answers: Answers = {};
  const origin: Record<string, AnswerOrigin> = {};
  const assumed: string[] = [];
  const unsure: string[] = [];
  for (const q of rules.questions) {
    const given = givenAnswer(layers, q.id);
    if (given) {
      answers[q.id] = given.value === UNSURE ? standInFor(q) : given.value;
      origin[q.id] = given.origin;
      if (given.value === UNSURE) unsure.push(q.id);
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

/** VMVC_* variables vmvc reads besides the questions' own. */
export const OTHER_VARIABLES = ['VMVC_RULES', 'VMVC_CONFIG', 'VMVC_DETECT_ROOT'];

/** A warning for each VMVC_* variable vmvc does not read (a typo would otherwise be ignored), naming the nearest real one. */
export function unknownVariables(rules: Rules, env: Readonly<Record<string, string | undefined>>): string[] {
  const known = [...rules.questions.map(envOf), ...OTHER_VARIABLES];
  const warnings: string[] = [];
  for (const name of Object.keys(env)) {
    if (!name.startsWith('VMVC_') || known.includes(name)) continue;
    const near = closest(name, known);
    warnings.push(`vmvc: warning: ${oneLine(name)} is not a variable vmvc reads${near ? `; did you mean ${near}?` : `; see vmvc questions for the ones it does`}`);
  }
  return warnings;
}

/** Answers from VMVC_* environment variables; empty values count as unset. */
export function answersFromEnv(rules: Rules, env: Readonly<Record<string, string | undefined>>): Partial<Answers> {
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
    if (raw === undefined) {
      throw new UsageError(`${label}: ${key} is undefined; give one of ${q.choices.map((c) => c.id).join(', ')} (or ${UNSURE}), or leave it out`);
    }
    out[key] = checkChoice(q, choiceText(raw), `${label}: ${key}`);
  }
  return out;
}

/** The answer a question was given, as a flag would give it: `unsure` for an unsure answer. */
export function givenValue(resolved: ResolvedAnswers, id: string): string {
  return resolved.unsure.includes(id) ? UNSURE : resolved.answers[id]!;
}

/** `s` as one shell word: bare when it is plainly safe, else in single quotes. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command that gives the same advice without questions: every answer as a
 * flag (or the answers file they were saved to), after the --rules files in effect. Returned as its parts (a flag with
 * its value is one part), so it can be broken across lines between them.
 */
export function reproduceCommand(
  rules: Rules,
  resolved: ResolvedAnswers,
  opts: { invokedAs: string; rulesPaths: readonly string[]; format?: string; noConfig?: boolean; answersFile?: string },
): string[] {
  // Self-contained: a config file's overlays are named as --rules, and the file itself is then ignored.
  const parts = [opts.invokedAs, ...(opts.noConfig ? ['--no-config'] : []), ...opts.rulesPaths.map((p) => `--rules ${shellWord(p)}`), 'advise', '--no-input'];
  // The answers saved by --save-answers hold every answer (the assumed ones still assumed).
  if (opts.answersFile !== undefined) parts.push(`--answers ${shellWord(opts.answersFile)}`);
  else for (const q of rules.questions) parts.push(`${flagOf(q)} ${shellWord(givenValue(resolved, q.id))}`);
  if (opts.format) parts.push(`--format ${opts.format}`);
  return parts;
}

/** A command's parts as shell lines no wider than `width`, continued with a backslash. */
export function commandLines(parts: readonly string[], width: number, indent = '  '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const part of parts) {
    if (line && indent.length + line.length + 1 + part.length + 2 > width) {
      lines.push(`${line} \\`);
      line = `  ${part}`;
    } else line = line ? `${line} ${part}` : part;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l);
}
