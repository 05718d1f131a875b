/**
 * Test cases for rules files (`vmvc rules test`): each case gives answers and
 * what the rules must conclude from them. Reading a cases file checks it like
 * a rules file (located problems; a case naming an unknown rule, note, outcome,
 * question or choice is an error, not a silent pass); running the cases is a
 * pure function of the rules, and so is the coverage they reach.
 */
import { z } from 'zod';
import { checkChoice, choiceText, resolveAnswers } from '../answers.js';
import { closest } from '../errors.js';
import { decide } from '../engine.js';
import { readSmallFile } from '../files.js';
import { confidenceOf } from '../sensitivity.js';
import { parseFile, type LocatedProblem } from '../rules/load.js';
import { checkShape } from '../rules/schema.js';
import type { Answers, Rules } from '../rules/types.js';

const names = z.array(z.string().min(1)).optional();

/** The zod schema of a cases file. */
export const casesSchema = z
  .strictObject({
    $schema: z.string().optional(),
    cases: z
      .array(
        z.strictObject({
          name: z.string().trim().min(1, 'a case needs a name'),
          answers: z.record(z.string(), z.union([z.string(), z.boolean(), z.number()])).optional(),
          expect: z
            .strictObject({
              recommendation: z.string().optional(),
              fired: names.describe('rule ids that must fire'),
              notFired: names.describe('rule ids that must not fire'),
              notes: names.describe('note ids that must be shown'),
              notNotes: names.describe('note ids that must not be shown'),
              confidence: z.enum(['firm', 'depends']).optional(),
            })
            .describe('any subset of what to check'),
        }),
      )
      .min(1, 'a cases file needs at least one case'),
  })
  .describe('a vmvc rules test cases file');

/** One case, checked and located. */
export interface Case {
  name: string;
  file: string;
  line: number;
  answers: Partial<Answers>;
  expect: z.infer<typeof casesSchema>['cases'][number]['expect'];
}

/** Reads and checks cases files against the rules; every problem of every file is reported. */
export function readCases(files: readonly string[], rules: Rules): { cases: Case[]; problems: LocatedProblem[] } {
  const cases: Case[] = [];
  const problems: LocatedProblem[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readSmallFile(file, 'cases file');
    } catch (error) {
      problems.push({ file, line: 1, col: 1, path: [], message: (error as Error).message });
      continue;
    }
    const { parsed, problems: syntax } = parseFile(text, file);
    if (!parsed) {
      problems.push(...syntax);
      continue;
    }
    const here = (path: Array<string | number>, message: string): LocatedProblem => ({ file, ...parsed.locate(path), path, message });
    const shape = checkShape(casesSchema, parsed.data);
    if (!shape.value) {
      problems.push(...shape.problems.map((p) => here(p.path, p.message)));
      continue;
    }
    const known = {
      rule: rules.rules.map((r) => r.id),
      note: rules.notes.map((n) => n.id),
      outcome: rules.outcomes.map((o) => o.id),
    };
    const questions = new Map(rules.questions.map((q) => [q.id, q]));
    shape.value.cases.forEach((c, i) => {
      const answers: Partial<Answers> = {};
      for (const [key, raw] of Object.entries(c.answers ?? {})) {
        const q = questions.get(key);
        if (!q) {
          const hint = closest(key, [...questions.keys()]);
          problems.push(here(['cases', i, 'answers', key], `unknown question "${key}"${hint ? `; did you mean "${hint}"?` : ''}`));
          continue;
        }
        try {
          answers[key] = checkChoice(q, choiceText(raw), key);
        } catch (error) {
          problems.push(here(['cases', i, 'answers', key], (error as Error).message));
        }
      }
      const refer = (field: 'fired' | 'notFired' | 'notes' | 'notNotes', kind: 'rule' | 'note') =>
        (c.expect[field] ?? []).forEach((id, j) => {
          if (known[kind].includes(id)) return;
          const hint = closest(id, known[kind]);
          problems.push(here(['cases', i, 'expect', field, j], `unknown ${kind} "${id}"${hint ? `; did you mean "${hint}"?` : ''}`));
        });
      refer('fired', 'rule');
      refer('notFired', 'rule');
      refer('notes', 'note');
      refer('notNotes', 'note');
      const want = c.expect.recommendation;
      if (want !== undefined && !known.outcome.includes(want)) {
        const hint = closest(want, known.outcome);
        problems.push(here(['cases', i, 'expect', 'recommendation'], `unknown outcome "${want}"; outcomes are ${known.outcome.join(', ')}${hint ? `; did you mean "${hint}"?` : ''}`));
      }
      cases.push({ name: c.name, file, line: parsed.locate(['cases', i]).line, answers, expect: c.expect });
    });
  }
  return { cases, problems: problems.sort((a, b) => (a.file === b.file ? a.line - b.line || a.col - b.col : 0)) };
}

/** What one case concluded, and each expectation it did not meet. */
export interface CaseResult {
  case: Case;
  recommendation: string;
  /** Rules that fired and notes shown. */
  fired: string[];
  shown: string[];
  /** Every answer used, defaults included. */
  answers: Answers;
  failures: string[];
}

