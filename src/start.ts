/**
 * How bin/vmvc.js starts vmvc: dist/cli.cjs, dist/cold.cjs and the vendor
 * bundles are compiled with V8's code cache, which the build writes to
 * dist/cache/, so start-up skips most parsing and compiling; dist/cli.cjs has
 * a cache for each kind of run (see WARM_RUNS). A missing or stale cache
 * (another Node version, a rebuilt file) is simply not used.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { bundleLoader, cacheKind, cacheName, makeCodeCaches, writeCodeCache, type CacheKind } from './bundle-loader.js';
import { runCli, type Cli } from './entry.js';

const DIST = __dirname;
const CACHE = join(DIST, 'cache');

/**
 * Every file start-up reads (each bundle and its cache) is read into this one
 * buffer, grown when a file is larger: memory the process has already touched
 * costs far less to fill than new memory, whose every page the kernel must
 * first supply (reading each file into a buffer of its own touched ~70 more
 * pages a start). A bundle's text is copied out of it into a string; a cache
 * is used by `new Script` before the next read.
 */
let scratch = Buffer.allocUnsafeSlow(0);

/** The bytes of `file`, in `scratch` (grown to at least `room` bytes when it must grow): valid until the next call. */
function readShared(file: string, room = 0): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (scratch.length < size) scratch = Buffer.allocUnsafeSlow(Math.max(size, room));
    let at = 0;
    for (let n; at < size && (n = readSync(fd, scratch, at, size - at, at)) > 0; ) at += n;
    return scratch.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

const cacheOf = (file: string, kind: CacheKind) => join(CACHE, cacheName(basename(file), kind));
/** The kind of run this is, for the CLI bundle's cache. */
const runKind = cacheKind(process.argv.slice(2), process.env);
/** Set while a build makes caches, which must start from none. */
let making = false;

/** The bundles under dist/, each keyed by its path, with its cache in dist/cache/. */
const { load, scripts } = bundleLoader({
  // Room for its cache too, read next into the same memory.
  source: (file) => readShared(file, making ? 0 : statSync(cacheOf(file, runKind), { throwIfNoEntry: false })?.size),
  cache: (file) => {
    if (making) return undefined;
    try {
      return readShared(cacheOf(file, runKind));
    } catch {
      return undefined; // No cache: compile as usual.
    }
  },
  // `vmvc/dist/...` wherever vmvc is installed, not a path on the machine that built the cache.
  filename: (file) => `vmvc/${relative(dirname(DIST), file)}`,
  file: (file) => file,
  sibling: (file, id) => join(dirname(file), id),
  require: (file) => Module.createRequire(file),
});

/** Loads a dist bundle (dist/cli.cjs, dist/vendor/*.cjs) through its code cache; the bundles it requires load the same way. */
export { load };

/** Loads dist/cli.cjs through the code cache and runs it (see entry.ts). */
export function run(): void {
  runCli(load(join(DIST, 'cli.cjs')) as Cli);
}

/** Build step: the caches for `kind` runs, in dist/cache/ (see writeCodeCache). */
export async function makeCodeCache(kind: CacheKind): Promise<void> {
  making = true;
  mkdirSync(CACHE, { recursive: true });
  const bundles = { cli: join(DIST, 'cli.cjs'), general: [join(DIST, 'vendor', 'inquirer-core.cjs'), join(DIST, 'cold.cjs')] };
  await writeCodeCache({ load, scripts }, bundles, kind, (file, cache) => writeFileSync(cacheOf(file, kind), cache));
}

/** Build step: every cache (see makeCodeCaches). */
export const makeAllCodeCaches = () => makeCodeCaches(__filename);
