/** The zod schema of a rules file and the cross-reference checks zod cannot express. */
import { z } from 'zod';
import { closest } from '../errors.js';
import { MAX_BITS } from '../space.js';
import { conditionLeaves, conditionProblems } from './conditions.js';

/** The most questions one condition may name (each `all`/`any` branch counts): a bound on the work of checking it. */
export const MAX_LEAVES = 1000;
/**
 * The most items of each kind a rules file may hold (overlays included): every
 * answer weighs each rule and note, and the walks behind confidence and flips
 * try each question's choices, so these bound how long any answer can take.
 */
export const MAX_ITEMS = { questions: 64, rules: 2000, notes: 2000 } as const;
import { UNSURE, type Condition, type ReservedIds, type Rules } from './types.js';

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const id = z.string().regex(ID, 'must be lower-case words joined by hyphens, e.g. "host-os"');
const text = z.string().trim().min(1, 'must not be empty').max(2000, 'is longer than 2000 characters');
const citations = z.array(z.string().min(1));

/**
 * Question ids the rule model itself refuses: the condition keywords, and names
 * every object already has. The ids vmvc's command line takes (its options) are
 * refused by the `reserved` check the caller passes in (see ReservedIds).
 */
const MODEL_WORDS = ['all', 'any', 'not', 'constructor', 'prototype'];


export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z
    .object({
      all: z.array(conditionSchema).min(1).optional(),
      any: z.array(conditionSchema).min(1).optional(),
      not: conditionSchema.optional(),
    })
    .catchall(z.union([z.string(), z.array(z.string()).min(1)]))
    .refine((c) => Object.keys(c).length > 0, 'a condition needs at least one question or all/any/not'),
) as z.ZodType<Condition>;

const effectSchema = z
  .strictObject({
    require: z.literal('vm').optional(),
    favour: z.enum(['container', 'vm']).optional(),
    weight: z.number().finite().min(0).max(1000).optional(),
    exclude: z.array(id).min(1).optional(),
  })
  .refine((e) => e.require || e.favour || e.exclude, 'an effect needs require, favour or exclude')
  .refine((e) => e.weight === undefined || e.favour, 'weight only makes sense with favour');

const sourceSchema = z.strictObject({
  file: z.string().min(1),
  title: text,
  url: z.string().optional(),
  kind: z.enum(['article', 'practice']).optional(),
});
const summarySchema = z.strictObject({ id, when: conditionSchema, text, sources: citations.min(1, 'a summary must cite at least one source') });
const outcomeSchema = z.strictObject({
  id,
  label: text,
  headline: text,
  summary: text,
  summaries: z.array(summarySchema).optional(),
  requirement: z.boolean().optional(),
  'min-margin': z.number().finite().optional(),
  sources: citations,
});
const questionSchema = z.strictObject({
  id,
  prompt: text,
  label: z.string().trim().min(1, 'must not be empty').max(40, 'is longer than 40 characters').optional().describe('a short name for the question, e.g. "Host OS" (the review screen; the prompt when left out)'),
  column: z.array(z.string().trim().min(1).max(80)).max(20).optional().describe('other inventory column headers that answer it, e.g. "HW Emulation" (case, spaces, _ and - ignored)'),
  help: text,
  choices: z
    .array(
      z.strictObject({
        id,
        label: text,
        help: text.optional(),
        aliases: z.array(id).optional(),
        matches: z.array(z.string().trim().min(2, 'must be at least 2 characters').max(80, 'is longer than 80 characters')).max(100).optional().describe('text that marks an inventory cell as this choice when the cell contains it (ignoring case), e.g. "red hat"'),
      }),
    ).min(2, 'a question needs at least two choices').max(MAX_BITS, `a question may have at most ${MAX_BITS} choices`),
  default: z.string(),
  'if-unsure': z.string().optional().describe('the choice that stands in for an unsure answer (the careful side); the default when left out'),
  sources: citations,
  stage: text.optional(),
});
const ruleSchema = z.strictObject({
  id,
  when: conditionSchema,
  effect: effectSchema,
  reason: text,
  sources: citations.min(1, 'a rule must cite at least one source'),
  rows: z.array(z.string()).optional(),
});
const noteSchema = z.strictObject({ id, when: conditionSchema, text, sources: citations.min(1, 'a note must cite at least one source') });
const rowSchema = z.strictObject({
  id,
  aspect: text,
  vm: text,
  container: text,
  sources: citations.min(1, 'a comparison row must cite at least one source'),
  claims: z.array(z.strictObject({ side: z.enum(['vm', 'container']), says: text, sources: citations.min(1) })).optional(),
});

