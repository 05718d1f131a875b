/**
 * The single executable's start (`npm run build:sea`). Like dist/start.cjs on
 * the node path, it compiles the CLI bundle through a V8 code cache and loads
 * each library (the prompt library, YAML, zod, cli-table3, ...) only when a
 * command needs it; here they are the executable's assets rather than files.
 * The build runs this same module outside the executable to make the caches
 * (`makeCodeCache`), from the files beside it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getRawAsset, isSea } from 'node:sea';
import { bundleLoader, warmUp } from './bundle-loader.js';
import { runCli, type Cli, type Main } from './entry.js';

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

/** The bundles by asset name (`cli.cjs`, `vendor/yaml.cjs`), each with its `NAME.cache`. */
const { load, scripts } = bundleLoader({
  source: (name) => read(name)!,
  cache: (name) => read(`${name}.cache`),
  filename: (name) => `vmvc/${name}`,
  file: (name) => (inSea ? process.execPath : join(__dirname, name)),
  sibling: (_name, id) => id.slice(2),
  require: () => require,
});

/** Build step: runs the common paths so their functions are compiled, then writes each loaded bundle's cache beside it. */
export async function makeCodeCache(): Promise<string[]> {
  await warmUp((load('cli.cjs') as { main: Main }).main);
  load('cold.cjs');
  for (const [name, script] of scripts) writeFileSync(join(__dirname, `${name}.cache`), script.createCachedData());
  return [...scripts.keys()];
}

if (inSea) runCli(load('cli.cjs') as Cli);
