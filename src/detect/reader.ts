/**
 * Every file `vmvc detect` looks at is read through a Reader rooted at one
 * folder ("/" on a real machine), so tests can point it at fixture trees.
 * Reads never throw: a missing or unreadable file is reported as such.
 */
import { accessSync, constants, existsSync, openSync, closeSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ReadResult = { ok: true; text: string } | { ok: false; code: string };

export interface Reader {
  /** The text of a file, at most 64 KiB of it. */
  read(path: string): ReadResult;
  exists(path: string): boolean;
  /** Names in a folder; empty when it is missing or unreadable. */
  list(path: string): string[];
  /** Whether the file can be opened for reading and writing (e.g. /dev/kvm). */
  canOpen(path: string): boolean;
  /** Whether a file is executable (binaries on PATH). */
  executable(path: string): boolean;
}

const LIMIT = 64 * 1024;

/** A Reader over the real filesystem, every path taken relative to `root`. */
export function rootReader(root = '/'): Reader {
  const at = (path: string) => (root === '/' ? path : join(root, path));
  return {
    read(path) {
      try {
        const text = readFileSync(at(path), 'utf8');
        return { ok: true, text: text.length > LIMIT ? text.slice(0, LIMIT) : text };
      } catch (error) {
        return { ok: false, code: (error as NodeJS.ErrnoException).code ?? 'EIO' };
      }
    },
    exists: (path) => existsSync(at(path)),
    list(path) {
      try {
        return readdirSync(at(path));
      } catch {
        return [];
      }
    },
    canOpen(path) {
      try {
        closeSync(openSync(at(path), 'r+'));
        return true;
      } catch {
        return false;
      }
    },
    executable(path) {
      try {
        accessSync(at(path), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}
