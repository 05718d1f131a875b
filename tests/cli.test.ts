// The process as users and scripts meet it (src/cli.ts, src/io.ts): bad input,
// help and version, the table command, no hangs without a terminal, closed pipes,
// and every write reaching the system before exit.
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, vmvc } from './support/cli.js';
import { runInProcess } from './support/inprocess.js';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { closeSync, cpSync, existsSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tempDir } from './support/temp.js';


describe('bad input', () => {
  it('a bad choice exits 2 with one line naming the flag, the choices and the value', () => {
    const r = vmvc(['advise', '--isolation', 'hihg']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: --isolation must be one of standard, strong, multi-tenant (or unsure) (got "hihg")\n');
  });
  it('suggests a close choice', () => {
    const r = vmvc(['advise', '--host-os', 'linx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --host-os must be one of linux, windows, macos (or unsure) (got "linx"); did you mean "linux"?\n');
  });
  it.each([
    [['advise', '--bogus']],
    [['advise', '--format', 'yaml']],
    [['advise', '--isolation']],
    [['nonsense']],
    [['table', '--format', 'xml']],
  ])('%j exits 2 with one stderr line and no stack trace', (args) => {
    const r = vmvc(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('vmvc table', () => {
  it('prints the comparison with sources and a legend', () => {
    const r = vmvc(['table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Isolation \//);
    expect(r.stdout).toMatch(/Startup time/);
    expect(r.stdout).toMatch(/002 = 002_ff82260aaafd54dd\.txt/);
  });
  it('prints JSON rows with their sources', () => {
    const r = vmvc(['table', '--format', 'json']);
    const out = JSON.parse(r.stdout);
    expect(out.rows.find((row: { id: string }) => row.id === 'startup').claims.length).toBeGreaterThan(1);
    expect(out.sources.filter((s: { kind?: string }) => s.kind !== 'practice')).toHaveLength(5);
  });
});

describe('the command a session prints starts vmvc as this run was started', () => {
  it('node and the script (relative inside the working folder, quoted when it needs it), npx, or vmvc on PATH', async () => {
    const { invocationOf } = await import('../src/io.js');
    expect(invocationOf('/repo/bin/vmvc.js', {}, '/repo')).toBe('node bin/vmvc.js');
    expect(invocationOf('/opt/vmvc/bin/vmvc.js', {}, '/repo')).toBe('node /opt/vmvc/bin/vmvc.js');
    expect(invocationOf("/my repo/bin/vmvc.js", {}, '/elsewhere')).toBe("node '/my repo/bin/vmvc.js'");
    expect(invocationOf('/home/me/.npm/_npx/1a2b/node_modules/.bin/vmvc', {}, '/repo')).toBe('npx vmvc');
    // Installed: a `vmvc` on PATH that is this script.
    const dir = tempDir('vmvc-path-');
    symlinkSync(BIN, join(dir, 'vmvc'));
    expect(invocationOf(join(dir, 'vmvc'), { PATH: `/nonexistent:${dir}` }, '/elsewhere')).toBe('vmvc');
    expect(invocationOf(join(dir, 'vmvc'), { PATH: '/nonexistent' }, '/elsewhere')).toBe(`node ${join(dir, 'vmvc')}`);
  });
});

describe('help and version', () => {
  it('--help leads with examples and lists exit codes', () => {
    const r = vmvc(['advise', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--isolation <choice>/);
    expect(r.stdout).toMatch(/Examples:/);
    expect(r.stdout).toMatch(/130 +interrupted/);
  });
  it('the top-level --help marks the commands that take options, though it builds none of them', () => {
    const r = vmvc(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}advise \[options\] +recommend/m);
    expect(r.stdout).toMatch(/^ {2}table \[options\] +print/m);
    expect(r.stdout).toMatch(/^ {2}schema <name> +print/m);
  });
  it.each([['help', 'table'], ['table', '--help'], ['--no-color', 'help', 'questions']])('%s %s shows that command\'s options', (...args) => {
    const r = vmvc(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/-o, --format <format> +output format/);
  });
  it('--version prints the package version', () => {
    const r = vmvc(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('never hangs without a terminal', () => {
  it('returns with stdin an open pipe that never writes', async () => {
    const child = spawn(process.execPath, [BIN, 'advise', '--format', 'json'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH } });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(-1);
      }, 10_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).assumed).toHaveLength(10);
  });
  it('CI=true never prompts either', () => {
    const r = vmvc(['advise', '--format', 'json'], { env: { CI: 'true' }, input: '' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).assumed).toHaveLength(10);
  });
});

describe('exits only after everything written has left', () => {
  /** Runs vmvc with stdout a pipe that nobody reads for the first `delayMs`. */
  function slowReader(args: string[], input: string, delayMs: number): Promise<{ code: number | null; stdout: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'ignore'], env: { PATH: process.env.PATH } });
      child.stdin.end(input);
      let stdout = '';
      const exited = new Promise<number | null>((done) => child.on('exit', done));
      child.stdout.on('data', (d) => (stdout += d));
      child.stdout.on('end', async () => resolve({ code: await exited, stdout }));
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), delayMs);
    });
  }
  it('a batch far larger than a pipe buffer arrives whole', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ name: `w${i}`, 'host-os': 'linux' })).join('\n');
    const r = await slowReader(['advise', '--input', '-', '--input-format', 'jsonl', '--format', 'jsonl'], rows, 300);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(20_000);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ name: 'w19999' });
  });
});

