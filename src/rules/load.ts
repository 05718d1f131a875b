/**
 * Reads rules files (YAML or JSON), applies overlays in order, validates the
 * result, and locates every problem by file, line and column.
 */
import { closest } from '../errors.js';
import { LineCounter, parseDocument, isNode, isMap, isSeq, isScalar, type Node } from 'yaml';
import { UsageError } from '../errors.js';
import { MAX_FILE_BYTES, readSmallFile } from '../files.js';
import { clean } from '../sanitize.js';
import { MAX_ALIASES, YAML_OPTIONS, sizeProblem } from './parse.js';
import {
  SECTIONS,
  checkShape,
  usablePart,
  crossCheck,
  overlaySchema,
  rulesSchema,
  type Overlay,
  type Section,
} from './schema.js';
import { formatPath, type Problem } from './problem.js';
import type { ReservedIds, Rules } from './types.js';

/** Files larger than this are refused before parsing. */
export const MAX_RULES_BYTES = MAX_FILE_BYTES;
/** Documents nested deeper than this are refused. */
export const MAX_DEPTH = 64;
export { MAX_ALIASES };

/** A problem with the file position it was found at. */
export interface LocatedProblem extends Problem {
  file: string;
  line: number;
  col: number;
}

/** `FILE:LINE:COL path: message`, the form editors and CI annotations understand. */
export function formatProblem(p: LocatedProblem): string {
  return clean(`${p.file}:${p.line}:${p.col} ${formatPath(p.path)}: ${p.message}`);
}

/** One parsed document and a way to find where a path inside it is. */
export interface ParsedFile {
  file: string;
  data: unknown;
  locate: (path: Array<string | number>) => { line: number; col: number };
}

/** Parses a YAML or JSON text with the rules files' safety limits, and a way to locate any path inside it. */
export function parseFile(text: string, file: string): { parsed?: ParsedFile; problems: LocatedProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  const at = (offset: number) => lineCounter.linePos(offset);
  if (/\.json$/i.test(file)) {
    // JSON.parse words JSON mistakes better than a YAML parser does.
    try {
      JSON.parse(text);
    } catch (error) {
      const message = (error as Error).message.replace(/\s+/g, ' ');
      // Node 20 names the position for some mistakes only; the YAML parser always has one.
      const offset = Number(/position (\d+)/.exec(message)?.[1] ?? doc.errors[0]?.pos[0] ?? 0);
      return { problems: [{ file, ...at(offset), path: [], message: `JSON syntax error: ${message.replace(/ in JSON at position \d+.*$/, '')}` }] };
    }
  }
  if (doc.errors.length) {
    return {
      problems: doc.errors.map((e) => {
        const { line, col } = at(e.pos[0]);
        return { file, line, col, path: [], message: `syntax error: ${e.message.split('\n')[0]}` };
      }),
    };
  }
  // Tags such as !!js/function are not part of vmvc's data model: refuse them rather than guess.
  const tag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (tag) {
    return { problems: [{ file, ...at(tag.pos[0]), path: [], message: `unsupported tag: ${tag.message.split('\n')[0]}; rules files are plain data` }] };
  }
  const deep = findTooDeep(doc.contents, 0, []);
  if (deep) {
    const { line, col } = at(deep.offset);
    return { problems: [{ file, line, col, path: deep.path, message: `nested deeper than ${MAX_DEPTH} levels` }] };
  }
  const tooBig = sizeProblem(doc);
  if (tooBig) return { problems: [{ file, line: 1, col: 1, path: [], message: tooBig }] };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    return { problems: [{ file, line: 1, col: 1, path: [], message: `cannot expand the document: ${(error as Error).message}` }] };
  }
  return { parsed: { file, data, locate: (path) => at(offsetOf(doc.contents, path)) }, problems: [] };
}

const locateAll = (parsed: ParsedFile, problems: Problem[]): LocatedProblem[] =>
  problems.map((p) => ({ ...p, file: parsed.file, ...parsed.locate(p.path) }));

/** Parses and validates one standalone rules text; `file` is only used to label problems. */
export function parseRulesText(text: string, file: string): Composed {
  return composeRules([{ file, text }]);
}

/** Where each item of the composed rules came from, so problems point into the right file. */
type Provenance = Record<Section, Array<{ parsed: () => ParsedFile; index: number }>>;

/**
 * Applies rules texts in order. A text with `extends: default` is an overlay on
 * what came before (starting from `base`, the built-in rules); a text without
 * it stands alone and replaces everything before it.
 */
