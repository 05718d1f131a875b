/** Plain-text output for people at a terminal. */
import Table from 'cli-table3';
import type { Advice } from '../advice.js';
import type { Detection } from '../detect/probe.js';
import { questionEntries, shellWord } from '../answers.js';
import type { Evidence, ScanResult } from '../scan/types.js';
import { foundAnswers } from './evidence.js';
import { gaugeOf } from '../engine.js';
import type { Effect, Rules } from '../rules/types.js';
import { stripVTControlCharacters } from 'node:util';
import { clean, oneLine } from '../sanitize.js';
import { assumedPhrase, confidenceNote, dependenceLines, flipsSentence, standInPhrase } from './confidence.js';
import { rowLegend, rowMark, sourceLabels, type RowMarks, type SourceLabels, type Style, type View } from './style.js';

/** The advice as a headline, reasons, notes, assumptions and the comparison table. */
export function adviceText(advice: Advice, rules: Rules, style: Style, view: View = { explain: false }): string {
  const { chalk } = style;
  const labels = sourceLabels(rules);
  const cite = (files: string[]) => !files.length ? '' : chalk.dim(`[${labels.of(files).map(clean).join(', ')}]`);
  const questions = new Map(rules.questions.map((q) => [q.id, q]));
  const lines: string[] = [];
  const bullet = (text: string) => wrap(text, style.width - 4, '    ').map((l, i) => (i ? l : `  • ${l}`));

  // The answer: the recommendation, its weighing and its reasons.
  const answer: string[] = [];
  answer.push(...wrap(`${chalk.bold('Recommendation:')} ${chalk.bold.green(clean(advice.headline))} ${chalk.dim(`(${clean(advice.recommendation)})`)}`, style.width, '  '));
  answer.push(...wrap(clean(advice.summary), style.width - 2, '  ').map((l, i) => (i ? l : `  ${l}`)));
  for (const line of dependenceLines(advice)) answer.push(...wrap(chalk.yellow(clean(line)), style.width - 2, '    ').map((l, i) => (i ? l : `  ${l}`)));
  const firm = confidenceNote(advice);
  if (firm) answer.push(...wrap(chalk.dim(firm), style.width - 2, '    ').map((l, i) => (i ? l : `  ${l}`)));
  if (advice.trace) answer.push('', ...scoreBars(advice, rules, { ...style, width: style.width - 2 }).map((l) => `  ${l}`));
  answer.push('', chalk.bold('Why'));
  if (advice.reasons.length === 0) answer.push(...bullet('No rule fired; the first candidate applies.'));
  for (const r of advice.reasons) {
    const assumed = assumedPhrase(r, advice.answers);
    answer.push(...bullet(`${chalk.cyan(effectTag(r.effect))} ${clean(r.text)} ${cite(r.sources)} ${chalk.dim(`(${r.rule})`)}${assumed ? ` ${chalk.yellow(clean(assumed))}` : ''}`));
  }

  // Around it: what would change it, notes, what was assumed, and the comparison table.
  lines.push(...wrap(`${chalk.bold('What would change it:')} ${clean(flipsSentence(advice))}`, style.width, '  '));
  if (advice.config) {
    lines.push('', ...wrap(`${chalk.bold('Config file:')} ${clean(advice.config)} ${chalk.dim('(its overlays and answers apply; --no-config ignores it)')}`, style.width, '  '));
    const fromConfig = rules.questions.filter((q) => advice.answerOrigins[q.id] === 'config');
    if (fromConfig.length) lines.push(...bullet(`answers from it: ${fromConfig.map((q) => `--${q.id} ${clean(advice.unsure.includes(q.id) ? 'unsure' : (advice.answers[q.id] ?? ''))}`).join(', ')}`));
  }

  const found = foundAnswers(advice);
  if (advice.evidence) {
    lines.push('', chalk.bold('Found in the repository (--scan)'));
    if (!found.length) lines.push(chalk.dim('  nothing that answers a question'));
    for (const f of found) lines.push(`  ${f.used ? chalk.bold(clean(f.heading)) : chalk.dim(clean(f.heading))}`, ...evidenceLines(f.evidence, style, '    '));
  }

  if (advice.notes.length) {
    lines.push('', chalk.bold('Notes'));
    for (const n of advice.notes) lines.push(...bullet(`${clean(n.text)} ${cite(n.sources)}`));
  }

  if (advice.assumed.length) {
    lines.push('', chalk.bold('Assumed (defaults, not answered)'));
    for (const id of advice.assumed) {
      const q = questions.get(id);
      const label = q?.choices.find((c) => c.id === advice.answers[id])?.label ?? advice.answers[id];
      lines.push(...bullet(`--${id} ${clean(advice.answers[id] ?? '')} ${chalk.dim(`(${clean(label ?? '')})`)}`));
    }
  }

  if (advice.unsure.length) {
    lines.push('', chalk.bold('Not sure (any choice; a stand-in is used)'));
    for (const s of advice.standIns) lines.push(...bullet(`--${s.question} unsure ${chalk.dim(`(${clean(standInPhrase(s))})`)}`));
  }

  if (advice.notAsked.length) {
    lines.push('', chalk.bold('Not asked (could not change the answer)'));
    lines.push(...bullet(advice.notAsked.map((id) => `--${id} ${clean(advice.answers[id] ?? '')}`).join(', ')));
  }

  if (view.explain && advice.trace) lines.push('', ...explainText(advice, style));

  const table = [chalk.bold('VM or container?'), comparisonText(rules, style, { leaned: advice.decidingRows, given: advice.tradeOffRows }).replace(/\n$/, '')];
  // Usually the answer leads; after a session of questions it comes last, so it is what stays on screen.
  const all = view.answerLast ? [...table, '', ...lines, '', ...answer] : [...answer, '', ...lines, '', ...table];
  return all.join('\n') + '\n';
}