describe('closed pipes', () => {
  it('`vmvc table | head -1` exits 0 with nothing on stderr', () => {
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', `node ${JSON.stringify(BIN)} table | head -1; echo "status=\${PIPESTATUS[0]}" >&2`], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(r.stdout.split('\n')[0]).toMatch(/^┌/);
    expect(r.stderr).toBe('status=0\n');
  });
  it('`vmvc advise | head -0` exits 0 with nothing on stderr', () => {
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', `node ${JSON.stringify(BIN)} advise | head -0; echo "status=\${PIPESTATUS[0]}" >&2`], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(r.stderr).toBe('status=0\n');
  });
});

// stdout that is a regular file, /dev/null or (on Linux) a shell's pipe is written straight to its descriptor (src/io.ts); the rest through Node's stream.
describe('stdout to a file', () => {
  const runs = [['table'], ['--help'], ['advise', '--no-input', '--format', 'markdown'], ['advise', '--input', 'examples/portfolio.csv', '--format', 'jsonl']];
  it.each(runs)('vmvc %s writes the same bytes to a file as to a pipe, after what the file held', (...args) => {
    const file = join(tempDir(), 'out');
    writeFileSync(file, 'kept\n');
    const fd = openSync(file, 'a');
    let stderr = '';
    try {
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { PATH: process.env.PATH }, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
      stderr = r.stderr;
      expect(r.status).toBe(0);
    } finally {
      closeSync(fd);
    }
    const piped = vmvc(args);
    expect(piped.stdout.length).toBeGreaterThan(100);
    expect({ stdout: readFileSync(file, 'utf8'), stderr }).toEqual({ stdout: `kept\n${piped.stdout}`, stderr: piped.stderr });
  });
  it('a pipe whose reader is slower: whole and in order, the rest handed to Node\'s stream once the pipe is full', () => {
    const dir = tempDir();
    const rows = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ name: `w${i}`, 'host-os': i % 2 ? 'windows' : 'linux' })).join('\n');
    writeFileSync(join(dir, 'rows.jsonl'), rows + '\n');
    const args = ['advise', '--input', join(dir, 'rows.jsonl'), '--format', 'jsonl'];
    const whole = vmvc(args).stdout;
    expect(whole.length).toBeGreaterThan(1_000_000);
    // The reader reads nothing until vmvc has made process.stdout (the preload marks it), which it does
    // only once the pipe is full; it gives up waiting after 20 s and reads, and the marks then say no stream was made.
    const preload = join(ROOT, 'tests/support/report-loaded.cjs');
    const mark = join(dir, 'stdout-made');
    const reader = `(for i in $(seq 400); do [ -e ${JSON.stringify(mark)} ] && break; sleep 0.05; done; cat)`;
    const script = `node --require ${JSON.stringify(preload)} ${JSON.stringify(BIN)} ${args.map((a) => JSON.stringify(a)).join(' ')} 2>${JSON.stringify(join(dir, 'err'))} | ${reader}`;
    const env = { PATH: process.env.PATH, REPORT_LOADED_STDOUT_MARK: mark };
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
    expect(r.status).toBe(0);
    expect(r.stdout === whole).toBe(true);
    expect(readFileSync(join(dir, 'err'), 'utf8')).toContain('\nstdout: true\n');
  });
  it('to /dev/null: exit 0, nothing on stderr', () => {
    expect(vmvc(['table'], { stdio: ['ignore', 'ignore', 'pipe'] })).toEqual({ code: 0, stdout: '', stderr: '' });
  });
  it.runIf(existsSync('/dev/full'))('to a full device: exit 74 and one line saying the output is incomplete', () => {
    const fd = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, 'table'], { cwd: ROOT, env: { PATH: process.env.PATH }, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
      expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 74, stderr: 'vmvc: cannot write the output: no space left on the device (ENOSPC); what was written is incomplete\n' });
    } finally {
      closeSync(fd);
    }
  });
});

