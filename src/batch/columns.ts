/**
 * Matching an inventory's columns to what they say: a question (by its id, its
 * short label or one of its `column` aliases, ignoring case, spaces, `_` and
 * `-`), the row's id or name, where it runs today, or data about the workload
 * that answers nothing (metadata). A header that is nearly a question's name
 * but is none is an error: read as metadata, its answers would be silently
 * replaced by defaults for every row.
 */
import { cellWord } from '../answers.js';
import { UsageError, closest, editDistance } from '../errors.js';
import type { Rules } from '../rules/types.js';
import { oneLine } from '../sanitize.js';
import { COLUMN_TARGETS, CURRENT_COLUMNS, LABEL_COLUMNS, REPO_COLUMNS } from './types.js';

export type Column =
  /** `rank` 1: a fallback read only when the rank-0 column for the question is empty (RVTools' configured OS). */
  | { kind: 'question'; at: number; rank: number }
  | { kind: 'id' | 'name' | 'current' | 'repo' | 'meta' | 'ignore' }
  /** A metadata column --keep-columns carries into the records, under the name given there. */
  | { kind: 'keep'; as: string }
  /** RVTools' power state and template flag: kept, and marked on the record. */
  | { kind: 'powerState' | 'template' };

/**
 * Columns of inventory exports that describe a VM rather than answer a
 * question, so they are never taken for a misspelt one (`Host` is two edits
 * from `host-os`): RVTools' vInfo columns, and the usual bookkeeping ones.
 */
const KNOWN_COLUMNS = [
  'Host', 'Cluster', 'Datacenter', 'CPUs', 'Memory', 'NICs', 'Disks', 'Folder', 'Resource pool', 'Annotation', 'DNS Name',
  'Primary IP Address', 'Network #1', 'Provisioned MB', 'In Use MB', 'Unshared MB', 'Config status', 'Connection state',
  'Guest state', 'Heartbeat', 'Consolidation Needed', 'PowerOn', 'Suspend time', 'Creation date', 'Change Version',
  'HW version', 'Firmware', 'Path', 'Log directory', 'Snapshot directory', 'VM ID', 'VM UUID', 'SMBIOS UUID', 'VI SDK Server',
  'VI SDK UUID', 'Owner', 'Notes', 'Env', 'Environment', 'Team', 'Region', 'Location', 'Cost center', 'Tags', 'Comment',
];

/** RVTools vInfo's columns that answer: the VM's name, its OS (VMware Tools' report first, else the configured one), its state. */
const RVTOOLS: Record<string, Column | 'workload-os' | 'workload-os-fallback'> = {
  VM: { kind: 'name' },
  Powerstate: { kind: 'powerState' },
  Template: { kind: 'template' },
  'OS according to the VMware Tools': 'workload-os',
  'OS according to the configuration file': 'workload-os-fallback',
};

/** How many metadata columns the note names before it counts the rest, and the most it counts. */
const MAX_LISTED = 10;
const MAX_COUNTED = 100_000;

/**
 * A mapping (header -> question id, or one of COLUMN_TARGETS) checked against
 * the rules: `where(header)` names the file and line that said it. Headers
 * are matched as question names are (ignoring case, spaces, `_` and `-`).
 */
export function columnMapping(rules: Rules, mapping: Record<string, unknown>, where: (header: string) => string): Map<string, Column> {
  const out = new Map<string, Column>();
  const ids = rules.questions.map((q) => q.id);
  for (const [header, target] of Object.entries(mapping)) {
    const at = ids.indexOf(String(target));
    if (at >= 0) out.set(cellWord(header), { kind: 'question', at, rank: 0 });
    else if (target === 'ignore') out.set(cellWord(header), { kind: 'ignore' });
    else if ((COLUMN_TARGETS as readonly unknown[]).includes(target)) out.set(cellWord(header), { kind: target as Exclude<(typeof COLUMN_TARGETS)[number], 'ignore'> });
    else {
      const near = closest(String(target), [...ids, ...COLUMN_TARGETS]);
      throw new UsageError(`${where(header)}: column ${JSON.stringify(oneLine(header))} maps to ${JSON.stringify(oneLine(String(target)))}, which is not a question${near ? `; did you mean "${near}"?` : ''}; give a question id or ${COLUMN_TARGETS.join(', ')}`);
    }
  }
  return out;
}

/**
 * Reads headers once each: `resolve(header)` says what the column is (a
 * mapping's word first); `metadataNote()` names those that answer nothing.
 */
