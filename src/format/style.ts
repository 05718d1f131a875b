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
