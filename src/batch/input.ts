/** Opening a portfolio's input: a file, a FIFO, stdin or a workbook, refused with a usage error before anything is written. */
import { closeSync, constants, createReadStream, fstatSync, openSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { UsageError, unreadable } from '../errors.js';
import type { Io } from '../io.js';
import { rowBatches, type InputFacts, type InventoryRow } from './rows.js';
import type { InputFormat } from './types.js';

/**
 * Opens the input; a missing or unreadable file is a usage error before anything
 * is written. Stdin is touched only when it is the input, and node:net loaded only
 * for a FIFO: creating either costs milliseconds on every run that does not need it.
 */
export function openInput(input: string, io: Pick<Io, 'stdin'>): Readable {
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
    const { Socket } = process.getBuiltinModule('node:net');
    return new Socket({ fd, readable: true, writable: false });
  }
  return createReadStream(input, { fd });
}

/**
 * The rows of an input, in batches: text (CSV or JSONL) streamed from
 * `openInput`, or an `.xlsx` workbook read whole (see xlsx.ts). `stream` is the
 * text stream, for the caller to stop on a signal.
 */
export async function inputRows(input: string, format: InputFormat | undefined, io: Pick<Io, 'stdin'>, facts?: InputFacts): Promise<{ batches: AsyncGenerator<InventoryRow[]>; stream?: Readable }> {
  if (format === 'xlsx') {
    if (input === '-') throw new UsageError('--input -: a workbook (.xlsx) is read from a file, not stdin; name the file');
    const { xlsxBatches } = await import('./xlsx.js');
    return { batches: xlsxBatches(input, facts ?? { nonBlank: 0, encoding: 'utf-8' }) };
  }
  const stream = openInput(input, io);
  return { batches: rowBatches(stream, format, facts), stream };
}
