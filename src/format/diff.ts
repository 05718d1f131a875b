/** `vmvc rules diff` results as text, JSON or markdown (for a pull request comment). */
import { cubeText, type RulesDiff } from '../policy/diff.js';
import type { InventoryDiff } from '../batch/diff.js';
import { oneLine, safeJson } from '../sanitize.js';
import { mdCode, mdEscape } from './markdown.js';
import type { FormatFor } from './index.js';

type Names = { base: string; head: string };
type Format = FormatFor<'diff'>;

/** The diff over the answer space. */
export function rulesDiffText(diff: RulesDiff, names: Names, format: Format): string {
  if (format === 'json') return safeJson({ schemaVersion: 1, base: names.base, head: names.head, ...diff }, 2) + '\n';
  const scope = diff.exhaustive
    ? `all ${diff.combinations} combinations of answers`
    : `a seeded sample of ${diff.checked} of ${diff.combinations} combinations (too many to compare all; the groups are not described)`;
  const pct = diff.checked ? ((100 * diff.changed) / diff.checked).toFixed(1) : '0.0';
  const md = format === 'markdown';
  const lines: string[] = [];
  lines.push(
    md ? `## vmvc rules diff: ${mdCode(names.base)} → ${mdCode(names.head)}` : `vmvc rules diff ${oneLine(names.base)} -> ${oneLine(names.head)}`,
    '',
    `${diff.changed} of ${scope} change their recommendation (${pct}%).`,
  );
  for (const t of diff.transitions) {
    lines.push('', md ? `### \`${t.from}\` → \`${t.to}\`: ${t.count}` : `${t.from} -> ${t.to}: ${t.count}`);
    if (md) lines.push('');
    for (const cube of t.when ?? []) lines.push(md ? `- ${mdEscape(cubeText(cube, diff.questions))}` : `  when ${cubeText(cube, diff.questions)}`);
  }
  if (diff.notes.length) {
    lines.push('', md ? '### Notes' : 'Notes', ...(md ? [''] : []));
    for (const n of diff.notes) {
      const what = [n.added ? `shown in ${n.added} more` : '', n.removed ? `${n.removed} fewer` : ''].filter(Boolean).join(', ');
      lines.push(md ? `- \`${n.id}\`: ${what} combinations` : `  ${n.id}: ${what} combinations`);
    }
  }
  if (!diff.changed && !diff.notes.length) lines.push('', 'Nothing changes.');
  return lines.join('\n') + '\n';
}

/** Markdown is for a pull request comment or a step summary, which GitHub cuts at 1 MiB: rows past this many characters are counted, not listed. */
export const MARKDOWN_LIMIT = 900 * 1024;

/** The workloads of an inventory whose recommendation changes, and those neither side can decide. */
export function inventoryDiffText(result: InventoryDiff, names: Names, format: Format): string {
  if (format === 'json') return safeJson({ schemaVersion: 1, base: names.base, head: names.head, read: result.read, changed: result.changed, undecided: result.undecided }, 2) + '\n';
  const md = format === 'markdown';
  const lines = [
    md ? `## vmvc rules diff: ${mdCode(names.base)} → ${mdCode(names.head)}` : `vmvc rules diff ${oneLine(names.base)} -> ${oneLine(names.head)}`,
    '',
    `${result.changed.length} of ${result.read} workloads change their recommendation.`,
  ];
  if (result.undecided.length) lines.push(`${result.undecided.length} ${result.undecided.length === 1 ? 'workload' : 'workloads'} neither side can decide (listed below; they compare nothing).`);
  let size = lines.join('\n').length;
  /** Adds a line unless markdown is over its limit; says how many were left out when it first is. */
  const add = (line: string, left: number): boolean => {
    if (md && size + line.length > MARKDOWN_LIMIT) {
      lines.push('', `… and ${left} more not listed (a step summary holds at most 1 MiB; use --format json for all of them).`);
      return false;
    }
    lines.push(line);
    size += line.length + 1;
    return true;
  };
  const who = (r: { name?: string; id?: string }) => r.name ?? r.id ?? '';
  if (result.changed.length) {
    lines.push('');
    if (md) lines.push('| line | workload | before | after |', '|---|---|---|---|');
    result.changed.every((c, i) =>
      add(md ? `| ${c.line} | ${mdEscape(who(c))} | ${mdEscape(c.before)} | ${mdEscape(c.after)} |` : `  line ${c.line} ${oneLine(who(c))}: ${oneLine(c.before)} -> ${oneLine(c.after)}`, result.changed.length - i),
    );
  }
  if (result.undecided.length && (!md || size < MARKDOWN_LIMIT)) {
    lines.push('', md ? '### Neither side can decide' : 'Neither side can decide:', '');
    if (md) lines.push('| line | workload | why |', '|---|---|---|');
    result.undecided.every((u, i) => add(md ? `| ${u.line} | ${mdEscape(who(u))} | ${mdEscape(u.error)} |` : `  line ${u.line} ${oneLine(who(u))}: ${oneLine(u.error)}`, result.undecided.length - i));
  }
  return lines.join('\n') + '\n';
}
