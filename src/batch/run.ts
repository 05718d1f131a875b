/**
 * Portfolio mode: decide every row of a CSV or JSONL inventory, streaming.
 * Rows are read, decided and written one at a time (output is flushed in
 * chunks and waits for a slow reader), so memory does not grow with the input.
 */
import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { checkChoice, choiceText, requireAnswered, resolveAnswers, type AnswerOrigin } from '../answers.js';
import { decide } from '../engine.js';
import { EXIT, UsageError, unreadable } from '../errors.js';
import type { RecordFormat } from '../format/index.js';
import { recordWriters } from '../format/records.js';
import type { Io } from '../io.js';
import { UNSURE, type Answers, type Rules } from '../rules/types.js';
import { confidenceOf } from '../sensitivity.js';
import { formatFromName, rowBatches, type Row } from './rows.js';
import type { BatchRecord, InputFormat } from './types.js';

export interface BatchOptions {
  input: string;
  inputFormat?: InputFormat;
  format: RecordFormat;
  /** Answers that apply to every row unless the row sets the question (flags, env, answers file). */
  layers: Array<{ origin: AnswerOrigin; answers: Partial<Answers> }>;
  /** false when --no-defaults was given: a row with unanswered questions is an error. */
  defaults: boolean;
}

export interface BatchSummary {
  read: number;
  decided: number;
  /** Decided rows whose recommendation depends on an unsure or assumed answer. */
  depends: number;
  errors: number;
  outcomes: Record<string, number>;
}

/** Columns that name a row rather than answer a question. */
const LABELS = new Set(['id', 'name']);
/** Output is handed to stdout in chunks of about this many characters. */
const CHUNK = 64 * 1024;