describe('manners', () => {
  it('a mistyped command, or help for one, exits 2 with a suggestion', () => {
    expect(vmvc(['advse'])).toEqual({ code: 2, stdout: '', stderr: "error: unknown command 'advse'; did you mean \"advise\"?\n" });
    expect(vmvc(['help', 'advse'])).toEqual({ code: 2, stdout: '', stderr: 'error: no help for "advse": it is not a vmvc command; did you mean advise?\n' });
    expect(vmvc(['help', 'rules', 'valdate']).stderr).toBe('error: no help for "valdate": it is not a subcommand of rules; did you mean rules validate?\n');
    const sub = vmvc(['help', 'rules', 'validate']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toMatch(/^Usage: vmvc rules validate \[options\] \[files\.\.\.\]/);
  });
  it('--version prints the version and the rules version, naming the overlays without reading them', () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    // The commit the build was made from, when it was made in a git checkout (npm test builds first).
    const git = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
    const built = git.status === 0 ? ` (commit ${git.stdout.trim()})` : '';
    expect(vmvc(['--version']).stdout).toBe(`${version}${built}\nrules version 1 (built in)\n`);
    expect(vmvc(['--rules', 'rules/examples/edge-fleet.yaml', '--version']).stdout).toBe(`${version}${built}\nrules version 1 (built in); overlays (not read for --version): rules/examples/edge-fleet.yaml\n`);
  });
  it("every command's help lists the global options, and the top-level help shows no empty default", () => {
    for (const args of [['advise', '--help'], ['table', '--help'], ['rules', 'test', '--help']]) {
      expect(vmvc(args).stdout).toMatch(/Global Options:\n[\s\S]*--no-color[\s\S]*--ascii[\s\S]*--rules <file>/);
    }
    expect(vmvc(['--help']).stdout).not.toContain('(default: [])');
  });
  // Sixteen runs: in this process (what is checked is the text, not the process).
  it('--ascii and TERM=dumb: every text output is pure ASCII', async () => {
    const runs = [
      ['advise', '--no-input', '--explain', '--isolation', 'unsure'],
      ['advise', '--no-input', '--workload-os', 'windows'],
      ['table'],
      ['questions'],
      ['detect'],
      ['advise', '--input', 'examples/portfolio.csv', '--format', 'text'],
      ['rules', 'test'],
      ['rules', 'diff', 'default', 'rules/examples/edge-fleet.yaml'],
    ];
    for (const args of runs) {
      for (const [flags, env] of [[['--ascii'], {}], [[], { TERM: 'dumb' }]] as const) {
        const r = await runInProcess([...flags, ...args], { ...env });
        expect(r.stdout.length, args.join(' ')).toBeGreaterThan(50);
        // eslint-disable-next-line no-control-regex
        expect(r.stdout.match(/[^\x00-\x7f]/g), `${flags.join(' ')} ${args.join(' ')}`).toBeNull();
      }
    }
  });
  it('built, the CLI carries its compiled rules and the library reads them from dist/ alone, never falling back to the YAML', async () => {
    const dir = tempDir('vmvc-unbuilt-');
    for (const part of ['bin', 'dist', 'rules', 'package.json']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
    // The rules' source is edited to answer otherwise: a run that read it would say so.
    const yaml = join(dir, 'rules/default.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^version: .*$/m, 'version: 999'));
    rmSync(join(dir, 'dist/default-rules.json'));
    const r = spawnSync(process.execPath, [join(dir, 'bin/vmvc.js'), '--version'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect({ status: r.status, stdout: r.stdout.split('\n')[1], stderr: r.stderr }).toEqual({ status: 0, stdout: 'rules version 1 (built in)', stderr: '' });
    const library = (await import(pathToFileURL(join(dir, 'dist/index.js')).href)) as typeof import('../src/index.js');
    await expect(library.builtinRules()).rejects.toThrow(`the built-in rules are missing (${join(dir, 'dist/default-rules.json')}: no such file); run "npm run build"`);
  });
  it('--help lists every exit code vmvc defines, and the config schema every config key', async () => {
    const { EXIT } = await import('../src/errors.js');
    const help = vmvc(['--help']).stdout;
    for (const code of Object.values(EXIT)) expect(help, String(code)).toMatch(new RegExp(`^  ${code} +\\S`, 'm'));
  });
  it('COLUMNS is honoured when stdout is not a terminal: nothing wider, and the narrow layout keeps its legend', () => {
    for (const columns of [80, 60, 40]) {
      const r = vmvc(['advise', '--no-input', '--workload-os', 'windows', '--isolation', 'strong'], { env: { COLUMNS: String(columns) } });
      for (const line of r.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(columns);
      expect(r.stdout).toContain('000 = 000_6dbfc1640b097832.txt');
    }
    expect(vmvc(['table'], { env: { COLUMNS: 'wide' } }).stdout.split('\n')[0]!.length).toBe(100);
    // Portfolio text too: its last column takes what is left of the width.
    for (const columns of [80, 60]) {
      const r = vmvc(['advise', '--input', 'examples/portfolio.csv', '--format', 'text'], { env: { COLUMNS: String(columns) } });
      for (const line of r.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(columns);
    }
  });
});
