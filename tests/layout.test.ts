// The shape of the code: no import cycles under src/, the layers between its
// parts, and a design map (docs/design.md) that names every part of src/ and
// nothing that is not there.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli.js';

const SRC = join(ROOT, 'src');

/** Every .ts file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** Each module's local imports, static, dynamic and type-only alike. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:\bfrom|\bimport\()\s*['"](\.[^'"]+)['"]/g)].map((m) => resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
    graph.set(file, targets);
  }
  return graph;
}

/** The import cycles in a graph, each as `a -> b -> a`. */
function cycles(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next].map((f) => relative(SRC, f)).join(' -> '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('modules', () => {
  it('no module under src/ imports one that imports it back', () => {
    expect(cycles(importGraph())).toEqual([]);
  });
  it('the cycle check finds a cycle when there is one', () => {
    const a = join(SRC, 'a.ts');
    const b = join(SRC, 'b.ts');
    expect(cycles(new Map([[a, [b]], [b, [a]]]))).toEqual(['a.ts -> b.ts -> a.ts']);
  });
  it('every local import names a file that exists', () => {
    for (const [file, targets] of importGraph()) for (const t of targets) expect(existsSync(t), `${relative(ROOT, file)} imports ${relative(ROOT, t)}`).toBe(true);
  });
  it('no command module imports another (what two commands share lives below them)', () => {
    for (const [file, targets] of importGraph()) {
      if (!file.startsWith(join(SRC, 'commands')) || file.endsWith('index.ts')) continue;
      const siblings = targets.filter((t) => dirname(t) === join(SRC, 'commands'));
      expect(siblings.map((t) => relative(SRC, t)), relative(SRC, file)).toEqual([]);
    }
  });
  it('bin/vmvc.js only hands over to the build', () => {
    const code = readFileSync(join(ROOT, 'bin/vmvc.js'), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#!') && !l.trim().startsWith('//'));
    expect(code).toHaveLength(1);
  });
});

/**
 * The layers docs/design.md describes, as the places each part of src/ may
 * import from (a folder ends in "/"; its own files are always allowed). The
 * rule model knows nothing of the engine, the walks or answer resolution; the
 * tools that run the engine over rules live in policy/, above it.
 */
const BASE = ['errors.ts', 'sanitize.ts', 'random.ts', 'space.ts', 'files.ts', 'color.ts', 'version.ts'];
const CORE = ['engine.ts', 'sensitivity.ts', 'answers.ts', 'advice.ts', 'advice-types.ts', 'advice-schema.ts', 'config.ts', 'config-schema.ts', 'prompts.ts'];
const ALLOWED: Record<string, string[]> = {
  ...Object.fromEntries(BASE.map((b) => [b, BASE])),
  'rules/': BASE,
  'detect/': BASE,
  ...Object.fromEntries(CORE.map((c) => [c, [...BASE, 'rules/', ...CORE]])),
  'policy/': [...BASE, 'rules/', ...CORE],
  'scan/': [...BASE, 'rules/', ...CORE],
  'format/': [...BASE, 'rules/', ...CORE, 'policy/', 'batch/', 'detect/', 'scan/'],
  'batch/': [...BASE, 'rules/', ...CORE, 'format/', 'scan/', 'io.ts'],
};

/** The part of src/ a file belongs to: its folder (`rules/`), or its own name for a file directly under src/. */
const partOf = (file: string) => {
  const rel = relative(SRC, file);
  return rel.includes('/') ? `${rel.split('/')[0]}/` : rel;
};

/** Imports that cross from one part to another where ALLOWED does not let them. */
function layerViolations(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  for (const [file, targets] of graph) {
    const allowed = ALLOWED[partOf(file)];
    if (!allowed) continue;
    for (const t of targets) {
      const to = partOf(t);
      if (to !== partOf(file) && !allowed.includes(to)) found.push(`${relative(SRC, file)} -> ${relative(SRC, t)}`);
    }
  }
  return found;
}

describe('layers', () => {
  it('each part of src/ imports only from the layers below it (as docs/design.md describes)', () => {
    expect(layerViolations(importGraph())).toEqual([]);
  });
  it('the layer check finds an import across layers when there is one', () => {
    const model = join(SRC, 'rules', 'load.ts');
    expect(layerViolations(new Map([[model, [join(SRC, 'engine.ts'), join(SRC, 'rules', 'schema.ts')]]]))).toEqual(['rules/load.ts -> engine.ts']);
  });
  it('every folder under src/ has its place in the layers, or is a top layer', () => {
    const tops = ['commands/'];
    for (const name of readdirSync(SRC)) if (statSync(join(SRC, name)).isDirectory()) expect(`${name}/` in ALLOWED || tops.includes(`${name}/`), name).toBe(true);
  });
});

describe('the design map (docs/design.md)', () => {
  const design = readFileSync(join(ROOT, 'docs/design.md'), 'utf8');
  const map = /## Design map\n\n```\n([\s\S]*?)```/.exec(design)![1]!;
  // Paths named at the start of a line, and those joined with commas (`src/color.ts, errors.ts`).
  const named = map.split('\n').flatMap((line) => {
    const head = /^([^\s,]+(?:, [^\s,]+)*)/.exec(line)?.[1];
    if (!head) return [];
    const parts = head.split(', ');
    const dir = dirname(parts[0]!);
    return parts.map((p, i) => (i && !p.includes('/') ? join(dir, p) : p));
  });

  it('names only paths that exist', () => {
    for (const path of named) expect(existsSync(join(ROOT, path.replace('*.ts', ''))), path).toBe(true);
  });
  it('names every file and folder directly under src/ (files in commands/ and format/ by their folder)', () => {
    const covered = (entry: string) =>
      named.some((n) => n === entry || n === `${entry}/` || n.startsWith(`${entry}/`));
    for (const name of readdirSync(SRC)) expect(covered(`src/${name}`), `src/${name} is missing from the design map`).toBe(true);
  });
});
