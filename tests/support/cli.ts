/** Spawns the built bin/vmvc.js the way a user or CI script would. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { expect } from 'vitest';
import { runInProcess } from './inprocess.js';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/vmvc.js', import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs vmvc with a clean, colourless environment unless `env` says otherwise. */
export function vmvc(args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string; stdio?: SpawnSyncOptions['stdio'] } = {}): Run {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...opts.env };
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env,
    input: opts.input,
    stdio: opts.stdio,
    encoding: 'utf8',
    timeout: 30_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** The ten built-in questions at their defaults. */
export const NEUTRAL_ANSWERS: Record<string, string> = {
  'host-os': 'linux',
  'workload-os': 'linux',
  'custom-kernel': 'no',
  isolation: 'standard',
  delivery: 'no',
  density: 'no',
  startup: 'any',
  lifecycle: 'ephemeral',
  'hardware-emulation': 'no',
  portability: 'no',
};

/** All ten built-in question flags at neutral values, overridden by `over`. */
export function neutral(over: Record<string, string> = {}): string[] {
  return Object.entries({ ...NEUTRAL_ANSWERS, ...over }).flatMap(([k, v]) => [`--${k}`, v]);
}

/**
 * Runs `vmvc advise --format json ...args` in this process (a check of logic,
 * not of the process) and returns the parsed advice, requiring exit 0 and
 * nothing on stderr.
 */
export async function adviceJson(args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<Record<string, any>> {
  const r = await runInProcess(['advise', '--format', 'json', ...args], opts.env, 5000, opts.input);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}
