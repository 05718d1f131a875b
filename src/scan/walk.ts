/**
 * The scan's only I/O: a bounded walk of one folder that reads the files the
 * detectors want. It never follows a symbolic link (nor out of the folder,
 * nor round a loop), opens only regular files (without blocking, and without
 * following a link swapped in since), skips dependency and vendored trees,
 * and stops at the first bound it meets, saying which.
 */
import { closeSync, constants, fstatSync, opendirSync, openSync, readSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { UsageError, unreadable } from '../errors.js';
import type { ScanLimits } from './types.js';

/**
 * Folders never entered: version control, dependencies installed or vendored,
 * virtual environments, and test data (a fixture's Dockerfile is not how the
 * workload ships). The folder scanned may itself be any of them.
 */
export const SKIPPED_FOLDERS = ['.git', '.hg', '.svn', 'node_modules', 'bower_components', 'vendor', 'third_party', 'third-party', '.venv', 'venv', '.tox', '__pycache__', '.terraform', 'Pods', 'fixtures', '__fixtures__', 'testdata'];

/** The bounds of a scan of one repository (`vmvc scan`, `advise --scan`). */
export const SCAN_LIMITS: ScanLimits = { entries: 50_000, files: 2_000, fileBytes: 1024 * 1024, totalBytes: 32 * 1024 * 1024, depth: 24, millis: 5_000 };
/** The bounds of each row's scan in an inventory (`repo` column): smaller, as there may be thousands. */
export const ROW_SCAN_LIMITS: ScanLimits = { entries: 10_000, files: 300, fileBytes: 256 * 1024, totalBytes: 4 * 1024 * 1024, depth: 12, millis: 1_000 };

/** A file the walk read: its path relative to the root (`/`-separated), its name and text. */
export interface ReadFile {
  path: string;
  name: string;
  text: string;
}

export interface Walked {
  /** Files read (and handed to `visit`). */
  read: number;
  skipped: Array<{ file: string; why: string }>;
  stopped?: string;
}

/** At most this many skipped files are named; the rest are counted. */
const NAMED_SKIPS = 20;

/**
 * Reads every regular file under `root` for which `wants(path, name)` holds,
 * breadth first in name order (so the same tree always gives the same result),
 * and hands each to `visit` as it is read (none is kept). `now` is the clock
 * (milliseconds), passed in so tests can stop time.
 */
export function walk(root: string, wants: (path: string, name: string) => boolean, limits: ScanLimits, visit: (file: ReadFile) => void = () => {}, now: () => number = () => performance.now()): Walked {
  if (!root) throw new UsageError("cannot scan an empty path; give the repository's folder (or none, for this one)");
  let rootStat;
  try {
    rootStat = statSync(root);
  } catch (error) {
    throw new UsageError(`cannot scan ${root}: ${unreadable(error)}`);
  }
  if (!rootStat.isDirectory()) throw new UsageError(`cannot scan ${root}: it is not a folder; give the repository's folder`);
  const deadline = now() + limits.millis;
  const out: Walked = { read: 0, skipped: [] };
  let skippedCount = 0;
  const skip = (file: string, why: string) => {
    skippedCount++;
    if (out.skipped.length < NAMED_SKIPS) out.skipped.push({ file, why });
  };
  let entries = 0;
  let bytes = 0;
  const queue: Array<{ rel: string; depth: number }> = [{ rel: '', depth: 0 }];
  const stop = (why: string) => {
    out.stopped = why;
  };
  walking: for (let next = 0; next < queue.length; next++) {
    const { rel, depth } = queue[next]!;
    const listing: Dirent[] = [];
    try {
      // Read entry by entry, no further than the bound: a folder of millions of names is not listed whole.
      const folder = opendirSync(join(root, rel));
      try {
        for (let entry = folder.readSync(); entry && entries + listing.length <= limits.entries; entry = folder.readSync()) listing.push(entry);
      } finally {
        folder.closeSync();
      }
    } catch (error) {
      skip(rel || '.', `cannot list: ${unreadable(error)}`);
      continue;
    }
    listing.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of listing) {
      if (++entries > limits.entries) {
        stop(`stopped after ${limits.entries.toLocaleString('en-US')} folder entries`);
        break walking;
      }
      if (now() > deadline) {
        stop(`stopped after ${limits.millis / 1000} s`);
        break walking;
      }
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      // A link is never followed: it could lead out of the folder or round a loop.
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (SKIPPED_FOLDERS.includes(entry.name)) continue;
        if (depth + 1 > limits.depth) skip(path, `deeper than ${limits.depth} folders`);
        else queue.push({ rel: path, depth: depth + 1 });
        continue;
      }
      if (!entry.isFile() || !wants(path, entry.name)) continue;
      if (out.read >= limits.files) {
        stop(`stopped after reading ${limits.files.toLocaleString('en-US')} files`);
        break walking;
      }
      const read = readBounded(join(root, path), limits.fileBytes, limits.totalBytes - bytes);
      if (typeof read === 'string') {
        skip(path, read);
        if (read === OVER_TOTAL) {
          stop(`stopped after reading ${megabytes(limits.totalBytes)}`);
          break walking;
        }
        continue;
      }
      bytes += read.length;
      if (read.subarray(0, 8192).includes(0)) continue; // binary
      out.read++;
      visit({ path, name: entry.name, text: read.toString('utf8') });
    }
  }
  if (skippedCount > out.skipped.length) out.skipped.push({ file: '...', why: `${skippedCount - out.skipped.length} more skipped` });
  return out;
}

/**
 * A regular file's bytes, or why it was not read: too large, not a regular
 * file once opened, unreadable, or over what is left of the total.
 */
function readBounded(path: string, max: number, left: number): Buffer | string {
  let fd: number;
  try {
    // O_NOFOLLOW: a file swapped for a link since the listing is refused, not followed.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    return `cannot read: ${unreadable(error)}`;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return 'not a regular file';
    if (stat.size > max) return `${megabytes(stat.size)}, over the ${megabytes(max)} a file may have; not read`;
    if (stat.size > left) return OVER_TOTAL;
    const buffer = Buffer.alloc(stat.size);
    let got = 0;
    while (got < buffer.length) {
      const n = readSync(fd, buffer, got, buffer.length - got, null);
      if (n === 0) break;
      got += n;
    }
    return buffer.subarray(0, got);
  } catch (error) {
    return `cannot read: ${unreadable(error)}`;
  } finally {
    closeSync(fd);
  }
}

const OVER_TOTAL = 'over what the scan reads in all; not read';
const megabytes = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB` : `${Math.ceil(n / 1024)} KB`);
