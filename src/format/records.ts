/**
 * Output for portfolio mode (`advise --input`): one record per input row,
 * written as it is decided. Each format is a small writer with a header, a
 * line per record and a footer, so nothing waits for the whole input.
 */
import { stringify as csvLine } from 'csv-stringify/sync';
import type { Rules } from '../rules/types.js';
import { driftText, tallyDrift, type DriftTally } from './drift.js';
import { reportColumns } from './html.js';
import { sarifRecords } from './sarif.js';
import type { BatchRecord } from '../batch/types.js';
import type { RecordFormat } from './index.js';
import { mdEscape } from './markdown.js';
import { finish, type Style } from './style.js';
import { clean, jsonString, safeJson } from '../sanitize.js';

export interface RecordWriter {
  header: () => string;
  record: (r: BatchRecord) => string;
  footer: () => string;
}

const COLUMNS = ['line', 'id', 'name', 'recommendation', 'reasons', 'assumed', 'unsure', 'confidence', 'dependsOn', 'error'] as const;
const cells = (r: BatchRecord): string[] => [
  String(r.line),
  r.id ?? '',
  r.name ?? '',
  r.recommendation ?? '',
  (r.reasons ?? []).join(' '),
  (r.assumed ?? []).join(' '),
  (r.unsure ?? []).join(' '),
  r.confidence ?? '',
  (r.dependsOn ?? []).join(' '),
  r.error ?? '',
];

/**
 * A CSV cell a spreadsheet will show as text: one that starts with = + - @, a
 * tab or a carriage return would be read as a formula, so it gets a leading '.
 */
export function csvCell(text: string): string {
  const safe = clean(text);
  return /^[=+\-@\t\r]/.test(safe) ? `'${safe}` : safe;
}

const fit = (text: string, width: number) => {
  const t = clean(text).replace(/\s+/g, ' ');
  return t.length > width ? `${t.slice(0, width - 1)}…` : t.padEnd(width);
};

/** A list of rules-file ids as JSON: ids are lower-case words joined by hyphens, so none needs escaping. */
const idsJson = (list: string[] | undefined) => (!list ? 'null' : list.length ? `["${list.join('","')}"]` : '[]');

/**
 * The part of a decided record's line after its labels. Records decided from the
 * same answers share one decision and its lists (see rowDecider), so the text is
 * made once per decision, found by the identity of its reasons list.
 */
const decisionJson = new WeakMap<string[], string>();
function decisionTail(r: BatchRecord): string {
  let tail = r.reasons && decisionJson.get(r.reasons);
  if (tail === undefined) {
    // Joined, not concatenated: a join gives one flat string, copied whole into each line that uses it,
    // where a concatenation is a tree of pieces that writing walks again for every row.
    tail = [
      `,"recommendation":"${r.recommendation}","confidence":"${r.confidence}"`,
      `,"dependsOn":${idsJson(r.dependsOn)},"reasons":${idsJson(r.reasons)},"assumed":${idsJson(r.assumed)},"unsure":${idsJson(r.unsure)}`,
      // Question and choice ids need no escaping.
      r.answers ? `,"answers":${JSON.stringify(r.answers)}}\n` : '}\n',
    ].join('');
    if (r.reasons) decisionJson.set(r.reasons, tail);
  }
  return tail;
}

/** A record as one JSON line, keys in a fixed order (built by hand: it runs once per row). */
function jsonLine(r: BatchRecord): string {
  let s = `{"line":${r.line}`;
  if (r.id !== undefined) s += `,"id":${jsonString(r.id)}`;
  if (r.name !== undefined) s += `,"name":${jsonString(r.name)}`;
  if (r.powerState !== undefined) s += `,"powerState":${jsonString(r.powerState)}`;
  if (r.template) s += ',"template":true';
  if (r.kept) s += `,"columns":${safeJson(r.kept)}`;
  if (r.repo !== undefined) s += `,"repo":${jsonString(r.repo)}`;
  if (r.error !== undefined) return `${s},"error":${safeJson(r.error)}}\n`;
  if (r.current !== undefined) s += `,"current":"${r.current}","drift":${r.drift}`;
  if (r.evidence !== undefined) s += `,"evidence":${safeJson(r.evidence)}`;
  return s + decisionTail(r);
}

