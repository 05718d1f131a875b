// A real terminal: vmvc under tmux, driven with arrow keys, Ctrl-C and narrow
// panes; plus no TTY, closed pipes and signals. Skips, saying why, without tmux
// (.ci/run installs it).
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, waitUntil } from './support/cli.js';
import { tempDir } from './support/temp.js';

const hasTmux = spawnSync('sh', ['-c', 'command -v tmux'], { stdio: 'ignore' }).status === 0;
if (!hasTmux) console.log('terminal tests skipped: tmux is not installed (apt-get install tmux)');

const SOCKET = `vmvc-test-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const screen = (name: string, join = false) => tmux('capture-pane', '-p', ...(join ? ['-J'] : []), '-S', '-200', '-t', name).stdout;

async function waitFor(name: string, pattern: RegExp, ms = 10_000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const text = screen(name);
    if (pattern.test(text)) return text;
    if (Date.now() > until) throw new Error(`timed out waiting for ${pattern} on screen:\n${text}`);
    await sleep(50);
  }
}

/**
 * Answers whatever prompt is on screen until vmvc exits: for the prompt whose
 * text matches a key of `downs`, presses Down that many times, then Enter.
 * Returns the prompts answered, in order, and the final screen.
 */
async function answerPrompts(name: string, downs: Record<string, number>): Promise<{ asked: string[]; text: string }> {
  const asked: string[] = [];
  for (;;) {
    const text = await waitFor(name, /EXIT=\d+|\? [^\n]+\n(?:[\s\S](?!\? ))*❯/);
    if (/EXIT=\d+/.test(text)) return { asked, text };
    const open = [...text.matchAll(/^\? ([^\n]+)$/gm)].at(-1)![1]!;
    // The review before the verdict: Enter takes the first line, "These are right".
    if (open.startsWith('Review your answers') && !('Review your answers' in downs)) downs = { ...downs, 'Review your answers': 0 };
    const key = Object.keys(downs).find((k) => open.includes(k));
    if (key === undefined) throw new Error(`no answer planned for the prompt "${open}"`);
    if (asked.at(-1) === key) {
      await sleep(50);
      continue;
    }
    asked.push(key);
    for (let i = 0; i < downs[key]!; i++) tmux('send-keys', '-t', name, 'Down');
    await sleep(60);
    tmux('send-keys', '-t', name, 'Enter');
    await sleep(60);
  }
}

/** Starts vmvc in a fresh tmux session of the given size; the shell prints EXIT=<code> after it. */
function start(name: string, args: string, width = 100, height = 50) {
  tmux('kill-session', '-t', name);
  const command = `cd ${JSON.stringify(ROOT)} && env -u CI -u VMVC_TEST_TMP -u VMVC_FUZZ_RUNS TERM=xterm-256color node ${JSON.stringify(BIN)} ${args}; echo EXIT=$?; sleep 30`;
  const r = tmux('new-session', '-d', '-s', name, '-x', String(width), '-y', String(height), command);
  expect(r.status, r.stderr).toBe(0);
}

describe.skipIf(!hasTmux)('in a real terminal (tmux)', () => {
  // One tmux server per run; stopping it ends any session a failed test left behind.
  afterAll(() => {
    tmux('kill-server');
  });

  it('answers every prompt with arrow keys and Enter, and shows the recommendation', async () => {
    const name = 'answers';
    start(name, 'advise');
    // Down presses per question; Enter takes the highlighted choice. Questions that can no longer
    // change the answer are not asked: after a Windows workload on a Linux host, a custom kernel
    // changes nothing (the workload needs its guest already).
    const downs: Record<string, number> = { 'Which operating system runs': 0, 'Which operating system or kernel': 1, 'own kernel': 0, 'How strict': 2, 'package and ship': 1, 'packed onto': 0, 'How quickly': 1, 'release a new version': 0, 'emulated hardware': 0, 'move unchanged': 1 };
    const { asked, text } = await answerPrompts(name, downs);
    expect(asked.slice(0, 2)).toEqual(['Which operating system runs', 'Which operating system or kernel']);
    expect(asked).not.toContain('own kernel');
    expect(text).toMatch(/Recommendation: Run it as containers inside a VM/);
    expect(text).toContain('EXIT=0');
    expect(text).toMatch(/✔ Which operating system or kernel does the workload itself need\? Windows/);
    tmux('kill-session', '-t', name);
  }, 60_000);

  it('--answers - at a terminal: answers typed, Ctrl-D, then the advice (no wizard on the spent stdin)', async () => {
    const name = 'answers-stdin';
    start(name, 'advise --answers - -q');
    // The terminal holds what is typed until vmvc reads it.
    tmux('send-keys', '-t', name, '-l', 'isolation: multi-tenant');
    tmux('send-keys', '-t', name, 'Enter');
    tmux('send-keys', '-t', name, '-l', 'delivery: "yes"');
    tmux('send-keys', '-t', name, 'Enter', 'C-d');
    const text = await waitFor(name, /EXIT=\d+/);
    expect(text).toMatch(/containers-in-vm\nEXIT=0/);
    expect(text).not.toContain('interrupted');
    tmux('kill-session', '-t', name);
  }, 30_000);

  it('Ctrl-C at the first prompt: exit 130, one line, cursor visible again, no stack trace', async () => {
    const name = 'ctrlc';
    start(name, 'advise');
    await waitFor(name, /\? 1\/\d+ Which operating system runs/);
    tmux('send-keys', '-t', name, 'C-c');
    const text = await waitFor(name, /EXIT=\d+/);
    expect(text).toContain('EXIT=130');
    expect(text).toContain('interrupted');
    expect(text).not.toMatch(/\n\s+at |Error:/);
    expect(tmux('display-message', '-p', '-t', name, '#{cursor_flag}').stdout.trim()).toBe('1');
    tmux('kill-session', '-t', name);
  }, 30_000);

  it('Ctrl-Z at a prompt: the shell gets a visible cursor; fg draws the question again and the keys still work', async () => {
    const name = 'suspend';
    tmux('kill-session', '-t', name);
    // An interactive shell, for job control; PS1 marks where the shell is.
    tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '40', 'env -u CI -u VMVC_TEST_TMP PS1=SHELL\\$\\  TERM=xterm-256color bash --norc --noprofile -i');
    await waitFor(name, /SHELL\$\s*$/m);
    tmux('send-keys', '-t', name, `cd ${JSON.stringify(ROOT)} && node ${JSON.stringify(BIN)} advise --no-config`, 'Enter');
    await waitFor(name, /\? 1\/\d+ Which operating system runs/);
    tmux('send-keys', '-t', name, 'C-z');
    await waitFor(name, /Stopped[^\n]*\nSHELL\$\s*$/m);
    expect(screen(name)).toContain('? vmvc is paused at question 1/10: fg brings it back\n');
    expect(tmux('display-message', '-p', '-t', name, '#{cursor_flag}').stdout.trim()).toBe('1');
    tmux('send-keys', '-t', name, 'fg', 'Enter');
    await waitFor(name, /fg\n[^\n]*advise --no-config\n\? 1\/10 Which operating system runs/);
    expect(tmux('display-message', '-p', '-t', name, '#{cursor_flag}').stdout.trim()).toBe('0');
    // The keyboard is vmvc's again: Down moves the highlight; Ctrl-C still ends it cleanly.
    tmux('send-keys', '-t', name, 'Down');
    await waitFor(name, /fg\n[\s\S]*❯ Windows/);
    tmux('send-keys', '-t', name, 'C-c');
    await waitFor(name, /interrupted\nSHELL\$\s*$/m);
    tmux('send-keys', '-t', name, 'echo EXIT=$?', 'Enter');
    expect(await waitFor(name, /EXIT=\d+/)).toContain('EXIT=130');
    tmux('kill-session', '-t', name);
  }, 30_000);

  it('a terminal shrunk to 20x5 and back: the prompt is drawn once, with no old lines left on screen', async () => {
    const name = 'shrink';
    start(name, 'advise --no-config', 100, 30);
    await waitFor(name, /\? 1\/\d+ Which operating system runs/);
    // A key pressed while small draws the prompt taller than the screen: its first lines scroll away.
    tmux('resize-window', '-t', name, '-x', '20', '-y', '5');
    await sleep(200);
    tmux('send-keys', '-t', name, 'Down');
    await sleep(200);
    tmux('resize-window', '-t', name, '-x', '100', '-y', '30');
    await sleep(200);
    tmux('send-keys', '-t', name, 'Down');
    await waitFor(name, /❯ macOS/);
    const visible = tmux('capture-pane', '-p', '-J', '-t', name).stdout;
    expect(visible.match(/Which operating system runs/g)).toHaveLength(1);
    expect(visible.match(/choose/g)).toHaveLength(1);
    expect(visible.match(/^\s*Linux$/gm)).toHaveLength(1);
    tmux('kill-session', '-t', name);
  }, 30_000);

  it.each([40, 60, 100])('a %i-column terminal: the table fits (wraps or becomes a list), never garbles', async (width) => {
    const name = `table${width}`;
    start(name, 'table', width, 120);
    const text = await waitFor(name, /EXIT=0/);
    const lines = screen(name, true).split('\n').filter((l) => l && !l.startsWith('EXIT='));
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(width);
    expect(text).toMatch(/Isolation \//);
    if (width >= 64) {
      // A table: every line of it has the same visible width.
      const rows = lines.filter((l) => /^[┌│├└]/.test(l));
      expect(new Set(rows.map((l) => [...l].length)).size).toBe(1);
    }
    tmux('kill-session', '-t', name);
  }, 30_000);

  it('a terminal narrowed to 40 columns while a prompt is open: the answer fits the new width', async () => {
    const name = 'resize';
    // Long-lived with nothing else for containers: portability decides between container and vm, so it is asked.
    start(name, 'advise --host-os linux --workload-os linux --custom-kernel no --isolation standard --delivery no --density no --startup any --lifecycle long-lived --hardware-emulation no', 100, 200);
    await waitFor(name, /\? [^\n]*move unchanged/);
    tmux('resize-window', '-t', name, '-x', '40', '-y', '200');
    await sleep(200);
    tmux('send-keys', '-t', name, 'Enter');
    await waitFor(name, /EXIT=0/);
    const after = screen(name, true).split('\n');
    const from = after.findIndex((l) => l.startsWith('Recommendation'));
    expect(from).toBeGreaterThanOrEqual(0);
    for (const line of after.slice(from)) expect([...line].length, line).toBeLessThanOrEqual(40);
    tmux('kill-session', '-t', name);
  }, 30_000);

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ])('%s at a prompt: exit %i, the cursor visible again, one line, no stack trace', async (signal, code) => {
    const name = `sig${signal}`;
    start(name, 'advise');
    await waitFor(name, /\? 1\/\d+ Which operating system runs/);
    const pid = tmux('display-message', '-p', '-t', name, '#{pane_pid}').stdout.trim();
    // The pane runs sh, which runs node: signal the node process.
    const child = spawnSync('pgrep', ['-P', pid, '-f', 'vmvc.js'], { encoding: 'utf8' }).stdout.trim().split('\n')[0]!;
    process.kill(Number(child), signal as NodeJS.Signals);
    const text = await waitFor(name, /EXIT=\d+/);
    expect(text).toContain(`EXIT=${code}`);
    expect(text).toContain(`vmvc: stopped by ${signal}`);
    expect(text).not.toMatch(/\n\s+at |Error:/);
    expect(tmux('display-message', '-p', '-t', name, '#{cursor_flag}').stdout.trim()).toBe('1');
    tmux('kill-session', '-t', name);
  }, 30_000);

  it('after "Something else" as the workload OS, no further question is asked', async () => {
    const name = 'other';
    start(name, 'advise', 100, 200);
    const { asked, text } = await answerPrompts(name, { 'Which operating system runs': 0, 'Which operating system or kernel': 2 });
    expect(asked).toEqual(['Which operating system runs', 'Which operating system or kernel', 'Review your answers']);
    expect(text).toContain('EXIT=0');
    expect(text).toMatch(/Recommendation: Run it in a virtual machine/);
    expect(text).toMatch(/Not asked \(could not change the answer\)/);
    tmux('kill-session', '-t', name);
  }, 30_000);

  it('advise --scan asks only what the repository did not answer, and the review shows what it found and where', async () => {
    const name = 'scan';
    start(name, 'advise --scan tests/fixtures/scan/windows-service', 100, 200);
    const plan = { 'Which operating system runs': 0, 'Does it need its own kernel': 0, 'How strict': 0, 'packed onto': 0, 'How quickly': 0, 'release a new version': 0, 'emulated hardware': 0, 'move unchanged': 0 };
    const seen: string[] = [];
    // The review is checked as it is drawn, before Enter takes "These are right".
    const watch = (async () => {
      const review = await waitFor(name, /Review your answers[\s\S]*Found in the repository/, 20_000);
      seen.push(review);
    })();
    const { asked, text } = await answerPrompts(name, plan);
    await watch;
    // Workload OS and delivery came from the repository; with a Linux host, nothing else can change the answer.
    expect(asked).toEqual(['Which operating system runs', 'Review your answers']);
    expect(text).not.toMatch(/\? .*(Which operating system or kernel|package and ship)/);
    expect(seen[0]).toContain('Found in the repository (--scan; a flag overrides):');
    expect(seen[0]).toContain('    Workload OS: Windows (Dockerfile:9)');
    expect(seen[0]).toContain('(Dockerfile:3)');
    expect(text).toContain('EXIT=0');
    expect(text).toMatch(/Recommendation: Run it as containers inside a VM/);
    tmux('kill-session', '-t', name);
  }, 60_000);

  it.each([
    [100, 30],
    [80, 24],
  ])('a session at %ix%i ends with the recommendation, its bars and reasons on the visible screen', async (width, height) => {
    const name = `onscreen${width}`;
    start(name, 'advise', width, height);
    // A Windows workload on a Linux host, shipped by a pipeline: containers in a VM, with three reasons.
    await answerPrompts(name, { 'Which operating system runs': 0, 'Which operating system or kernel': 1, 'How strict': 1, 'package and ship': 1, 'packed onto': 1, 'How quickly': 0, 'release a new version': 0, 'emulated hardware': 0, 'move unchanged': 0 });
    await waitFor(name, /EXIT=0/);
    // Only what is on screen now, without scrolling back.
    const visible = tmux('capture-pane', '-p', '-t', name).stdout;
    if (width >= 100) expect(visible).toMatch(/Recommendation: Run it as containers inside a VM/);
    expect(visible).toMatch(/containers-in-vm +█+│?█* +lead \+\d+ of \+6 needed +✔ chosen/);
    expect(visible).toMatch(/^Why$/m);
    expect(visible).toContain('(windows-workload-off-windows)');
    expect(visible).toContain('(delivery-favours-containers)');
    // The last lines: the recommendation, then the command that gives it again (as this run was started), every answer a flag.
    const last = visible.slice(visible.lastIndexOf('\nAdvice: ') + 1).trimEnd();
    expect(last).toBe(
      [
        'Advice: containers-in-vm (Run it as containers inside a VM)',
        'The same advice again without questions (for CI):',
        ...(width === 80
          ? [
              '  node bin/vmvc.js advise --no-input --host-os linux --workload-os windows \\',
              '    --custom-kernel no --isolation standard --delivery yes --density no \\',
              '    --startup any --lifecycle ephemeral --hardware-emulation no \\',
              '    --portability no',
            ]
          : [
              '  node bin/vmvc.js advise --no-input --host-os linux --workload-os windows --custom-kernel no \\',
              '    --isolation standard --delivery yes --density no --startup any --lifecycle ephemeral \\',
              '    --hardware-emulation no --portability no',
            ]),
        '(--save-answers FILE keeps these answers in a file for next time)',
        'EXIT=0',
      ].join('\n'),
    );
    for (const line of tmux('capture-pane', '-p', '-J', '-S', '-300', '-t', name).stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(width);
    tmux('kill-session', '-t', name);
  }, 60_000);

  it('progress, Esc back with the answer preselected, and the review that changes an answer', async () => {
    const name = 'steer';
    start(name, 'advise --custom-kernel no --isolation standard --delivery no --density no --startup any --lifecycle ephemeral --hardware-emulation no --portability no', 100, 40);
    let text = await waitFor(name, /\? 1\/2 Which operating system runs/);
    expect(text).toContain('A Linux server, VM or cloud instance');
    expect(text).not.toContain('esc back');
    tmux('send-keys', '-t', name, 'Down');
    await waitFor(name, /A Windows server or desktop/);
    tmux('send-keys', '-t', name, 'Enter');
    text = await waitFor(name, /\? 2\/2 Which operating system or kernel/);
    expect(text).toContain('esc back');
    tmux('send-keys', '-t', name, 'Escape');
    text = await waitFor(name, /\? 1\/2 Which operating system runs/);
    expect(text).toMatch(/❯ Windows/);
    tmux('send-keys', '-t', name, 'Enter');
    await waitFor(name, /\? 2\/2 Which operating system or kernel/);
    tmux('send-keys', '-t', name, 'Enter');
    text = await waitFor(name, /Review your answers/);
    expect(text).toContain('Host OS: Windows');
    expect(text).toContain('Workload OS: Linux');
    // Change the workload's OS from the review, then confirm.
    tmux('send-keys', '-t', name, 'Down', 'Down');
    await sleep(100);
    tmux('send-keys', '-t', name, 'Enter');
    await waitFor(name, /\? 2\/2 Which operating system or kernel/);
    tmux('send-keys', '-t', name, 'Down');
    await sleep(100);
    tmux('send-keys', '-t', name, 'Enter');
    await waitFor(name, /Workload OS: Windows/);
    tmux('send-keys', '-t', name, 'Enter');
    text = await waitFor(name, /EXIT=0/);
    expect(screen(name, true).replace(/ \\\n\s*/g, ' ')).toContain('\n  node bin/vmvc.js advise --no-input --host-os windows --workload-os windows ');
    tmux('kill-session', '-t', name);
  }, 60_000);

  it('output redirected at a terminal: questions on the terminal, only the result in the file', async () => {
    const name = 'redirect';
    const dir = tempDir('vmvc-redirect-');
    const file = join(dir, 'advice.json');
    start(name, `advise --format json --startup any --lifecycle ephemeral --hardware-emulation no --portability no --density no --delivery no --isolation standard --custom-kernel no > ${JSON.stringify(file)}`, 100, 30);
    await answerPrompts(name, { 'Which operating system runs': 0, 'Which operating system or kernel': 1 });
    await waitFor(name, /EXIT=0/);
    const advice = JSON.parse(readFileSync(file, 'utf8'));
    expect(advice.answers['workload-os']).toBe('windows');
    expect(advice.answerOrigins['workload-os']).toBe('prompt');
    expect(screen(name)).toContain('--format json');
    tmux('kill-session', '-t', name);
  }, 60_000);

  it('advise in a 40-column terminal keeps every line within the width', async () => {
    const name = 'advise40';
    start(name, 'advise --no-input --isolation strong --delivery yes', 40, 200);
    await waitFor(name, /EXIT=0/);
    for (const line of screen(name, true).split('\n')) expect([...line].length, line).toBeLessThanOrEqual(40);
    tmux('kill-session', '-t', name);
  }, 30_000);
});

describe('no TTY, closed pipes, signals', () => {
  it('stdin from /dev/null: advise answers with the defaults', () => {
    const r = spawnSync(process.execPath, [BIN, 'advise', '--format', 'json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 10_000 });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).assumed).toHaveLength(10);
  });
  it('SIGTERM during a batch: exit 143 promptly, only whole records, and a line saying it stopped', async () => {
    const child = spawn(process.execPath, [BIN, 'advise', '--input', '-'], { cwd: ROOT, env: { PATH: process.env.PATH }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    // Rows keep coming from an open pipe that never ends.
    child.stdin.write(Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `w${i}`, delivery: 'yes' })).join('\n') + '\n');
    await waitUntil(() => out.split('\n').length > 3000, 'all 3000 records');
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(143);
    expect(out.endsWith('\n')).toBe(true);
    const records = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(records.length).toBe(3000);
    expect(err).toBe('vmvc: stopped by SIGTERM after 3000 rows; the output holds those 3000 records and is incomplete\n');
  });
  it('SIGTERM during an HTML report writes no report at all', async () => {
    const child = spawn(process.execPath, [BIN, 'advise', '--input', '-', '--format', 'html'], { cwd: ROOT, env: { PATH: process.env.PATH }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stdin.write('{"id":"a"}\n');
    await sleep(700);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(143);
    expect(out).toBe('');
  });
});
