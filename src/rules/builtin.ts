/**
 * The built-in rules. The build validates rules/default.yaml and writes it as
 * dist/default-rules.json, which the CLI bundle (dist/cli.cjs, and so the
 * single executable) carries inside and the library (dist/index.js) reads:
 * built, vmvc loads neither the YAML parser nor zod for them. Run from source
 * (tests in-process), the YAML is read: each way has one source, never a mix.
 */
import { existsSync, readFileSync } from 'node:fs';
import { EXIT, ExitError, unreadable } from '../errors.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReservedIds, Rules } from './types.js';

let root: string | undefined;

/** The package root: the nearest folder above this module that holds rules/default.yaml. */
function packageRoot(): string {
  if (root) return root;
  // This module is src/rules/ unbuilt and dist/ or dist/chunks/ when bundled.
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'rules', 'default.yaml'))) {
    const parent = dirname(dir);
    // A bundle carrying the compiled rules (the single executable) may run far from their source: name where it would be.
    if (parent === dir) {
      if (typeof __VMVC_RULES__ === 'string') return (root = dirname(process.execPath));
      throw new Error('cannot find rules/default.yaml above ' + fileURLToPath(import.meta.url));
    }
    dir = parent;
  }
  return (root = dir);
}

/** Where the source of the built-in rules lives: `rules/default.yaml` in the package root. */
export function defaultRulesPath(): string {
  return join(packageRoot(), 'rules', 'default.yaml');
}

/** Where the build writes the compiled built-in rules. */
export function compiledRulesPath(): string {
  return join(packageRoot(), 'dist', 'default-rules.json');
}

let cached: Rules | undefined;

/** Set by the build: this code runs from dist/, beside dist/default-rules.json. */
declare const __VMVC_BUILT__: boolean | undefined;
/** Set by the CLI bundle's build: the compiled rules themselves, as JSON text. */
declare const __VMVC_RULES__: string | undefined;

/** The built-in rules: the compiled JSON when built (inside the CLI bundle, or beside the library), the YAML when run from source. */
export async function builtinRules(): Promise<Rules> {
  if (cached) return cached;
  if (typeof __VMVC_RULES__ === 'string') return (cached = JSON.parse(__VMVC_RULES__) as Rules);
  if (typeof __VMVC_BUILT__ !== 'boolean') {
    const { loadRulesFile } = await import('./load.js');
    return (cached = loadRulesFile(defaultRulesPath()));
  }
  const compiled = compiledRulesPath();
  let text: string;
  try {
    text = readFileSync(compiled, 'utf8');
  } catch (error) {
    throw new ExitError(`the built-in rules are missing (${compiled}: ${unreadable(error)}); run "npm run build"`, EXIT.internal);
  }
  return (cached = JSON.parse(text) as Rules);
}

/**
 * The built-in rules with `paths` applied in order (overlays and standalone
 * files, fully validated); `reserved` refuses question ids the caller's layer owns.
 */
export async function effectiveRules(paths: readonly string[], reserved?: ReservedIds): Promise<Rules> {
  const builtin = await builtinRules();
  if (!paths.length) return builtin;
  const { loadRuleFiles, builtinBase } = await import('./load.js');
  return loadRuleFiles([...paths], builtinBase(builtin, defaultRulesPath()), reserved);
}
