/**
 * Loading the wrapped bundles the build writes (the CLI and its libraries, see
 * scripts/cli-bundle.mjs) through their V8 code caches: dist/start.cjs reads
 * them from files, the single executable (src/sea-start.ts) from its assets.
 */
import { isAscii } from 'node:buffer';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import type { Main } from './entry.js';
import { commandWord, walkArgs } from './argv.js';
import { switchedOn } from './switches.js';

/** A half of the CLI, which lends the other its modules by id. */
interface Lender {
  __vmvcModule(id: string): unknown;
}

/** Where a loader finds each bundle, by key (a file path, or an asset name). */
export interface BundleStore {
  /** The bundle's bytes; read once, at once (it may share its memory with the next read). */
  source(key: string): Buffer;
  /** Its code cache, or undefined when there is none; read once, at once (it may share its memory with the next read). */
  cache(key: string): Buffer | undefined;
  /** The name stack traces give it (`vmvc/dist/cli.cjs`): a script compiled from a cache keeps the name it was cached under. */
  filename(key: string): string;
  /** Its `__filename`. */
  file(key: string): string;
  /** The key of the bundle `require('./vendor/x.cjs')` or `require('./cold.cjs#...')` from `key` loads. */
  sibling(key: string, file: string): string;
  /** The require it gets for everything else (Node's built-ins). */
  require(key: string): NodeJS.Require | ((id: string) => unknown);
}

/**
 * A loader over `store`: `load(key)` compiles a bundle once (the build wrote it
 * as one function expression, so it needs no Module.wrap), runs it with a
 * require that loads the bundles it names the same way, and returns its
 * exports; `scripts` holds what was compiled, for writing their caches. A
 * bundle names another as `./vendor/x.cjs` (a library: its exports) or
 * `./cold.cjs#src/scan/index.ts` (one module of the other half of the CLI,
 * which each half lends the other through `__vmvcModule`; see
 * scripts/cli-bundle.mjs).
 */
export function bundleLoader(store: BundleStore) {
  const scripts = new Map<string, Script>();
  const loaded = new Map<string, unknown>();
  const load = (key: string): unknown => {
    const known = loaded.get(key);
    if (known) return known;
    // The build writes ASCII bundles (a test holds it), which are one byte a character as latin1.
    const bytes = store.source(key);
    const text = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
    const script = new Script(text, { filename: store.filename(key), cachedData: store.cache(key) });
    scripts.set(key, script);
    const module = { exports: {} as unknown };
    const base = store.require(key);
    const requireHere = Object.assign((id: string) => {
      if (!id.startsWith('./')) return base(id);
      const [bundle, name] = id.split('#') as [string, string?];
      const exports = load(store.sibling(key, bundle));
      return name === undefined ? exports : (exports as Lender).__vmvcModule(name);
    }, base);
    loaded.set(key, module.exports);
    const file = store.file(key);
    (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, requireHere, module, file, dirname(file));
    loaded.set(key, module.exports);
    return module.exports;
  };
  return { load, scripts };
}

/**
 * The kinds of run the CLI bundle has a code cache for, each with the runs a
 * build makes before writing it, so that the functions those runs call are in
 * it and no others: V8 reads a whole cache at every start, and the cache for
 * `table` is 57% of the size of the one for every common path. `''` is every
 * other run (help, questions asked at a terminal, other commands, errors):
 * its cache holds all the runs here and the first question of `advise`.
 */
export const WARM_RUNS = {
  advise: [['advise', '--no-input', '--format', 'json'], ['advise', '--no-input']],
  table: [['table']],
  questions: [['questions']],
  '': [['--help'], ['advise', '--no-input', '--format', 'json'], ['advise', '--no-input'], ['table'], ['questions']],
} satisfies Record<string, string[][]>;
export type CacheKind = keyof typeof WARM_RUNS;

/**
 * Which cache suits a run with these arguments and environment: the command
 * named by the first word that is not an option, read as `prescan` reads it
 * (src/argv.ts), unless the run asks for help; `advise` only when it cannot
 * ask questions (--no-input, or CI set; whether stdin is a terminal is not
 * asked here: loading node:tty costs more than the smaller cache saves). A
 * wrong choice would cost only speed: a cache without a function only means
 * that function is compiled when called.
 */
export function cacheKind(args: readonly string[], env: NodeJS.ProcessEnv): CacheKind {
  const { words } = walkArgs(args);
  const word = commandWord(words);
  if (word === undefined || word === '' || !Object.hasOwn(WARM_RUNS, word) || words.includes('--help') || words.includes('-h')) return '';
  if (word === 'advise' && !words.includes('--no-input') && !switchedOn(env.CI)) return '';
  return word as CacheKind;
}

/** The file (or asset) name of `bundle`'s code cache for `kind` runs: only the CLI bundle has one per kind. */
export const cacheName = (bundle: string, kind: CacheKind) => (bundle === 'cli.cjs' && kind !== '' ? `${bundle}.${kind}.cache` : `${bundle}.cache`);

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

/** Build step: the runs for `kind` in-process on streams that go nowhere (node:stream is loaded here, never at a start), and for the general kind the first prompt. */
async function warmUp(main: Main, kind: CacheKind): Promise<void> {
  const { Readable, Writable } = require('node:stream') as typeof import('node:stream');
  const sink = () => new Writable({ write: (_c, _e, done) => done() });
  for (const args of WARM_RUNS[kind]) await main(['node', 'vmvc', ...args], { stdout: sink(), stderr: sink(), stdin: Readable.from([]), env: {} });
  if (kind === '') await firstPrompt(main);
}

/**
 * Build step, in a process of its own (see makeCodeCaches): runs the `kind`
 * runs so their functions are compiled, then hands `write` the caches to keep:
 * the CLI bundle's (`bundles.cli`) for this kind; for the general kind, every
 * loaded bundle's, `bundles.general` loaded first (the prompt library, in case
 * the first prompt gave up early, and the CLI's cold half, which no warm-up run
 * reaches: its cache still spares a run that does the parse).
 */
export async function writeCodeCache(
  { load, scripts }: ReturnType<typeof bundleLoader>,
  bundles: { cli: string; general: string[] },
  kind: CacheKind,
  write: (key: string, cache: Buffer) => void,
): Promise<void> {
  await warmUp((load(bundles.cli) as { main: Main }).main, kind);
  if (kind === '') for (const key of bundles.general) load(key);
  for (const [key, script] of scripts) if (kind === '' || key === bundles.cli) write(key, script.createCachedData());
}

/**
 * Build step: makes the caches of every kind, each in a process of its own
 * (a cache holds every function of its script compiled in the process so
 * far): `node -e "require(startModule).makeCodeCache(kind)"`.
 */
export function makeCodeCaches(startModule: string): void {
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  for (const kind of Object.keys(WARM_RUNS)) {
    const made = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(startModule)}).makeCodeCache(${JSON.stringify(kind)})`], { stdio: 'inherit' });
    if (made.status !== 0) throw new Error(`making the ${kind || 'general'} code cache failed (exit ${made.status})`);
  }
}