const WIDE_BAR = 20;

/**
 * One bar per outcome showing the weighing: container points for a plain
 * container, the container lead (against the lead it needs) for outcomes with
 * a min-margin, VM points for the fallback; then whether it was chosen or what
 * ruled it out. Readable without colour; ASCII when the terminal cannot do better.
 */
export function scoreBars(advice: Advice, rules: Rules, style: Pick<Style, 'chalk' | 'ascii'> & { width?: number }): string[] {
  const narrow = (style.width ?? 100) < NARROW;
  const BAR = narrow ? 12 : WIDE_BAR;
  const { chalk } = style;
  const [full, empty, mark] = style.ascii ? ['#', '.', '|'] : ['█', '░', '│'];
  const { container, vm } = advice.scores;
  const statuses = new Map((advice.trace?.outcomes ?? []).map((o) => [o.outcome, o]));
  const gauges = rules.outcomes.map((o) => gaugeOf(o, advice.scores));
  const scale = Math.max(1, container, vm, ...gauges.map((g) => g.needs ?? 0));
  const name = Math.max(...rules.outcomes.map((o) => o.id.length));
  const sign = (n: number) => (n > 0 ? `+${n}` : String(n));
  return rules.outcomes.map((o, at): string[] => {
    const { measure, value, needs } = gauges[at]!;
    const filled = Math.round((Math.max(0, value) / scale) * BAR);
    const cells = Array.from({ length: BAR }, (_, i) => (i < filled ? full : empty));
    if (needs !== undefined && needs > 0) cells[Math.min(BAR - 1, Math.round((needs / scale) * BAR) - 1)] = mark;
    const what = measure === 'lead' ? `lead ${sign(value)} of ${sign(needs!)} needed` : `${sign(value)} ${measure === 'container' ? 'container' : 'VM'} pts`;
    const status = statuses.get(o.id);
    const [verdictText, paint] =
      status?.status === 'chosen'
        ? [style.ascii ? '<- chosen' : '✔ chosen', chalk.green]
        : status?.status === 'not-tried'
          ? // Its bar may look passing: say it was never weighed because an earlier outcome won.
            [`not tried: ${clean(status.why)}`, chalk.dim]
          : [`${style.ascii ? 'x' : '✘'} ${clean(status?.why ?? '')}`, chalk.dim];
    const verdict = paint(verdictText);
    if (narrow) return [`${o.id}`, `  ${cells.join('')} ${what}`, ...wrap(verdictText, Math.max(20, (style.width ?? 40) - 2), '  ').map((l) => `  ${paint(l)}`)];
    const line = `${o.id.padEnd(name)}  ${cells.join('')}  ${what.padEnd(22)} ${verdictText}`;
    if (line.length <= (style.width ?? 100)) return [`${o.id.padEnd(name)}  ${cells.join('')}  ${what.padEnd(22)} ${verdict}`];
    // Too wide for the terminal: the verdict goes under the bar.
    const indent = ' '.repeat(name + 2);
    return [`${o.id.padEnd(name)}  ${cells.join('')}  ${what}`, ...wrap(verdictText, Math.max(20, (style.width ?? 100) - indent.length), '').map((l) => `${indent}${paint(l)}`)];
  }).flat();
}