/** The sections of a rules file that hold items with ids, and the key that identifies an item. */
export const SECTIONS = { sources: 'file', outcomes: 'id', questions: 'id', rules: 'id', notes: 'id', comparison: 'id' } as const;
export type Section = keyof typeof SECTIONS;

/** A complete, standalone rules file. */
export const rulesSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.number().int().min(1),
    sources: z.array(sourceSchema).min(1),
    outcomes: z.array(outcomeSchema).min(1),
    questions: z.array(questionSchema),
    rules: z.array(ruleSchema),
    notes: z.array(noteSchema),
    comparison: z.array(rowSchema).max(MAX_BITS, `at most ${MAX_BITS} comparison rows`),
  })
  .describe('a vmvc rules file that stands alone');

/** Where an overlay puts an outcome or question, whose order matters: before the one with this id (else last, or where it was). */
const placeBefore = id.optional().describe('put this item just before the one with this id (outcomes are tried in order; questions are asked in order)');

/**
 * An overlay: `extends: default`, then items that replace same-id items or are
 * added (outcomes and questions may say `before: ID`), and `remove`, a list of
 * ids (or `section:id`) to drop first.
 */
export const overlaySchema = z
  .strictObject({
    $schema: z.string().optional(),
    extends: z.literal('default', { error: 'extends must be "default" (or leave it out for a file that stands alone)' }),
    version: z.number().int().min(1).optional(),
    remove: z.array(z.string().min(1)).optional(),
    sources: z.array(sourceSchema).optional(),
    outcomes: z.array(outcomeSchema.extend({ before: placeBefore })).optional(),
    questions: z.array(questionSchema.extend({ before: placeBefore })).optional(),
    rules: z.array(ruleSchema).optional(),
    notes: z.array(noteSchema).optional(),
    comparison: z.array(rowSchema).optional(),
  })
  .describe('a vmvc rules overlay on top of the built-in rules');

/** The JSON Schema for editors: a rules file is either standalone or an overlay. */
export const rulesFileSchema = z.union([rulesSchema, overlaySchema]);

export type Overlay = z.infer<typeof overlaySchema>;

/** A problem found in a rules file, located by its path inside the document. */
export { formatPath, type Problem } from './problem.js';
import { formatPath, type Problem } from './problem.js';

/** Checks the shape of parsed data against a zod schema, returning its problems with paths. */
export function checkShape<T>(schema: z.ZodType<T>, data: unknown): { value?: T; problems: Problem[] } {
  const parsed = schema.safeParse(data);
  if (parsed.success) return { value: parsed.data, problems: [] };
  // Required keys missing, by the object they are missing from: the one meant by an unknown key beside them.
  const missing = new Map<string, string[]>();
  for (const i of parsed.error.issues) {
    if (i.code === 'invalid_type' && /received undefined$/.test(i.message) && i.path.length) {
      const at = JSON.stringify(i.path.slice(0, -1).map(String));
      missing.set(at, [...(missing.get(at) ?? []), String(i.path.at(-1))]);
    }
  }
  return {
    problems: parsed.error.issues.flatMap((i): Problem[] => {
      const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      // An unknown key is reported at the key itself, with the known key it was most likely meant to be.
      if (i.code === 'unrecognized_keys') {
        const known = keysAt(schema, path);
        const absent = missing.get(JSON.stringify(path.map(String))) ?? [];
        return (i as { keys: string[] }).keys.map((key) => {
          const hint = closest(key, known) ?? (absent.length === 1 ? absent[0] : undefined);
          return { path: [...path, key], message: `unknown key "${key}"${hint ? `; did you mean "${hint}"?` : ''}` };
        });
      }
      // A required key that is absent: say so, rather than what type `undefined` is not.
      if (i.code === 'invalid_type' && /received undefined$/.test(i.message) && path.length) {
        return [{ path: path.slice(0, -1), message: `missing "${String(path.at(-1))}"` }];
      }
      return [{ path, message: i.message }];
    }),
  };
}

/**
 * The keys the object at `path` may hold, read from the schema itself (so a
 * suggestion for a misspelt key is one that object takes: `prompt` for a
 * question's `text`, never the rejected key itself).
 */
