// The tarball `npm pack` makes is what users install: it must hold everything
// that runs (the bundle is self-contained, so it has no dependencies to fetch).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli.js';
import { tempDir } from './support/temp.js';

describe('the npm package', () => {
  it('installs from its tarball into an empty prefix and runs', { timeout: 120_000 }, () => {
    const dir = tempDir('vmvc-pack-');
    const npmEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', env: npmEnv }));
    const files: string[] = packed[0].files.map((f: { path: string }) => f.path);
    expect(files).toEqual(expect.arrayContaining(['bin/vmvc.js', 'bin/package.json', 'dist/cli.cjs', 'dist/default-rules.json', 'rules/default.yaml', 'schema/advice.schema.json']));
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('tests/'))).toBe(false);

    const prefix = join(dir, 'prefix');
    execFileSync('npm', ['install', '--global', '--offline', '--prefix', prefix, join(dir, packed[0].filename)], { encoding: 'utf8', env: npmEnv, stdio: 'pipe' });
    const bin = join(prefix, 'bin', 'vmvc');
    const run = (args: string[]) => spawnSync(bin, args, { encoding: 'utf8', cwd: dir, env: { PATH: process.env.PATH } });

    const version = run(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\nrules version 1 (built in)\n`);

    const advice = run(['advise', '--no-input', '--format', 'json']);
    expect(advice.status).toBe(0);
    expect(JSON.parse(advice.stdout).recommendation).toBe('container');
  });
});
