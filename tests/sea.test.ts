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
import { alignCaches, readBlob } from '../scripts/sea-blob.mjs';

/** The blob in an executable's bytes: found by Node's magic number at the start of a blob that reads whole. */
function blobIn(file: Buffer): { assets: { name: string; content: Buffer; from: number }[] } {
  const magic = Buffer.from([0x20, 0xda, 0x43, 0x01]);
  for (let at = file.indexOf(magic); at >= 0; at = file.indexOf(magic, at + 1)) {
    const blob = readBlob(file, at);
    if (blob) return blob;
  }
  throw new Error('no blob in the executable');
}

describe("the blob's layout (scripts/sea-blob.mjs)", () => {
  const u64 = (n: number) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    return b;
  };
  const str = (s: string | Buffer) => [u64(Buffer.byteLength(s)), Buffer.from(s)];
  const assets: [string, Buffer][] = [['a.cjs', Buffer.from('x'.repeat(13))], ['a.cjs.cache', Buffer.alloc(29, 7)], ['b.cache', Buffer.alloc(3, 9)], ['vendor/c.cjs', Buffer.from('yy')]];
  const blob = Buffer.concat([Buffer.from([0x20, 0xda, 0x43, 0x01]), Buffer.from([0x0c, 0, 0, 0]), ...str('/x/main.cjs'), ...str('main();'), ...str('CACHE'), u64(assets.length), ...assets.flatMap(([n, c]) => [...str(n), ...str(c)])]);
  it.each([0, 1, 2, 3, 4, 5, 6, 7])('placed at an offset of %i (mod 8), every cache starts aligned and every asset is kept', (base) => {
    const aligned = alignCaches(blob, base)!;
    const read = readBlob(aligned)!;
    expect(read.end).toBe(aligned.length);
    const real = read.assets.filter((a) => !a.name.startsWith('~vmvc-pad-'));
    expect(real.map((a) => [a.name, a.content]).sort()).toEqual(assets.sort());
    expect(read.assets.filter((a) => a.name.endsWith('.cache')).map((a) => (base + a.from) % 8)).toEqual([0, 0]);
    expect(read.assets.filter((a) => a.name.startsWith('~vmvc-pad-')).every((a) => a.content.length === 0)).toBe(true);
  });
  it('leaves a blob of another layout alone', () => {
    expect(alignCaches(Buffer.concat([Buffer.from([1, 2, 3, 4]), blob.subarray(4)]))).toBeUndefined();
    expect(alignCaches(blob.subarray(0, blob.length - 1))).toBeUndefined();
  });
});

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
  it('carries every code cache 8-byte aligned, so that V8 uses it in place instead of copying it', () => {
    const file = readFileSync(join(dir, 'vmvc'));
    const blob = blobIn(file);
    const caches = blob.assets.filter((a) => a.name.endsWith('.cache'));
    expect(caches.map((a) => a.name)).toEqual(expect.arrayContaining(['cli.cjs.cache', 'cli.cjs.table.cache', 'vendor/cli-table3.cjs.cache']));
    expect(caches.filter((a) => a.from % 8 !== 0).map((a) => a.name)).toEqual([]);
  });
  it('names its version and the built-in rules; an overlay still applies', () => {
    expect(run(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+( \(commit [0-9a-f]{12}\))?\nrules version 1 \(built in\)\n$/);
    expect(run(['--rules', 'rules/examples/regulated-data.yaml', 'advise', '--no-input', '-q', '--handles-card-data', 'yes']).stdout).toBe('vm\n');
  });
});
