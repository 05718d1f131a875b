/**
 * SARIF 2.1.0, for code scanning (GitHub's upload-sarif, and any SARIF
 * viewer): portfolio rows that run elsewhere than advised or could not be
 * decided, and failing `rules test` cases, each a result at its file and line.
 * Every result carries a fingerprint made from what it is about (the rule and
 * the workload's id or name), so it stays the same across runs and when rows
 * are reordered, and code scanning tracks it as one alert.
 */
import { createHash } from 'node:crypto';
import type { BatchRecord } from '../batch/types.js';
import type { CaseResult } from '../policy/cases.js';
import type { Rules } from '../rules/types.js';
import { clean, oneLine } from '../sanitize.js';
import { HOMEPAGE, VERSION } from '../version.js';

/** GitHub code scanning takes at most this many results per run; past it, results are counted and left out. */
export const SARIF_RESULTS = 25_000;

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const ROW_ERROR = 'undecided-row';
const CASE_FAILED = 'failing-case';

interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown?: string };
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  properties?: Record<string, unknown>;
}

/** A path as a SARIF artifact URI: relative paths stay relative (to where vmvc ran), with `/` and percent-encoding. */
export function artifactUri(path: string): string {
  return encodeURI(path.replace(/\\/g, '/')).replace(/[?#]/g, encodeURIComponent);
}

/** A fingerprint of what a result is about: the same inputs give the same 32 hex digits, on every machine. */
export function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** The sources an item cites, as a help line: "Sources: file (title), ...". */
function sourcesText(rules: Rules, files: readonly string[]): string {
  const title = new Map(rules.sources.map((s) => [s.file, s.title]));
  return files.length ? `Sources: ${files.map((f) => (title.has(f) ? `${f} (${title.get(f)})` : f)).join('; ')}.` : '';
}

/** The drift rule of each outcome ("runs elsewhere than advised: X"), then the undecided-row rule. */
function portfolioRules(rules: Rules): ReportingDescriptor[] {
  return [
    ...rules.outcomes.map((o) => ({
      id: `drift-to-${o.id}`,
      name: `RunsElsewhereThan${o.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`,
      shortDescription: { text: clean(`The workload runs elsewhere than advised: ${o.label}`) },
      fullDescription: { text: clean(`${o.headline}. ${o.summary}`) },
      help: { text: clean(`${o.summary} ${sourcesText(rules, o.sources)}`.trim()) },
      defaultConfiguration: { level: 'warning' as const },
      properties: { tags: ['vmvc', 'placement'] },
    })),
    {
      id: ROW_ERROR,
      name: 'UndecidedRow',
      shortDescription: { text: 'An inventory row could not be decided' },
      fullDescription: { text: 'A row whose cells could not be read (a value no choice matches, broken JSON, a wrong column count) gets no advice.' },
      help: { text: 'Fix the cell the message names; vmvc suggests the nearest choice.' },
      defaultConfiguration: { level: 'error' },
    },
  ];
}

/** One SARIF log around `results`, with a notification when some were left out. */
function log(rulesOut: ReportingDescriptor[], results: unknown[], omitted: number): string {
  const run = {
    tool: { driver: { name: 'vmvc', version: VERSION, informationUri: HOMEPAGE, rules: rulesOut } },
    invocations: [
      {
        executionSuccessful: true,
        ...(omitted
          ? { toolExecutionNotifications: [{ level: 'warning', message: { text: `${omitted} more results were left out: code scanning takes at most ${SARIF_RESULTS} per run` } }] }
          : {}),
      },
    ],
    results,
  };
  return JSON.stringify({ $schema: SCHEMA, version: '2.1.0', runs: [run] }, null, 2) + '\n';
}

/**
 * Portfolio results, one record at a time: a result for each row that runs
 * elsewhere than advised (warning) or could not be decided (error), at the
 * input file (`uri`, as given) and the row's first line.
 */
export function sarifRecords(rules: Rules, uri: string) {
  const descriptors = portfolioRules(rules);
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const results: unknown[] = [];
  let omitted = 0;
  const location = (line: number) => [{ physicalLocation: { artifactLocation: { uri: artifactUri(uri) }, region: { startLine: line } } }];
  const who = (r: BatchRecord) => (r.name ?? r.id ? `${oneLine(r.name ?? r.id!)} (line ${r.line})` : `line ${r.line}`);
  return {
    add(r: BatchRecord): void {
      const drifts = r.error === undefined && r.drift === true;
      if (r.error === undefined && !drifts) return;
      if (results.length >= SARIF_RESULTS) {
        omitted++;
        return;
      }
      const ruleId = drifts ? `drift-to-${r.recommendation}` : ROW_ERROR;
      // What the result is about: the workload's id or name (else its answers, or its error), never its line.
      const identity = r.id ?? r.name ?? (drifts ? JSON.stringify(r.answers ?? {}) : r.error!);
      const text = drifts
        ? `${who(r)} runs as ${r.current}; vmvc advises ${r.recommendation}${r.reasons?.length ? ` (${r.reasons.join(', ')})` : ''}`
        : `${who(r)} could not be decided: ${r.error}`;
      results.push({
        ruleId,
        ruleIndex: index.get(ruleId),
        level: drifts ? 'warning' : 'error',
        message: { text: clean(oneLine(text)) },
        locations: location(r.line),
        partialFingerprints: { 'vmvcWorkload/v1': fingerprint(ruleId, identity) },
      });
    },
    sarif: (): string => log(descriptors, results, omitted),
  };
}

/** `rules test --format sarif`: each failing case a result at its cases file and its `- name:` line. */
export function casesSarif(results: readonly CaseResult[]): string {
  const descriptor: ReportingDescriptor = {
    id: CASE_FAILED,
    name: 'FailingCase',
    shortDescription: { text: 'A rules test case does not hold' },
    fullDescription: { text: 'The rules in effect conclude something other than what the case expects.' },
    help: { text: 'Change the rules, or the case if the policy changed on purpose; the message says what was expected and what happened.' },
    defaultConfiguration: { level: 'error' },
  };
  const failed = results.filter((r) => r.failures.length);
  const out = failed.slice(0, SARIF_RESULTS).map((r) => ({
    ruleId: CASE_FAILED,
    ruleIndex: 0,
    level: 'error',
    message: { text: clean(oneLine(`case "${r.case.name}": ${r.failures.join('; ')}`)) },
    locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(r.case.file) }, region: { startLine: r.case.line } } }],
    partialFingerprints: { 'vmvcCase/v1': fingerprint(CASE_FAILED, r.case.file, r.case.name) },
  }));
  return log([descriptor], out, failed.length - out.length);
}
