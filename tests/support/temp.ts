/** Temporary folders for tests, each removed when the test file's tests are done. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

// Registered when a test file first imports this module: each file runs in a module graph of its own.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder inside this run's temporary folder (see tests/support/leftovers.ts). */
export function tempDir(prefix = 'vmvc-'): string {
  const dir = mkdtempSync(join(process.env.VMVC_TEST_TMP ?? tmpdir(), prefix));
  made.push(dir);
  return dir;
}
