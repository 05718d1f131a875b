/** GitHub-flavoured markdown, for step summaries and pull request comments. */
import type { Advice } from '../advice.js';
import type { Rules } from '../rules/types.js';
import { clean, sourceLabels } from './style.js';

/** Escapes text for a markdown table cell or list item. */
export function mdEscape(text: string): string {
  return clean(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')).replace(/\r?\n/g, ' ');
}

/** The advice as markdown: headline, reasons, notes, assumed answers, comparison table. */
export function adviceMarkdown(advice: Advice, rules: Rules): string {
  const labels = sourceLabels(rules);
  const cite = (files: string[]) => `<sub>${files.map((f) => mdEscape(labels.get(f) ?? f)).join(', ')}</sub>`;
  const lines: string[] = [];
  lines.push(`## vmvc: ${mdEscape(advice.headline)} (\`${advice.recommendation}\`)`, '', mdEscape(advice.summary), '');
  lines.push(
    `Points: container ${advice.scores.container}, VM ${advice.scores.vm}. VM requirement: ${advice.vmRequirement.holds ? `yes (${advice.vmRequirement.rules.map((r) => `\`${r}\``).join(', ')})` : 'no'}.`,
    '',
  );
  lines.push('### Why', '');
  if (!advice.reasons.length) lines.push('- No rule fired; the first candidate applies.');
  for (const r of advice.reasons) lines.push(`- ${mdEscape(r.text)} ${cite(r.sources)} \`${r.rule}\``);
  if (advice.notes.length) {
    lines.push('', '### Notes', '');
    for (const n of advice.notes) lines.push(`- ${mdEscape(n.text)} ${cite(n.sources)}`);
  }
  if (advice.assumed.length) {
    lines.push('', '### Assumed answers', '', 'Not answered, so the default was used:', '');
    for (const id of advice.assumed) lines.push(`- \`--${id} ${advice.answers[id]}\``);
  }
  if (advice.trace) {
    lines.push('', '### How this was decided', '');
    for (const r of advice.trace.rules) {
      lines.push(r.fired ? `- ✔ \`${r.rule}\`: ${mdEscape(r.condition)}` : `- ✘ \`${r.rule}\`: needs ${mdEscape(r.condition)}; failed on ${mdEscape(r.failed ?? '')}`);
    }
    for (const o of advice.trace.outcomes) lines.push(`- ${o.status === 'chosen' ? '**→**' : ''} \`${o.outcome}\`: ${o.status}; ${mdEscape(o.why)}`);
  }
  lines.push('', '### VM or container?', '', comparisonMarkdown(rules, advice.decidingRows));
  return lines.join('\n');
}

/** The comparison table as a GitHub markdown table; rows in `marked` are bold with ▶. */
export function comparisonMarkdown(rules: Rules, marked: readonly string[] = []): string {
  const labels = sourceLabels(rules);
  const lines = ['| Aspect | Virtual machine | Container | Sources |', '|---|---|---|---|'];
  for (const row of rules.comparison) {
    const aspect = marked.includes(row.id) ? `**▶ ${mdEscape(row.aspect)}**` : mdEscape(row.aspect);
    lines.push(`| ${aspect} | ${mdEscape(row.vm)} | ${mdEscape(row.container)} | ${row.sources.map((s) => mdEscape(labels.get(s) ?? s)).join(', ')} |`);
  }
  lines.push('');
  const legend = rules.sources.filter((s) => labels.get(s.file) !== s.file);
  if (marked.length) lines.push('▶ rows this answer leaned on.', '');
  if (legend.length) {
    lines.push('Sources:', '');
    for (const s of legend) lines.push(`- ${mdEscape(labels.get(s.file)!)}: \`${s.file}\`, ${mdEscape(s.title)}`);
    lines.push('');
  }
  return lines.join('\n');
}
