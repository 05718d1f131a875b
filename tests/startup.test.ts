// The start-up path stays lean: what each command loads from dist/vendor.
// (Timings live in bench/startup.mjs, never in tests.)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, neutral } from './support/cli.js';

const PRELOAD = fileURLToPath(new URL('./support/report-loaded.cjs', import.meta.url));

function loaded(args: string[], input?: string): string[] {
  const r = spawnSync(process.execPath, ['--require', PRELOAD, BIN, ...args], { cwd: ROOT, encoding: 'utf8', input, env: { PATH: process.env.PATH } });
  const line = r.stderr.split('\n').find((l) => l.startsWith('loaded: '));
  if (!line) throw new Error(`no report from the preload: ${r.stderr}`);
  return JSON.parse(line.slice('loaded: '.length));
}

describe('lazy loading', () => {
  it.each([
    [['advise', '--no-input', '--format', 'json', ...neutral()], []],
    [['--help'], []],
    [['--version'], []],
    [['advise', '--help'], []],
    [['table', '--format', 'json'], []],
    [['table'], ['cli-table3.cjs']],
    [['advise', '--no-input'], ['cli-table3.cjs']],
    [['schema', 'advice'], ['zod.cjs']],
    [['detect', '--format', 'json'], []],
  ])('%j loads %j', (args, want) => {
    expect(loaded(args)).toEqual(want);
  });
  it('an answers file loads the YAML parser but not the prompt library', () => {
    expect(loaded(['advise', '--format', 'json', '--answers', '-'], 'delivery: yes\n')).toEqual(['yaml.cjs']);
  });
});
