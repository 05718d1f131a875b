/**
 * How bin/vmvc.js starts vmvc: dist/cli.cjs and the vendor bundles are
 * compiled with V8's code cache, which the build writes to dist/cache/, so
 * start-up skips most parsing and compiling. A missing or stale cache (another
 * Node version, a rebuilt file) is simply not used.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { Script } from 'node:vm';
import { WARM_RUNS, runCli, type Cli, type Main } from './entry.js';

const DIST = __dirname;
const CACHE = join(DIST, 'cache');
const scripts = new Map<string, Script>();
const loaded = new Map<string, unknown>();

/**
 * Loads a dist bundle (a CommonJS module the build wrote pre-wrapped, see
 * scripts/build.mjs) through the code cache; its own requires of ./vendor/* do the same.
 */
export function load(file: string): unknown {
  const known = loaded.get(file);
  if (known) return known;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(join(CACHE, `${basename(file)}.cache`));
  } catch {
    // No cache: compile as usual.
  }
  // The build wrote the file as one function expression (see scripts/build.mjs), so it needs no Module.wrap.
  // Stack traces name it `vmvc/dist/...` wherever it is installed: a script compiled from a code cache
  // keeps the name it had when the cache was made, which would be a path on the machine that built it.
  const script = new Script(readFileSync(file, 'utf8'), { filename: `vmvc/${relative(dirname(DIST), file)}`, cachedData });
  scripts.set(file, script);
  const module = { exports: {} as unknown };
  const plain = Module.createRequire(file);
  const require = Object.assign((id: string) => (id.startsWith('./vendor/') ? load(join(dirname(file), id)) : plain(id)), plain);
  loaded.set(file, module.exports);
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, require, module, file, dirname(file));
  loaded.set(file, module.exports);
  return module.exports;
}

/** Loads dist/cli.cjs through the code cache and runs it (see entry.ts). */
export function run(): void {
  runCli(load(join(DIST, 'cli.cjs')) as Cli);
}

/**
 * `vmvc advise` on a stand-in terminal until its first question is drawn, then
 * Ctrl-C: the prompt's code is compiled, so the first question of a real run
 * is drawn from the cache. Gives up quietly after five seconds.
 */
async function firstPrompt(main: Main): Promise<void> {
  const { Readable, Writable } = require('node:stream') as typeof import('node:stream');
  const keys = Object.assign(new Readable({ read: () => undefined }), { isTTY: true, setRawMode: () => keys });
  const screen = Object.assign(
    new Writable({
      write: (_chunk, _encoding, done) => {
        keys.push('\u0003');
        done();
      },
    }),
    { isTTY: true, columns: 80, rows: 24 },
  );
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, 5000)));
  await Promise.race([main(['node', 'vmvc', 'advise'], { stdout: screen, stderr: screen, stdin: keys, env: { TERM: 'xterm' } }), gaveUp]);
  clearTimeout(timer);
}

/**
 * Build step: runs the common paths in-process so their functions are
 * compiled, then writes each loaded file's code cache.
 */
export async function makeCodeCache(): Promise<void> {
  const { main } = load(join(DIST, 'cli.cjs')) as { main: Main };
  // node:stream is loaded here, at build time only: every start would otherwise pay for it.
  const { Readable, Writable } = require('node:stream') as typeof import('node:stream');
  const sink = () => new Writable({ write: (_c, _e, done) => done() });
  for (const args of WARM_RUNS) await main(['node', 'vmvc', ...args], { stdout: sink(), stderr: sink(), stdin: Readable.from([]), env: {} });
  await firstPrompt(main);
  // Loaded by the prompt above; loaded here as well in case that step gave up early.
  load(join(DIST, 'vendor', 'inquirer-core.cjs'));
  mkdirSync(CACHE, { recursive: true });
  for (const [file, script] of scripts) writeFileSync(join(CACHE, `${basename(file)}.cache`), script.createCachedData());
}