/** Why a rule did not fire: the failed part, and the whole condition when it has more parts. */
function failure(condition: string, failed: string): string {
  const part = failed.replace(/ \(answer: [^)]*\)$/, '');
  return clean(part === condition ? failed : `needs ${condition}; failed on ${failed}`);
}

/** `--explain`: every rule with whether it fired (and the condition that failed), the points, and each outcome's fate. */
export function explainText(advice: Advice, { chalk }: Style): string[] {
  const trace = advice.trace!;
  const lines = [chalk.bold('How this was decided')];
  for (const r of trace.rules) {
    lines.push(
      r.fired
        ? `  ${chalk.green('✔')} ${r.rule}: ${clean(r.condition)}`
        : `  ${chalk.dim('✘')} ${r.rule}: ${chalk.dim(failure(r.condition, r.failed ?? ''))}`,
    );
  }
  lines.push(`  Points: container ${advice.scores.container}, VM ${advice.scores.vm} (lead ${advice.scores.margin})`);
  for (const o of trace.outcomes) {
    const mark = o.status === 'chosen' ? chalk.green('→') : ' ';
    lines.push(`  ${mark} ${o.outcome}: ${o.status}; ${clean(o.why)}`);
  }
  return lines;
}

/** Below this many columns a four-column table cannot fit; the comparison becomes a list. */
const NARROW = 64;

/**
 * Wraps text at word boundaries so every line, indent included, fits `width`.
 * Widths count visible characters (colour codes are free); a plain word longer
 * than a line is cut, a coloured one is left whole rather than cut mid-code.
 */
export function wrap(text: string, width: number, indent: string): string[] {
  const lines = hasEscapes(text) ? wrapWords(text, width, indent) : wrapPlain(text, width, indent);
  return indent ? lines.map((l, i) => (i ? indent + l : l)) : lines;
}

/**
 * wrap's lines (before the indent) for text that may hold escape sequences,
 * which take no columns: word by word, measuring each.
 */
