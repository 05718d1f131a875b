/**
 * The built-in rules. The build validates rules/default.yaml and writes it as
 * dist/default-rules.json, so the normal start-up path reads JSON and loads
 * neither the YAML parser nor zod. Unbuilt (tests from source) it falls back
 * to the full loader.
 */
import { existsSync, readFileSync } from 'node:fs';
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
    if (parent === dir) throw new Error('cannot find rules/default.yaml above ' + fileURLToPath(import.meta.url));
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

/** The built-in rules, from the compiled JSON when present. */
export async function builtinRules(): Promise<Rules> {
  if (cached) return cached;
  try {
    cached = JSON.parse(readFileSync(compiledRulesPath(), 'utf8')) as Rules;
  } catch {
    const { loadRulesFile } = await import('./load.js');
    cached = loadRulesFile(defaultRulesPath());
  }
  return cached;
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
