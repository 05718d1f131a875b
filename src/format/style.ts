/** How text output may look: colours (a chalk instance with a fixed level) and width. */
import type { ChalkInstance } from 'chalk';
import type { Rules } from '../rules/types.js';

export interface Style {
  chalk: ChalkInstance;
  /** Terminal columns to fit tables into. */
  width: number;
  /** Plain ASCII instead of Unicode blocks and marks (--ascii, or TERM=dumb). */
  ascii?: boolean;
}

/** What to include beyond the answer itself. */
export interface View {
  /** --explain: every rule and outcome with why it did or did not apply. */
  explain: boolean;
  /** Draw the recommendation last, so it is what stays on screen after a session of questions. */
  answerLast?: boolean;
  /** --step-summary: a heading naming the workload, the answers with their origin, a failed --expect, the table folded. */
  summary?: { title?: string; expect?: string };
}

/** How a format cites sources: short labels, and the legend that spells the short ones out. */
export interface SourceLabels {
  /** The label of each cited file. */
  of: (files: readonly string[]) => string[];
  /** Sources whose label is shorter than their file name, and the practice sources, in declaration order. */
  legend: Array<{ label: string; file: string; title: string; url?: string }>;
}

/**
 * Short labels for citations: "000" for "000_6dbfc1640b097832.txt" when that
 * prefix is unique among the declared sources, the whole file name otherwise.
 */
export function sourceLabels(rules: Rules): SourceLabels {
  const prefix = (file: string) => file.split('_')[0] ?? file;
  const counts = new Map<string, number>();
  for (const s of rules.sources) counts.set(prefix(s.file), (counts.get(prefix(s.file)) ?? 0) + 1);
  const labels = new Map(rules.sources.map((s) => [s.file, counts.get(prefix(s.file)) === 1 ? prefix(s.file) : s.file]));
  return {
    of: (files) => files.map((f) => labels.get(f) ?? f),
    legend: rules.sources
      .filter((s) => labels.get(s.file) !== s.file || s.kind === 'practice')
      .map((s) => ({ label: labels.get(s.file)!, file: s.file, title: s.title, ...(s.url ? { url: s.url } : {}) })),
  };
}

/** ASCII stand-ins for the marks, box drawing and typography vmvc's text output may hold. */
const ASCII: Record<string, string> = {
  '─': '-', '│': '|', '┌': '+', '┐': '+', '└': '+', '┘': '+', '├': '+', '┤': '+', '┬': '+', '┴': '+', '┼': '+',
  '█': '#', '░': '.', '▶': '>', '◁': '<', '❯': '>', '•': '*', '✔': 'v', '✘': 'x', '→': '->', '←': '<-', '↑': '^', '↓': 'v',
  '‘': "'", '’': "'", '“': '"', '”': '"', '–': '-', '—': '-', '…': '...', '×': 'x', '≥': '>=', '≤': '<=', '\u00a0': ' ',
};

/**
 * Text as pure ASCII, for --ascii and TERM=dumb: marks and box drawing become
 * their ASCII stand-ins, accented letters lose their accents, and anything else
 * outside ASCII becomes "?".
 */
export function asciiOnly(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return text;
  // eslint-disable-next-line no-control-regex
  return text.replace(/[^\x00-\x7f]/g, (c) => ASCII[c] ?? (c.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x00-\x7f]/g, '') || '?'));
}

/** A text formatter's output as the style asks: pure ASCII when it says so. */
export function finish(text: string, style: Pick<Style, 'ascii'>): string {
  return style.ascii ? asciiOnly(text) : text;
}

/** Comparison rows an answer marks: those it leaned on, and those it gives up (rows only the rules against it lean on). */
export interface RowMarks {
  leaned: readonly string[];
  given: readonly string[];
}

/** The marks and their legends, the same in every format. */
export const ROW_MARK = { leaned: '▶', given: '◁' } as const;
export const ROW_LEGEND = { leaned: 'rows this answer leaned on', given: 'what you give up: rows that argued against this answer' } as const;

/** The mark a row carries (with a space after it), or nothing. */
export function rowMark(marks: RowMarks | undefined, id: string): string {
  if (marks?.leaned.includes(id)) return `${ROW_MARK.leaned} `;
  if (marks?.given.includes(id)) return `${ROW_MARK.given} `;
  return '';
}

/** The legend lines for the marks an answer uses, as `▶ rows this answer leaned on`. */
export function rowLegend(marks: RowMarks | undefined): string[] {
  return (['leaned', 'given'] as const).filter((k) => marks?.[k].length).map((k) => `${ROW_MARK[k]} ${ROW_LEGEND[k]}`);
}
