/**
 * The built-in rules. The build validates rules/default.yaml and writes it as
 * dist/default-rules.json, so the normal start-up path reads JSON and loads
 * neither the YAML parser nor zod. Unbuilt (tests from source) it falls back
 * to the full loader.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rules } from './types.js';

/** Where the source of the built-in rules lives: `rules/default.yaml` in the package root. */
export function defaultRulesPath(): string {
  // Walk up from this module: it is src/rules/ unbuilt and dist/ when bundled.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'rules', 'default.yaml');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find rules/default.yaml above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

let cached: Rules | undefined;

/** The built-in rules, from the compiled JSON when present. */
export async function builtinRules(): Promise<Rules> {
  if (cached) return cached;
  try {
    // In the bundle this module sits in dist/, beside default-rules.json.
    cached = JSON.parse(readFileSync(new URL('./default-rules.json', import.meta.url), 'utf8')) as Rules;
  } catch {
    const { loadRulesFile } = await import('./load.js');
    cached = loadRulesFile(defaultRulesPath());
  }
  return cached;
}