/** Opens the input; a missing or unreadable file is a usage error before anything is written. */
function open(input: string, stdin: Readable): Readable {
  if (input === '-') return stdin;
  try {
    if (statSync(input).isDirectory()) throw new UsageError(`--input ${input} is a directory`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read --input ${input}: ${unreadable(error)}`);
  }
  return createReadStream(input);
}

/** Reads the first chunk to tell CSV from JSONL, then puts it back. */
async function sniff(stream: Readable): Promise<InputFormat> {
  const chunk: Buffer | string | null = await new Promise((resolve, reject) => {
    const done = () => {
      stream.off('error', reject);
      resolve(stream.read());
    };
    stream.once('readable', done);
    stream.once('end', () => resolve(null));
    stream.once('error', reject);
  });
  if (chunk === null) return 'jsonl';
  stream.unshift(chunk);
  return String(chunk).trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

/** Distinct answer sets remembered per batch; the built-in questions allow 3,456 in all. */
const MEMO_LIMIT = 50_000;

/** A row's answers: one choice per question in question order, and which of them were open. */
interface RowAnswers {
  chosen: string[];
  /** One character per question: "1" where nobody answered it (assumed), "2" where it was unsure; the default was taken for both. */
  assumedKey: string;
}

/**
 * Answers for a row, by precedence: the row's own value, else the answer shared
 * by every row (flags, VMVC_* variables, --answers), else the default (assumed).
 * Columns that are neither questions nor labels are reported to `warnColumn`.
 */
export function rowAnswers(
  rules: Rules,
  layers: BatchOptions['layers'],
  warnColumn: (key: string, line: number) => void,
): (values: Record<string, unknown>, line: number) => RowAnswers {
  const questions = rules.questions;
  const known = new Set([...questions.map((q) => q.id), ...LABELS]);
  const shared = resolveAnswers(rules, layers);
  // What a row gets for a question it leaves empty: the shared answer, or the default (assumed, "1"); a shared unsure is "2".
  const fallback = questions.map((q) => (shared.assumed.includes(q.id) || shared.unsure.includes(q.id) ? undefined : shared.answers[q.id]));
  const fallbackKey = questions.map((q) => (shared.unsure.includes(q.id) ? '2' : '1'));
  return (values, line) => {
    const chosen: string[] = new Array(questions.length);
    let assumedKey = '';
    let seen = 0;
    for (const label of LABELS) if (label in values) seen++;
    for (let i = 0; i < questions.length; i++) {
      const q = questions[i]!;
      const raw = values[q.id];
      if (raw !== undefined) seen++;
      if (raw === '' || raw === null || raw === undefined) {
        const f = fallback[i];
        chosen[i] = f ?? q.default;
        assumedKey += f === undefined ? fallbackKey[i] : '0';
      } else {
        const value = checkChoice(q, choiceText(raw), q.id);
        chosen[i] = value === UNSURE ? q.default : value;
        assumedKey += value === UNSURE ? '2' : '0';
      }
    }
    // Only when the row has keys beyond those counted: the common case skips the scan.
    if (Object.keys(values).length > seen) {
      for (const key of Object.keys(values)) if (!known.has(key)) warnColumn(key, line);
    }
    return { chosen, assumedKey };
  };
}

/** What every row with the same answers shares. */
type RowResult = Required<Pick<BatchRecord, 'recommendation' | 'confidence' | 'dependsOn' | 'reasons' | 'assumed' | 'unsure' | 'notes'>>;

/**
 * Decides each distinct set of row answers once (inventories repeat themselves;
 * the answer space is small), applying the same --no-defaults check as single advice.
 */
export function memoisedDecide(rules: Rules, defaults: boolean): (answers: RowAnswers) => RowResult {
  const questions = rules.questions;
  const memo = new Map<string, RowResult>();
  return ({ chosen, assumedKey }) => {
    const key = `${chosen.join('\u0000')}\u0001${assumedKey}`;
    let result = memo.get(key);
    if (result) return result;
    const assumed = questions.filter((_, i) => assumedKey[i] === '1').map((q) => q.id);
    const unsure = questions.filter((_, i) => assumedKey[i] === '2').map((q) => q.id);
    requireAnswered(assumed, defaults, 'columns, flags, VMVC_* variables or in --answers');
    const answers: Answers = {};
    questions.forEach((q, i) => (answers[q.id] = chosen[i]!));
    const decision = decide(rules, answers, { trace: false });
    const open = questions
      .filter((_, i) => assumedKey[i] !== '0')
      .map((q) => ({ question: q.id, origin: unsure.includes(q.id) ? ('unsure' as const) : ('assumed' as const) }));
    const { confidence, dependsOn } = confidenceOf(rules, answers, open, decision.outcome.id);
    result = {
      recommendation: decision.outcome.id,
      confidence,
      dependsOn: dependsOn.map((d) => d.question),
      reasons: decision.reasons.map((r) => r.rule),
      assumed,
      unsure,
      notes: decision.notes.map((n) => n.id),
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
  const label = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  return (row) => {
    const record: BatchRecord = { line: row.line };
    const id = label(row.values?.id);
    const name = label(row.values?.name);
    if (id !== undefined) record.id = id;
    if (name !== undefined) record.name = name;
    if ('error' in row) {
      record.error = row.error;
      return record;
    }
    try {
      const result = decideOnce(answersFor(row.values, row.line));
      record.recommendation = result.recommendation;
      record.confidence = result.confidence;
      record.dependsOn = result.dependsOn;
      record.reasons = result.reasons;
      record.assumed = result.assumed;
      record.unsure = result.unsure;
      record.notes = result.notes;
      return record;
    } catch (error) {
      if (error instanceof UsageError) {
        record.error = error.message;
        return record;
      }
      throw error;
    }
  };
}

/** Runs portfolio mode and returns the exit code: 0 when every row was decided, 2 otherwise. */
export async function runBatch(opts: BatchOptions, rules: Rules, io: Io): Promise<number> {
  const stream = open(opts.input, io.stdin);
  const format = opts.inputFormat ?? formatFromName(opts.input) ?? (await sniff(stream));
  const writer = recordWriters[opts.format](rules);
  const summary: BatchSummary = { read: 0, decided: 0, depends: 0, errors: 0, outcomes: Object.fromEntries(rules.outcomes.map((o) => [o.id, 0])) };
  const warned = new Set<string>();
  const warnColumn = (key: string, line: number) => {
    if (warned.has(key)) return;
    warned.add(key);
    io.err(`warning: ignoring unknown column "${key}" (first seen on line ${line}); questions are ${rules.questions.map((q) => q.id).join(', ')}`);
  };

  // Ctrl-C or SIGTERM: stop reading, write the whole records decided so far, say so, exit 130/143.
  let stoppedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    stoppedBy = signal;
    stream.destroy();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const decideRow = rowDecider(rules, opts, warnColumn);
  let buffer = writer.header();
  try {
    for await (const batch of rowBatches(stream, format)) {
      if (stoppedBy) break;
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
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (stoppedBy) {
    // Only whole records reach stdout; an HTML report, which needs every row, is not written at all.
    if (opts.format !== 'html' && buffer) await io.out(buffer);
    io.err(`vmvc: stopped by ${stoppedBy} after ${summary.read} rows; the output holds ${opts.format === 'html' ? 'no report' : `those ${summary.read} records`} and is incomplete`);
    return stoppedBy === 'SIGINT' ? EXIT.interrupted : EXIT.terminated;
  }
  buffer += writer.footer();
  if (buffer) await io.out(buffer);

  const per = Object.entries(summary.outcomes).map(([id, n]) => `${id} ${n}`).join(', ');
  io.err(
    `vmvc: ${summary.read} rows read, ${summary.decided} decided, ${summary.errors} error${summary.errors === 1 ? '' : 's'}; ${per}; ${summary.depends} depend on an unsure or assumed answer`,
  );
  return summary.errors ? EXIT.usage : EXIT.ok;
}

