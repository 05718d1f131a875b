/** GitHub-flavoured markdown, for step summaries and pull request comments. */
import { driftText } from './drift.js';
import type { Advice } from '../advice.js';
import { questionEntries } from '../answers.js';
import { assumedPhrase, assumingPhrase, confidenceNote, dependenceLines, standInPhrase } from './confidence.js';
import { foundAnswers } from './evidence.js';
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
  const found = foundAnswers(advice);
  if (advice.evidence) {
    lines.push('', '### Found in the repository', '');
    if (!found.length) lines.push('Nothing that answers a question.');
    for (const f of found) {
      lines.push(`- ${f.used ? mdCode(f.heading) : mdEscape(f.heading)}`);
      for (const e of f.evidence) lines.push(`  - ${mdCode(oneLine(`${e.file}:${e.line}`))} ${mdCode(oneLine(e.found))}: ${mdEscape(oneLine(e.why))}`);
    }
  }
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

/**
 * Text for a Mermaid label: quotes, angle brackets and # become Mermaid entity
 * codes, and so do square brackets and @, so rules-file text in a label can
 * form no markdown link or mention; no line breaks.
 */
export function mermaidText(text: string): string {
  return clean(text)
    .replace(/\s+/g, ' ')
    .replace(/[#"<>[\]@]/g, (c) => ({ '#': '#35;', '"': '#quot;', '<': '#lt;', '>': '#gt;', '[': '#91;', ']': '#93;', '@': '#64;' })[c]!);
}

/**
 * A Mermaid flowchart of the decision as the engine makes it: what the answers
 * gave (the VM requirement and the points), then each outcome's gate in order,
 * the first that holds giving the recommendation. The road taken is drawn bold
 * and green, the outcomes and gates it never reached are dimmed, and each
 * refused gate says why. Short and the same shape for every answer, so it
 * reads on a pull request; the reasons themselves are in the list above it.
 */
export function decisionFlowchart(advice: Advice, rules: Rules): string {
  const outcomes = rules.outcomes;
  const chosenAt = outcomes.findIndex((o) => o.id === advice.recommendation);
  const status = new Map((advice.trace?.outcomes ?? []).map((t) => [t.outcome, t]));
  const requiredBy = advice.reasons.filter((r) => r.effect.require === 'vm').map((r) => r.rule);
  const { container, vm, margin } = advice.scores;
  const facts = [
    requiredBy.length ? `VM requirement: ${requiredBy.join(', ')}` : 'VM requirement: none',
    `container ${container} pts, VM ${vm} pts (lead ${margin >= 0 ? '+' : ''}${margin})`,
  ];
  const lines = ['flowchart LR', `  f["${facts.map(mermaidText).join('<br/>')}"]`];
  const gated = outcomes.slice(0, -1);
  gated.forEach((o, i) => lines.push(`  g${i}{"${mermaidText(`${o.id}?`)}"}`));
  outcomes.forEach((o, i) => lines.push(`  o${i}(["${mermaidText(o.label === o.id ? o.id : `${o.label} (${o.id})`)}"])`));
  // Edges, in order (linkStyle counts them): answers to the first gate, then each gate's yes and no.
  const edges: string[] = [];
  const taken: number[] = [];
  const edge = (from: string, label: string, to: string, onRoad: boolean) => {
    if (onRoad) taken.push(edges.length);
    edges.push(`  ${from} -->|"${mermaidText(label)}"| ${to}`);
  };
  edge('f', 'gates in order', gated.length ? 'g0' : 'o0', true);
  gated.forEach((o, i) => {
    const refused = i < chosenAt;
    edge(`g${i}`, i === chosenAt ? `yes: ${status.get(o.id)?.why ?? gateQuestion(o)}` : `if ${gateQuestion(o)}`, `o${i}`, i === chosenAt);
    edge(`g${i}`, refused ? `no: ${status.get(o.id)?.why ?? 'its gate does not hold'}` : 'no', i + 1 < gated.length ? `g${i + 1}` : `o${i + 1}`, refused);
  });
  lines.push(...edges);
  const dim = [...gated.map((_, i) => (i > chosenAt ? `g${i}` : '')), ...outcomes.map((_, i) => (i !== chosenAt ? `o${i}` : ''))].filter(Boolean);
  lines.push('  classDef chosen fill:#d4f7d4,stroke:#2a7a2a,stroke-width:2px', '  classDef dim fill:#f6f6f6,stroke:#c8c8c8,color:#9a9a9a');
  lines.push(`  class o${chosenAt} chosen`);
  if (dim.length) lines.push(`  class ${dim.join(',')} dim`);
  lines.push(`  linkStyle ${taken.join(',')} stroke:#2a7a2a,stroke-width:3px`);
  return lines.join('\n');
}

/** An outcome's gate: "no VM requirement, container lead at least +0"; an outcome without one is taken unless excluded. */
function gateQuestion(outcome: Rules['outcomes'][number]): string {
  const parts: string[] = [];
  if (outcome.requirement === true) parts.push('a VM requirement');
  if (outcome.requirement === false) parts.push('no VM requirement');
  const min = outcome['min-margin'];
  if (min !== undefined) parts.push(`container lead at least ${min >= 0 ? '+' : ''}${min}`);
  return parts.length ? parts.join(', ') : 'not excluded';
}

/** The step summary of a portfolio run: counts per outcome, the rows that failed, and the first rows. */
export function portfolioSummaryMarkdown(
  result: { read: number; decided: number; errors: number; depends: number; outcomes: Record<string, number>; drift: Record<string, number>; placed: number },
  errors: ReadonlyArray<{ line: number; error: string }>,
  first: ReadonlyArray<{ line: number; id?: string; name?: string; recommendation?: string; confidence?: string; error?: string }>,
  rules: Rules,
  title?: string,
): string {
  const lines = [`## vmvc: ${title ? `${mdEscape(title)}: ` : ''}portfolio of ${result.read} workload${result.read === 1 ? '' : 's'}`, ''];
  lines.push('| recommendation | workloads |', '|---|---|');
  for (const [id, n] of Object.entries(result.outcomes)) lines.push(`| \`${id}\` | ${n} |`);
  if (result.errors) lines.push(`| _error_ | ${result.errors} |`);
  lines.push('', `${result.decided} decided, ${result.errors} error${result.errors === 1 ? '' : 's'}; ${result.depends} depend${result.depends === 1 ? 's' : ''} on an unsure or assumed answer.`);
  if (result.placed) lines.push('', `**Drift:** ${mdEscape(driftText(result, rules))}`);
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
