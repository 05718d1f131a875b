/**
 * `vmvc rules test` results in each format: text for people, JSON for scripts,
 * JUnit XML for CI test reports. Formatters return strings; the command decides
 * the exit code.
 */
import type { CaseResult, Coverage } from '../policy/cases.js';
import { clean, oneLine, safeJson } from '../sanitize.js';
import type { Style } from './style.js';

const where = (r: CaseResult) => `${r.case.file}:${r.case.line}`;

/** One line per case, the failures under it, a closing count, and coverage when asked. */
export function casesText(results: readonly CaseResult[], coverage: Coverage | undefined, { chalk, ascii }: Pick<Style, 'chalk' | 'ascii'>): string {
  const lines: string[] = [];
  for (const r of results) {
    const ok = !r.failures.length;
    const mark = ok ? chalk.green(ascii ? 'pass' : '✔') : chalk.red(ascii ? 'FAIL' : '✘');
    lines.push(`${mark} ${oneLine(r.case.name)} ${chalk.dim(`(${clean(where(r))})`)}`);
    for (const f of r.failures) lines.push(`    ${f}`);
  }
  const failed = results.filter((r) => r.failures.length).length;
  lines.push('', `${results.length - failed} passed, ${failed} failed`);
  if (coverage) lines.push('', ...coverageText(coverage));
  return lines.join('\n') + '\n';
}

function coverageText(c: Coverage): string[] {
  const list = (ids: string[]) => (ids.length ? ids.join(', ') : 'none');
  const unused = Object.entries(c.choices)
    .filter(([, v]) => v.unused.length)
    .map(([q, v]) => `${q}: ${v.unused.join(' ')}`);
  return [
    `Coverage of ${c.counted === 'changed' ? 'the rules the overlays add or change (--coverage-of all counts every rule)' : 'all the rules'}: ${c.rules.fired.length} of ${c.rules.fired.length + c.rules.never.length} fired (${c.rules.percent}%)`,
    `  rules never fired: ${list(c.rules.never)}`,
    `  outcomes never reached: ${list(c.outcomes.never)}`,
    `  notes never shown: ${list(c.notes.never)}`,
    `  choices never used: ${unused.length ? unused.join('; ') : 'none'}`,
  ];
}

/** Every case with its result, the counts, and coverage when asked. */
export function casesJson(results: readonly CaseResult[], coverage: Coverage | undefined): string {
  const failed = results.filter((r) => r.failures.length).length;
  return (
    safeJson(
      {
        schemaVersion: 1,
        passed: results.length - failed,
        failed,
        cases: results.map((r) => ({
          name: r.case.name,
          file: r.case.file,
          line: r.case.line,
          passed: !r.failures.length,
          recommendation: r.recommendation,
          failures: r.failures,
        })),
        ...(coverage ? { coverage } : {}),
      },
      2,
    ) + '\n'
  );
}

/**
 * Text for XML content and attributes: cleaned, without the code points XML 1.0
 * does not allow (U+FFFE, U+FFFF, lone surrogates), and with markup escaped.
 */
const xml = (text: string) =>
  clean(text)
    .replace(/[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** JUnit XML: one testsuite per cases file, one testcase per case, a failure element per failed case. */
export function casesJunit(results: readonly CaseResult[]): string {
  const files = [...new Set(results.map((r) => r.case.file))];
  const suites = files.map((file) => {
    const mine = results.filter((r) => r.case.file === file);
    const failed = mine.filter((r) => r.failures.length).length;
    const cases = mine.map((r) => {
      const head = `    <testcase name="${xml(r.case.name)}" classname="${xml(file)}" file="${xml(file)}" line="${r.case.line}"`;
      if (!r.failures.length) return `${head}/>`;
      return `${head}>\n      <failure message="${xml(r.failures[0]!)}">${xml(`${where(r)}\n${r.failures.join('\n')}`)}</failure>\n    </testcase>`;
    });
    return `  <testsuite name="${xml(file)}" tests="${mine.length}" failures="${failed}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const failed = results.filter((r) => r.failures.length).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="vmvc rules test" tests="${results.length}" failures="${failed}">\n${suites.join('\n')}\n</testsuites>\n`;
}

export { casesSarif } from './sarif.js';
