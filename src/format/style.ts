/** How text output may look: colours (a chalk instance with a fixed level) and width. */
import type { ChalkInstance } from 'chalk';
import type { Rules } from '../rules/types.js';

export interface Style {
  chalk: ChalkInstance;
  /** Terminal columns to fit tables into. */
  width: number;
}

/**
 * Short labels for citations: "000" for "000_6dbfc1640b097832.txt" when that
 * prefix is unique among the declared sources, the whole file name otherwise.
 */
export function sourceLabels(rules: Rules): Map<string, string> {
  const prefix = (file: string) => file.split('_')[0] ?? file;
  const counts = new Map<string, number>();
  for (const s of rules.sources) counts.set(prefix(s.file), (counts.get(prefix(s.file)) ?? 0) + 1);
  return new Map(rules.sources.map((s) => [s.file, counts.get(prefix(s.file)) === 1 ? prefix(s.file) : s.file]));
}
