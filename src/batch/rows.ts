/**
 * Reads workload rows from CSV (header row first) or JSONL (one object a line).
 * The input is read in chunks and each chunk's rows are handed over together,
 * so the per-row work stays synchronous and cheap. A row that cannot be read
 * becomes an error row with its line number: every row in gives one record out.
 */
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse as parseCsv } from 'csv-parse/sync';
import type { InputFormat } from './types.js';

/** One input row: its 1-based first line, and its values or why it could not be read. */
export type Row = { line: number; values: Record<string, unknown> } | ErrorRow;
export type ErrorRow = { line: number; error: string; values?: Record<string, unknown> };

/** Turns lines into rows; `line` returns the rows a line completes, `end` any row left open. */
interface RowParser {
  line: (text: string, n: number) => Row | undefined;
  end: () => Row | undefined;
}

/** JSONL: blank lines are skipped; anything else is one row. */
function jsonlParser(): RowParser {
  return {
    line(text, line) {
      if (!text.trim()) return undefined;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        return { line, error: `not valid JSON: ${(error as Error).message.replace(/\s+/g, ' ')}` };
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return { line, error: `expected a JSON object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}` };
      }
      return { line, values: value as Record<string, unknown> };
    },
    end: () => undefined,
  };
}

/** Whether the quotes of a CSV fragment are balanced (RFC 4180 escapes a quote by doubling it). */
function quotesBalanced(text: string): boolean {
  let count = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) count++;
  return count % 2 === 0;
}

/**
 * CSV with a header row. Physical lines are gathered into one record until its
 * quotes balance, so a quoted field may hold line breaks and a broken record
 * spoils only itself.
 */
function csvParser(): RowParser {
  let header: string[] | undefined;
  let headerError: string | undefined;
  let pending = '';
  let start = 0;
  const fields = (text: string, line: number): ErrorRow | string[] => {
    if (!text.includes('"')) return text.split(',').map((f) => f.trim());
    try {
      const [record] = parseCsv(text, { relax_column_count: true, trim: true }) as string[][];
      return record ?? [];
    } catch (error) {
      return { line, error: `not valid CSV: ${(error as Error).message.replace(/\s+/g, ' ')}` };
    }
  };
  return {
    line(text, line) {
      if (!pending && !text.trim()) return undefined;
      if (!pending) start = line;
      pending = pending ? `${pending}\n${text}` : text;
      if (!quotesBalanced(pending)) return undefined;
      const record = fields(pending, start);
      pending = '';
      // Without a header no row can be read; each still gets its record.
      if (headerError) return { line: start, error: headerError };
      if (!Array.isArray(record)) {
        if (!header) headerError = `the header row (line ${start}) cannot be read: ${record.error}`;
        return record;
      }
      if (!header) {
        header = record;
        return undefined;
      }
      const values: Record<string, unknown> = {};
      for (let i = 0; i < header.length; i++) values[header[i]!] = record[i] ?? '';
      if (record.length !== header.length) {
        return { line: start, values, error: `expected ${header.length} columns as in the header, got ${record.length}` };
      }
      return { line: start, values };
    },
    end: () => (pending ? { line: start, error: 'not valid CSV: a quoted field is never closed' } : undefined),
  };
}

/** Rows of a stream, a chunk's worth at a time. Lines end with \n or \r\n; a leading BOM is dropped. */
export async function* rowBatches(input: Readable, format: InputFormat): AsyncGenerator<Row[]> {
  const parser = format === 'csv' ? csvParser() : jsonlParser();
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let n = 0;
  const take = (text: string, out: Row[]) => {
    n++;
    if (n === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    const row = parser.line(text, n);
    if (row) out.push(row);
  };
  for await (const chunk of input) {
    const text = carry + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    const out: Row[] = [];
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      take(text.slice(from, nl), out);
      from = nl + 1;
    }
    carry = text.slice(from);
    if (out.length) yield out;
  }
  const out: Row[] = [];
  carry += decoder.end();
  if (carry) take(carry, out);
  const last = parser.end();
  if (last) out.push(last);
  if (out.length) yield out;
}

/** The format a file name says, if it says one. */
export function formatFromName(name: string): InputFormat | undefined {
  if (/\.csv$/i.test(name)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(name)) return 'jsonl';
  return undefined;
}
