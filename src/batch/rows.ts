/**
 * Reads workload rows from CSV (header row first) or JSONL (one object a line).
 * The input is read in chunks and each chunk's rows are handed over together,
 * so the per-row work stays synchronous and cheap. A row that cannot be read
 * becomes an error row with its line number: every row in gives one record out.
 *
 * Nothing in the input can make reading it slow or large: a line is capped in
 * size (the rest of an over-long line is skipped, even an endless one), a
 * quoted CSV field may span a bounded number of lines, and every step is linear.
 */
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse as parseCsv } from 'csv-parse/sync';
import type { InputFormat } from './types.js';

/** One input row: its 1-based first line, and its values or why it could not be read. */
export type InventoryRow = { line: number; values: Record<string, unknown> } | ErrorRow;
export type ErrorRow = { line: number; error: string; values?: Record<string, unknown> };

/** The longest line read, in characters; the rest of a longer one is skipped and the row is an error. */
export const MAX_LINE = 1024 * 1024;
/** The most lines one quoted CSV field may span before the record is given up and reading resumes at its next line. */
export const MAX_RECORD_LINES = 100;

/** Turns lines into rows; `line` returns the rows a line completes, `end` any row left open. */
interface RowParser {
  line: (text: string, n: number, out: InventoryRow[]) => void;
  end: (out: InventoryRow[]) => void;
}

/** What the reader learnt about the input, for the run's checks. */
export interface InputFacts {
  format?: InputFormat;
  /** CSV: the header's column names. */
  header?: string[];
  /** Lines that were not blank. */
  nonBlank: number;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  delimiter?: string;
}

/**
 * The top-level keys of a JSON object text, each with its raw value text, in
 * order; undefined when the text is not a plain object. Linear, and only run
 * on text JSON.parse accepted.
 */
function topLevelKeys(text: string): Array<[string, string]> | undefined {
  const out: Array<[string, string]> = [];
  const n = text.length;
  let depth = 0;
  let expectingKey = false;
  let key: string | undefined;
  let valueStart = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const start = i;
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
      if (depth === 1 && expectingKey) {
        key = JSON.parse(text.slice(start, i + 1)) as string;
        expectingKey = false;
      }
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (depth === 0 && c !== 123) return undefined;
      depth++;
      if (depth === 1) expectingKey = true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      if (depth === 1 && key !== undefined) out.push([key, text.slice(valueStart, i).trim()]);
      depth--;
    } else if (depth === 1 && c === 58 /* : */) {
      valueStart = i + 1;
    } else if (depth === 1 && c === 44 /* , */) {
      if (key !== undefined) out.push([key, text.slice(valueStart, i).trim()]);
      key = undefined;
      expectingKey = true;
    }
  }
  return out;
}

/**
 * Whether a JSON object text might hold a key twice, cheaply for the common
 * row: compact, with string values and no escapes. Written out, each key and
 * string value takes at least its length plus two quotes, so the text is at
 * least as long as the parsed object's own compact form, and exactly as long
 * only when it holds nothing else (no spaces, no escapes, no key given twice).
 * Any other value, or a longer text, is told by counting colons: every key is
 * followed by one, so as many colons as keys means no key was repeated. Only
 * when that fails too (a repeat, a nested object, a colon inside a string) is
 * the text scanned properly.
 */
function mayRepeatKeys(text: string, values: Record<string, unknown>): boolean {
  let keys = 0;
  // Braces, and per key: two quotes, a colon, the value's two quotes and a comma (one comma fewer than keys).
  let compact = 1;
  let strings = true;
  for (const key in values) {
    keys++;
    const value = values[key];
    if (typeof value === 'string') compact += key.length + value.length + 6;
    else strings = false;
  }
  if (strings && (keys ? compact : 2) === text.length) return false;
  let colons = 0;
  for (let i = text.indexOf(':'); i !== -1; i = text.indexOf(':', i + 1)) colons++;
  return colons !== keys;
}

/** JSONL: blank lines are skipped; anything else is one row. A key given twice with different values is an error. */
function jsonlParser(): RowParser {
  return {
    line(text, line, out) {
      if (!text.length || (text.charCodeAt(0) <= 32 && !text.trim())) return;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        out.push({ line, error: `not valid JSON: ${(error as Error).message.replace(/\s+/g, ' ')}` });
        return;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        out.push({ line, error: `expected a JSON object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}` });
        return;
      }
      const values = value as Record<string, unknown>;
      // JSON.parse keeps the last of repeated keys; a row that says two things is refused instead.
      // A repeated key appears twice in the text (or is spelt with an escape): only then is the line scanned.
      const keys = mayRepeatKeys(text, values) ? topLevelKeys(text) : undefined;
      if (keys && keys.length !== Object.keys(values).length) {
        const first = new Map<string, string>();
        for (const [k, raw] of keys) {
          const seen = first.get(k);
          if (seen !== undefined && JSON.stringify(JSON.parse(seen)) !== JSON.stringify(JSON.parse(raw))) {
            out.push({ line, values, error: `key ${JSON.stringify(k)} is given twice with different values (${seen} and ${raw})` });
            return;
          }
          if (seen === undefined) first.set(k, raw);
        }
      }
      out.push({ line, values });
    },
    end: () => undefined,
  };
}

