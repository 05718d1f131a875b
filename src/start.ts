/**
 * How bin/vmvc.js starts vmvc: dist/cli.cjs and the vendor bundles are
 * compiled with V8's code cache, which the build writes to dist/cache/, so
 * start-up skips most parsing and compiling. A missing or stale cache (another
 * Node version, a rebuilt file) is simply not used.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { bundleLoader, warmUp } from './bundle-loader.js';
import { runCli, type Cli, type Main } from './entry.js';

const DIST = __dirname;
const CACHE = join(DIST, 'cache');

/** The bundles under dist/, each keyed by its path, with its cache in dist/cache/. */
const { load, scripts } = bundleLoader({
  text: (file) => readFileSync(file, 'utf8'),
  cache: (file) => {
    try {
      return readFileSync(join(CACHE, `${basename(file)}.cache`));
    } catch {
      return undefined; // No cache: compile as usual.
    }
  },
  // `vmvc/dist/...` wherever vmvc is installed, not a path on the machine that built the cache.
  filename: (file) => `vmvc/${relative(dirname(DIST), file)}`,
  file: (file) => file,
  vendor: (file, id) => join(dirname(file), id),
  require: (file) => Module.createRequire(file),
});

/** Loads a dist bundle (dist/cli.cjs, dist/vendor/*.cjs) through its code cache; its own requires of ./vendor/* do the same. */
export { load };

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
  await warmUp(main);
  await firstPrompt(main);
  // Loaded by the prompt above; loaded here as well in case that step gave up early.
  load(join(DIST, 'vendor', 'inquirer-core.cjs'));
  mkdirSync(CACHE, { recursive: true });
  for (const [file, script] of scripts) writeFileSync(join(CACHE, `${basename(file)}.cache`), script.createCachedData());
}
