/** GitHub-flavoured markdown, for step summaries and pull request comments. */
import type { Advice } from '../advice.js';
import { questionEntries } from '../answers.js';
import type { Rules } from '../rules/types.js';
import { clean } from '../sanitize.js';
import { sourceLabels } from './style.js';

/** Escapes text for a markdown table cell or list item. */
export function mdEscape(text: string): string {
  return clean(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')).replace(/\r?\n/g, ' ');
}

/** The advice as markdown: headline, reasons, notes, assumed answers, comparison table. */
export function adviceMarkdown(advice: Advice, rules: Rules, view: { explain: boolean } = { explain: false }): string {
  const labels = sourceLabels(rules);
  const cite = (files: string[]) => `<sub>${labels.of(files).map(mdEscape).join(', ')}</sub>`;
  const lines: string[] = [];
  lines.push(`## vmvc: ${mdEscape(advice.headline)} (\`${advice.recommendation}\`)`, '', mdEscape(advice.summary), '');
  lines.push(
    `Points: container ${advice.scores.container}, VM ${advice.scores.vm}. VM requirement: ${advice.vmRequirement.holds ? `yes (${advice.vmRequirement.rules.map((r) => `\`${r}\``).join(', ')})` : 'no'}.`,
    '',
  );
  lines.push('### How the answer was reached', '', '```mermaid', decisionFlowchart(advice, rules), '```', '');
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
  if (view.explain && advice.trace) {
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
    lines.push(`| ${aspect} | ${mdEscape(row.vm)} | ${mdEscape(row.container)} | ${labels.of(row.sources).map(mdEscape).join(', ')} |`);
  }
  lines.push('');
  const legend = labels.legend;
  if (marked.length) lines.push('▶ rows this answer leaned on.', '');
  if (legend.length) {
    lines.push('Sources:', '');
    for (const s of legend) lines.push(`- ${mdEscape(s.label)}: \`${s.file}\`, ${mdEscape(s.title)}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Every question as a markdown table row: flag, variable, choices, default, prompt, sources. */
export function questionsMarkdown(rules: Rules): string {
  const head = ['| flag | env | choices | default | asks | sources |', '|---|---|---|---|---|---|'];
  const rows = questionEntries(rules).map(
    (r) =>
      `| \`${r.flag}\` | \`${r.env}\` | ${r.choices.map((c) => mdEscape(c.id)).join(', ')} | ${mdEscape(r.default)} | ${mdEscape(r.prompt)} | ${r.sources.map(mdEscape).join(', ')} |`,
  );
  return [...head, ...rows].join('\n') + '\n';
}

/** Text for a Mermaid label: quotes, angle brackets and # become Mermaid entity codes; no line breaks. */
export function mermaidText(text: string): string {
  return clean(text)
    .replace(/\s+/g, ' ')
    .replace(/[#"<>]/g, (c) => ({ '#': '#35;', '"': '#quot;', '<': '#lt;', '>': '#gt;' })[c]!);
}

/** The three questions of 002_ff82260aaafd54dd.txt and the answers each one looks at. */
const SEED_QUESTIONS = [
  { node: 'q1', ask: 'Is the host kernel enough?', ids: ['host-os', 'workload-os'] },
  { node: 'q2', ask: 'Another OS, a custom kernel or emulated hardware?', ids: ['custom-kernel', 'hardware-emulation'] },
  { node: 'q3', ask: 'How strict must isolation be?', ids: ['isolation'] },
];

/**
 * A Mermaid flowchart of the path this answer took: the three questions in
 * order, each edge labelled with the answers it looked at and whether they
 * needed a VM, then the weighing, then the outcome. Rules from overlays that
 * need a VM but look at other questions get a node of their own.
 */
export function decisionFlowchart(advice: Advice, rules: Rules): string {
  const requiring = new Map(advice.reasons.filter((r) => r.effect.require === 'vm').map((r) => [r.rule, rules.rules.find((x) => x.id === r.rule)]));
  const mentions = (ruleId: string, ids: string[]) => {
    const rule = requiring.get(ruleId);
    return rule ? ids.some((id) => JSON.stringify(rule.when).includes(`"${id}"`)) : false;
  };
  const lines = ['flowchart TD'];
  const edges: string[] = [];
  const steps = SEED_QUESTIONS.filter((q) => q.ids.some((id) => advice.answers[id] !== undefined));
  const covered = new Set<string>();
  steps.forEach((q) => lines.push(`  ${q.node}{"${mermaidText(q.ask)}"}`));
  const extra = [...requiring.keys()].filter((id) => !SEED_QUESTIONS.some((q) => mentions(id, q.ids)));
  extra.forEach((id, i) => lines.push(`  p${i}{"${mermaidText(`Policy: ${id}`)}"}`));
  lines.push(`  w["${mermaidText(`Weighing: container ${advice.scores.container}, VM ${advice.scores.vm}`)}"]`);
  lines.push(`  o(["${mermaidText(`${advice.recommendation}: ${advice.headline}`)}"])`);
  const nodes = [...steps.map((q) => q.node), ...extra.map((_, i) => `p${i}`), 'w'];
  const labelFor = (index: number): string => {
    if (index < steps.length) {
      const q = steps[index]!;
      const facts = q.ids.filter((id) => advice.answers[id] !== undefined).map((id) => `${id} ${advice.answers[id]}`).join(', ');
      const needs = [...requiring.keys()].filter((id) => mentions(id, q.ids));
      needs.forEach((id) => covered.add(id));
      const verdict = index === 0 ? (needs.length ? 'no' : 'yes') : needs.length ? 'needs a VM' : 'no VM needed';
      return `${verdict}: ${facts}`;
    }
    return 'needs a VM';
  };
  for (let i = 0; i < nodes.length - 1; i++) edges.push(`  ${nodes[i]} -->|"${mermaidText(labelFor(i))}"| ${nodes[i + 1]}`);
  const chosen = advice.trace?.outcomes.find((o) => o.status === 'chosen');
  edges.push(`  w -->|"${mermaidText(chosen?.why ?? advice.recommendation)}"| o`);
  lines.push(...edges);
  lines.push('  classDef chosen fill:#d4f7d4,stroke:#2a7a2a', '  class o chosen');
  return lines.join('\n');
}