/** How many double quotes a text holds (RFC 4180 escapes a quote by doubling it, so balance is parity). */
function quotes(text: string): number {
  let count = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) count++;
  return count;
}

/** The delimiter a header line uses: a comma, or else a semicolon or tab when the line has one of those and no comma. */
function delimiterOf(header: string): string {
  if (header.includes(',')) return ',';
  if (header.includes(';')) return ';';
  if (header.includes('\t')) return '\t';
  return ',';
}

/**
 * CSV with a header row. Physical lines are gathered into one record until its
 * quotes balance, so a quoted field may hold line breaks; a record still open
 * after MAX_RECORD_LINES lines is an error for its first line, and its other
 * lines are read again as rows of their own, so one stray quote spoils only its row.
 */
function csvParser(facts: InputFacts): RowParser {
  let header: string[] | undefined;
  let headerError: string | undefined;
  let delimiter = ',';
  let pending: Array<{ text: string; n: number }> = [];
  let pendingQuotes = 0;
  let pendingSize = 0;

  const fields = (text: string, line: number): ErrorRow | string[] => {
    if (!text.includes('"')) return text.split(delimiter).map((f) => f.trim());
    try {
      const [record] = parseCsv(text, { relax_column_count: true, trim: true, delimiter }) as string[][];
      return record ?? [];
    } catch (error) {
      return { line, error: `not valid CSV: ${(error as Error).message.replace(/\s+/g, ' ')}` };
    }
  };

  const complete = (text: string, start: number, out: InventoryRow[]) => {
    const record = fields(text, start);
    // Without a header no row can be read; each still gets its record.
    if (headerError) {
      out.push({ line: start, error: headerError });
      return;
    }
    if (!Array.isArray(record)) {
      if (!header) headerError = `the header row (line ${start}) cannot be read: ${record.error}`;
      out.push(record);
      return;
    }
    if (!header) {
      header = record;
      facts.header = header;
      return;
    }
    const values: Record<string, unknown> = {};
    for (let i = 0; i < header.length; i++) {
      const name = header[i]!;
      const cell = record[i] ?? '';
      if (name in values && values[name] !== cell && values[name] !== '' && cell !== '') {
        out.push({ line: start, values, error: `column ${JSON.stringify(name)} appears twice with different values (${JSON.stringify(values[name])} and ${JSON.stringify(cell)})` });
        return;
      }
      if (!(name in values) || cell !== '') values[name] = cell;
    }
    if (record.length !== header.length) {
      out.push({ line: start, values, error: `expected ${header.length} columns as in the header, got ${record.length}` });
      return;
    }
    out.push({ line: start, values });
  };

  const parser: RowParser = {
    line(text, n, out) {
      if (!pending.length && !text.trim()) return;
      if (!header && !headerError && !pending.length) {
        delimiter = delimiterOf(text);
        facts.delimiter = delimiter;
      }
      pending.push({ text, n });
      pendingQuotes += quotes(text);
      pendingSize += text.length + 1;
      if (pendingQuotes % 2 === 0) {
        const lines = pending;
        pending = [];
        pendingQuotes = 0;
        pendingSize = 0;
        complete(lines.length === 1 ? lines[0]!.text : lines.map((l) => l.text).join('\n'), lines[0]!.n, out);
        return;
      }
      if (pending.length > MAX_RECORD_LINES || pendingSize > MAX_LINE) {
        // Give the record up: its first line is the error, and every later line is read again on its own.
        const [first, ...rest] = pending;
        pending = [];
        pendingQuotes = 0;
        pendingSize = 0;
        const why = `not valid CSV: a quoted field is still open after ${rest.length} more lines; reading resumes at line ${first!.n + 1}`;
        if (!header && !headerError) headerError = `the header row (line ${first!.n}) cannot be read: ${why}`;
        out.push({ line: first!.n, error: why });
        for (const l of rest) parser.line(l.text, l.n, out);
      }
    },
    end(out) {
      if (!pending.length) return;
      const [first, ...rest] = pending;
      pending = [];
      out.push({ line: first!.n, error: 'not valid CSV: a quoted field is never closed' });
      // The lines after it were swallowed by the open quote: read them as rows of their own.
      for (const l of rest) parser.line(l.text, l.n, out);
      parser.end(out);
    },
  };
  return parser;
}

