/** `vmvc rules diff` results as text, JSON or markdown (for a pull request comment). */
import { cubeText, type RulesDiff } from '../policy/diff.js';
import type { ChangedRow } from '../batch/diff.js';
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

/** The workloads of an inventory whose recommendation changes. */
export function inventoryDiffText(result: { read: number; changed: ChangedRow[] }, names: Names, format: Format): string {
  if (format === 'json') return safeJson({ schemaVersion: 1, base: names.base, head: names.head, read: result.read, changed: result.changed }, 2) + '\n';
  const md = format === 'markdown';
  const lines = [
    md ? `## vmvc rules diff: ${mdCode(names.base)} → ${mdCode(names.head)}` : `vmvc rules diff ${oneLine(names.base)} -> ${oneLine(names.head)}`,
    '',
    `${result.changed.length} of ${result.read} workloads change their recommendation.`,
  ];
  if (result.changed.length) {
    lines.push('');
    if (md) lines.push('| line | workload | before | after |', '|---|---|---|---|');
    for (const c of result.changed) {
      const who = c.name ?? c.id ?? '';
      lines.push(md ? `| ${c.line} | ${mdEscape(who)} | ${mdEscape(c.before)} | ${mdEscape(c.after)} |` : `  line ${c.line} ${oneLine(who)}: ${oneLine(c.before)} -> ${oneLine(c.after)}`);
    }
  }
  return lines.join('\n') + '\n';
}
