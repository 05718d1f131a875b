/** Matching an inventory's columns to the rules' questions and labels. */
import { choiceText } from '../answers.js';
import { UsageError, closest } from '../errors.js';
import type { Rules } from '../rules/types.js';
import { oneLine } from '../sanitize.js';
import { LABEL_COLUMNS } from './types.js';

/** Columns that name a row rather than answer a question. */
export const LABELS = new Set(LABEL_COLUMNS);

/**
 * A row's values keyed by question id and label: keys matched without regard
 * to case or surrounding spaces (`Isolation`, ` host-os`). Two keys that answer
 * one question differently are an error naming both; keys that name nothing
 * go to `warnColumn`.
 */
export function columnNames(rules: Rules) {
  const ids = new Map<string, string>();
  for (const id of [...rules.questions.map((q) => q.id), ...LABELS]) ids.set(id.toLowerCase(), id);
  return (values: Record<string, unknown>, line: number, warnColumn: (key: string, line: number) => void): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const from: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) {
      const id = ids.get(key.trim().toLowerCase());
      if (!id) {
        warnColumn(key, line);
        continue;
      }
      const empty = value === '' || value === null || value === undefined;
      if (id in out && !empty && out[id] !== '' && out[id] !== null && choiceText(out[id]) !== choiceText(value)) {
        throw new UsageError(`${JSON.stringify(from[id])} and ${JSON.stringify(key)} both answer ${id}, differently (${JSON.stringify(out[id])} and ${JSON.stringify(value)})`);
      }
      if (!(id in out) || !empty) {
        out[id] = value;
        from[id] = key;
      }
    }
    return out;
  };
}

/**
 * The columns (CSV header) or keys (first JSONL row) of an input, checked
 * before anything is written: an input with columns, none of which names a
 * question, would decide every row on defaults alone, so it is an error.
 */
export function checkColumns(rules: Rules, names: readonly string[], what: string): void {
  const ids = rules.questions.map((q) => q.id);
  const lower = new Set([...ids, ...LABELS].map((id) => id.toLowerCase()));
  const named = names.filter((n) => lower.has(n.trim().toLowerCase()));
  const others = names.filter((n) => !lower.has(n.trim().toLowerCase()));
  if (!others.length || named.some((n) => !LABELS.has(n.trim().toLowerCase()))) return;
  const hints = others
    .map((n) => [n, closest(n.trim(), ids)] as const)
    .filter(([, hint]) => hint)
    .map(([n, hint]) => `"${oneLine(n)}" -> ${hint}`);
  throw new UsageError(
    `--input: no ${what} names a question (${others.slice(0, 8).map((n) => JSON.stringify(oneLine(n).slice(0, 40))).join(', ')}${others.length > 8 ? ', ...' : ''}); ` +
      (hints.length ? `did you mean ${hints.slice(0, 3).join(', ')}? ` : '') +
      `questions are ${ids.join(', ')}`,
  );
}

