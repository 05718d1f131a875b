/** `vmvc rules test [CASES...]`: run cases files against the rules in effect, with coverage. */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative } from 'node:path';
import { EXIT, ExitError, UsageError, unreadable } from '../errors.js';
import type { CommandContext, Invocation } from '../io.js';
import { finish } from '../format/style.js';
import type { FormatFor } from '../format/index.js';
import { builtinRules, defaultRulesPath } from '../rules/builtin.js';
import { formatProblem } from '../rules/load.js';
import { workflowData, workflowProperty } from '../sanitize.js';

/**
 * The cases files for rules files: `X.test.yaml` or `X.test.json` beside `X.yaml`;
 * failing that, every `*.test.yaml` and `*.test.json` in its folder.
 */
export function casesBeside(rulesFiles: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of rulesFiles) {
    const dir = dirname(file);
    const stem = basename(file, extname(file));
    const named = [`${stem}.test.yaml`, `${stem}.test.yml`, `${stem}.test.json`].map((n) => join(dir, n)).filter((p) => existsSync(p));
    const all = named.length ? named : listed(dir).filter((n) => /\.test\.(ya?ml|json)$/i.test(n)).sort().map((n) => join(dir, n));
    for (const p of all.map(shown)) if (!found.includes(p)) found.push(p);
  }
  return found;
}

/** A folder's entries, or a usage error saying why it cannot be listed. */
function listed(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    throw new UsageError(`cannot look for cases files in ${dir}: ${unreadable(error)}; name the cases files instead`);
  }
}

/** A path as people typed it: relative to the current folder when it is inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

export async function run({ args, opts, program }: Invocation, { rules, io, rulesPaths }: CommandContext): Promise<number> {
  // Every overlay in effect (a config file's, VMVC_RULES and --rules), for the cases beside each.
  const rulesFiles = [...(rulesPaths ?? (program.opts().rules as string[] | undefined) ?? [])];
  const files = args.length ? args : casesBeside(rulesFiles.length ? rulesFiles : [defaultRulesPath()]);
  if (!files.length) {
    throw new UsageError(`no cases files found beside ${rulesFiles.join(', ')}; name them, or add ${basename(rulesFiles[0]!, extname(rulesFiles[0]!))}.test.yaml beside it`);
  }
  // Number('') and Number(' ') are 0, which would turn the gate off: only a written number counts.
  const written = opts.minCoverage === undefined ? undefined : String(opts.minCoverage);
  const minCoverage = written === undefined ? undefined : /^\s*\d+(\.\d+)?\s*$/.test(written) ? Number(written) : NaN;
  if (minCoverage !== undefined && !(minCoverage >= 0 && minCoverage <= 100)) throw new UsageError(`--min-coverage must be a percentage from 0 to 100 (got ${JSON.stringify(written)})`);

  const { readCases, runCases, coverageOf } = await import('../policy/cases.js');
  const { cases, problems } = readCases(files, rules);
  if (problems.length) {
    for (const p of problems) io.err(formatProblem(p));
    io.err(`error: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the cases files; no case was run`);
    return EXIT.usage;
  }
  const results = runCases(rules, cases);
  // With overlays in effect, coverage counts what they add or change, unless --coverage-of all.
  const scope = opts.coverageOf ?? (rulesFiles.length ? 'changed' : 'all');
  const base = scope === 'changed' && rulesFiles.length ? await builtinRules() : undefined;
  const coverage = opts.coverage || minCoverage !== undefined ? coverageOf(rules, results, base) : undefined;
  const out = await import('../format/cases.js');
  const draw: Record<FormatFor<'cases'>, () => string> = {
    text: () => finish(out.casesText(results, coverage, io.style), io.style),
    json: () => out.casesJson(results, coverage),
    junit: () => out.casesJunit(results),
    sarif: () => out.casesSarif(results),
  };
  await io.out(draw[opts.format as FormatFor<'cases'>]());

  const failed = results.filter((r) => r.failures.length);
  if (io.env.GITHUB_ACTIONS === 'true') {
    for (const r of failed) io.err(`::error file=${workflowProperty(r.case.file)},line=${r.case.line}::${workflowData(`case "${r.case.name}": ${r.failures.join('; ')}`)}`);
  }
  if (failed.length) return EXIT.expectationFailed;
  if (minCoverage !== undefined && coverage!.rules.percent < minCoverage) {
    const which = coverage!.counted === 'changed' ? 'the rules the overlays add or change' : 'the rules';
    throw new ExitError(`--min-coverage ${minCoverage}: only ${coverage!.rules.percent}% of ${which} fired in a case (never: ${coverage!.rules.never.join(', ')})`, EXIT.expectationFailed);
  }
  return EXIT.ok;
}
