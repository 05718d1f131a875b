/**
 * The single executable's start (`npm run build:sea`). Like dist/start.cjs on
 * the node path, it compiles the CLI bundle through a V8 code cache and loads
 * each library (the prompt library, YAML, zod, cli-table3, ...) only when a
 * command needs it; here they are the executable's assets rather than files.
 * The build runs this same module outside the executable to make the caches
 * (`makeCodeCache`), from the files beside it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getAsset, isSea } from 'node:sea';
import { Script } from 'node:vm';
import { WARM_RUNS, runCli, type Cli, type Main } from './entry.js';

const inSea = isSea();
const scripts = new Map<string, Script>();
const loaded = new Map<string, unknown>();

/** An asset of the executable, or (at build time) the file of that name beside this module; undefined when there is none. */
function read(name: string): Buffer | undefined {
  try {
    return inSea ? Buffer.from(getAsset(name)) : readFileSync(join(__dirname, name));
  } catch {
    return undefined;
  }
}

/** Loads a wrapped bundle (`cli.cjs`, `vendor/yaml.cjs`) through its code cache; its requires of ./vendor/* do the same. */
function load(name: string): unknown {
  const known = loaded.get(name);
  if (known) return known;
  const file = inSea ? process.execPath : join(__dirname, name);
  const script = new Script(read(name)!.toString('utf8'), { filename: `vmvc/${name}`, cachedData: read(`${name}.cache`) });
  scripts.set(name, script);
  const module = { exports: {} as unknown };
  loaded.set(name, module.exports);
  const requireHere = (id: string) => (id.startsWith('./vendor/') ? load(id.slice(2)) : require(id));
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, requireHere, module, file, dirname(file));
  loaded.set(name, module.exports);
  return module.exports;
}

/** Build step: runs the common paths so their functions are compiled, then writes each loaded bundle's cache beside it. */
export async function makeCodeCache(): Promise<string[]> {
  const { main } = load('cli.cjs') as { main: Main };
  const { Readable, Writable } = require('node:stream') as typeof import('node:stream');
  const sink = () => new Writable({ write: (_c, _e, done) => done() });
  for (const args of WARM_RUNS) await main(['node', 'vmvc', ...args], { stdout: sink(), stderr: sink(), stdin: Readable.from([]), env: {} });
  for (const [name, script] of scripts) writeFileSync(join(__dirname, `${name}.cache`), script.createCachedData());
  return [...scripts.keys()];
}

if (inSea) runCli(load('cli.cjs') as Cli);
