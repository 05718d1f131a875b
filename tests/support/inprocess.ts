/** Runs vmvc's main() in this process with fake streams: fast enough for thousands of fuzz cases. */
import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli.js';

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** How long an in-process run may take before it counts as hung. */
export const HANG_MS = 20_000;

class Sink extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void) {
    this.text += String(chunk);
    done();
  }
}

/**
 * Runs `vmvc ...args`; stdin is `input`, or empty (like /dev/null). `limitMs`
 * catches a hang, not a slow run: the default is far above the few
 * milliseconds a run takes even on a busy machine, so it never races the clock.
 */
export async function runInProcess(args: string[], env: NodeJS.ProcessEnv = {}, limitMs = HANG_MS, input?: string): Promise<InProcessRun> {
  const stdout = new Sink();
  const stderr = new Sink();
  const stdin = Readable.from(input === undefined ? [] : [input]) as Readable & { isTTY?: boolean };
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`vmvc ${JSON.stringify(args)} did not finish within ${limitMs} ms`)), limitMs);
  });
  try {
    const code = await Promise.race([main(['node', 'vmvc', ...args], { stdout, stderr, stdin, env: { PATH: process.env.PATH, ...env } }), hung]);
    return { code, stdout: stdout.text, stderr: stderr.text, ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