export function columnReader(rules: Rules, mapping: ReadonlyMap<string, Column> = new Map(), keep: readonly string[] = []) {
  const table = new Map<string, Column>(mapping);
  const keeping = new Map(keep.map((name) => [cellWord(name), name]));
  const questionNames: Array<[string, string]> = [];
  const add = (name: string, column: Column) => {
    const word = cellWord(name);
    if (!table.has(word)) table.set(word, column);
  };
  rules.questions.forEach((q, at) => {
    for (const name of [q.id, q.label, ...(q.column ?? [])]) {
      if (!name) continue;
      add(name, { kind: 'question', at, rank: 0 });
      questionNames.push([cellWord(name), q.id]);
    }
  });
  const os = rules.questions.findIndex((q) => q.id === 'workload-os');
  for (const [name, what] of Object.entries(RVTOOLS)) {
    if (typeof what === 'object') add(name, what);
    else if (os >= 0) add(name, { kind: 'question', at: os, rank: what === 'workload-os' ? 0 : 1 });
  }
  add(LABEL_COLUMNS[0]!, { kind: 'id' });
  for (const name of LABEL_COLUMNS.slice(1)) add(name, { kind: 'name' });
  for (const name of CURRENT_COLUMNS) add(name, { kind: 'current' });
  for (const name of REPO_COLUMNS) add(name, { kind: 'repo' });
  for (const name of KNOWN_COLUMNS) add(name, { kind: 'meta' });
  // Kept columns are metadata: a name that answers a question or labels the row is refused.
  for (const [word, name] of keeping) {
    const taken = table.get(word);
    if (taken && taken.kind !== 'meta' && taken.kind !== 'ignore') {
      throw new UsageError(`--keep-columns: ${JSON.stringify(oneLine(name))} is read as ${taken.kind === 'question' ? `the answer to ${rules.questions[taken.at]!.id} (see the record's answers)` : `the row's ${taken.kind}`}; keep only columns that answer nothing`);
    }
    table.set(word, { kind: 'keep', as: name });
  }
  const meta: string[] = [];
  const metaSeen = new Set<string>();
  const note = (header: string) => {
    if (metaSeen.has(header) || metaSeen.size >= MAX_COUNTED) return;
    metaSeen.add(header);
    if (meta.length < MAX_LISTED) meta.push(header);
  };
  return {
    resolve(header: string): Column {
      const word = cellWord(header);
      const known = table.get(word);
      if (known?.kind === 'meta') note(header);
      if (known) return known;
      // Nearly a question's name: a typo, never metadata.
      let near: string | undefined;
      let best = Infinity;
      for (const [name, id] of questionNames) {
        const limit = Math.max(1, Math.floor(name.length / 3));
        if (Math.abs(name.length - word.length) > limit) continue;
        const d = editDistance(word, name);
        if (d <= limit && d < best) [best, near] = [d, id];
      }
      if (near) {
        throw new UsageError(`--input: column ${JSON.stringify(oneLine(header).slice(0, 80))} is not a question, but nearly ${near}; did you mean "${near}"? Rename the column, or map it (--columns FILE, or columns: in the config)`);
      }
      note(header);
      return { kind: 'meta' };
    },
    /** The note naming the columns read as metadata (the first MAX_LISTED, then a count), or undefined. */
    metadataNote(): string | undefined {
      if (!meta.length) return undefined;
      const more = `${metaSeen.size >= MAX_COUNTED ? 'more than ' : ''}${metaSeen.size - meta.length}`;
      return `vmvc: note: ${metaSeen.size === 1 ? 'this column answers' : 'these columns answer'} no question and ${metaSeen.size === 1 ? 'is' : 'are'} read as metadata: ${meta.map((m) => JSON.stringify(oneLine(m).slice(0, 60))).join(', ')}${more !== '0' ? ` and ${more} more` : ''}`;
    },
  };
}

/**
 * The columns (CSV header) or keys (first JSONL row) of an input, checked
 * before anything is written: every header is resolved (a near-miss is an
 * error), and an input with columns, none of which answers a question, would
 * decide every row on defaults alone, so it is an error too.
 */
export function checkColumns(rules: Rules, reader: ReturnType<typeof columnReader>, names: readonly string[], what: string): void {
  const columns = names.map((n) => reader.resolve(n));
  if (!names.length || columns.some((c) => c.kind === 'question')) return;
  const others = names.filter((_, i) => columns[i]!.kind === 'meta');
  if (!others.length) return;
  throw new UsageError(
    `--input: no ${what} names a question (${others.slice(0, 8).map((n) => JSON.stringify(oneLine(n).slice(0, 40))).join(', ')}${others.length > 8 ? ', ...' : ''}); ` +
      `questions are ${rules.questions.map((q) => (q.label ? `${q.id} (${q.label})` : q.id)).join(', ')}`,
  );
}
