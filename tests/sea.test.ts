// vmvc as a single executable (`npm run build:sea`): built here once, copied
// alone into an empty folder and run with no Node on PATH and an empty
// environment, it prints exactly what the exact-output fixtures hold and
// nothing on stderr (Node's experimental-feature warning is off).
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/cli.js';
import { OUTPUT_CASES, OUTPUT_CASE_INPUTS } from './support/fixtures.js';
import { tempDir } from './support/temp.js';

const supported = process.platform === 'linux' && existsSync(join(ROOT, 'node_modules/postject'));
if (!supported) console.log('single-executable tests skipped: they build on Linux with postject (npm ci installs it)');

describe.skipIf(!supported)('the single executable', () => {
  let dir: string;
  beforeAll(() => {
    // Builds from dist/ (npm test builds it first): about 10 s idle, 30 s on a busy machine.
    const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build-sea.mjs')], { cwd: ROOT, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    dir = tempDir('vmvc-sea-');
    copyFileSync(join(ROOT, 'dist/sea/vmvc'), join(dir, 'vmvc'));
    for (const file of OUTPUT_CASE_INPUTS) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      cpSync(join(ROOT, file), join(dir, file), { recursive: true });
    }
  }, 120_000);

  const run = (args: string[]) =>
    spawnSync(join(dir, 'vmvc'), args, { cwd: dir, encoding: 'utf8', env: { PATH: '/nonexistent', NO_COLOR: '1', SOURCE_DATE_EPOCH: '1764892800' } });

  it.each(OUTPUT_CASES)('%s: the same output as the node path, nothing else on stderr', (name, args) => {
    const r = run(args);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'tests/fixtures/output', name), 'utf8'));
    // A portfolio run ends with its summary on stderr; nothing else speaks there.
    if (name.startsWith('portfolio')) expect(r.stderr).toMatch(/^vmvc: 6 rows read/m);
    else expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stderr).not.toMatch(/Warning|single executable/i);
  });
  it('names its version and the built-in rules; an overlay still applies', () => {
    expect(run(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+( \(commit [0-9a-f]{12}\))?\nrules version 1 \(built in\)\n$/);
    expect(run(['--rules', 'rules/examples/regulated-data.yaml', 'advise', '--no-input', '-q', '--handles-card-data', 'yes']).stdout).toBe('vm\n');
  });
});
