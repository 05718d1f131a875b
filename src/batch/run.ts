/**
 * Portfolio mode: decide every row of a CSV or JSONL inventory, streaming.
 * Rows are read, decided and written one at a time (output is flushed in
 * chunks and waits for a slow reader), so memory does not grow with the input.
 */
import { closeSync, constants, createReadStream, fstatSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { checkChoice, choiceText, requireAnswered, resolveAnswers, type AnswerLayers } from '../answers.js';
import { decideIds } from '../engine.js';
import { EXIT, SIGNAL_EXIT, UsageError, closest, unreadable } from '../errors.js';
import type { RecordFormat } from '../format/index.js';
import { recordWriters } from '../format/records.js';
import { onStop, type Io } from '../io.js';
import { UNSURE, type Answers, type Rules } from '../rules/types.js';
import { dependence } from '../sensitivity.js';
import { digitsAt, sizeOf } from '../space.js';
import { oneLine } from '../sanitize.js';
import { appendToFile } from '../files.js';
import { formatFromName, rowBatches, type InputFacts, type Row } from './rows.js';
import { LABEL_COLUMNS, type BatchRecord, type InputFormat } from './types.js';

export interface BatchOptions {
  input: string;
  inputFormat?: InputFormat;
  format: RecordFormat;
  /** Answers that apply to every row unless the row sets the question (flags, env, answers file). */
  layers: AnswerLayers;
  /** false when --no-defaults was given: a row with unanswered questions is an error. */
  defaults: boolean;
  /** --step-summary: append a portfolio summary to this file when done. */
  stepSummary?: { path: string; title?: string };
}

/** Rows listed in a portfolio step summary: the first ones, and the first errors. */
const SUMMARY_ROWS = 20;

export interface BatchSummary {
  read: number;
  decided: number;
  /** Decided rows whose recommendation depends on an unsure or assumed answer. */
  depends: number;
  errors: number;
  outcomes: Record<string, number>;
}

/** Columns that name a row rather than answer a question. */
const LABELS = new Set(LABEL_COLUMNS);
/** Output is handed to stdout in chunks of about this many characters. */
const CHUNK = 64 * 1024;

/**
 * Opens the input; a missing or unreadable file is a usage error before anything
 * is written. Stdin is touched only when it is the input, and node:net loaded only
 * for a FIFO: creating either costs milliseconds on every run that does not need it.
 */
function open(input: string, io: Pick<Io, 'stdin'>): Readable {
  if (input === '-') return io.stdin;
  let fd: number;
  try {
    // Without blocking: opening a FIFO would otherwise wait for a writer in a thread that nothing can stop.
    fd = openSync(input, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new UsageError(`cannot read --input ${input}: ${unreadable(error)}`);
  }
  const stat = fstatSync(fd);
  if (stat.isDirectory()) {
    closeSync(fd);
    throw new UsageError(`--input ${input} is a directory`);
  }
  // A FIFO is read like a pipe, through the event loop: it waits for a writer, and a signal still ends vmvc.
  if (stat.isFIFO()) {
    const { Socket } = createRequire(import.meta.url)('node:net') as typeof import('node:net');
    return new Socket({ fd, readable: true, writable: false });
  }
  return createReadStream(input, { fd });
}

/**
 * How much of a row's open answers is walked to tell firm from depends (choices
 * no rule tells apart count once): every combination up to 4,096, else a
 * seeded sample of 256. Each distinct set of answers is walked once; an
 * inventory with more than 500 distinct sets (say, random rows under a large
 * overlay) walks the rest with a smaller budget, so time stays linear.
 */
const ROW_BUDGET = { exhaustive: 4096, samples: 256 };
const ROW_BUDGET_PAST = { exhaustive: 256, samples: 8 };
const GENEROUS_ROWS = 500;

/** Distinct answer sets remembered per batch; the built-in questions allow 3,456 in all. */
const MEMO_LIMIT = 50_000;

/**
 * A row's values keyed by question id and label: keys matched without regard
 * to case or surrounding spaces (`Isolation`, ` host-os`). Two keys that answer
 * one question differently are an error naming both; keys that name nothing
 * go to `warnColumn`.
 */
function columnNames(rules: Rules) {
  const ids = new Map<string, string>();
  for (const id of [...rules.questions.map((q) => q.id), ...LABELS]) ids.set(id.toLowerCase(), id);
  return (values: Record<string, unknown>, line: number, warnColumn: (key: string, line: number) => void): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const from: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) {
      const id = ids.get(key.trim().toLowerCase());
      if (!id) {
        warnColumn(key, line);
        continue;
      }
      const empty = value === '' || value === null || value === undefined;
      if (id in out && !empty && out[id] !== '' && out[id] !== null && choiceText(out[id]) !== choiceText(value)) {
        throw new UsageError(`${JSON.stringify(from[id])} and ${JSON.stringify(key)} both answer ${id}, differently (${JSON.stringify(out[id])} and ${JSON.stringify(value)})`);
      }
      if (!(id in out) || !empty) {
        out[id] = value;
        from[id] = key;
      }
    }
    return out;
  };
}

