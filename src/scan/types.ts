/** What a repository scan finds, and the shape every detector has. */

/** How the `why` of weak evidence begins: a sign shown, but never an answer on its own. */
export const WEAK = 'weak: ';

/** One line of a file that says something about an answer (or a note). */
export interface Finding {
  /** The question it answers (a question id of the rules), or undefined for a note. */
  question?: string;
  /** The choice it points to. */
  value?: string;
  /** The scan note it raises instead (an id of SCAN_NOTES in notes.ts). */
  note?: string;
  /** 1-based line in the file. */
  line: number;
  /** What was found there, as written (one line, shortened). */
  found: string;
  /** Why it means that answer, in vmvc's words. */
  why: string;
  /** A weak signal: shown, but never answers a question on its own. */
  weak?: boolean;
}

/** A finding with the file it was found in (relative to the scanned folder, `/`-separated). */
export interface Evidence {
  file: string;
  line: number;
  found: string;
  why: string;
}

/** What a detector may ask of the rules in effect: the choice an operating-system name points to. */
export interface DetectorContext {
  /** The workload-os choice a name such as `Windows Server 2019` or `generic/freebsd13` points to, if exactly one. */
  osOf(text: string): string | undefined;
}

/**
 * A detector: which files it reads (by path alone, so nothing else is opened)
 * and what it finds in one file's text. Pure: it never touches the disk.
 */
export interface Detector {
  id: string;
  /** What it reads, in a line (docs/scan.md has the full table, which tests/scan.test.ts checks names every id). */
  title: string;
  /** The format's own documentation the detector is written from. */
  docs: string[];
  /** Whether to read the file at `path` (relative, `/`-separated); `name` is its last part. */
  wants(path: string, name: string): boolean;
  read(path: string, text: string, context: DetectorContext): Finding[];
}

/** The bounds of one scan. */
export interface ScanLimits {
  /** Directory entries looked at. */
  entries: number;
  /** Files read. */
  files: number;
  /** The largest file read; a larger one is skipped and named. */
  fileBytes: number;
  /** Bytes read in all. */
  totalBytes: number;
  /** Folders deep below the scanned one. */
  depth: number;
  /** Wall-clock milliseconds. */
  millis: number;
}

/** A scan note with the lines that raised it. */
export interface ScanNote {
  id: string;
  text: string;
  sources: string[];
  evidence: Evidence[];
}

/** `vmvc scan --format json`, and what `advise --scan` reads. */
export interface ScanResult {
  schemaVersion: 1;
  /** question id -> the choice found (`unsure` when the evidence disagrees). */
  answers: Record<string, string>;
  /** question id -> every line that bears on it (weak ones and conflicting ones too). */
  evidence: Record<string, Evidence[]>;
  /** Questions with only weak evidence, left unanswered. */
  weak: string[];
  /** Questions whose evidence points to two or more choices, answered `unsure`. */
  conflicts: string[];
  notes: ScanNote[];
  /** Files read, and files passed over because of a bound. */
  read: number;
  skipped: Array<{ file: string; why: string }>;
  /** The bound that ended the scan early, in words, if one did. */
  stopped?: string;
}
