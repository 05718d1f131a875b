/** What portfolio mode reads and produces, owned here so the readers, the decider and the writers share one shape. */

/** `--input-format` values; the readers live in rows.ts. */
export const INPUT_FORMATS = ['csv', 'jsonl'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** Columns that name a row rather than answer a question. */
export const LABEL_COLUMNS: readonly string[] = ['id', 'name'];

/** The result for one input row: a decision, or why the row could not be decided. */
export interface BatchRecord {
  line: number;
  id?: string;
  name?: string;
  recommendation?: string;
  /** `firm` when the recommendation holds whatever the row's unsure and assumed answers are. */
  confidence?: 'firm' | 'depends';
  /** The unsure or assumed questions the recommendation hangs on. */
  dependsOn?: string[];
  reasons?: string[];
  assumed?: string[];
  /** Questions the row answered `unsure`. */
  unsure?: string[];
  /** Ids of the notes that apply; shown by the HTML report, not written by the other formats. */
  notes?: string[];
  error?: string;
}
