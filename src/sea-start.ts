/**
 * The single executable's start (`npm run build:sea`). Like dist/start.cjs on
 * the node path, it compiles the CLI bundle through a V8 code cache and loads
 * each library (the prompt library, YAML, zod, cli-table3, ...) only when a
 * command needs it; here they are the executable's assets rather than files.
 * The build runs this same module outside the executable to make the caches
 * (`makeAllCodeCaches`), from the files beside it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getRawAsset, isSea } from 'node:sea';
import { bundleLoader, cacheKind, cacheName, makeCodeCaches, writeCodeCache, type CacheKind } from './bundle-loader.js';
import { runCli, type Cli } from './entry.js';

const inSea = isSea();

/**
 * An asset of the executable, read where it lies in the executable (no copy:
 * never written to), or (at build time) the file of that name beside this
 * module; undefined when there is none.
 */
function read(name: string): Buffer | undefined {
  try {
    return inSea ? Buffer.from(getRawAsset(name) as ArrayBuffer) : readFileSync(join(__dirname, name));
  } catch {
    return undefined;
  }
}

/** The kind of run this is, for the CLI bundle's cache. */
const runKind = cacheKind(process.argv.slice(2), process.env);
/** Set while a build makes caches, which must start from none. */
let making = false;

/** The bundles by asset name (`cli.cjs`, `vendor/yaml.cjs`), each with its cache (see cacheName). */
const { load, scripts } = bundleLoader({
  source: (name) => read(name)!,
  cache: (name) => (making ? undefined : read(cacheName(name, runKind))),
  filename: (name) => `vmvc/${name}`,
  file: (name) => (inSea ? process.execPath : join(__dirname, name)),
  sibling: (_name, id) => id.slice(2),
  require: () => require,
});

/** Build step: the caches for `kind` runs, beside this module (see writeCodeCache). */
export async function makeCodeCache(kind: CacheKind): Promise<void> {
  making = true;
  const bundles = { cli: 'cli.cjs', general: ['vendor/inquirer-core.cjs', 'cold.cjs'] };
  await writeCodeCache({ load, scripts }, bundles, kind, (name, cache) => writeFileSync(join(__dirname, cacheName(name, kind)), cache));
}

/** Build step: every cache (see makeCodeCaches). */
export const makeAllCodeCaches = () => makeCodeCaches(__filename);

if (inSea) runCli(load('cli.cjs') as Cli);
