/** GitHub-flavoured markdown, for step summaries and pull request comments. */
import type { Advice } from '../advice.js';
import { questionEntries } from '../answers.js';
import { conditionLeaves } from '../rules/conditions.js';
import { assumedPhrase, assumingPhrase, confidenceNote, dependenceLines, standInPhrase } from './confidence.js';
import type { Rules } from '../rules/types.js';
import { clean, oneLine } from '../sanitize.js';
import { rowLegend, rowMark, sourceLabels, type RowMarks, type View } from './style.js';

/** An empty HTML comment: splits text so GitHub sees no @mention or bare link in it, and shows nothing. */
const SPLIT = '<!-- -->';

/**
 * Escapes outside text for a markdown table cell or list item, so that it
 * renders as the text it is: no table breaks, no HTML, no links or images
 * (`[..](..)`, `![..](..)`, bare `https://` and `www.` addresses), no
 * @mentions (`@team`), no code spans.
 */
export function mdEscape(text: string): string {
  return oneLine(text)
    .replace(/[\\|`*_~[\]!]/g, (c) => `\\${c}`)
    .replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!)
    .replace(/@(?=[\w-])/g, `@${SPLIT}`)
    .replace(/:\/\//g, `:${SPLIT}//`)
    .replace(/www\./gi, (w) => `${w.slice(0, 3)}${SPLIT}.`);
}

/** Outside text as a code span: one line, no backticks to break out of it. */
export function mdCode(text: string): string {
  return `\`${oneLine(text).replace(/`/g, "'")}\``;
}

/** The advice as markdown: headline, reasons, notes, assumed answers, comparison table. */
export function adviceMarkdown(advice: Advice, rules: Rules, view: View = { explain: false }): string {
  const labels = sourceLabels(rules);
  const cite = (files: string[]) => !files.length ? '' : `<sub>${labels.of(files).map(mdEscape).join(', ')}</sub>`;
  const lines: string[] = [];
  const summary = view.summary;
  const named = advice.title ? `${mdEscape(advice.title)}: ` : '';
  lines.push(`## vmvc: ${named}${mdEscape(advice.headline)} (\`${advice.recommendation}\`)`, '');
  if (summary?.expect !== undefined && summary.expect !== advice.recommendation) {
    lines.push(`> [!CAUTION]`, `> **--expect not met:** expected \`${summary.expect}\`, got \`${advice.recommendation}\`.`, '');
  }
  lines.push(mdEscape(advice.summary), '');
  const depends = dependenceLines(advice);
  if (depends.length) lines.push(...depends.map((d) => `> **${mdEscape(d.replace(/:.*$/, ''))}:** ${mdEscape(d.replace(/^[^:]*: /, ''))}`.replace(/->/g, '→')), '');
  const firm = confidenceNote(advice);
  if (firm) lines.push(`_${mdEscape(firm)}_`, '');
  lines.push(
    `Points: container ${advice.scores.container}, VM ${advice.scores.vm}. VM requirement: ${advice.vmRequirement.holds ? `yes (${advice.vmRequirement.rules.map((r) => `\`${r}\``).join(', ')})` : 'no'}.`,
    '',
  );
  lines.push('### How the answer was reached', '', '```mermaid', decisionFlowchart(advice, rules), '```', '');
  lines.push('### Why', '');
  if (!advice.reasons.length) lines.push('- No rule fired; the first candidate applies.');
  for (const r of advice.reasons) lines.push(`- ${mdEscape(r.text)} ${cite(r.sources)} \`${r.rule}\`${r.assumed?.length ? ` _${mdEscape(assumedPhrase(r, advice.answers))}_` : ''}`);
  lines.push('', '### What would change it', '');
  if (!advice.flips.length) lines.push('No single answer would change it.');
  for (const f of advice.flips) lines.push(`- \`--${f.question} ${f.to}\` → \`${f.recommendation}\`${f.assuming ? ` (${mdEscape(assumingPhrase(f.assuming))})` : ''}`);
  if (advice.notes.length) {
    lines.push('', '### Notes', '');
    for (const n of advice.notes) lines.push(`- ${mdEscape(n.text)} ${cite(n.sources)}`.trimEnd());
  }
  if (summary) {
    // Every answer and where it came from, so a reader of the run sees what was decided on.
    lines.push('', '### Answers', '', '| question | answer | from |', '|---|---|---|');
    for (const q of rules.questions) {
      const origin = advice.unsure.includes(q.id) ? `${advice.answerOrigins[q.id]}, unsure` : advice.answerOrigins[q.id];
      lines.push(`| \`${q.id}\` | \`${advice.unsure.includes(q.id) ? 'unsure' : advice.answers[q.id]}\` | ${origin} |`);
    }
  }
  if (advice.config) {
    const fromConfig = rules.questions.filter((q) => advice.answerOrigins[q.id] === 'config');
    lines.push('', `Config file: ${mdCode(advice.config)}${fromConfig.length && !summary ? `; answers from it: ${fromConfig.map((q) => mdCode(`--${q.id} ${advice.unsure.includes(q.id) ? 'unsure' : advice.answers[q.id]}`)).join(', ')}` : ''}`);
  }
  if (advice.assumed.length && !summary) {
    lines.push('', '### Assumed answers', '', 'Not answered, so the default was used:', '');
    for (const id of advice.assumed) lines.push(`- \`--${id} ${advice.answers[id]}\``);
  }
  if (advice.unsure.length && !summary) {
    lines.push('', '### Not sure', '', 'Answered unsure (any choice), so a stand-in is used:', '');
    for (const s of advice.standIns) lines.push(`- \`--${s.question} unsure\` (${mdEscape(standInPhrase(s))})`);
  }
  if (advice.notAsked.length) {
    lines.push('', '### Not asked', '', 'No answer to these could change the recommendation, so the default was used:', '');
    for (const id of advice.notAsked) lines.push(`- \`--${id} ${advice.answers[id]}\``);
  }
  if (view.explain && advice.trace) {
    lines.push('', '### How this was decided', '');
    for (const r of advice.trace.rules) {
      lines.push(r.fired ? `- ✔ \`${r.rule}\`: ${mdEscape(r.condition)}` : `- ✘ \`${r.rule}\`: needs ${mdEscape(r.condition)}; failed on ${mdEscape(r.failed ?? '')}`);
    }
    for (const o of advice.trace.outcomes) lines.push(`- ${o.status === 'chosen' ? '**→**' : ''} \`${o.outcome}\`: ${o.status}; ${mdEscape(o.why)}`);
  }
  if (summary) {
    // Folded, so the answer and its reasons are what the summary page shows.
    lines.push('', '<details><summary>VM or container? The comparison table and its sources</summary>', '', comparisonMarkdown(rules, { leaned: advice.decidingRows, given: advice.tradeOffRows }), '</details>', '');
  } else lines.push('', '### VM or container?', '', comparisonMarkdown(rules, { leaned: advice.decidingRows, given: advice.tradeOffRows }));
  return lines.join('\n');
}