export function composeRules(
  texts: Array<{ file: string; text: string }>,
  base?: Base,
  reserved?: ReservedIds,
): Composed {
  let current: Rules | undefined = base?.rules;
  let provenance: Provenance | undefined = base ? provenanceOf(base.rules, base.parsed) : undefined;

  let lastParsed: ParsedFile | undefined;
  for (const { file, text } of texts) {
    const { parsed, problems } = parseFile(text, file);
    if (!parsed) return { problems };
    lastParsed = parsed;
    const data = parsed.data;
    const isOverlay = typeof data === 'object' && data !== null && 'extends' in data;
    if (!isOverlay) {
      const shape = checkShape(rulesSchema, data);
      if (!shape.value) return { problems: byPosition([...locateAll(parsed, shape.problems), ...referenceProblems(data, parsed, undefined, undefined, reserved)]) };
      const { $schema: _s, ...rules } = shape.value;
      current = rules as Rules;
      provenance = provenanceOf(current, () => parsed);
      continue;
    }
    const shape = checkShape(overlaySchema, data);
    if (!shape.value) return { problems: byPosition([...locateAll(parsed, shape.problems), ...referenceProblems(data, parsed, current, provenance, reserved)]) };
    if (!current || !provenance) {
      return { problems: locateAll(parsed, [{ path: ['extends'], message: 'there are no built-in rules to extend here' }]) };
    }
    const merged = applyOverlay(current, provenance, shape.value, parsed);
    if (merged.problems.length) return { problems: locateAll(parsed, merged.problems) };
    current = merged.rules;
    provenance = merged.provenance;
  }

  if (!current || !provenance) return { problems: [] };
  const prov = provenance;
  // Maps a problem in the composed rules back to the file and item it came from.
  const locate = (p: Problem): LocatedProblem => {
    const [section, index, ...rest] = p.path;
    const from = typeof index === 'number' ? prov[section as Section]?.[index] : undefined;
    // A problem with a whole section (every outcome removed, say) belongs to the last file applied.
    const parsed = from?.parsed() ?? (typeof index !== 'number' ? lastParsed : undefined) ?? base?.parsed();
    const path = from ? [section as string, from.index, ...rest] : p.path;
    return parsed ? { ...p, path, file: parsed.file, ...parsed.locate(path) } : { ...p, file: '(rules)', line: 1, col: 1 };
  };
  const cross = crossCheck(current, reserved);
  if (cross.length) return { problems: cross.map(locate) };
  return { rules: current, problems: [], locate };
}

/** Problems in the order they appear in their file. */
const byPosition = (problems: LocatedProblem[]) => [...problems].sort((a, b) => a.line - b.line || a.col - b.col);

/**
 * The reference problems of a file whose shape is wrong, so that one run of
 * `rules validate` reports them too: the items that are valid on their own are
 * composed and cross-checked, and a problem that only names an item left out
 * (as an unknown question, say) is not reported.
 */
function referenceProblems(data: unknown, parsed: ParsedFile, current: Rules | undefined, provenance: Provenance | undefined, reserved?: ReservedIds): LocatedProblem[] {
  const usable = usablePart(data);
  if (!usable) return [];
  let rules: Rules | undefined;
  let prov: Provenance | undefined;
  if ('extends' in usable.value) {
    const shape = checkShape(overlaySchema, usable.value);
    if (!shape.value || !current || !provenance) return [];
    const merged = applyOverlay(current, provenance, shape.value, parsed);
    rules = merged.rules;
    prov = merged.provenance;
  } else {
    const shape = checkShape(rulesSchema, usable.value);
    if (!shape.value) return [];
    const { $schema: _s, ...standalone } = shape.value;
    rules = standalone as Rules;
    prov = provenanceOf(rules, () => parsed);
  }
  const mentionsDropped = (message: string) => [...usable.dropped].some((id) => message.includes(`"${id}"`));
  return crossCheck(rules, reserved)
    .filter((p) => !mentionsDropped(p.message))
    .flatMap((p) => {
      const [section, index, ...rest] = p.path;
      const from = typeof index === 'number' ? prov![section as Section]?.[index] : undefined;
      // Only problems in this file's own items: the rest were checked when their files were.
      if (!from || from.parsed() !== parsed) return [];
      const path = [section as string, usable.kept[section as Section]?.[from.index] ?? from.index, ...rest];
      return [{ ...p, path, file: parsed.file, ...parsed.locate(path) }];
    });
}

/** The result of composing rules files: the rules, or the problems found. */
export interface Composed {
  rules?: Rules;
  problems: LocatedProblem[];
  /** Locates a problem found later (e.g. by analysis) in the file its item came from. */
  locate?: (p: Problem) => LocatedProblem;
}

function provenanceOf(rules: Rules, parsed: () => ParsedFile): Provenance {
  const out = {} as Provenance;
  for (const section of Object.keys(SECTIONS) as Section[]) out[section] = rules[section].map((_, index) => ({ parsed, index }));
  return out;
}

