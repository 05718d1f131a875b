// Output failures, a broken stderr and signals: one clear line and a
// documented exit code, never a stack trace, a hang or lost records.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, holdsOpen, waitUntil } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir('vmvc-streams-');
const sh = (script: string, timeout = 20_000) => spawnSync('sh', ['-c', script], { cwd: ROOT, encoding: 'utf8', timeout, env: { PATH: process.env.PATH } });
const vmvcSh = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`;
const rows = (n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ id: `w${i}`, isolation: i % 2 ? 'strong' : 'standard', delivery: 'yes' })).join('\n') + '\n';

describe('output that cannot be written', () => {
  it('a full disk (/dev/full): one line naming it, exit 74, no stack trace', () => {
    const r = sh(`${vmvcSh} table > /dev/full; echo "EXIT=$?"`);
    expect(r.stdout).toContain('EXIT=74');
    expect(r.stderr).toBe('vmvc: cannot write the output: no space left on the device (ENOSPC); what was written is incomplete\n');
  });
  it('output to /dev/null on purpose, or ignored by a parent process, is still fine', () => {
    expect(sh(`${vmvcSh} table > /dev/null; echo "EXIT=$?"`).stdout).toBe('EXIT=0\n');
    expect(spawnSync(process.execPath, [BIN, 'advise', '--no-input', '--expect', 'container'], { cwd: ROOT, stdio: 'ignore' }).status).toBe(0);
  });
});

describe('a broken stderr never costs stdout', () => {
  it('stderr closed by its reader at once: every record still reaches stdout, and the exit code stands', () => {
    const input = join(dir, 'rows.jsonl');
    writeFileSync(input, rows(5000) + '{"id":"bad","isolation":"hihg"}\n' + Array.from({ length: 20 }, (_, i) => `{"id":"x${i}","unknown${i}":1}`).join('\n') + '\n');
    const out = join(dir, 'out.jsonl');
    const r = sh(`( ${vmvcSh} advise --input ${JSON.stringify(input)} 2>&1 >${JSON.stringify(out)}; echo "EXIT=$?" > ${JSON.stringify(out)}.code ) | head -c 1 > /dev/null`);
    expect(r.status).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(5021);
    expect(readFileSync(`${out}.code`, 'utf8')).toBe('EXIT=2\n');
  });
});

describe('signals always work', () => {
  /** Starts a batch whose stdout nobody reads, waits until it is stuck, sends `signal`, and times the exit. */
  async function stuck(signal: NodeJS.Signals, input: 'pipe' | 'fifo') {
    let args: string[];
    const fifo = join(dir, `fifo-${signal}`);
    if (input === 'fifo') {
      spawnSync('mkfifo', [fifo]);
      args = ['advise', '--input', fifo, '--input-format', 'jsonl'];
    } else {
      const file = join(dir, 'many.jsonl');
      writeFileSync(file, rows(200_000));
      args = ['advise', '--input', file];
    }
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Nobody reads stdout: the batch fills the pipe and waits.
    child.stdout.pause();
    // Stuck means: records have reached the unread pipe, or the FIFO is open and silent.
    if (input === 'fifo') await waitUntil(() => holdsOpen(child.pid!, fifo), 'vmvc to open the FIFO');
    else await waitUntil(() => child.stdout.readableLength > 0, 'the first records');
    const sent = Date.now();
    child.kill(signal);
    const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    return { code, ms: Date.now() - sent, stderr };
  }
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
    ['SIGHUP', 129],
  ] as const)('the first %s ends a batch whose stdout nobody reads within a second and a half (exit %i), saying the output is incomplete', async (signal, want) => {
    const r = await stuck(signal, 'pipe');
    expect(r.code).toBe(want);
    expect(r.ms).toBeLessThan(1500);
    expect(r.stderr).toMatch(new RegExp(`stopped by ${signal}.*incomplete`));
  }, 15_000);
  it('the first SIGTERM ends a batch reading a FIFO that never sends', async () => {
    const r = await stuck('SIGTERM', 'fifo');
    expect(r.code).toBe(143);
    expect(r.ms).toBeLessThan(1500);
  }, 15_000);
  it('SIGUSR1 does not open the Node inspector', async () => {
    const fifo = join(dir, 'fifo-usr1');
    spawnSync('mkfifo', [fifo]);
    const child = spawn(process.execPath, [BIN, 'advise', '--input', fifo, '--input-format', 'jsonl'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    await waitUntil(() => holdsOpen(child.pid!, fifo), 'vmvc to open the FIFO');
    child.kill('SIGUSR1');
    await new Promise((r) => setTimeout(r, 500));
    expect(stderr).not.toMatch(/Debugger listening|inspector/i);
    child.kill('SIGTERM');
    expect(await new Promise((r) => child.on('close', r))).toBe(143);
  }, 15_000);
});
