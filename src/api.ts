/**
 * The high-level library entry: `advise(answers, options?)` returns the same
 * advice object `vmvc advise --format json` prints, with defaults applied and
 * bad input refused, without any process I/O.
 */
import { toAdvice, type Advice, type BuiltinOutcome } from './advice.js';
import { answersFromData, requireAnswered, resolveAnswers } from './answers.js';
import { UsageError } from './errors.js';
import { checkRules } from './rules/schema.js';
import { formatPath } from './rules/problem.js';
import { decide as decideChecked, type Decision } from './engine.js';
import { effectiveRules } from './rules/builtin.js';
import type { Rules } from './rules/types.js';
import { formatsFor, type FormatFor } from './format/names.js';

export interface AdviseOptions {
  /**
   * Rules files or overlays to apply to the built-in rules, in order (as
   * `--rules`), or a rules object already loaded (`loadRulesFile`). Default:
   * the built-in rules.
   */
  rules?: readonly string[] | Rules;
  /** Refuse to assume a default: any question left unanswered throws, as `--no-defaults`. Default true (defaults apply). */
  defaults?: boolean;
  /** Include the decision trace (every rule, and each outcome's fate), as `--explain`. */
  explain?: boolean;
  /** The workload's name, kept in the advice as `title`. */
  title?: string;
}

/** A partial answer map: question id -> choice id (`true`/`false` stand for yes/no; `"unsure"` for any choice). */
export type AnswerInput = Readonly<Record<string, string | boolean>>;

/**
 * Advice for one workload. Unanswered questions take their default and are
 * listed in `assumed`. An unknown question or choice, or (with
 * `defaults: false`) an unanswered question, throws a `UsageError` naming it.
 *
 * @example
 * const advice = await advise({ 'workload-os': 'windows', delivery: true });
 * advice.recommendation; // 'containers-in-vm'
 */
export async function advise(answers: AnswerInput, options?: AdviseOptions & { rules?: undefined }): Promise<Advice<BuiltinOutcome>>;
export async function advise(answers: AnswerInput, options?: AdviseOptions): Promise<Advice>;
export async function advise(answers: AnswerInput, options: AdviseOptions = {}): Promise<Advice> {
  checkOptions('advise()', options, { rules: 'rules', defaults: 'boolean', explain: 'boolean', title: 'string' });
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    throw new UsageError(`advise(): answers must be an object mapping question ids to choices, e.g. { 'host-os': 'linux' } (got ${kindOf(answers)})`);
  }
  const rules = await rulesFrom('advise()', options.rules);
  const given = answersFromData(rules, answers, 'advise() answers');
  const resolved = resolveAnswers(rules, { flag: given });
  requireAnswered(resolved.assumed, options.defaults !== false, 'answers');
  const advice = toAdvice(rules, resolved, decideChecked(rules, resolved.answers, { trace: options.explain === true }), true);
  if (options.title !== undefined) advice.title = options.title;
  if (!options.explain) delete advice.trace;
  // The same plain data the JSON output holds: no shared references into the rules.
  return structuredClone(advice);
}

