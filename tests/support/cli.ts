/** Spawns the built bin/vmvc.js the way a user or CI script would. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
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
  const r = await runInProcess(['advise', '--format', 'json', ...args], opts.env, undefined, opts.input);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

/**
 * Polls `check` until it holds: tests wait for what a process shows, never for
 * a fixed time. `hangMs` only ends a test that would otherwise hang; it is far
 * above what any wait here takes on a busy machine.
 */
export async function waitUntil(check: () => boolean, what: string, hangMs = 30_000): Promise<void> {
  const deadline = Date.now() + hangMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Whether process `pid` holds `path` open (read from /proc; false once it has gone). */
export function holdsOpen(pid: number, path: string): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === path;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}