function keysAt(schema: z.ZodType, path: ReadonlyArray<string | number>): string[] {
  let node: z.ZodType | undefined = schema;
  const unwrap = (n: z.ZodType): z.ZodType => {
    const def = (n as unknown as { def: { type: string; innerType?: z.ZodType; getter?: () => z.ZodType; in?: z.ZodType } }).def;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') return unwrap(def.innerType!);
    if (def.type === 'lazy') return unwrap(def.getter!());
    if (def.type === 'pipe') return unwrap(def.in!);
    return n;
  };
  for (const key of path) {
    if (!node) return [];
    node = unwrap(node);
    if (node instanceof z.ZodArray) node = node.element as z.ZodType;
    else if (node instanceof z.ZodObject) node = (node.shape as Record<string, z.ZodType>)[String(key)];
    else return [];
  }
  if (!node) return [];
  node = unwrap(node);
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

/** The schema of one item of each section, for checking items one by one. */
const ITEM_SCHEMAS: Record<Section, z.ZodType> = {
  sources: sourceSchema,
  outcomes: outcomeSchema,
  questions: questionSchema,
  rules: ruleSchema,
  notes: noteSchema,
  comparison: rowSchema,
};

/**
 * The usable part of data whose shape is wrong: each section's items that are
 * valid on their own, so the reference checks can still run in the same pass.
 * `dropped` names the ids of the items left out, whose references are not to be
 * reported as missing. Undefined when the document is not a map.
 */
export function usablePart(data: unknown): { value: Record<string, unknown>; dropped: Set<string>; kept: Partial<Record<Section, number[]>> } | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const value: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  const dropped = new Set<string>();
  // Where each kept item was in the file, so problems found in the usable part point at the right item.
  const kept: Partial<Record<Section, number[]>> = {};
  for (const section of Object.keys(SECTIONS) as Section[]) {
    const items = value[section];
    if (items === undefined) continue;
    if (!Array.isArray(items)) {
      value[section] = [];
      continue;
    }
    kept[section] = [];
    value[section] = items.filter((item, i) => {
      if (ITEM_SCHEMAS[section].safeParse(item).success) {
        kept[section]!.push(i);
        return true;
      }
      const key = (item as Record<string, unknown> | null)?.[SECTIONS[section]];
      if (typeof key === 'string') dropped.add(key);
      return false;
    });
  }
  if (value.version !== undefined && typeof value.version !== 'number') value.version = 1;
  for (const key of Object.keys(value)) if (!(key in rulesSchema.shape) && key !== 'extends' && key !== 'remove') delete value[key];
  if (value.remove !== undefined && !Array.isArray(value.remove)) delete value.remove;
  return { value, dropped, kept };
}

/** Validates parsed data: shape first, then every cross-reference. Returns no problems when valid. */
export function checkRules(data: unknown, reserved?: ReservedIds): { rules?: Rules; problems: Problem[] } {
  const { value, problems } = checkShape(rulesSchema, data);
  if (!value) return { problems };
  const { $schema: _ignored, ...rules } = value as Rules & { $schema?: string };
  const cross = crossCheck(rules, reserved);
  return cross.length ? { problems: cross } : { rules, problems: [] };
}

