/** Reads a rules file (YAML or JSON), validates it, and locates every problem by line and column. */
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, parseDocument, isNode, isMap, isSeq, isScalar, type Node } from 'yaml';
import { UsageError } from '../errors.js';
import { checkRules, formatPath, type Problem } from './schema.js';
import type { Rules } from './types.js';

/** Files larger than this are refused before parsing. */
export const MAX_RULES_BYTES = 1024 * 1024;
/** Documents nested deeper than this are refused. */
export const MAX_DEPTH = 64;

/** A problem with the file position it was found at. */
export interface LocatedProblem extends Problem {
  file: string;
  line: number;
  col: number;
}

/** `FILE:LINE:COL path: message`, the form editors and CI annotations understand. */
export function formatProblem(p: LocatedProblem): string {
  return `${p.file}:${p.line}:${p.col} ${formatPath(p.path)}: ${p.message}`;
}

/** Parses and validates rules text; `file` is only used to label problems. */
export function parseRulesText(text: string, file: string): { rules?: Rules; problems: LocatedProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    schema: 'core',
    customTags: [],
    uniqueKeys: true,
    prettyErrors: false,
  });
  const at = (offset: number) => lineCounter.linePos(offset);
  if (doc.errors.length) {
    return {
      problems: doc.errors.map((e) => {
        const { line, col } = at(e.pos[0]);
        return { file, line, col, path: [], message: `syntax error: ${e.message.split('\n')[0]}` };
      }),
    };
  }
  const depthProblem = findTooDeep(doc.contents, 0, []);
  if (depthProblem) {
    const { line, col } = at(depthProblem.offset);
    return { problems: [{ file, line, col, path: depthProblem.path, message: `nested deeper than ${MAX_DEPTH} levels` }] };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { problems: [{ file, line: 1, col: 1, path: [], message: `cannot expand the document: ${(error as Error).message}` }] };
  }
  const { rules, problems } = checkRules(data);
  return {
    rules,
    problems: problems.map((p) => {
      const { line, col } = at(offsetOf(doc.contents, p.path));
      return { ...p, file, line, col };
    }),
  };
}

/** Reads, parses and validates a rules file; throws a UsageError naming the first problem. */
export function loadRulesFile(path: string): Rules {
  const { rules, problems } = readRulesFile(path);
  if (!rules) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more; run "vmvc rules validate ${path}" to list them)` : '';
    throw new UsageError(`invalid rules file: ${formatProblem(problems[0]!)}${more}`);
  }
  return rules;
}

/** Like loadRulesFile, but returns every problem instead of throwing for an invalid file. */
export function readRulesFile(path: string): { rules?: Rules; problems: LocatedProblem[] } {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_RULES_BYTES) {
      return { problems: [{ file: path, line: 1, col: 1, path: [], message: `file is ${size} bytes; rules files are limited to ${MAX_RULES_BYTES}` }] };
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new UsageError(`cannot read rules file ${path}: ${why}`);
  }
  return parseRulesText(text, path);
}

function offsetOf(root: unknown, path: Array<string | number>): number {
  let node = root;
  let best = isNode(root) ? (root as Node).range?.[0] ?? 0 : 0;
  for (const [i, key] of path.entries()) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      if (pair && isNode(pair.key)) best = (pair.key as Node).range?.[0] ?? best;
      // A problem with a key points at the key itself.
      if (i === path.length - 1) break;
      next = pair?.value;
    } else if (isSeq(node) && typeof key === 'number') {
      next = node.items[key];
    }
    if (!isNode(next)) break;
    node = next;
    best = (next as Node).range?.[0] ?? best;
  }
  return best;
}

function findTooDeep(node: unknown, depth: number, path: Array<string | number>): { offset: number; path: Array<string | number> } | undefined {
  if (depth > MAX_DEPTH) return { offset: isNode(node) ? (node as Node).range?.[0] ?? 0 : 0, path };
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      const r = findTooDeep(pair.value, depth + 1, [...path, key]);
      if (r) return r;
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const r = findTooDeep(node.items[i], depth + 1, [...path, i]);
      if (r) return r;
    }
  }
  return undefined;
}