/** A writer for a document that needs every row first: each record is handed to `add`, and `done` writes it at the end. */
function atTheEnd(add: (r: BatchRecord) => void, done: () => string): RecordWriter {
  return {
    header: () => '',
    record: (r) => {
      add(r);
      return '';
    },
    footer: done,
  };
}

/** What a run's writers know of it: the input file's name (no folders), its path as given, the day; the --keep-columns names. */
export interface RunFacts {
  input: string;
  /** The input path as given (relative to where vmvc runs), for SARIF locations; stdin when none. */
  uri?: string;
  date: string;
  keep?: readonly string[];
}

/** `--format NAME` with --input -> its record writer. */
export const recordWriters: Record<RecordFormat, (rules: Rules, style: Pick<Style, 'ascii' | 'width'>, provenance?: string, run?: RunFacts) => RecordWriter> = {
  jsonl: (): RecordWriter => ({ header: () => '', record: jsonLine, footer: () => '' }),
  // --keep-columns: the kept columns follow, under the names given.
  csv: (_rules, _style, _provenance, run): RecordWriter => {
    const keep = run?.keep ?? [];
    return {
      header: () => csvLine([[...COLUMNS, ...keep].map(csvCell)]),
      record: (r) => csvLine([[...cells(r), ...keep.map((k) => r.kept?.[k] ?? '')].map(csvCell)]),
      footer: () => '',
    };
  },
  // --keep-columns: the kept columns follow, as in CSV.
  markdown: (rules, _style, provenance, run): RecordWriter => {
    const tally: DriftTally = { drift: {}, placed: 0 };
    const keep = run?.keep ?? [];
    const heads = [...COLUMNS, ...keep];
    return {
      header: () => `| ${heads.map((h) => mdEscape(h)).join(' | ')} |\n|${heads.map(() => '---').join('|')}|\n`,
      record: (r) => {
        tallyDrift(tally, r);
        return `| ${[...cells(r), ...keep.map((k) => r.kept?.[k] ?? '')].map((c) => mdEscape(c)).join(' | ')} |\n`;
      },
      footer: () => (tally.placed ? `\n**Drift:** ${mdEscape(driftText(tally, rules))}\n` : '') + (provenance ? `\n_${mdEscape(provenance)}_\n` : ''),
    };
  },
  text: (_rules, style, provenance): RecordWriter => {
    // Fitted to the terminal (or COLUMNS): the reasons take what is left, the workload column gives way below 80.
    const width = style.width;
    const reasons = Math.max(10, width - 64);
    const workload = Math.max(8, Math.min(28, width - 36 - reasons));
    return {
      header: () => `${'LINE'.padEnd(6)} ${'WORKLOAD'.padEnd(workload)} ${'RECOMMENDATION'.padEnd(16)} ${'CONFIDENCE'.padEnd(10)} ${reasons >= 16 ? 'REASONS OR ERROR' : 'REASONS'}\n`,
      record: (r) =>
        finish(`${String(r.line).padEnd(6)} ${fit(r.name ?? r.id ?? '', workload)} ${fit(r.error ? 'error' : (r.recommendation ?? ''), 16)} ${fit(r.confidence ?? '', 10)} ${fit(r.error ?? (r.reasons ?? []).join(', '), reasons).trimEnd()}\n`, style),
      footer: () => (provenance ? finish(`\n${clean(provenance)}\n`, style) : ''),
    };
  },
  // Code scanning results: only rows that drift or fail, written as one log at the end.
  sarif: (rules, _style, _provenance, run): RecordWriter => {
    const log = sarifRecords(rules, run?.uri ?? 'stdin');
    return atTheEnd((r) => log.add(r), () => log.sarif());
  },
  // The report needs every row (for the chart and the table), so it is written at the end.
  html: (rules, _style, provenance, run): RecordWriter => {
    const columns = reportColumns(rules, provenance, run);
    return atTheEnd((r) => columns.add(r), () => columns.html());
  },
};
