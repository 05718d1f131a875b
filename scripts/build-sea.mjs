// Builds vmvc as a Node single executable application (`npm run build:sea`):
// dist/sea/vmvc (vmvc.exe on Windows), a copy of the node binary that built it
// with vmvc injected. Its script is src/sea-start.ts, which loads the CLI bundle
// (with the built-in rules compiled in) and, only when a command needs one,
// each library (dist/vendor/*.cjs), all carried as the executable's assets with
// V8 code caches made at build time, as bin/vmvc.js does from files. It needs no
// Node, no node_modules and no other file. The assets and caches are tied to the
// Node version that built them: a binary is built per platform by that
// platform's Node (see .github/workflows/release.yml).
//
// VMVC_SEA_SNAPSHOT=1 builds the older form for comparison: the whole CLI in one
// script (scripts/bundle-whole.mjs), started from a V8 start-up snapshot
// (docs/performance.md has what each gives).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { bundleWhole } from './bundle-whole.mjs';
import { common, gitCommit } from './cli-bundle.mjs';
import { alignCaches, findBlob } from './sea-blob.mjs';

const root = new URL('..', import.meta.url);
// File paths from URLs through fileURLToPath, so Windows gets C:\\... rather than /C:/...
const path = (url) => fileURLToPath(url);
const dir = new URL('dist/sea/', root);
const exe = new URL(process.platform === 'win32' ? 'vmvc.exe' : 'vmvc', dir);
rmSync(dir, { recursive: true, force: true });
mkdirSync(new URL('vendor/', dir), { recursive: true });

let config;
if (process.env.VMVC_SEA_SNAPSHOT === '1') {
  // The whole CLI in one script, started from a snapshot (see src/sea.ts).
  await bundleWhole(path(new URL('main.cjs', dir)), { commit: gitCommit() });
  config = { main: path(new URL('main.cjs', dir)), useSnapshot: true };
} else {
  // 1. The CLI's two bundles as `npm run build` wrote them, the compiled built-in rules inside.
  for (const f of ['cli.cjs', 'cold.cjs']) copyFileSync(new URL(`dist/${f}`, root), new URL(f, dir));
  // 2. The libraries as `npm run build` wrote them.
  const vendor = readdirSync(new URL('dist/vendor/', root)).filter((f) => f.endsWith('.cjs'));
  for (const f of vendor) copyFileSync(new URL(`dist/vendor/${f}`, root), new URL(`vendor/${f}`, dir));
  // 3. The start script, then the code caches it makes by running the common paths from these files.
  await build({ ...common, entryPoints: ['src/sea-start.ts'], outfile: 'dist/sea/main.cjs', format: 'cjs' });
  createRequire(import.meta.url)(path(new URL('main.cjs', dir))).makeAllCodeCaches();
  const caches = readdirSync(dir).filter((f) => f.endsWith('.cache')).concat(readdirSync(new URL('vendor/', dir)).filter((f) => f.endsWith('.cache')).map((f) => `vendor/${f}`));
  const names = ['cli.cjs', 'cold.cjs', ...vendor.map((f) => `vendor/${f}`)];
  const assets = Object.fromEntries([...names, ...caches].map((n) => [n, path(new URL(n, dir))]));
  config = { main: path(new URL('main.cjs', dir)), useCodeCache: true, assets };
}

// 4. The blob Node injects; Node's experimental-feature warning off.
const configFile = new URL('sea-config.json', dir);
writeFileSync(configFile, JSON.stringify({ ...config, output: path(new URL('vmvc.blob', dir)), disableExperimentalSEAWarning: true }));
const blob = spawnSync(process.execPath, ['--experimental-sea-config', path(configFile)], { stdio: 'inherit' });
if (blob.status !== 0) process.exit(blob.status ?? 1);

// 5. A copy of this node with the blob injected (postject; on macOS the copy is then signed ad hoc),
// its assets laid out so that each code cache is 8-byte aligned in the executable (scripts/sea-blob.mjs):
// where the blob lands is known once it is in, so a second round places it for that.
const blobFile = new URL('vmvc.blob', dir);
const nodeBlob = readFileSync(blobFile);
function inject(blob) {
  writeFileSync(blobFile, blob);
  copyFileSync(process.execPath, exe);
  chmodSync(exe, 0o755);
  if (process.platform === 'darwin') spawnSync('codesign', ['--remove-signature', path(exe)], { stdio: 'inherit' });
  const postject = path(new URL('node_modules/postject/dist/cli.js', root));
  const args = [postject, path(exe), 'NODE_SEA_BLOB', path(blobFile), '--sentinel-fuse', 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'];
  if (process.platform === 'darwin') args.push('--macho-segment-name', 'NODE_SEA');
  const injected = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (injected.status !== 0) process.exit(injected.status ?? 1);
  if (process.platform === 'darwin') spawnSync('codesign', ['--sign', '-', path(exe)], { stdio: 'inherit' });
  return findBlob(readFileSync(exe), blob);
}
const aligned = config.assets ? alignCaches(nodeBlob) : undefined;
let placed = inject(aligned ?? nodeBlob);
if (config.assets && !aligned) {
  console.warn("build-sea: the blob is not of the layout scripts/sea-blob.mjs reads (another Node's?): its code caches stay where Node put them");
} else if (aligned) {
  if (placed?.assets && placed.start % 8 !== 0) placed = inject(alignCaches(nodeBlob, placed.start % 8));
  const unaligned = placed?.assets?.filter((a) => a.name.endsWith('.cache') && a.from % 8 !== 0).map((a) => a.name) ?? ['(the blob was not found in the executable)'];
  if (unaligned.length > 0) console.warn(`build-sea: code caches V8 will copy at every start (not 8-byte aligned): ${unaligned.join(', ')}`);
}
// Only the executable stays.
for (const f of readdirSync(dir)) if (f !== (process.platform === 'win32' ? 'vmvc.exe' : 'vmvc')) rmSync(new URL(f, dir), { recursive: true, force: true });
console.log(`built ${path(exe)} (node ${process.version})`);