function applyOverlay(
  current: Rules,
  provenance: Provenance,
  overlay: Overlay,
  parsed: ParsedFile,
): { rules: Rules; provenance: Provenance; problems: Problem[] } {
  const rules = structuredClone(current);
  const prov = { ...provenance };
  for (const section of Object.keys(SECTIONS) as Section[]) prov[section] = [...provenance[section]];
  const problems: Problem[] = [];
  const keyOf = (section: Section, item: object) => (item as Record<string, string>)[SECTIONS[section]]!;

  // 1. remove
  (overlay.remove ?? []).forEach((entry, i) => {
    const [maybeSection, maybeId] = entry.includes(':') ? entry.split(':', 2) : [undefined, entry];
    const sections = maybeSection
      ? (Object.keys(SECTIONS) as Section[]).filter((s) => s === maybeSection)
      : (Object.keys(SECTIONS) as Section[]).filter((s) => rules[s].some((item) => keyOf(s, item) === maybeId));
    if (maybeSection && !sections.length) {
      problems.push({ path: ['remove', i], message: `unknown section "${maybeSection}"; sections are ${Object.keys(SECTIONS).join(', ')}` });
    } else if (sections.length === 0 || !rules[sections[0]!].some((item) => keyOf(sections[0]!, item) === maybeId)) {
      problems.push({ path: ['remove', i], message: `nothing with id "${maybeId}" to remove` });
    } else if (sections.length > 1) {
      problems.push({
        path: ['remove', i],
        message: `"${maybeId}" is in ${sections.join(' and ')}; write ${sections.map((s) => `"${s}:${maybeId}"`).join(' or ')}`,
      });
    } else {
      const s = sections[0]!;
      const at = rules[s].findIndex((item) => keyOf(s, item) === maybeId);
      (rules[s] as object[]).splice(at, 1);
      prov[s].splice(at, 1);
    }
  });

  // 2. replace by id, or add
  for (const section of Object.keys(SECTIONS) as Section[]) {
    const seen = new Map<string, number>();
    (overlay[section] ?? []).forEach((item: object, index: number) => {
      const key = keyOf(section, item);
      if (seen.has(key)) {
        problems.push({ path: [section, index, SECTIONS[section]], message: `duplicate ${SECTIONS[section]} "${key}" (first at ${section}[${seen.get(key)}])` });
        return;
      }
      seen.set(key, index);
      const list = rules[section] as object[];
      const { before, ...placed } = item as { before?: string };
      const at = list.findIndex((existing) => keyOf(section, existing) === key);
      const origin = { parsed: () => parsed, index };
      if (before === undefined) {
        if (at >= 0) {
          list[at] = placed;
          prov[section][at] = origin;
        } else {
          list.push(placed);
          prov[section].push(origin);
        }
        return;
      }
      // `before: ID`: taken from where it was (if anywhere) and put just before ID.
      if (at >= 0) {
        list.splice(at, 1);
        prov[section].splice(at, 1);
      }
      const to = list.findIndex((existing) => keyOf(section, existing) === before);
      if (to < 0) {
        const near = closest(before, list.map((existing) => keyOf(section, existing)));
        problems.push({ path: [section, index, 'before'], message: `no ${section.replace(/s$/, '')} "${before}" to go before${near ? `; did you mean "${near}"?` : ''}` });
        return;
      }
      list.splice(to, 0, placed);
      prov[section].splice(to, 0, origin);
    });
  }
  if (overlay.version !== undefined) rules.version = overlay.version;
  return { rules, provenance: prov, problems };
}

/** Reads a rules file's text: regular files of at most 1 MB only (see src/files.ts). */
function readText(path: string, what = 'rules file'): string {
  return readSmallFile(path, what, MAX_RULES_BYTES);
}

/** Rules that overlays apply on, and how to find positions in their source. */
export interface Base {
  rules: Rules;
  parsed: () => ParsedFile;
}

/** The built-in rules, parsed from their YAML source only when a problem needs a position in it. */
export function builtinBase(rules: Rules, path: string): Base {
  let parsed: ParsedFile | undefined;
  return {
    rules,
    parsed: () => (parsed ??= parseFile(readText(path), path).parsed ?? { file: path, data: undefined, locate: () => ({ line: 1, col: 1 }) }),
  };
}

/**
 * Reads rules files in order (overlays apply on `base`); returns the result or
 * every problem. `reserved` refuses question ids a caller's layer owns (the
 * command line's options).
 */
export function readRuleFiles(paths: string[], base?: Base, reserved?: ReservedIds): Composed {
  return composeRules(paths.map((file) => ({ file, text: readText(file) })), base, reserved);
}

/** Like readRuleFiles, but throws a one-line UsageError naming the first problem. */
export function loadRuleFiles(paths: string[], base?: Base, reserved?: ReservedIds): Rules {
  const { rules, problems } = readRuleFiles(paths, base, reserved);
  if (!rules) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more; run "vmvc rules validate" to list them)` : '';
    throw new UsageError(`invalid rules: ${formatProblem(problems[0]!)}${more}`);
  }
  return rules;
}

/** Reads, parses and validates one standalone rules file; throws a UsageError naming the first problem. */
export function loadRulesFile(path: string): Rules {
  return loadRuleFiles([path]);
}

/** Like loadRulesFile, but returns every problem instead of throwing for an invalid file. */
export function readRulesFile(path: string): Composed {
  return readRuleFiles([path]);
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
