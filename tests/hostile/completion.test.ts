// Completion inserts file names as data: a name holding $(...), quotes or
// spaces is one quoted word at a real bash prompt, and nothing in it runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../support/inprocess.js';
import { waitUntil } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const hasBash = spawnSync('sh', ['-c', 'command -v bash && command -v tmux'], { stdio: 'ignore' }).status === 0;
if (!hasBash) console.log('bash completion attack skipped: bash or tmux is not installed');

describe.skipIf(!hasBash)('bash completion of hostile file names, typed at a real bash prompt', () => {
  it('x$(touch PWNED).yaml and a name with a space are completed as one quoted word each; Enter runs nothing from them', async () => {
    const dir = tempDir('vmvc-complete-');
    const script = (await runInProcess(['completion', 'bash'])).stdout;
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'vmvc.bash'), script);
    // A stand-in vmvc that records the words it was given, one per line.
    writeFileSync(join(dir, 'bin', 'vmvc'), `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > ${JSON.stringify(join(dir, 'argv'))}\n`, { mode: 0o755 });
    writeFileSync(join(dir, 'x$(touch PWNED).yaml'), 'isolation: strong\n');
    writeFileSync(join(dir, 'my answers.yaml'), 'isolation: strong\n');
    writeFileSync(join(dir, '.bashrc'), [`PS1='$ '`, `PATH=${JSON.stringify(join(dir, 'bin'))}:$PATH`, `source ${JSON.stringify(join(dir, 'vmvc.bash'))}`].join('\n') + '\n');
    const socket = `vmvc-bash-${process.pid}`;
    const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
    const screen = () => tmux('capture-pane', '-p', '-t', 'b').stdout;
    try {
      tmux('new-session', '-d', '-s', 'b', '-x', '150', '-y', '20', `cd ${JSON.stringify(dir)} && exec bash --noprofile --rcfile ${JSON.stringify(join(dir, '.bashrc'))} -i`);
      for (const [typed, word] of [['x', 'x$(touch PWNED).yaml'], ['my', 'my answers.yaml']] as const) {
        tmux('send-keys', '-t', 'b', 'C-u', 'clear', 'Enter');
        await waitUntil(() => screen().trim() === '$', 'a clear prompt');
        tmux('send-keys', '-t', 'b', '-l', `vmvc advise --answers ${typed}`);
        tmux('send-keys', '-t', 'b', 'Tab');
        await waitUntil(() => screen().includes('.yaml'), 'the completed name');
        tmux('send-keys', '-t', 'b', 'Enter');
        await waitUntil(() => existsSync(join(dir, 'argv')) && readFileSync(join(dir, 'argv'), 'utf8').endsWith('.yaml\n'), 'vmvc to run');
        expect(readFileSync(join(dir, 'argv'), 'utf8')).toBe(`advise\n--answers\n${word}\n`);
        expect(existsSync(join(dir, 'PWNED'))).toBe(false);
        spawnSync('rm', ['-f', join(dir, 'argv')]);
      }
    } finally {
      tmux('kill-server');
    }
  }, 120_000);
});
