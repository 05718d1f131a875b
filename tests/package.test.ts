// The tarball `npm pack` makes is what users install: it must hold everything
// that runs (the bundle is self-contained, so it has no dependencies to fetch).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
    expect(files).toEqual(
      expect.arrayContaining(['bin/vmvc.js', 'bin/package.json', 'dist/cli.cjs', 'dist/cold.cjs', 'dist/default-rules.json', 'dist/types/index.d.ts', 'rules/default.yaml', 'schema/advice.schema.json', 'LICENSE', 'examples/portfolio.csv', 'examples/workload.yaml', 'action.yml']),
    );
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('tests/'))).toBe(false);

    const prefix = join(dir, 'prefix');
    execFileSync('npm', ['install', '--global', '--offline', '--prefix', prefix, join(dir, packed[0].filename)], { encoding: 'utf8', env: npmEnv, stdio: 'pipe' });
    const bin = join(prefix, 'bin', 'vmvc');
    const run = (args: string[]) => spawnSync(bin, args, { encoding: 'utf8', cwd: dir, env: { PATH: process.env.PATH } });

    const version = run(['--version']);
    expect(version.status).toBe(0);
    // The version, and the commit the packed build was made from when it was built in a git checkout.
    expect(version.stdout).toMatch(new RegExp(`^${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version.replace(/\./g, '\\.')}( \\(commit [0-9a-f]{12}\\))?\nrules version 1 \\(built in\\)\n$`));

    const advice = run(['advise', '--no-input', '--format', 'json']);
    expect(advice.status).toBe(0);
    expect(JSON.parse(advice.stdout).recommendation).toBe('container');
  });

  it('is a typed library: a strict TypeScript consumer type-checks against the tarball and runs', { timeout: 120_000 }, () => {
    const dir = tempDir('vmvc-consumer-');
    const npmEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', env: npmEnv }));
    const project = join(dir, 'consumer');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--offline', '--no-save', join(dir, packed[0].filename)], { cwd: project, encoding: 'utf8', env: npmEnv, stdio: 'pipe' });
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', outDir: 'out', skipLibCheck: false, types: [], typeRoots: [] },
        files: ['consumer.ts'],
      }),
    );
    writeFileSync(
      join(project, 'consumer.ts'),
      `import { advise, decide, formatAdvice, loadRulesFile, UsageError, type Advice } from 'vmvc';
import pkg from 'vmvc/package.json' with { type: 'json' };

const advice: Advice = await advise({ 'workload-os': 'windows', delivery: true }, { title: 'billing' });
const kind: string = advice.recommendation;
const firm: 'firm' | 'depends' = advice.confidence;
let refused = '';
try {
  await advise({ 'host-os': 'solaris' });
} catch (error) {
  if (error instanceof UsageError) refused = error.message;
}
const markdown: string = await formatAdvice(advice, 'markdown');
console.log(JSON.stringify({ kind, firm, title: advice.title, assumed: advice.assumed.length, refused, heading: markdown.split('\\n')[0], version: pkg.version, decide: typeof decide, load: typeof loadRulesFile }));
`,
    );
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    const out = JSON.parse(execFileSync(process.execPath, [join(project, 'out', 'consumer.js')], { encoding: 'utf8', env: { PATH: process.env.PATH } }));
    expect(out).toEqual({
      kind: 'containers-in-vm',
      // The host is assumed, and a macOS host would change it.
      firm: 'depends',
      title: 'billing',
      assumed: 8,
      refused: 'advise() answers: host-os must be one of linux, windows, macos (or unsure) (got "solaris")',
      heading: '## vmvc: billing: Run it as containers inside a VM (`containers-in-vm`)',
      version: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
      decide: 'function',
      load: 'function',
    });
  });
});
