/**
 * The high-level library entry: `advise(answers, options?)` returns the same
 * advice object `vmvc advise --format json` prints, with defaults applied and
 * bad input refused, without any process I/O.
 */
import { toAdvice, type Advice } from './advice.js';
import { answersFromData, requireAnswered, resolveAnswers } from './answers.js';
import { decide } from './engine.js';
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
export async function advise(answers: AnswerInput, options: AdviseOptions = {}): Promise<Advice> {
  const rules = isRules(options.rules) ? options.rules : await effectiveRules(options.rules ?? []);
  const given = answersFromData(rules, answers, 'advise() answers');
  const resolved = resolveAnswers(rules, { flag: given });
  requireAnswered(resolved.assumed, options.defaults !== false, 'answers');
  const advice = toAdvice(rules, resolved, decide(rules, resolved.answers, { trace: options.explain === true }), true);
  if (options.title !== undefined) advice.title = options.title;
  if (!options.explain) delete advice.trace;
  // The same plain data the JSON output holds: no shared references into the rules.
  return structuredClone(advice);
}

function isRules(value: AdviseOptions['rules']): value is Rules {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
  const [{ formats }, { Chalk }] = await Promise.all([import('./format/index.js'), import('chalk')]);
  const rules = options.rules ?? (await effectiveRules([]));
  const style = { chalk: new Chalk({ level: 0 }), width: options.width ?? 100 };
  return (await formats[format]()).advice(advice, rules, style, { explain: options.explain === true });
}

/** The JSON Schema of the advice object (schema/advice.schema.json). */
export async function adviceJsonSchema(): Promise<Record<string, unknown>> {
  return (await import('./advice-schema.js')).adviceJsonSchema();
}
