/**
 * Vitest global setup: every temporary folder a test makes lives in one
 * folder of this run (tests/support/temp.ts), so runs side by side never touch
 * each other's. After the run that folder must be empty: anything left in it
 * is named, removed, and fails the run.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'vmvc-test-run-'));
  // Test workers are started after this and inherit it.
  process.env.VMVC_TEST_TMP = root;
  return () => {
    const left = readdirSync(root);
    rmSync(root, { recursive: true, force: true });
    if (left.length) {
      // An error thrown here is printed but does not change the exit code, so set it.
      console.error(`tests left ${left.length} temporary folder(s) behind: ${left.join(', ')}`);
      process.exitCode = 1;
    }
  };
}
