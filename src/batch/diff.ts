/** `vmvc rules diff --input`: the recommendation for each workload of an inventory under two rules sets. */
import { createReadStream } from 'node:fs';
import type { Io } from '../io.js';
import type { Rules } from '../rules/types.js';
import { rowDecider } from './decide.js';
import { formatFromName, rowBatches } from './rows.js';

/** A workload whose recommendation changes. */
export interface ChangedRow {
  line: number;
  id?: string;
  name?: string;
  before: string;
  after: string;
}

/** Rows read, and those that change (a row either side cannot decide counts as changed, with its error). */
export async function inventoryDiff(base: Rules, head: Rules, input: string, io: Io): Promise<{ read: number; changed: ChangedRow[] }> {
  const stream = input === '-' ? io.stdin : createReadStream(input);
  const quiet = () => {};
  const before = rowDecider(base, { layers: {}, defaults: true }, quiet);
  const after = rowDecider(head, { layers: {}, defaults: true }, quiet);
  const changed: ChangedRow[] = [];
  let read = 0;
  for await (const batch of rowBatches(stream, formatFromName(input))) {
    for (const row of batch) {
      read++;
      const b = before(row);
      const a = after(row);
      const was = b.error ? `error: ${b.error}` : b.recommendation!;
      const now = a.error ? `error: ${a.error}` : a.recommendation!;
      if (was !== now) changed.push({ line: row.line, ...(b.id !== undefined ? { id: b.id } : {}), ...(b.name !== undefined ? { name: b.name } : {}), before: was, after: now });
    }
  }
  return { read, changed };
}
