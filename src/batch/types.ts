/** What portfolio mode reads and produces, owned here so the readers, the decider and the writers share one shape. */
import type { ScanResult } from '../scan/types.js';

/** `--input-format` values; the readers live in rows.ts. */
export const INPUT_FORMATS = ['csv', 'jsonl', 'xlsx'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** Columns that name a row rather than answer a question: `id`, then the ones read as its name. */
export const LABEL_COLUMNS: readonly string[] = ['id', 'name', 'application', 'app', 'workload', 'service', 'vm', 'hostname'];
/** What a column mapping (the config's columns:, --columns FILE) may send a header to, besides a question id. */
export const COLUMN_TARGETS = ['name', 'id', 'current', 'repo', 'ignore'] as const;

/** Columns that say where a workload runs today (an outcome id or label), for drift. */
export const CURRENT_COLUMNS: readonly string[] = ['current', 'placement'];

/** Columns that name the workload's repository (a folder, relative to the inventory file), scanned for answers. */
export const REPO_COLUMNS: readonly string[] = ['repo', 'repository'];

/** The result for one input row: a decision, or why the row could not be decided. */
export interface BatchRecord {
  line: number;
  id?: string;
  name?: string;
  recommendation?: string;
  /** Where the row says it runs today (an outcome id), from a `current` or `placement` column. */
  current?: string;
  /** Whether `current` differs from the recommendation. */
  drift?: boolean;
  /** The folder its `repo` column names, as written. */
  repo?: string;
  /** What the scan of that folder found: question id -> the lines that bear on it (files relative to the folder). */
  evidence?: ScanResult['evidence'];
  /** The choice used for each question (an unsure answer's stand-in). */
  answers?: Record<string, string>;
  /** --keep-columns: the named metadata columns' cells, by the names given. */
  kept?: Record<string, string>;
  /** RVTools: the VM is powered off, or is a template (kept, and marked). */
  powerState?: string;
  template?: boolean;
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