export function wrapWords(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  const room = () => Math.max(1, lines.length ? width - indent.length : width);
  for (let word of text.split(/ +/)) {
    if (!word) continue;
    const wordWidth = visibleWidth(word);
    if (line && lineWidth + 1 + wordWidth <= room()) {
      line += ` ${word}`;
      lineWidth += 1 + wordWidth;
      continue;
    }
    if (line) lines.push(line);
    // A word wider than a line is cut, each piece as wide as its own line.
    for (let r = room(); word.length > r && !hasEscapes(word); r = room()) {
      lines.push(word.slice(0, r));
      word = word.slice(r);
    }
    line = word;
    lineWidth = visibleWidth(word);
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The same lines for text without escape sequences, where a character is a
 * column: with runs of spaces made one, each line is a slice of the text, so
 * nothing is built word by word (a table's cells are wrapped on every start).
 */
function wrapPlain(text: string, width: number, indent: string): string[] {
  const t = text.includes('  ') ? text.replace(/ {2,}/g, ' ') : text;
  const lines: string[] = [];
  const room = () => Math.max(1, lines.length ? width - indent.length : width);
  let end = t.length;
  while (end > 0 && t.charCodeAt(end - 1) === 32) end--;
  // The current line is t.slice(from, to); from is -1 while it is empty. Words are one space apart.
  let from = -1;
  let to = 0;
  for (let at = t.charCodeAt(0) === 32 ? 1 : 0; at < end; ) {
    let wordStart = at;
    const space = t.indexOf(' ', at);
    const wordEnd = space === -1 || space > end ? end : space;
    at = wordEnd + 1;
    if (from >= 0 && wordEnd - from <= room()) {
      to = wordEnd;
      continue;
    }
    if (from >= 0) lines.push(t.slice(from, to));
    for (let r = room(); wordEnd - wordStart > r; r = room()) {
      lines.push(t.slice(wordStart, wordStart + r));
      wordStart += r;
    }
    from = wordStart;
    to = wordEnd;
  }
  if (from >= 0) lines.push(t.slice(from, to));
  return lines;
}

/** Whether `text` holds escape sequences (7-bit ESC or the 8-bit CSI). */
const hasEscapes = (text: string) => text.includes('\u001b') || text.includes('\u009b');

/** Columns `text` takes on screen: its length less any escape sequences. */
const visibleWidth = (text: string) => (hasEscapes(text) ? stripVTControlCharacters(text).length : text.length);

/** `000 = 000_6dbfc1640b097832.txt: title`, one per shortened source. */
function legendLines(labels: SourceLabels): string[] {
  return labels.legend.map((s) => `${s.label === s.file ? clean(s.label) : `${clean(s.label)} = ${clean(s.file)}`}: ${clean(s.title)}${s.url ? ` <${clean(s.url)}>` : ''}`);
}

/** The comparison for narrow terminals: one block per row, wrapped to the width. */
function comparisonList(rules: Rules, style: Style, marks?: RowMarks): string {
  const { chalk } = style;
  const labels = sourceLabels(rules);
  const width = Math.max(20, style.width);
  const out: string[] = [];
  for (const row of rules.comparison) {
    const head = `${rowMark(marks, row.id)}${clean(row.aspect)} [${labels.of(row.sources).map(clean).join(', ')}]`;
    out.push(...wrap(head, width, '  ').map((l) => chalk.bold(l)));
    out.push(...wrap(`VM: ${clean(row.vm)}`, width - 2, '      ').map((l) => `  ${l}`));
    out.push(...wrap(`Container: ${clean(row.container)}`, width - 2, '             ').map((l) => `  ${l}`));
  }
  for (const entry of legendLines(labels)) out.push(...wrap(entry, width, '  ').map((l) => chalk.dim(l)));
  return out.join('\n') + '\n';
}

/** A short label for what a fired rule did: `needs a VM`, `+4 container`, `rules out containers-in-vm`. */
export function effectTag(effect: Effect): string {
  const parts: string[] = [];
  if (effect.require === 'vm') parts.push('needs a VM');
  if (effect.favour) parts.push(`+${effect.weight ?? 1} ${effect.favour === 'vm' ? 'VM' : 'container'}`);
  if (effect.exclude?.length) parts.push(`rules out ${effect.exclude.join(', ')}`);
  return `[${parts.join('; ')}]`;
}

/** The VM-vs-container table with citations; rows an answer leaned on carry ▶ and are bold, rows it gives up carry ◁. */
export function comparisonText(rules: Rules, style: Style, marks?: RowMarks): string {
  const { chalk } = style;
  const labels = sourceLabels(rules);
  if (style.width < NARROW) return comparisonList(rules, style, marks);
  const fixed = 4 * 3 + 1; // borders and padding
  const room = Math.max(40, style.width) - fixed;
  const aspect = Math.max(12, Math.floor(room * 0.2));
  const sources = Math.max(9, Math.floor(room * 0.14));
  const cell = Math.max(10, Math.floor((room - aspect - sources) / 2));
  // Cells are wrapped here (cheaply, at word boundaries) rather than by cli-table3's
  // wordWrap, which measures every word's width and costs several milliseconds.
  const fit = (text: string, width: number) => wrap(text, width, '').join('\n');
  const table = new Table({
    head: ['Aspect', 'Virtual machine', 'Container', 'Sources'].map((h) => chalk.bold(h)),
    colWidths: [aspect + 2, cell + 2, cell + 2, sources + 2],
    style: { head: [], border: [] },
  });
  for (const row of rules.comparison) {
    const isMarked = marks?.leaned.includes(row.id) === true;
    const aspectText = fit(`${rowMark(marks, row.id)}${clean(row.aspect)}`, aspect);
    table.push([
      isMarked ? aspectText.split('\n').map((l) => chalk.bold(l)).join('\n') : aspectText,
      fit(clean(row.vm), cell),
      fit(clean(row.container), cell),
      fit(labels.of(row.sources).map(clean).join(', '), sources),
    ]);
  }
  const legend = legendLines(labels).flatMap((l) => wrap(l, style.width - 2, '    ').map((w) => chalk.dim(`  ${w}`)));
  const footer = rowLegend(marks).map((l) => chalk.dim(`  ${l}`));
  return [table.toString(), ...footer, ...legend].join('\n') + '\n';
}

/** Every question for people: flag and variable, prompt, help, choices with the default marked, sources. */
export function questionsText(rules: Rules, { chalk }: Style): string {
  return (
    questionEntries(rules)
      .map((r) =>
        [
          `${chalk.bold(r.flag)} ${chalk.dim(`(${r.env})`)}`,
          `  ${clean(r.prompt)}`,
          `  ${chalk.dim(clean(r.help))}`,
          `  choices: ${r.choices.map((c) => (c.id === r.default ? `${clean(c.id)} (default)` : clean(c.id))).join(', ')}; or unsure`,
          `  sources: ${r.sources.length ? r.sources.map(clean).join(', ') : 'none'}`,
        ].join('\n'),
      )
      .join('\n\n') + '\n'
  );
}

/** `vmvc detect` for people: each layer outermost first with its evidence, then OS and capabilities. */
export function detectionText(d: Detection, { chalk }: Style): string {
  const lines: string[] = [];
  const stack = d.layers.length ? d.layers.map((l) => l.name).join(' > ') : d.os.platform === 'linux' ? 'bare metal' : 'unknown';
  lines.push(`${chalk.bold('Running on:')} ${stack}${d.layers.length ? chalk.dim('  (outermost first)') : ''}`);
  for (const l of d.layers) {
    lines.push(`  ${chalk.bold(l.kind === 'vm' ? 'VM' : 'container')} ${l.name} ${chalk.dim(`(${l.confidence} confidence)`)}`);
    for (const e of l.evidence) lines.push(`    - ${clean(e)}`);
  }
  if (!d.layers.length && d.os.platform === 'linux') lines.push('  - no hypervisor or container signal was found');
  const os = [d.os.name, d.os.version].filter(Boolean).join(' ');
  lines.push('', `${chalk.bold('OS:')} ${clean(os || d.os.platform)}${d.os.kernel ? `, kernel ${clean(d.os.kernel)}` : ''}, ${d.os.arch}`);
  lines.push('', `${chalk.bold('VMs can start here:')} ${d.vms.canStart ? 'yes' : 'no'}`);
  for (const e of d.vms.evidence) lines.push(`  - ${clean(e)}`);
  lines.push('', `${chalk.bold('Containers can start here:')} ${d.containers.canStart ? `yes (${d.containers.engines.join(', ')})` : 'no'}`);
  for (const e of d.containers.evidence) lines.push(`  - ${clean(e)}`);
  if (d.unknown.length) {
    lines.push('', chalk.bold('Not known'));
    for (const u of d.unknown) lines.push(`  - ${clean(u)}`);
  }
  return lines.join('\n') + '\n';
}

/** One piece of evidence as text: `file:line  found`, then why, indented. */
function evidenceLines(evidence: readonly Evidence[], { chalk, width }: Style, indent = '  '): string[] {
  return evidence.flatMap((e) => [
    `${indent}${chalk.cyan(`${oneLine(e.file)}:${e.line}`)}  ${oneLine(e.found)}`,
    ...wrap(chalk.dim(oneLine(e.why)), width - indent.length - 4, `${indent}    `).map((l, i) => (i ? l : `${indent}    ${l}`)),
  ]);
}

/** Each question the scan has evidence for, as `--question value` (or why it has none) with its evidence below. */
function scanAnswerLines(scan: Pick<ScanResult, 'answers' | 'evidence' | 'conflicts'>, style: Style): string[] {
  const { chalk } = style;
  const lines: string[] = [];
  for (const [question, evidence] of Object.entries(scan.evidence)) {
    const value = scan.answers[question];
    const state =
      value === undefined ? chalk.dim('not answered: weak signs only')
      : scan.conflicts.includes(question) ? `${chalk.bold(value)} ${chalk.yellow('(the evidence below disagrees)')}`
      : chalk.bold(value);
    lines.push(`${chalk.bold(`--${question}`)} ${state}`);
    lines.push(...evidenceLines(evidence, style));
  }
  return lines;
}

/** `vmvc scan`: the answers found with their evidence, the notes, and what the scan skipped. */
export function scanText(scan: ScanResult, dir: string, style: Style): string {
  const { chalk } = style;
  const files = `${scan.read} file${scan.read === 1 ? '' : 's'} read`;
  const found = Object.keys(scan.evidence).length > 0;
  const lines = [`${chalk.bold('Scanned')} ${oneLine(dir)} ${chalk.dim(`(${files})`)}${found ? '' : ': no answers found'}`];
  if (found) lines.push('', ...scanAnswerLines(scan, style));
  for (const note of scan.notes) lines.push('', ...wrap(`${chalk.bold('Note:')} ${oneLine(note.text)}`, style.width, '  '), ...evidenceLines(note.evidence, style));
  if (scan.skipped.length) {
    lines.push('', chalk.bold('Skipped'));
    for (const s of scan.skipped) lines.push(`  ${oneLine(s.file)}: ${oneLine(s.why)}`);
  }
  if (scan.stopped) lines.push('', chalk.yellow(`The scan ${clean(scan.stopped)}; what it had read is above.`));
  if (Object.keys(scan.answers).length) lines.push('', chalk.dim(`Use them: vmvc advise --scan ${oneLine(shellWord(dir))}  (flags, variables, --answers and the config still win)`));
  return lines.join('\n') + '\n';
}