/**
 * A row's answers as one key: per question, its choice's position and its state
 * (0 answered, 1 assumed, 2 unsure), in mixed radix. A number when every
 * combination fits in a double exactly (always with the built-in rules), else
 * the same digits as a string. Equal answers give equal keys, so the key is
 * what the memo looks up, and it decodes back into the answers on a miss.
 */
type RowKey = number | string;

/** The mixed-radix layout of row keys for the rules' questions. */
function keyLayout(rules: Rules) {
  const radix = rules.questions.map((q) => q.choices.length * 3);
  return { radix, numeric: sizeOf(radix) <= Number.MAX_SAFE_INTEGER };
}

/** A key back into its digits: per question, choice position * 3 + state. */
function keyDigits(radix: readonly number[], key: RowKey): ArrayLike<number> {
  return typeof key === 'string' ? key.split(',').map(Number) : digitsAt(key, radix);
}

/**
 * Answers for a row: the row's own value, else the answer every row shares
 * (resolveAnswers over the layers, so the same precedence as one workload),
 * else the default (assumed).
 * Columns that are neither questions nor labels are reported to `warnColumn`.
 */
export function rowAnswers(
  rules: Rules,
  layers: BatchOptions['layers'],
  warnColumn: (key: string, line: number) => void,
): (values: Record<string, unknown>, line: number) => RowKey {
  const questions = rules.questions;
  const byName = columnNames(rules);
  // Key -> question position; labels are -1.
  const columnOf = new Map<string, number>([...questions.map((q, i) => [q.id, i] as const), ...[...LABELS].map((l) => [l, -1] as const)]);
  const raws: unknown[] = new Array(questions.length);
  const shared = resolveAnswers(rules, layers);
  const position = questions.map((q) => new Map(q.choices.map((c, i) => [c.id, i])));
  // The digit a row gets for a question it leaves empty: the shared answer, or the default (assumed, 1); a shared unsure is 2.
  const fallback = questions.map((q, i) => {
    const state = shared.unsure.includes(q.id) ? 2 : shared.assumed.includes(q.id) ? 1 : 0;
    return position[i]!.get(shared.answers[q.id]!)! * 3 + state;
  });
  const unsureDigit = questions.map((q, i) => position[i]!.get(q.default)! * 3 + 2);
  // Per question, its choice ids: a row's value is found among these few by a plain scan.
  const ids = questions.map((q) => q.choices.map((c) => c.id));
  const { radix, numeric } = keyLayout(rules);
  return (given, line) => {
    // Keys as written (the common case) are read in one pass over the row; others are matched without regard to case.
    for (let i = 0; i < raws.length; i++) raws[i] = undefined;
    for (const key in given) {
      const at = columnOf.get(key);
      if (at === undefined) {
        const values = byName(given, line, warnColumn);
        for (let i = 0; i < questions.length; i++) raws[i] = values[questions[i]!.id];
        break;
      }
      if (at >= 0) raws[at] = given[key];
    }
    let numericKey = 0;
    let textKey = '';
    for (let i = 0; i < questions.length; i++) {
      const raw = raws[i];
      let digit: number;
      if (raw === '' || raw === null || raw === undefined) digit = fallback[i]!;
      else {
        // A choice id as written is the common case: one lookup. Anything else is read as flags are.
        const choices = ids[i]!;
        let at = choices.length;
        if (typeof raw === 'string') for (at = 0; at < choices.length && choices[at] !== raw; at++);
        if (at < choices.length) digit = at * 3;
        else {
          const value = checkChoice(questions[i]!, choiceText(raw), questions[i]!.id);
          digit = value === UNSURE ? unsureDigit[i]! : position[i]!.get(value)! * 3;
        }
      }
      if (numeric) numericKey = numericKey * radix[i]! + digit;
      else textKey += i ? `,${digit}` : String(digit);
    }
    return numeric ? numericKey : textKey;
  };
}

/** What every row with the same answers shares. */
type RowResult = Required<Pick<BatchRecord, 'recommendation' | 'confidence' | 'dependsOn' | 'reasons' | 'assumed' | 'unsure' | 'notes'>>;

