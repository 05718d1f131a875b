/** `vmvc rules validate|schema|show`: check, describe and print rules files. */
import { EXIT } from '../errors.js';
import { safeJson } from '../sanitize.js';
import type { CommandContext, Invocation } from '../io.js';
import { readSmallFile } from '../files.js';
import { analyse, type Analysis } from '../policy/analyse.js';
import { builtinBase, composeRules, formatProblem, type Composed, type LocatedProblem } from '../rules/load.js';
import { defaultRulesPath } from '../rules/builtin.js';
import type { Rules } from '../rules/types.js';
import type { FormatFor } from '../format/index.js';
import { reservedQuestionId } from '../command-table.js';

/** One-line summary of a valid rules set. */
export function summary(rules: Rules): string {
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${n(rules.questions.length, 'question')}, ${n(rules.rules.length, 'rule')}, ${n(rules.comparison.length, 'comparison row')}`;
}

/**
 * Validates each file (an overlay applies on the built-in rules), or the
 * built-in rules file itself when none is named. Problems go to stdout as
 * FILE:LINE:COL path: message; the exit code is 2 if any file has one.
 */
export async function validate({ args: files }: Invocation, { rules: builtin, io }: CommandContext): Promise<number> {
  const targets = files.length ? files : [defaultRulesPath()];
  const base = builtinBase(builtin, defaultRulesPath());
  let failed = 0;
  const lines: string[] = [];
  // Each distinct text is checked once, however many files hold it.
  const seen = new Map<string, { composed: Composed; analysis?: Analysis; file: string }>();
  for (const file of targets) {
    const label = targets.length > 1 ? `${file}: ` : '';
    let text: string;
    try {
      text = readSmallFile(file, 'rules file');
    } catch (error) {
      failed++;
      lines.push((error as Error).message);
      continue;
    }
    let known = seen.get(text);
    if (!known) {
      const composed = composeRules([{ file, text }], files.length ? base : undefined, reservedQuestionId);
      known = { composed, analysis: composed.rules ? analyse(composed.rules) : undefined, file };
      seen.set(text, known);
    }
    const { composed, analysis } = known;
    const here = (p: LocatedProblem): LocatedProblem => (p.file === known!.file ? { ...p, file } : p);
    if (!composed.rules || !analysis) {
      failed++;
      lines.push(...composed.problems.map(here).map(formatProblem));
      continue;
    }
    const located = analysis.problems.map((p) => here(composed.locate!(p)));
    if (analysis.exhaustive && located.length) {
      failed++;
      lines.push(...located.map(formatProblem));
      continue;
    }
    const how = analysis.exhaustive
      ? `all ${analysis.space} answer combinations checked`
      : analysis.timedOut
        ? `answer space of ${analysis.space} could not be walked in the time allowed; checked ${analysis.tried} combinations, partly a seeded sample`
        : `answer space of ${analysis.space} is too large to walk; checked a seeded sample of ${analysis.tried}`;
    lines.push(...located.map((p) => `${formatProblem(p)} (warning, not from every combination)`));
    lines.push(`${label}ok: ${summary(composed.rules)} (${how})`);
  }
  await io.out(lines.join('\n') + '\n');
  if (failed) {
    io.err(`error: ${failed} of ${targets.length} rules file${targets.length === 1 ? '' : 's'} invalid`);
    return EXIT.usage;
  }
  return EXIT.ok;
}

/** The JSON Schema of a rules file, for editors. */
export async function schema({ opts }: Invocation, { io }: CommandContext): Promise<number> {
  const schema = opts.cases ? (await import('../policy/cases.js')).casesJsonSchema() : (await import('../rules/json-schema.js')).rulesJsonSchema();
  await io.out(JSON.stringify(schema, null, 2) + '\n');
  return EXIT.ok;
}

/** The effective rules after overlays, as YAML or JSON. */
export async function show({ opts }: Invocation, { rules, io }: CommandContext): Promise<number> {
  const draw: Record<FormatFor<'rules'>, () => Promise<string>> = {
    json: async () => safeJson(rules, 2) + '\n',
    yaml: async () => (await import('../rules/parse.js')).toYaml(rules),
  };
  await io.out(await draw[opts.format as FormatFor<'rules'>]());
  return EXIT.ok;
}