/** The encoding a first chunk's byte order mark says; UTF-8 without one. */
function encodingOf(head: Buffer): InputFacts['encoding'] {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** Bytes to text a chunk at a time, a character split across chunks kept for the next. */
interface Decoder {
  write: (chunk: Buffer) => string;
  end: () => string;
}

/**
 * Node's StringDecoder for UTF-8 and UTF-16LE (V8's own fast conversion; a byte
 * order mark stays in the text, where the reader drops it), TextDecoder for
 * UTF-16BE, which StringDecoder does not know. Bad bytes become U+FFFD in both.
 */
function decoderFor(encoding: InputFacts['encoding']): Decoder {
  if (encoding === 'utf-16be') {
    const decoder = new TextDecoder(encoding);
    return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
  }
  const decoder = new StringDecoder(encoding === 'utf-8' ? 'utf8' : 'utf16le');
  return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() };
}

/**
 * Rows of a stream, a chunk's worth at a time. The encoding is UTF-8, or UTF-16
 * when a byte order mark says so (the mark is dropped). Lines end with \n,
 * \r\n or a lone \r. With no `format`, the first text decides: `{` is JSONL.
 * `facts` is filled in as the input is read.
 */
export async function* rowBatches(input: Readable, format: Exclude<InputFormat, 'xlsx'> | undefined, facts: InputFacts = { nonBlank: 0, encoding: 'utf-8' }): AsyncGenerator<InventoryRow[]> {
  let decoder: Decoder | undefined;
  let parser: RowParser | undefined;
  let carry = '';
  let n = 0;
  /** Over-long line being skipped: its number, until its end is reached. */
  let skipping: number | undefined;
  const take = (text: string, out: InventoryRow[]) => {
    n++;
    // Most lines start with text; only the others need trimming to tell blank from not.
    if (text.charCodeAt(0) > 32 || text.trim()) facts.nonBlank++;
    parser!.line(text, n, out);
  };
  const start = (text: string) => {
    facts.format = format ?? (text.trimStart().startsWith('{') ? 'jsonl' : 'csv');
    parser = facts.format === 'csv' ? csvParser(facts) : jsonlParser();
  };

  const feed = (text: string, out: InventoryRow[]) => {
    if (!parser) {
      // Leading blank lines are kept (they count as lines) until some text says what the input is.
      if (!(carry + text).trim() && carry.length + text.length < MAX_LINE) {
        carry += text;
        return;
      }
      start(carry + text);
    }
    text = carry + text;
    carry = '';
    let from = 0;
    // Most inputs have no \r at all: then a line ends at the next \n, found natively.
    const plain = !text.includes('\r');
    for (;;) {
      // A line ends at \n, \r\n or a lone \r; a \r at the very end waits for the next chunk.
      let end = plain ? text.indexOf('\n', from) : -1;
      if (!plain) {
        for (let i = from; i < text.length; i++) {
          const c = text.charCodeAt(i);
          if (c === 10 || c === 13) {
            end = i;
            break;
          }
        }
      }
      if (end === -1 || (text.charCodeAt(end) === 13 && end === text.length - 1)) break;
      const next = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
      if (skipping !== undefined) skipping = undefined;
      else take(text.slice(from, end), out);
      from = next;
    }
    const rest = text.slice(from);
    if (skipping !== undefined) return;
    if (rest.length > MAX_LINE) {
      n++;
      facts.nonBlank++;
      skipping = n;
      out.push({ line: n, error: `line ${n} is longer than ${MAX_LINE} characters; it was skipped` });
      return;
    }
    carry = rest;
  };

  for await (const chunk of input) {
    let text: string;
    if (typeof chunk === 'string') text = chunk;
    else {
      if (!decoder) {
        facts.encoding = encodingOf(chunk as Buffer);
        decoder = decoderFor(facts.encoding);
      }
      text = decoder.write(chunk as Buffer);
    }
    if (!parser && !carry && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const out: InventoryRow[] = [];
    feed(text, out);
    if (out.length) yield out;
  }
  const out: InventoryRow[] = [];
  if (decoder) feed(decoder.end(), out);
  if (carry && skipping === undefined) {
    if (!parser) start(carry);
    take(carry.endsWith('\r') ? carry.slice(0, -1) : carry, out);
  }
  parser?.end(out);
  if (out.length) yield out;
}

/** The format a file name says, if it says one. */
export function formatFromName(name: string): InputFormat | undefined {
  if (/\.csv$/i.test(name)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(name)) return 'jsonl';
  if (/\.xlsx$/i.test(name)) return 'xlsx';
  return undefined;
}