/**
 * Decides each distinct set of row answers once (inventories repeat themselves;
 * the answer space is small), applying the same --no-defaults check as single advice.
 */
export function memoisedDecide(rules: Rules, defaults: boolean): (key: RowKey) => RowResult {
  const questions = rules.questions;
  const { radix } = keyLayout(rules);
  const memo = new Map<RowKey, RowResult>();
  let distinct = 0;
  return (key) => {
    let result = memo.get(key);
    if (result) return result;
    // The answers as choice indexes, and which are open (assumed or unsure): all the engine needs.
    const digits = keyDigits(radix, key);
    const choice = new Int32Array(questions.length);
    const assumed: string[] = [];
    const unsure: string[] = [];
    const open: number[] = [];
    for (let i = 0; i < questions.length; i++) {
      const state = digits[i]! % 3;
      choice[i] = (digits[i]! - state) / 3;
      if (state === 0) continue;
      (state === 1 ? assumed : unsure).push(questions[i]!.id);
      open.push(i);
    }
    requireAnswered(assumed, defaults, 'columns, flags, VMVC_* variables or in --answers');
    const decision = decideIds(rules, choice);
    const { firm, dependsOn } = dependence(rules, choice, open, decision.outcome, ++distinct <= GENEROUS_ROWS ? ROW_BUDGET : ROW_BUDGET_PAST);
    result = {
      recommendation: rules.outcomes[decision.outcome]!.id,
      confidence: firm ? 'firm' : 'depends',
      dependsOn: dependsOn.map((i) => questions[i]!.id),
      reasons: decision.reasons,
      assumed,
      unsure,
      notes: decision.notes,
    };
    if (memo.size < MEMO_LIMIT) memo.set(key, result);
    return result;
  };
}

/** A whole batch's row decider: a record for every row, with an error instead of a decision where it cannot decide. */
export function rowDecider(
  rules: Rules,
  opts: Pick<BatchOptions, 'layers' | 'defaults'>,
  warnColumn: (key: string, line: number) => void,
): (row: Row) => BatchRecord {
  const answersFor = rowAnswers(rules, opts.layers, warnColumn);
  const decideOnce = memoisedDecide(rules, opts.defaults);
  const label = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
  // A record is made whole by one literal (a label the row lacks is undefined), so decided records share one shape.
  return (row) => {
    const id = label(row.values?.id);
    const name = label(row.values?.name);
    if ('error' in row) return { line: row.line, id, name, error: row.error };
    try {
      const r = decideOnce(answersFor(row.values, row.line));
      return { line: row.line, id, name, recommendation: r.recommendation, confidence: r.confidence, dependsOn: r.dependsOn, reasons: r.reasons, assumed: r.assumed, unsure: r.unsure, notes: r.notes };
    } catch (error) {
      if (error instanceof UsageError) return { line: row.line, id, name, error: error.message };
      throw error;
    }
  };
}

/** Unknown-column warnings shown one by one; past this many, they are counted and summed up at the end. */
const MAX_WARNINGS = 10;

/**
 * The columns (CSV header) or keys (first JSONL row) of an input, checked
 * before anything is written: an input with columns, none of which names a
 * question, would decide every row on defaults alone, so it is an error.
 */
function checkColumns(rules: Rules, names: readonly string[], what: string): void {
  const ids = rules.questions.map((q) => q.id);
  const lower = new Set([...ids, ...LABELS].map((id) => id.toLowerCase()));
  const named = names.filter((n) => lower.has(n.trim().toLowerCase()));
  const others = names.filter((n) => !lower.has(n.trim().toLowerCase()));
  if (!others.length || named.some((n) => !LABELS.has(n.trim().toLowerCase()))) return;
  const hints = others
    .map((n) => [n, closest(n.trim(), ids)] as const)
    .filter(([, hint]) => hint)
    .map(([n, hint]) => `"${oneLine(n)}" -> ${hint}`);
  throw new UsageError(
    `--input: no ${what} names a question (${others.slice(0, 8).map((n) => JSON.stringify(oneLine(n).slice(0, 40))).join(', ')}${others.length > 8 ? ', ...' : ''}); ` +
      (hints.length ? `did you mean ${hints.slice(0, 3).join(', ')}? ` : '') +
      `questions are ${ids.join(', ')}`,
  );
}

