/**
 * Portfolio mode's run loop: decide every row of a CSV or JSONL inventory,
 * streaming. Rows are read, decided and written one at a time (output is
 * flushed in chunks and waits for a slow reader), so memory does not grow with
 * the input. Opening the input (input.ts), matching columns (columns.ts), the
 * row key (key.ts) and the memo and its budget (decide.ts) live beside it.
 */
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { AnswerLayers } from '../answers.js';
import { EXIT, SIGNAL_EXIT, UsageError, unreadable } from '../errors.js';
import type { RecordFormat } from '../format/index.js';
import { recordWriters } from '../format/records.js';
import { onStop, type Io } from '../io.js';
import type { Rules } from '../rules/types.js';
import { appendToFile } from '../files.js';
import { oneLine } from '../sanitize.js';
import { checkColumns, columnReader, type Column } from './columns.js';
import { driftText, tallyDrift } from '../format/drift.js';
import { rowDecider } from './decide.js';
import type { RowScan, RowScanResult } from './key.js';
import { inputRows } from './input.js';
import { formatFromName, type InputFacts } from './rows.js';
import type { BatchRecord, InputFormat } from './types.js';

export interface BatchOptions {
  input: string;
  inputFormat?: InputFormat;
  format: RecordFormat;
  /** Answers that apply to every row unless the row sets the question (flags, env, answers file). */
  layers: AnswerLayers;
  /** false when --no-defaults was given: a row with unanswered questions is an error. */
  defaults: boolean;
  /** What a config file supplied (answers, rules), said in every output that has room for it and on stderr. */
  provenance?: string;
  /** --fail-on-drift: exit 1 when a row's current placement differs from its recommendation. */
  failOnDrift?: boolean;
  /** --keep-columns: metadata columns carried into the records. */
  keep?: readonly string[];
  /** Headers mapped by the config's columns: and --columns FILE (see columnMapping). */
  columns?: ReadonlyMap<string, Column>;
  /** --step-summary: append a portfolio summary to this file when done. */
  stepSummary?: { path: string; title?: string };
}

/** Distinct repositories whose scans are remembered; the most warnings about scans stopped by a bound. */
const SCANS_REMEMBERED = 1_000;
const STOP_WARNINGS = 3;

/**
 * Scans a row's `repo` folder, relative to the inventory file (or to where vmvc
 * runs, for stdin), within the bounds of each row's scan; each folder once.
 */
async function rowScanner(input: string, rules: Rules, io: Io): Promise<RowScan> {
  const base = input === '-' ? '.' : dirname(input);
  const scans = new Map<string, RowScanResult>();
  let warned = 0;
  const [{ scanRepository, stoppedWarning }, { ROW_SCAN_LIMITS }] = await Promise.all([import('../scan/index.js'), import('../scan/walk.js')]);
  return (repo) => {
    const dir = isAbsolute(repo) ? repo : join(base, repo);
    let scan = scans.get(dir);
    if (!scan) {
      const result = scanRepository(dir, rules, ROW_SCAN_LIMITS);
      if (result.stopped && warned++ < STOP_WARNINGS) io.err(stoppedWarning(result, dir)!);
      scan = { answers: result.answers, evidence: result.evidence };
      if (scans.size < SCANS_REMEMBERED) scans.set(dir, scan);
    }
    return scan;
  };
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
  /** Rows whose current placement differs from the recommendation, by "current -> recommended". */
  drift: Record<string, number>;
  /** Rows that said where they run today. */
  placed: number;
}

/** Output is handed to stdout in chunks of about this many characters. */
const CHUNK = 64 * 1024;

/**
 * The day a report is dated: SOURCE_DATE_EPOCH (seconds, the reproducible-builds
 * convention) when set, so a report can be rebuilt byte for byte; else today (UTC).
 */
function reportDate(env: NodeJS.ProcessEnv): string {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  return new Date(env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? epoch * 1000 : Date.now()).toISOString().slice(0, 10);
}

