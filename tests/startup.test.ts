// The start-up path stays lean: what each command loads from dist/vendor,
// that a successful run never creates process.stderr (nor process.stdout when it can write straight to it), and how scripts compiled
// from the code cache are named. (Timings live in bench/startup.mjs, never in tests.)
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, openSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, neutral } from './support/cli.js';
import { tempDir } from './support/temp.js';

const PRELOAD = fileURLToPath(new URL('./support/report-loaded.cjs', import.meta.url));

function report(args: string[], input?: string, stdout: 'pipe' | 'ignore' | number = 'pipe') {
  const r = spawnSync(process.execPath, ['--require', PRELOAD, BIN, ...args], { cwd: ROOT, encoding: 'utf8', input, env: { PATH: process.env.PATH }, stdio: ['pipe', stdout, 'pipe'] });
  const field = (name: string) => {
    const line = r.stderr.split('\n').find((l) => l.startsWith(`${name}: `));
    if (!line) throw new Error(`no ${name} report from the preload: ${r.stderr}`);
    return JSON.parse(line.slice(name.length + 2)) as unknown;
  };
  return { status: r.status, loaded: field('loaded') as string[], caches: field('caches') as string[], stderrUsed: field('stderr') as boolean, stdoutUsed: field('stdout') as boolean };
}
const loaded = (args: string[], input?: string) => report(args, input).loaded;

describe('lazy loading', () => {
  it.each([
    [['advise', '--no-input', '--format', 'json', ...neutral()], []],
    [['--help'], []],
    [['--version'], []],
    [['advise', '--help'], []],
    [['table', '--format', 'json'], []],
    [['table'], ['cli-table3.cjs']],
    [['advise', '--no-input'], ['cli-table3.cjs']],
    [['questions', '--format', 'json'], []],
    // The CLI's cold half (dist/cold.cjs) only for the commands and formats most runs never reach.
    [['schema', 'advice'], ['cold.cjs', 'zod.cjs']],
    [['detect', '--format', 'json'], ['cold.cjs']],
    [['advise', '--no-input', '--format', 'markdown', ...neutral()], ['cold.cjs']],
    [['rules', 'validate', 'rules/default.yaml'], ['cold.cjs', 'yaml.cjs', 'zod.cjs']],
    // The spreadsheet library only for a workbook; a CSV inventory reads without it.
    [['advise', '--input', 'tests/fixtures/portfolio/mixed.csv'], ['cold.cjs', 'csv-parse-sync.cjs', 'csv-stringify-sync.cjs']],
    [['advise', '--input', 'tests/fixtures/portfolio/rvtools.xlsx'], ['cold.cjs', 'csv-parse-sync.cjs', 'csv-stringify-sync.cjs', 'read-excel-file-node.cjs']],
  ])('%j loads %j', (args, want) => {
    expect(loaded(args)).toEqual(want);
  });
  it('an answers file loads the YAML parser but not the prompt library', () => {
    expect(loaded(['advise', '--format', 'json', '--answers', '-'], 'delivery: yes\n')).toEqual(['cold.cjs', 'yaml.cjs']);
  });
  it("an error raised in the cold half is the start's own kind of error: exit 2 and one line, not an internal error", () => {
    const r = spawnSync(process.execPath, ['--require', PRELOAD, BIN, 'scan', 'no/such/folder'], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(r.stderr.split('\n')[0]).toBe('error: cannot scan no/such/folder: no such file');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('loaded: ["cold.cjs"]');
  });
});

describe('the bundles', () => {
  it('are pure ASCII: one other character makes V8 read and keep the whole source as a two-byte string', () => {
    for (const file of ['dist/cli.cjs', 'dist/cold.cjs', 'dist/start.cjs']) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const at = text.search(/[^\x00-\x7f]/);
      expect(at, `${file}: ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 10))}`).toBe(-1);
    }
  });
});

describe('stderr is created only when something is written to it', () => {
  it.each([
    [['advise', '--no-input', '--format', 'json', ...neutral()]],
    [['table']],
    [['--help']],
    [['--version']],
  ])('%j leaves it alone', (args) => {
    expect(report(args)).toMatchObject({ status: 0, stderrUsed: false });
  });
  it('an error still reaches it', () => {
    expect(report(['table', '--format', 'nope'])).toMatchObject({ status: 2, stderrUsed: true });
  });
});

