/**
 * Vitest global setup: the suite must leave nothing in the temp directory.
 * Notes the `vmvc-*` entries there before the run; after it, any new one is
 * removed and named, and the run fails.
 */
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ours = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('vmvc-')));

export default function setup(): () => void {
  const before = ours();
  return () => {
    const left = [...ours()].filter((name) => !before.has(name));
    for (const name of left) rmSync(join(tmpdir(), name), { recursive: true, force: true });
    if (left.length) {
      // An error thrown here is printed but does not change the exit code, so set it.
      console.error(`tests left ${left.length} temporary folder(s) behind: ${left.join(', ')}`);
      process.exitCode = 1;
    }
  };
}