/**
 * How much of a case's open answers its confidence check walks: every
 * combination up to 4,096 (the built-in rules never have more), else a seeded
 * sample of 512 with each single change. A case file is run whole on every
 * change to a policy, so an overlay of many wide questions must not make each
 * case cost seconds.
 */
const CASE_BUDGET = { exhaustive: 4096, samples: 512 };

/** Runs each case: answers not given take their defaults (an unsure answer, its default). */
export function runCases(rules: Rules, cases: readonly Case[]): CaseResult[] {
  return cases.map((c) => {
    const resolved = resolveAnswers(rules, { file: c.answers });
    const d = decide(rules, resolved.answers, { trace: false });
    const fired = new Set(d.reasons.map((r) => r.rule));
    const shown = new Set(d.notes.map((n) => n.id));
    const failures: string[] = [];
    const e = c.expect;
    if (e.recommendation !== undefined && e.recommendation !== d.outcome.id) failures.push(`expected recommendation ${e.recommendation}, got ${d.outcome.id}`);
    for (const id of e.fired ?? []) if (!fired.has(id)) failures.push(`expected rule ${id} to fire; it did not`);
    for (const id of e.notFired ?? []) if (fired.has(id)) failures.push(`expected rule ${id} not to fire; it fired`);
    for (const id of e.notes ?? []) if (!shown.has(id)) failures.push(`expected note ${id} to be shown; it was not`);
    for (const id of e.notNotes ?? []) if (shown.has(id)) failures.push(`expected note ${id} not to be shown; it was`);
    if (e.confidence !== undefined) {
      const open = rules.questions
        .filter((q) => resolved.assumed.includes(q.id) || resolved.unsure.includes(q.id))
        .map((q) => ({ question: q.id, origin: resolved.unsure.includes(q.id) ? ('unsure' as const) : ('assumed' as const) }));
      const got = confidenceOf(rules, resolved.answers, open, d.outcome.id, CASE_BUDGET).confidence;
      if (got !== e.confidence) failures.push(`expected confidence ${e.confidence}, got ${got}`);
    }
    return { case: c, recommendation: d.outcome.id, fired: [...fired], shown: [...shown], answers: resolved.answers, failures };
  });
}

/** Which rules, notes, outcomes and choices the cases exercised. */
export interface Coverage {
  /**
   * Which rules and notes are counted: `changed`, those the overlays add or
   * change (an overlay's cases test the policy it adds, not the built-in one), or `all`.
   */
  counted: 'changed' | 'all';
  rules: { fired: string[]; never: string[]; percent: number };
  notes: { shown: string[]; never: string[] };
  outcomes: { reached: string[]; never: string[] };
  /** question id -> choices used by at least one case (its default included when a case left it unanswered). */
  choices: Record<string, { used: string[]; unused: string[] }>;
}

/**
 * Coverage of the rules by a run of cases. With `base` (the rules the overlays
 * were applied to), only the rules and notes they add or change are counted.
 */
export function coverageOf(rules: Rules, results: readonly CaseResult[], base?: Rules): Coverage {
  const fired = new Set(results.flatMap((r) => r.fired));
  const shown = new Set(results.flatMap((r) => r.shown));
  const reached = new Set(results.map((r) => r.recommendation));
  const changed = <T extends { id: string }>(items: readonly T[], before: readonly T[] | undefined) => {
    if (!before) return items;
    const was = new Map(before.map((i) => [i.id, JSON.stringify(i)]));
    return items.filter((i) => was.get(i.id) !== JSON.stringify(i));
  };
  const split = <T extends { id: string }>(items: readonly T[], seen: Set<string>) => ({
    yes: items.filter((i) => seen.has(i.id)).map((i) => i.id),
    no: items.filter((i) => !seen.has(i.id)).map((i) => i.id),
  });
  const counted = changed(rules.rules, base?.rules);
  const r = split(counted, fired);
  const n = split(changed(rules.notes, base?.notes), shown);
  const o = split(rules.outcomes, reached);
  const choices: Coverage['choices'] = {};
  for (const q of rules.questions) {
    const used = new Set(results.map((x) => x.answers[q.id]));
    choices[q.id] = { used: q.choices.filter((c) => used.has(c.id)).map((c) => c.id), unused: q.choices.filter((c) => !used.has(c.id)).map((c) => c.id) };
  }
  return {
    counted: base ? 'changed' : 'all',
    rules: { fired: r.yes, never: r.no, percent: counted.length ? Math.floor((1000 * r.yes.length) / counted.length) / 10 : 100 },
    notes: { shown: n.yes, never: n.no },
    outcomes: { reached: o.yes, never: o.no },
    choices,
  };
}

/** The JSON Schema of a cases file for `vmvc rules test`. */
export function casesJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(casesSchema, { target: 'draft-2020-12', unrepresentable: 'any' }),
    $id: 'urn:vmvc:schema:cases:v1',
    title: 'vmvc rules test cases',
  };
}
