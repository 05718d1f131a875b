/** JSON output for scripts: one object, nothing else on stdout. */
import type { Advice } from '../advice.js';
import { safeJson } from '../sanitize.js';
import { questionEntries } from '../answers.js';
import type { Rules } from '../rules/types.js';
import type { ScanResult } from '../scan/types.js';

/** The advice object, pretty-printed; the trace only with --explain. */
export function adviceJson(advice: Advice, view: { explain: boolean } = { explain: false }): string {
  const { trace, ...rest } = advice;
  return safeJson(view.explain && trace ? advice : rest, 2) + '\n';
}

/** The comparison table with full source entries. */
export function comparisonJson(rules: Rules): string {
  return (
    safeJson(
      {
        schemaVersion: 1,
        rulesVersion: rules.version,
        sources: rules.sources,
        rows: rules.comparison,
      },
      2,
    ) + '\n'
  );
}

/** Every question with its flag, variable, choices, default and sources. */
export function questionsJson(rules: Rules): string {
  return safeJson({ questions: questionEntries(rules) }, 2) + '\n';
}

/** `vmvc scan --format json`: the scan result as it is (see scan/types.ts). */
export function scanJson(scan: ScanResult): string {
  return safeJson(scan, 2) + '\n';
}