/** The checks zod cannot express: unique ids, references between sections, citations, reachability of the fallback. */
export function crossCheck(rules: Rules, reserved?: ReservedIds): Problem[] {
  const problems: Problem[] = [];
  const declared = new Set(rules.sources.map((s) => s.file));
  const questions = new Map(rules.questions.map((q) => [q.id, q]));
  const outcomes = new Set(rules.outcomes.map((o) => o.id));
  const rows = new Set(rules.comparison.map((r) => r.id));

  const unique = (section: string, items: Array<{ id?: string; file?: string }>, key: 'id' | 'file') => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const value = item[key]!;
      if (seen.has(value)) {
        problems.push({ path: [section, i, key], message: `duplicate ${key} "${value}" (first at ${section}[${seen.get(value)}])` });
      } else seen.set(value, i);
    });
  };
  unique('sources', rules.sources, 'file');
  unique('outcomes', rules.outcomes, 'id');
  unique('questions', rules.questions, 'id');
  unique('rules', rules.rules, 'id');
  unique('notes', rules.notes, 'id');
  unique('comparison', rules.comparison, 'id');

  const cite = (path: Array<string | number>, list: string[]) =>
    list.forEach((file, i) => {
      if (!declared.has(file)) {
        problems.push({ path: [...path, i], message: `cites "${file}", which is not declared in sources` });
      }
    });

  const checkCondition = (path: Array<string | number>, condition: Condition, outcomeKey = false) => {
    const leaves = conditionLeaves(condition).length;
    if (leaves > MAX_LEAVES) problems.push({ path, message: `a condition may name at most ${MAX_LEAVES} questions; this one names ${leaves}` });
    else problems.push(...conditionProblems(condition, path, questions, outcomeKey ? rules.outcomes.map((o) => o.id) : undefined));
  };

  if (!rules.outcomes.length) {
    problems.push({ path: ['outcomes'], message: 'every outcome was removed; the rules need at least one (the last, with no gate, is the fallback)' });
    return problems;
  }

  rules.outcomes.forEach((o, i) => {
    cite(['outcomes', i, 'sources'], o.sources);
    const seen = new Map<string, number>();
    o.summaries?.forEach((s, j) => {
      if (seen.has(s.id)) problems.push({ path: ['outcomes', i, 'summaries', j, 'id'], message: `duplicate id "${s.id}" (first at summaries[${seen.get(s.id)}])` });
      else seen.set(s.id, j);
      checkCondition(['outcomes', i, 'summaries', j, 'when'], s.when);
      cite(['outcomes', i, 'summaries', j, 'sources'], s.sources);
    });
  });
  const last = rules.outcomes[rules.outcomes.length - 1]!;
  if (last.requirement !== undefined || last['min-margin'] !== undefined) {
    problems.push({
      path: ['outcomes', rules.outcomes.length - 1],
      message: `the last outcome ("${last.id}") must have no requirement or min-margin, so every answer set reaches an outcome`,
    });
  }

  rules.questions.forEach((q, i) => {
    const clash = MODEL_WORDS.includes(q.id) ? `"${q.id}" is a word of the rules language; choose another id` : reserved?.(q.id);
    if (clash) problems.push({ path: ['questions', i, 'id'], message: clash });
    const ids = q.choices.map((c) => c.id);
    ids.forEach((c, j) => {
      if (ids.indexOf(c) !== j) problems.push({ path: ['questions', i, 'choices', j, 'id'], message: `duplicate choice "${c}"` });
      if (c === UNSURE) problems.push({ path: ['questions', i, 'choices', j, 'id'], message: `"${UNSURE}" is reserved: every question already accepts it, meaning any of its choices` });
    });
    // Every word a value may be (ids and aliases) names one choice, so reading a value is never ambiguous.
    const words = new Map<string, string>(ids.map((c) => [c, c]));
    q.choices.forEach((c, j) =>
      (c.aliases ?? []).forEach((alias, k) => {
        const taken = words.get(alias) ?? (alias === UNSURE ? UNSURE : undefined);
        if (taken !== undefined) problems.push({ path: ['questions', i, 'choices', j, 'aliases', k], message: `alias "${alias}" is already ${taken === UNSURE ? 'reserved (unsure)' : `the choice or an alias of "${taken}"`}` });
        else words.set(alias, c.id);
      }),
    );
    const standIn = q['if-unsure'];
    if (standIn !== undefined && !ids.includes(standIn)) {
      const near = closest(standIn, ids);
      problems.push({ path: ['questions', i, 'if-unsure'], message: `if-unsure "${standIn}" is not one of the choices ${ids.join(', ')}${near ? `; did you mean "${near}"?` : ''}` });
    }
    if (!ids.includes(q.default)) {
      problems.push({ path: ['questions', i, 'default'], message: `default "${q.default}" is not one of the choices ${ids.join(', ')}` });
    }
    cite(['questions', i, 'sources'], q.sources);
  });

  rules.rules.forEach((r, i) => {
    checkCondition(['rules', i, 'when'], r.when);
    cite(['rules', i, 'sources'], r.sources);
    (r.effect.exclude ?? []).forEach((o, j) => {
      if (!outcomes.has(o)) {
        const near = closest(o, [...outcomes]);
        problems.push({ path: ['rules', i, 'effect', 'exclude', j], message: `unknown outcome "${o}"${near ? `; did you mean "${near}"?` : ''}; outcomes are ${[...outcomes].join(', ')}` });
      }
      else if (o === last.id) problems.push({ path: ['rules', i, 'effect', 'exclude', j], message: `"${o}" is the fallback outcome and cannot be excluded` });
    });
    (r.rows ?? []).forEach((row, j) => {
      if (!rows.has(row)) problems.push({ path: ['rules', i, 'rows', j], message: `unknown comparison row "${row}"` });
    });
  });

  rules.notes.forEach((n, i) => {
    checkCondition(['notes', i, 'when'], n.when, true);
    cite(['notes', i, 'sources'], n.sources);
  });

  for (const [section, max] of Object.entries(MAX_ITEMS) as Array<[keyof typeof MAX_ITEMS, number]>) {
    if (rules[section].length > max) {
      problems.push({ path: [section, max], message: `too many ${section}: at most ${max} (overlays included); there are ${rules[section].length}` });
    }
  }
  if (rules.outcomes.length > MAX_BITS) {
    problems.push({ path: ['outcomes', MAX_BITS], message: `at most ${MAX_BITS} outcomes (overlays included); there are ${rules.outcomes.length}` });
  }
  if (rules.comparison.length > MAX_BITS) {
    problems.push({ path: ['comparison', MAX_BITS], message: `at most ${MAX_BITS} comparison rows (overlays included); there are ${rules.comparison.length}` });
  }
  rules.comparison.forEach((row, i) => {
    cite(['comparison', i, 'sources'], row.sources);
    row.claims?.forEach((c, j) => cite(['comparison', i, 'claims', j, 'sources'], c.sources));
  });
  return problems;
}
