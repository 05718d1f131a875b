/**
 * Loading the wrapped bundles the build writes (the CLI and its libraries, see
 * scripts/cli-bundle.mjs) through their V8 code caches: dist/start.cjs reads
 * them from files, the single executable (src/sea-start.ts) from its assets.
 */
import { isAscii } from 'node:buffer';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import type { Main } from './entry.js';

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

/** The runs a build makes before writing code caches, so the common paths are compiled in them. */
export const WARM_RUNS = [['--help'], ['advise', '--no-input', '--format', 'json'], ['advise', '--no-input'], ['table'], ['questions']];

/** Build step: runs WARM_RUNS in-process on streams that go nowhere (node:stream is loaded here, never at a start). */
export async function warmUp(main: Main): Promise<void> {
  const { Readable, Writable } = require('node:stream') as typeof import('node:stream');
  const sink = () => new Writable({ write: (_c, _e, done) => done() });
  for (const args of WARM_RUNS) await main(['node', 'vmvc', ...args], { stdout: sink(), stderr: sink(), stdin: Readable.from([]), env: {} });
}