/** Runs portfolio mode and returns the exit code: 0 when every row was decided, 2 otherwise. */
export async function runBatch(opts: BatchOptions, rules: Rules, io: Io): Promise<number> {
  const stream = open(opts.input, io);
  const facts: InputFacts = { nonBlank: 0, encoding: 'utf-8' };
  const writer = recordWriters[opts.format](rules, io.style);
  const summary: BatchSummary = { read: 0, decided: 0, depends: 0, errors: 0, outcomes: Object.fromEntries(rules.outcomes.map((o) => [o.id, 0])) };
  const warned = new Set<string>();
  let unshown = 0;
  const warnColumn = (key: string, line: number) => {
    if (warned.has(key)) return;
    warned.add(key);
    if (warned.size > MAX_WARNINGS) {
      unshown++;
      return;
    }
    io.err(`warning: ignoring unknown column ${JSON.stringify(oneLine(key).slice(0, 80))} (first seen on line ${line}); questions are ${rules.questions.map((q) => q.id).join(', ')}`);
  };

  // SIGINT, SIGTERM or SIGHUP: stop reading, write the whole records decided so far, say so, exit 130/143/129.
  let stoppedBy: NodeJS.Signals | undefined;
  onStop((signal) => {
    stoppedBy ??= signal;
    stream.destroy();
  });

  const decideRow = rowDecider(rules, opts, warnColumn);
  // For the step summary: the first rows, and the first rows that failed (bounded).
  const first: BatchRecord[] = [];
  const errorRows: Array<{ line: number; error: string }> = [];
  let buffer = writer.header();
  let checked = false;
  try {
    for await (const batch of rowBatches(stream, opts.inputFormat ?? formatFromName(opts.input), facts)) {
      if (stoppedBy) break;
      if (!checked) {
        checked = true;
        if (facts.format === 'csv' && facts.header) checkColumns(rules, facts.header, 'column of the header');
        const firstRow = batch.find((r) => !('error' in r) || r.values);
        if (facts.format === 'jsonl' && firstRow?.values) checkColumns(rules, Object.keys(firstRow.values), 'key of the first row');
      }
      for (const row of batch) {
        const record = decideRow(row);
        summary.read++;
        if (record.error) summary.errors++;
        else {
          summary.decided++;
          if (record.confidence === 'depends') summary.depends++;
          summary.outcomes[record.recommendation!] = (summary.outcomes[record.recommendation!] ?? 0) + 1;
        }
        buffer += writer.record(record);
        if (opts.stepSummary) {
          if (first.length < SUMMARY_ROWS) first.push(record);
          if (record.error && errorRows.length < SUMMARY_ROWS) errorRows.push({ line: record.line, error: record.error });
        }
      }
      if (buffer.length >= CHUNK) {
        await io.out(buffer);
        buffer = '';
      }
    }
  } catch (error) {
    // Destroying the input on a signal ends the read early; anything else is real.
    if (!stoppedBy) throw error;
  } finally {
    onStop(undefined);
  }
  if (stoppedBy) {
    // Only whole records reach stdout; an HTML report, which needs every row, is not written at all.
    if (opts.format !== 'html' && buffer) await io.out(buffer);
    io.err(`vmvc: stopped by ${stoppedBy} after ${summary.read} row${summary.read === 1 ? '' : 's'}; the output holds ${opts.format === 'html' ? 'no report' : `${summary.read === 1 ? 'that record' : `those ${summary.read} records`}`} and is incomplete`);
    return SIGNAL_EXIT[stoppedBy] ?? EXIT.terminated;
  }
  if (facts.format === 'csv' && facts.header && !checked) checkColumns(rules, facts.header, 'column of the header');
  if (summary.read === 0 && facts.nonBlank > 0) {
    throw new UsageError(
      facts.format === 'csv' && facts.header
        ? `--input ${opts.input} has a header but no rows`
        : `--input ${opts.input} holds no rows (read as ${facts.format ?? 'csv'}, ${facts.encoding})`,
    );
  }
  buffer += writer.footer();
  if (buffer) await io.out(buffer);

  if (opts.stepSummary) {
    const { portfolioSummaryMarkdown } = await import('../format/markdown.js');
    appendToFile(opts.stepSummary.path, portfolioSummaryMarkdown(summary, errorRows, first, opts.stepSummary.title) + '\n', '--step-summary');
  }
  if (unshown) io.err(`warning: ${unshown} more unknown column${unshown === 1 ? '' : 's'} ignored (not listed)`);
  const per = Object.entries(summary.outcomes).map(([id, n]) => `${id} ${n}`).join(', ');
  io.err(
    `vmvc: ${summary.read} row${summary.read === 1 ? '' : 's'} read, ${summary.decided} decided, ${summary.errors} error${summary.errors === 1 ? '' : 's'}; ${per}; ${summary.depends} depend${summary.depends === 1 ? 's' : ''} on an unsure or assumed answer`,
  );
  return summary.errors ? EXIT.usage : EXIT.ok;
}
