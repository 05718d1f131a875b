/** `vmvc rules diff --input`: the recommendation for each workload of an inventory under two rules sets. */
import { columnReader } from './columns.js';
import { inputRows } from './input.js';
import type { Io } from '../io.js';
import type { Rules } from '../rules/types.js';
import { rowDecider } from './decide.js';
import { formatFromName } from './rows.js';

/** A workload whose recommendation changes. */
export interface ChangedRow {
  line: number;
  id?: string;
  name?: string;
  before: string;
  after: string;
}

/** A workload neither side can decide, with why. */
export interface UndecidedRow {
  line: number;
  id?: string;
  name?: string;
  error: string;
}

/** What comparing two rules sets over an inventory found. */
export interface InventoryDiff {
  read: number;
  /** Rows whose recommendation changes (a row one side cannot decide counts as changed, with its error). */
  changed: ChangedRow[];
  /** Rows neither side can decide, the same way: they compare nothing, so they are listed apart. */
  undecided: UndecidedRow[];
}

/** Compares the recommendation of every row of an inventory under `base` and `head`. */
export async function inventoryDiff(base: Rules, head: Rules, input: string, io: Io): Promise<InventoryDiff> {
  const { batches } = await inputRows(input, formatFromName(input), io);
  const before = rowDecider(base, { layers: {}, defaults: true }, columnReader(base));
  const after = rowDecider(head, { layers: {}, defaults: true }, columnReader(head));
  const changed: ChangedRow[] = [];
  const undecided: UndecidedRow[] = [];
  let read = 0;
  for await (const batch of batches) {
    for (const row of batch) {
      read++;
      const b = before(row);
      const a = after(row);
      const was = b.error ? `error: ${b.error}` : b.recommendation!;
      const now = a.error ? `error: ${a.error}` : a.recommendation!;
      const who = { line: row.line, ...(b.id !== undefined ? { id: b.id } : {}), ...(b.name !== undefined ? { name: b.name } : {}) };
      if (was !== now) changed.push({ ...who, before: was, after: now });
      else if (b.error) undecided.push({ ...who, error: b.error });
    }
  }
  return { read, changed, undecided };
}
