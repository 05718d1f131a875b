// The config file under attack: planted by another user, a repository root
// marked by a dangling .git, keys meant for the other mode, a broken file that
// must not lock a user out of --help or `schema config`, flags given twice.
import { spawnSync } from 'node:child_process';
import { chownSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

function run(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH }, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const isRoot = process.getuid?.() === 0;
if (!isRoot) console.log('the planted-config test skipped: giving a file to another user needs root');

describe('config discovery trusts nothing planted', () => {
  it.skipIf(!isRoot)('a config owned by another user in a parent folder is ignored, with a warning naming it', () => {
    const shared = tempDir('vmvc-shared-');
    const mine = join(shared, 'me');
    mkdirSync(mine);
    writeFileSync(join(shared, 'vmvc.config.yaml'), 'answers:\n  isolation: multi-tenant\n');
    chownSync(join(shared, 'vmvc.config.yaml'), 65534, 65534);
    const r = run(mine, ['advise', '--no-input', '-q', '--delivery', 'yes']);
    expect(r.stdout).toBe('container\n');
    expect(r.stderr).toBe(`vmvc: warning: ignoring ${join(shared, 'vmvc.config.yaml')}: it is owned by another user (uid 65534); pass it with --config to use it\n`);
  });
  it('a .git that is a link to nothing still marks the repository root: the search stops there', () => {
    const outer = tempDir('vmvc-outer-');
    const repo = join(outer, 'repo');
    mkdirSync(repo);
    symlinkSync(join(outer, 'gone'), join(repo, '.git'));
    writeFileSync(join(outer, 'vmvc.config.yaml'), 'answers:\n  isolation: multi-tenant\n');
    expect(run(repo, ['advise', '--no-input', '-q', '--delivery', 'yes']).stdout).toBe('container\n');
  });
  it('vmvc.config.yml (yml spelling) is read', () => {
    const dir = tempDir('vmvc-yml-');
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'vmvc.config.yml'), 'answers:\n  isolation: multi-tenant\n');
    expect(run(dir, ['advise', '--no-input', '-q', '--delivery', 'yes']).stdout).toBe('containers-in-vm\n');
  });
});

describe('config keys apply where they make sense', () => {
  it('format: json and expect in the config do not break --input; they are ignored with one note', () => {
    const dir = tempDir('vmvc-keys-');
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'vmvc.config.yaml'), 'format: json\nexpect: vm\n');
    writeFileSync(join(dir, 'inv.csv'), 'id,isolation\na,strong\n');
    const r = run(dir, ['advise', '--input', 'inv.csv']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: 'a', recommendation: 'vm' });
    expect(r.stderr.split('\n')[0]).toBe(`vmvc: note: ${join(dir, 'vmvc.config.yaml')}: ignoring format json (not a format of --input) and expect vm (for one workload, not --input)`);
  });
  it('format: csv in the config does not break one workload\'s advice', () => {
    const dir = tempDir('vmvc-keys-');
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'vmvc.config.yaml'), 'format: csv\n');
    const r = run(dir, ['advise', '--no-input']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Recommendation: /);
    expect(r.stderr).toBe(`vmvc: note: ${join(dir, 'vmvc.config.yaml')}: ignoring format csv (not a format for one workload)\n`);
  });
});

describe('a broken config file', () => {
  it('does not block --help, --version, completion or schema config (how one mends it); other commands still refuse it', () => {
    const dir = tempDir('vmvc-broken-');
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'vmvc.config.yaml'), 'format: [\n');
    for (const args of [['--help'], ['--version'], ['advise', '--help'], ['completion', 'bash'], ['schema', 'config']]) {
      const r = run(dir, args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(10);
      expect(r.stderr).toMatch(/^vmvc: warning: ignoring the config file: .*vmvc\.config\.yaml:2:1 /);
    }
    expect(run(dir, ['table']).code).toBe(2);
  });
});

describe('a config that supplied answers or rules always says so', () => {
  it('-q says it on stderr; every portfolio format says it (in the output where it has room, on stderr always)', () => {
    const dir = tempDir('vmvc-trace-');
    mkdirSync(join(dir, '.git'));
    const config = join(dir, 'vmvc.config.yaml');
    writeFileSync(config, 'answers:\n  isolation: strong\n');
    writeFileSync(join(dir, 'inv.csv'), 'id,delivery\na,yes\n');
    const note = `${config} supplied answers (--isolation strong)`;
    expect(run(dir, ['advise', '-q', '--no-input'])).toMatchObject({ stdout: 'vm\n', stderr: `vmvc: note: ${note}\n` });
    for (const format of ['jsonl', 'csv', 'markdown', 'text', 'html']) {
      const r = run(dir, ['advise', '--input', 'inv.csv', '--format', format]);
      expect(r.code, format).toBe(0);
      expect(r.stderr, format).toContain(`vmvc: note: ${note}; a row's own cells win over them\n`);
      if (['markdown', 'text', 'html'].includes(format)) expect(r.stdout, format).toContain(`${note}; a row`);
    }
  });
});

describe('config errors keep their place', () => {
  it('a bad answer, a bad expect and a missing overlay each name the config file, line and column', () => {
    const dir = tempDir('vmvc-place-');
    mkdirSync(join(dir, '.git'));
    const config = join(dir, 'vmvc.config.yaml');
    writeFileSync(config, 'answers:\n  delivery: "yes"\n  isolation: hihg\n');
    expect(run(dir, ['advise', '-q', '--no-input']).stderr).toBe(`error: ${config}:3:3 answers: isolation must be one of standard, strong, multi-tenant (or unsure) (got "hihg")\n`);
    writeFileSync(config, 'expect: vmm\n');
    expect(run(dir, ['advise', '-q', '--no-input']).stderr).toBe(`error: ${config}:1:1 expect must be one of container, containers-in-vm, vm (got "vmm"); did you mean "vm"?\n`);
    writeFileSync(config, 'rules:\n  - policy/missing.yaml\n');
    const r = run(dir, ['table']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${config}:2:5 rules[0]: cannot read the overlay policy/missing.yaml: no such file\n`);
  });
});

describe('flags given twice', () => {
  it('--config a --config b, or --config with --no-config, is exit 2 naming both', () => {
    const dir = tempDir('vmvc-twice-');
    expect(run(dir, ['--config', 'a', '--config', 'b', 'table'])).toMatchObject({ code: 2, stderr: 'error: --config "a" and --config "b" are both given; give one\n' });
    expect(run(dir, ['--config', 'a', '--no-config', 'table'])).toMatchObject({ code: 2, stderr: 'error: --config "a" and --no-config are both given; give one\n' });
  });
  it('--min-coverage "" or " " is not read as 0', () => {
    const dir = tempDir('vmvc-twice-');
    for (const v of ['', ' ']) expect(run(dir, ['rules', 'test', '--min-coverage', v])).toMatchObject({ code: 2, stderr: `error: --min-coverage must be a percentage from 0 to 100 (got ${JSON.stringify(v)})\n` });
  });
});