/** The comparison table as a GitHub markdown table; rows an answer leaned on are bold with ▶, rows it gives up carry ◁. */
export function comparisonMarkdown(rules: Rules, marks?: RowMarks): string {
  const labels = sourceLabels(rules);
  const lines = ['| Aspect | Virtual machine | Container | Sources |', '|---|---|---|---|'];
  for (const row of rules.comparison) {
    const aspect = marks?.leaned.includes(row.id) ? `**${rowMark(marks, row.id)}${mdEscape(row.aspect)}**` : `${rowMark(marks, row.id)}${mdEscape(row.aspect)}`;
    lines.push(`| ${aspect} | ${mdEscape(row.vm)} | ${mdEscape(row.container)} | ${labels.of(row.sources).map(mdEscape).join(', ')} |`);
  }
  lines.push('');
  const legend = labels.legend;
  for (const l of rowLegend(marks)) lines.push(`${l}.`, '');
  if (legend.length) {
    lines.push('Sources:', '');
    for (const s of legend) {
      // A source's address is shown as code, not as a link: an overlay's text never becomes one.
      const title = s.url ? `${mdEscape(s.title)}, ${mdCode(s.url)}` : mdEscape(s.title);
      lines.push(s.label === s.file ? `- ${mdCode(s.file)}: ${title}` : `- ${mdEscape(s.label)}: ${mdCode(s.file)}, ${title}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Every question as a markdown table row: flag, variable, choices, default, prompt, sources. */
export function questionsMarkdown(rules: Rules): string {
  const head = ['| flag | env | choices | default | asks | sources |', '|---|---|---|---|---|---|'];
  const rows = questionEntries(rules).map(
    (r) =>
      `| \`${r.flag}\` | \`${r.env}\` | ${r.choices.map((c) => mdEscape(c.id)).join(', ')}, _unsure_ | ${mdEscape(r.default)} | ${mdEscape(r.prompt)} | ${r.sources.map(mdEscape).join(', ')} |`,
  );
  return [...head, ...rows].join('\n') + '\n';
}

/** Text for a Mermaid label: quotes, angle brackets and # become Mermaid entity codes; no line breaks. */
export function mermaidText(text: string): string {
  return clean(text)
    .replace(/\s+/g, ' ')
    .replace(/[#"<>]/g, (c) => ({ '#': '#35;', '"': '#quot;', '<': '#lt;', '>': '#gt;' })[c]!);
}

/** The stages of the decision, in the order they first appear among the questions, with the questions of each. */
export function stagesOf(rules: Rules): Array<{ ask: string; ids: string[] }> {
  const stages = new Map<string, string[]>();
  for (const q of rules.questions) if (q.stage) stages.set(q.stage, [...(stages.get(q.stage) ?? []), q.id]);
  return [...stages].map(([ask, ids]) => ({ ask, ids }));
}

/**
 * A Mermaid flowchart of the path this answer took: the stages of the rules
 * (questions marked with a `stage`) in order, each edge labelled with the
 * answers it looked at and whether they needed a VM, then the weighing, then
 * the outcome. Rules that need a VM but look at no staged question (from
 * overlays, say) get a node of their own.
 */
export function decisionFlowchart(advice: Advice, rules: Rules): string {
  const byId = new Map(rules.rules.map((r) => [r.id, r]));
  const requiring = advice.reasons.filter((r) => r.effect.require === 'vm').map((r) => r.rule);
  const mentions = (ruleId: string, ids: string[]) => {
    const rule = byId.get(ruleId);
    return rule ? conditionLeaves(rule.when).some((leaf) => ids.includes(leaf.question)) : false;
  };
  const lines = ['flowchart TD'];
  const edges: string[] = [];
  const stages = stagesOf(rules);
  const steps = stages.filter((s) => s.ids.some((id) => advice.answers[id] !== undefined)).map((s, i) => ({ ...s, node: `q${i + 1}` }));
  steps.forEach((s) => lines.push(`  ${s.node}{"${mermaidText(s.ask)}"}`));
  const extra = requiring.filter((id) => !stages.some((s) => mentions(id, s.ids)));
  extra.forEach((id, i) => lines.push(`  p${i}{"${mermaidText(`Policy: ${id}`)}"}`));
  lines.push(`  w["${mermaidText(`Weighing: container ${advice.scores.container}, VM ${advice.scores.vm}`)}"]`);
  lines.push(`  o(["${mermaidText(`${advice.recommendation}: ${advice.headline}`)}"])`);
  const nodes = [...steps.map((s) => s.node), ...extra.map((_, i) => `p${i}`), 'w'];
  const labelFor = (index: number): string => {
    if (index < steps.length) {
      const s = steps[index]!;
      const facts = s.ids.filter((id) => advice.answers[id] !== undefined).map((id) => `${id} ${advice.answers[id]}`).join(', ');
      return `${requiring.some((id) => mentions(id, s.ids)) ? 'needs a VM' : 'no VM needed'}: ${facts}`;
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

/** The step summary of a portfolio run: counts per outcome, the rows that failed, and the first rows. */
export function portfolioSummaryMarkdown(
  result: { read: number; decided: number; errors: number; depends: number; outcomes: Record<string, number> },
  errors: ReadonlyArray<{ line: number; error: string }>,
  first: ReadonlyArray<{ line: number; id?: string; name?: string; recommendation?: string; confidence?: string; error?: string }>,
  title?: string,
): string {
  const lines = [`## vmvc: ${title ? `${mdEscape(title)}: ` : ''}portfolio of ${result.read} workload${result.read === 1 ? '' : 's'}`, ''];
  lines.push('| recommendation | workloads |', '|---|---|');
  for (const [id, n] of Object.entries(result.outcomes)) lines.push(`| \`${id}\` | ${n} |`);
  if (result.errors) lines.push(`| _error_ | ${result.errors} |`);
  lines.push('', `${result.decided} decided, ${result.errors} error${result.errors === 1 ? '' : 's'}; ${result.depends} depend${result.depends === 1 ? 's' : ''} on an unsure or assumed answer.`);
  if (errors.length) {
    lines.push('', `### Rows that could not be decided${errors.length < result.errors ? ` (first ${errors.length} of ${result.errors})` : ''}`, '', '| line | error |', '|---|---|');
    for (const e of errors) lines.push(`| ${e.line} | ${mdEscape(e.error)} |`);
  }
  if (first.length) {
    lines.push('', `<details><summary>The first ${first.length} row${first.length === 1 ? '' : 's'}</summary>`, '', '| line | workload | recommendation | confidence |', '|---|---|---|---|');
    for (const r of first) lines.push(`| ${r.line} | ${mdEscape(r.name ?? r.id ?? '')} | ${r.error ? '_error_' : `\`${r.recommendation}\``} | ${r.confidence ?? ''} |`);
    lines.push('', '</details>');
  }
  return lines.join('\n') + '\n';
}
