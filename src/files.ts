/**
 * Reading the small files vmvc is handed (rules, answers, config) and
 * appending to the step summary, with limits counted as bytes are read: a
 * FIFO, a device such as /dev/zero, or a file that grows while it is read can
 * neither block vmvc nor make it read without end.
 */
import { type Stats, chmodSync, closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError, unreadable } from './errors.js';

/** The most a rules, answers or config file may hold. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Why an open file is not one vmvc reads whole: it must be a regular file. */
function notRegular(fd: number): string | undefined {
  return kindProblem(fstatSync(fd));
}

/** Why something is not a regular file, in words, or undefined when it is one. */
function kindProblem(stat: Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return 'is a directory';
  if (stat.isFIFO()) return 'is a pipe (FIFO), not a file';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'is a device, not a file';
  if (stat.isSocket()) return 'is a socket, not a file';
  return 'is not a regular file';
}

/**
 * A regular file's text, refusing anything else and anything over `max` bytes
 * (counted while reading, so a file that grows meanwhile is caught too).
 * Opened without blocking, so a FIFO with no writer is refused at once.
 */
export function readSmallFile(path: string, what: string, max = MAX_FILE_BYTES): string {
  let fd: number;
  try {
    // Looked at before it is opened: opening a device node can itself do something (rewind a tape, say).
    const before = kindProblem(statSync(path));
    if (before) throw new UsageError(`cannot read ${what} ${path}: it ${before}`);
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${what} ${path}: ${unreadable(error)}`);
  }
  try {
    // And again once open, in case it was swapped in between.
    const why = notRegular(fd);
    if (why) throw new UsageError(`cannot read ${what} ${path}: it ${why}`);
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.allocUnsafe(64 * 1024);
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > max) throw new UsageError(`${what} ${path} is over ${max} bytes (1 MB), the limit`);
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${what} ${path}: ${unreadable(error)}`);
  } finally {
    closeSync(fd);
  }
}

/** A stream's text, refusing it once it passes `max` bytes (stdin as `--answers -`). */
export async function readSmallStream(stream: NodeJS.ReadableStream, what: string, max = MAX_FILE_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += buffer.length;
    if (total > max) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      throw new UsageError(`${what} is over ${max} bytes (1 MB), the limit`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Appends text to a regular file (the step summary), refusing a FIFO or device, which could block or swallow it. */
export function appendToFile(path: string, text: string, what: string): void {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK, 0o644);
  } catch (error) {
    throw new UsageError(`${what}: cannot write ${path}: ${unreadable(error)}`);
  }
  try {
    const why = notRegular(fd);
    if (why) throw new UsageError(`${what}: cannot write ${path}: it ${why}`);
    const data = Buffer.from(text);
    for (let at = 0; at < data.length; ) at += writeSync(fd, data, at);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${what}: cannot write ${path}: ${unreadable(error)}`);
  } finally {
    closeSync(fd);
  }
}

/** Paths that name this process's stdout: `-` and its device names. Written to as stdout, never as a file. */
export const STDOUT_PATHS = ['-', '/dev/stdout', '/dev/fd/1', '/proc/self/fd/1'];

/**
 * Writes a file whole (a temporary file beside its target, then a rename), so a
 * failed write never leaves half a file. A symbolic link is written through to
 * the file it names and stays a link; an existing file keeps its permissions.
 * Refuses anything that exists and is not a regular file (a device, a FIFO, a
 * folder, a link to one of those or to nothing).
 */
export function writeAnswersFile(path: string, text: string, what = '--save-answers'): void {
  let target = path;
  let mode = 0o644;
  try {
    if (lstatSync(path).isSymbolicLink()) target = realpathSync(path);
    const stat = statSync(target);
    if (!stat.isFile()) throw new UsageError(`${what}: cannot write ${path}: it is not a regular file${target === path ? '' : ` (it links to ${target})`}`);
    mode = stat.mode & 0o7777;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    // Nothing at the target, yet something at the path: a link that names nothing.
    if (code === 'ENOENT' && somethingAt(path)) throw new UsageError(`${what}: cannot write ${path}: it is a link to nothing`);
    if (code !== 'ENOENT') throw new UsageError(`${what}: cannot write ${path}: ${unreadable(error)}`);
  }
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: 'wx', mode });
    // The mode given at creation is narrowed by the umask: set it as it was.
    chmodSync(temporary, mode);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new UsageError(`${what}: cannot write ${path}: ${unreadable(error)}`);
  }
}

/** Whether anything, a dangling link included, is at `path`. */
export function somethingAt(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}