describe('stdout is written straight to a file, /dev/null or (on Linux) a shell pipe, without a stream', () => {
  const runs = [[['advise', '--no-input', '--format', 'json', ...neutral()]], [['table']], [['--help']], [['--version']]];
  it.each(runs)('%j', (args) => {
    expect(report(args, undefined, 'ignore')).toMatchObject({ status: 0, stdoutUsed: false });
    const fd = openSync(join(tempDir(), 'out'), 'w');
    try {
      expect(report(args, undefined, fd)).toMatchObject({ status: 0, stdoutUsed: false });
    } finally {
      closeSync(fd);
    }
    // A shell's pipe is opened again without blocking (through /proc, on Linux); elsewhere it keeps Node's stream.
    const shell = spawnSync('bash', ['--norc', '--noprofile', '-c', `node --require ${JSON.stringify(PRELOAD)} ${JSON.stringify(BIN)} ${args.join(' ')} | cat >/dev/null`], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(shell.stderr).toContain(`\nstdout: ${process.platform !== 'linux'}\n`);
    // Node's child processes talk through socket pairs, which keep the stream.
    expect(report(args)).toMatchObject({ status: 0, stdoutUsed: true });
  });
});

describe('only the command a run reaches is built', () => {
  it.each([
    [['table'], 'table'],
    [['--ascii', '--rules', 'x.yaml', 'advise', '--format', 'json'], 'advise'],
    [['--config=c.yaml', 'rules', 'test'], 'rules'],
    // Help lists commands, completion describes them all, an unknown word gets a suggestion from them all.
    [['--help'], undefined],
    [['table', '--help'], undefined],
    [['help', 'table'], undefined],
    [['completion', 'bash'], undefined],
    [['tabel'], undefined],
    [['--format', 'json', 'table'], undefined],
    [[], undefined],
  ])('%j: %s', async (args, want) => {
    const { prescan } = await import('../src/program.js');
    expect(prescan(args).only).toBe(want);
  });
});

describe('code cache', () => {
  it.each([
    [['table'], {}, ['cli-table3.cjs.cache', 'cli.cjs.table.cache']],
    [['questions', '--rules', 'rules/default.yaml', '--format', 'json'], {}, ['cli.cjs.questions.cache', 'cold.cjs.cache']],
    // Arguments are read as prescan reads them (src/argv.ts): a --rules or --config value is no command.
    [['--rules', 'rules/default.yaml', 'questions', '--format', 'json'], {}, ['cli.cjs.questions.cache', 'cold.cjs.cache']],
    [['advise', '--no-input', '--format', 'json', ...neutral()], {}, ['cli.cjs.advise.cache']],
    // advise may ask questions unless told it cannot: the general cache holds the prompt's code.
    [['advise', '--format', 'json', ...neutral()], {}, ['cli.cjs.cache']],
    [['advise', '--format', 'json', ...neutral()], { CI: 'true' }, ['cli.cjs.advise.cache']],
    [['table', '--help'], {}, ['cli.cjs.cache']],
    [['--version'], {}, ['cli.cjs.cache']],
  ])('%j (env %j) reads %j', (args, env, want) => {
    const r = spawnSync(process.execPath, ['--require', PRELOAD, BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`\ncaches: ${JSON.stringify(want)}\n`);
  });
  it("V8 accepts every cache the build wrote for its bundle, and a kind's cache holds only what its runs call", async () => {
    const { Script } = await import('node:vm');
    const caches = readdirSync(join(ROOT, 'dist/cache'));
    expect(caches).toEqual(expect.arrayContaining(['cli.cjs.cache', 'cli.cjs.table.cache', 'cli.cjs.advise.cache', 'cold.cjs.cache']));
    for (const cache of caches) {
      const bundle = cache.replace(/^(.+?\.cjs)(\.\w+)?\.cache$/, '$1');
      const file = join(ROOT, 'dist', existsSync(join(ROOT, 'dist', bundle)) ? bundle : `vendor/${bundle}`);
      const script = new Script(readFileSync(file, 'latin1'), { filename: file, cachedData: readFileSync(join(ROOT, 'dist/cache', cache)) });
      expect(script.cachedDataRejected, cache).toBe(false);
    }
    const size = (name: string) => statSync(join(ROOT, 'dist/cache', name)).size;
    expect(size('cli.cjs.table.cache')).toBeLessThan(0.75 * size('cli.cjs.cache'));
  });

  it('stack traces name vmvc/dist/..., not the folder the cache was built in', () => {
    // A copy of bin/ and dist/ runs on its own (the CLI carries its rules); one missing the table
    // library cannot draw a table: an internal error, whose report carries a stack.
    const dir = tempDir('vmvc-copy-');
    for (const part of ['bin', 'dist']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
    expect(spawnSync(process.execPath, [join(dir, 'bin', 'vmvc.js'), 'table', '--format', 'json'], { encoding: 'utf8', env: { PATH: process.env.PATH } }).status).toBe(0);
    rmSync(join(dir, 'dist', 'vendor', 'cli-table3.cjs'));
    const r = spawnSync(process.execPath, [join(dir, 'bin', 'vmvc.js'), 'table'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(r.status).toBe(70);
    // It says where to report it: the bugs address in package.json.
    const { bugs } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bugs: { url: string } };
    expect(r.stderr.split('\n')[0]).toBe(`vmvc: internal error, this is a bug; please report it at ${bugs.url} with the lines below`);
    expect(r.stderr).toMatch(/at .*\(vmvc\/dist\/cli\.cjs:\d+:\d+\)/);
    expect(r.stderr).not.toContain(join(ROOT, 'dist'));
  });
});
