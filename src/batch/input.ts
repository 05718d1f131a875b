/** Opening a portfolio's input: a file, a FIFO or stdin, refused with a usage error before anything is written. */
import { closeSync, constants, createReadStream, fstatSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { UsageError, unreadable } from '../errors.js';
import type { Io } from '../io.js';

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
    const { Socket } = createRequire(import.meta.url)('node:net') as typeof import('node:net');
    return new Socket({ fd, readable: true, writable: false });
  }
  return createReadStream(input, { fd });
}