/** What a value is, in words, for an error about it. */
function kindOf(value: unknown): string {
  if (value === null || value === undefined || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 60))}`;
  if (typeof value === 'number') return `the number ${value}`;
  return typeof value === 'function' ? 'a function' : 'an object';
}

type OptionKind = 'boolean' | 'string' | 'rules' | 'width';

/** Checks a library call's options: an object, each known key of its kind; an unknown key is named with the known ones. */
function checkOptions(call: string, options: unknown, kinds: Record<string, OptionKind>): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new UsageError(`${call}: options must be an object (got ${kindOf(options)})`);
  }
  for (const [key, value] of Object.entries(options)) {
    const kind = kinds[key];
    if (!kind) throw new UsageError(`${call}: unknown option "${key}"; options are ${Object.keys(kinds).join(', ')}`);
    if (value === undefined) continue;
    const fits =
      kind === 'rules' ? true : kind === 'width' ? Number.isInteger(value) && (value as number) >= MIN_WIDTH && (value as number) <= MAX_WIDTH : typeof value === kind;
    if (!fits) {
      const want = kind === 'width' ? `a whole number of columns from ${MIN_WIDTH} to ${MAX_WIDTH}` : `a ${kind}`;
      throw new UsageError(`${call}: options.${key} must be ${want} (got ${kindOf(value)})`);
    }
  }
}

/** The narrowest and widest text output formatAdvice draws. */
const MIN_WIDTH = 20;
const MAX_WIDTH = 1000;

/** Rules objects already checked, so a caller passing the same object again pays nothing. */
const checked = new WeakSet<object>();

/** The rules an option names: overlay paths on the built-in rules, or a rules object (checked once). */
async function rulesFrom(call: string, value: unknown): Promise<Rules> {
  if (value === undefined) return effectiveRules([]);
  if (Array.isArray(value)) {
    const bad = value.find((p) => typeof p !== 'string');
    if (bad !== undefined) throw new UsageError(`${call}: options.rules must list rules file paths (got ${kindOf(bad)} in the list)`);
    return effectiveRules(value as string[]);
  }
  if (typeof value === 'string') throw new UsageError(`${call}: options.rules must be an array of rules file paths or a rules object (got ${kindOf(value)}); write rules: [${JSON.stringify(value)}]`);
  if (typeof value !== 'object' || value === null) throw new UsageError(`${call}: options.rules must be an array of rules file paths or a rules object (got ${kindOf(value)})`);
  return checkedRules(call, value);
}

/** A rules object handed to the library, checked once (as the loader checks a file): vmvc's own error when it is not one. */
function checkedRules(call: string, value: object): Rules {
  if (checked.has(value)) return value as Rules;
  const { problems } = checkRules(value);
  if (problems.length) {
    const p = problems[0]!;
    throw new UsageError(`${call}: the rules are not a valid rules object: ${formatPath(p.path)}: ${p.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
  }
  checked.add(value);
  return value as Rules;
}

/** The formats one workload's advice can be written in (as `vmvc advise --format`). */
export const ADVICE_FORMATS: readonly AdviceFormat[] = formatsFor('advice');
export type AdviceFormat = FormatFor<'advice'>;

export interface FormatOptions {
  /** The rules the advice was made with, for citations and the table (default: the built-in rules). */
  rules?: Rules;
  /** Include the decision trace, as `--explain`. */
  explain?: boolean;
  /** Columns to fit text into (default 100). */
  width?: number;
}

/** The advice as `vmvc advise --format NAME` prints it (text without colour). */
export async function formatAdvice(advice: Advice, format: AdviceFormat, options: FormatOptions = {}): Promise<string> {
  if (!ADVICE_FORMATS.includes(format)) throw new UsageError(`formatAdvice(): format must be one of ${ADVICE_FORMATS.join(', ')} (got ${kindOf(format)})`);
  checkOptions('formatAdvice()', options, { rules: 'rules', explain: 'boolean', width: 'width' });
  const { adviceSchema } = await import('./advice-schema.js');
  const shape = adviceSchema.safeParse(advice);
  if (!shape.success) {
    const issue = shape.error.issues[0]!;
    throw new UsageError(`formatAdvice(): advice is not an advice object (as advise() returns): ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const [{ formats }, { Chalk }] = await Promise.all([import('./format/index.js'), import('chalk')]);
  const rules = await rulesFrom('formatAdvice()', options.rules);
  const style = { chalk: new Chalk({ level: 0 }), width: options.width ?? 100 };
  return (await formats[format]()).advice(advice, rules, style, { explain: options.explain === true });
}

/** The JSON Schema of the advice object (schema/advice.schema.json). */
export async function adviceJsonSchema(): Promise<Record<string, unknown>> {
  return (await import('./advice-schema.js')).adviceJsonSchema();
}

/**
 * The engine, `decide(rules, answers)`, for library callers: the same pure
 * function, with its arguments checked first (a rules object as the loader
 * would accept it, answers as a map of question id to choice id).
 */
export function decide(rules: Rules, answers: Readonly<Record<string, string>>, options: { trace?: boolean } = {}): Decision {
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) throw new UsageError(`decide(): rules must be a rules object, from loadRulesFile() or builtinRules() (got ${kindOf(rules)})`);
  checkedRules('decide()', rules);
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) throw new UsageError(`decide(): answers must be an object mapping question ids to choices (got ${kindOf(answers)})`);
  checkOptions('decide()', options, { trace: 'boolean' });
  for (const q of rules.questions) {
    const value = answers[q.id];
    if (!q.choices.some((c) => c.id === value)) {
      throw new UsageError(`decide() answers: ${q.id} must be one of ${q.choices.map((c) => c.id).join(', ')} (got ${kindOf(value)}); decide takes a choice for every question (advise() fills in defaults)`);
    }
  }
  return decideChecked(rules, answers, options);
}
