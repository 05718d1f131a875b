// Builds vmvc as a Node single executable application (`npm run build:sea`):
// dist/sea/vmvc (vmvc.exe on Windows), a copy of the node binary that built it
// with one script injected: the whole CLI, its libraries and the built-in rules
// (compiled by `npm run build` into dist/default-rules.json), with V8's code
// cache. It needs no Node, no node_modules and no other file. The script is
// tied to the Node version that built it: a binary is built per platform by
// that platform's Node (see .github/workflows/release.yml).
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleWhole } from './bundle-whole.mjs';

const root = new URL('..', import.meta.url);
// File paths from URLs through fileURLToPath, so Windows gets C:\\... rather than /C:/...
const path = (url) => fileURLToPath(url);
const dir = new URL('dist/sea/', root);
const exe = new URL(process.platform === 'win32' ? 'vmvc.exe' : 'vmvc', dir);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

const commit = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, encoding: 'utf8' });
// 1. One CommonJS script with everything in it; the rules as JSON text the code parses once.
await bundleWhole(path(new URL('main.cjs', dir)), { commit: commit.status === 0 ? commit.stdout.trim() : '' });

// 2. The blob Node injects: the script and its code cache; Node's experimental-feature warning off.
// VMVC_SEA_SNAPSHOT=1 builds it from a V8 start-up snapshot instead (see src/sea.ts), for comparison.
const snapshot = process.env.VMVC_SEA_SNAPSHOT === '1';
const config = new URL('sea-config.json', dir);
writeFileSync(config, JSON.stringify({ main: path(new URL('main.cjs', dir)), output: path(new URL('vmvc.blob', dir)), disableExperimentalSEAWarning: true, ...(snapshot ? { useSnapshot: true } : { useCodeCache: true }) }));
const blob = spawnSync(process.execPath, ['--experimental-sea-config', path(config)], { stdio: 'inherit' });
if (blob.status !== 0) process.exit(blob.status ?? 1);

// 3. A copy of this node with the blob injected (postject; on macOS the copy is then signed ad hoc).
copyFileSync(process.execPath, exe);
chmodSync(exe, 0o755);
if (process.platform === 'darwin') spawnSync('codesign', ['--remove-signature', path(exe)], { stdio: 'inherit' });
const postject = path(new URL('node_modules/postject/dist/cli.js', root));
const args = [postject, path(exe), 'NODE_SEA_BLOB', path(new URL('vmvc.blob', dir)), '--sentinel-fuse', 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'];
if (process.platform === 'darwin') args.push('--macho-segment-name', 'NODE_SEA');
const inject = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
if (inject.status !== 0) process.exit(inject.status ?? 1);
if (process.platform === 'darwin') spawnSync('codesign', ['--sign', '-', path(exe)], { stdio: 'inherit' });
for (const f of ['main.cjs', 'vmvc.blob', 'sea-config.json']) rmSync(new URL(f, dir));
console.log(`built ${path(exe)} (node ${process.version})`);