/** Runs portfolio mode and returns the exit code: 0 when every row was decided, 2 otherwise. */
export async function runBatch(opts: BatchOptions, rules: Rules, io: Io): Promise<number> {
  const facts: InputFacts = { nonBlank: 0, encoding: 'utf-8' };
  const { batches, stream } = await inputRows(opts.input, opts.inputFormat ?? formatFromName(opts.input), io, facts);
  const writer = recordWriters[opts.format](rules, io.style, opts.provenance, {
    input: opts.input === '-' ? 'standard input' : basename(opts.input),
    uri: opts.input === '-' ? undefined : opts.input,
    date: reportDate(io.env),
    keep: opts.keep,
  });
  const summary: BatchSummary = { read: 0, decided: 0, depends: 0, errors: 0, outcomes: Object.fromEntries(rules.outcomes.map((o) => [o.id, 0])), drift: {}, placed: 0 };
  const reader = columnReader(rules, opts.columns, opts.keep);

  // SIGINT, SIGTERM or SIGHUP: stop reading, write the whole records decided so far, say so, exit 130/143/129.
  let stoppedBy: NodeJS.Signals | undefined;
  onStop((signal) => {
    stoppedBy ??= signal;
    stream?.destroy();
  });

  let inputError: unknown;
  stream?.once('error', (error) => (inputError = error));
  const decideRow = rowDecider(rules, { ...opts, scanRow: await rowScanner(opts.input, rules, io) }, reader);
  // For the step summary: the first rows, and the first rows that failed (bounded).
  const first: BatchRecord[] = [];
  const errorRows: Array<{ line: number; error: string }> = [];
  // Records are gathered as parts and joined per chunk: one flat string to write (appending made a
  // deep chain of pieces that each write had to flatten, the larger part of a run's time).
  let parts: string[] = [writer.header()];
  let size = 0;
  let checked = false;
  try {
    for await (const batch of batches) {
      if (stoppedBy) break;
      if (!checked) {
        checked = true;
        if (facts.format === 'csv' && facts.header) checkColumns(rules, reader, facts.header, 'column of the header');
        const firstRow = batch.find((r) => !('error' in r) || r.values);
        if (facts.format === 'jsonl' && firstRow?.values) checkColumns(rules, reader, Object.keys(firstRow.values), 'key of the first row');
      }
      for (const row of batch) {
        const record = decideRow(row);
        summary.read++;
        if (record.error) summary.errors++;
        else {
          summary.decided++;
          if (record.confidence === 'depends') summary.depends++;
          summary.outcomes[record.recommendation!] = (summary.outcomes[record.recommendation!] ?? 0) + 1;
          tallyDrift(summary, record);
        }
        const text = writer.record(record);
        parts.push(text);
        size += text.length;
        if (opts.stepSummary) {
          if (first.length < SUMMARY_ROWS) first.push(record);
          if (record.error && errorRows.length < SUMMARY_ROWS) errorRows.push({ line: record.line, error: record.error });
        }
      }
      if (size >= CHUNK) {
        await io.out(parts.join(''));
        parts = [];
        size = 0;
      }
    }
  } catch (error) {
    // Destroying the input on a signal ends the read early; anything else is real. A failed read of the
    // input is an input error (exit 2), not an output one.
    if (!stoppedBy && error === inputError) throw new UsageError(`cannot read --input ${opts.input}: ${unreadable(error)}`);
    if (!stoppedBy) throw error;
  } finally {
    onStop(undefined);
  }
  if (stoppedBy) {
    // Only whole records reach stdout; an HTML report, which needs every row, is not written at all.
    if (opts.format !== 'html' && parts.length) await io.out(parts.join(''));
    io.err(`vmvc: stopped by ${stoppedBy} after ${summary.read} row${summary.read === 1 ? '' : 's'}; the output holds ${opts.format === 'html' ? 'no report' : `${summary.read === 1 ? 'that record' : `those ${summary.read} records`}`} and is incomplete`);
    return SIGNAL_EXIT[stoppedBy] ?? EXIT.terminated;
  }
  if (facts.format === 'csv' && facts.header && !checked) checkColumns(rules, reader, facts.header, 'column of the header');
  if (summary.read === 0 && facts.nonBlank > 0) {
    throw new UsageError(
      facts.format === 'csv' && facts.header
        ? `--input ${opts.input} has a header but no rows`
        : `--input ${opts.input} holds no rows (read as ${facts.format ?? 'csv'}, ${facts.encoding})`,
    );
  }
  parts.push(writer.footer());
  const rest = parts.join('');
  if (rest) await io.out(rest);

  if (opts.stepSummary) {
    const { portfolioSummaryMarkdown } = await import('../format/markdown.js');
    appendToFile(opts.stepSummary.path, portfolioSummaryMarkdown(summary, errorRows, first, rules, opts.stepSummary.title) + '\n', '--step-summary');
  }
  const metadata = reader.metadataNote();
  if (metadata) io.err(metadata);
  const per = Object.entries(summary.outcomes).map(([id, n]) => `${id} ${n}`).join(', ');
  io.err(
    `vmvc: ${summary.read} row${summary.read === 1 ? '' : 's'} read, ${summary.decided} decided, ${summary.errors} error${summary.errors === 1 ? '' : 's'}; ${per}; ${summary.depends} depend${summary.depends === 1 ? 's' : ''} on an unsure or assumed answer`,
  );
  if (opts.provenance) io.err(`vmvc: note: ${opts.provenance}`);
  const drifting = Object.values(summary.drift).reduce((a, n) => a + n, 0);
  // Outcome labels come from a rules file: one clean line.
  if (summary.placed) io.err(`vmvc: drift: ${oneLine(driftText(summary, rules))}`);
  if (summary.errors) return EXIT.usage;
  return opts.failOnDrift && drifting ? EXIT.expectationFailed : EXIT.ok;
}
