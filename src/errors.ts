/** Exit codes vmvc documents; the only place they are defined. */
export const EXIT = {
  ok: 0,
  expectationFailed: 1,
  usage: 2,
  internal: 70,
  /** The output could not be written (disk full, stdout closed or broken). */
  ioError: 74,
  hangup: 129,
  interrupted: 130,
  terminated: 143,
} as const;

/** What each exit code means, as --help lists them (a line break continues the line above). */
export const EXIT_MEANINGS: Record<(typeof EXIT)[keyof typeof EXIT], string> = {
  [EXIT.ok]: 'advice given',
  [EXIT.expectationFailed]: '--expect or --expect-firm not met',
  [EXIT.usage]: 'usage or input error (bad flag, bad value, bad rules or answers file),\nor, with --input, any row that could not be decided',
  [EXIT.internal]: 'vmvc itself failed, a bug (its message asks you to report it)',
  [EXIT.ioError]: 'the output could not be written (disk full, I/O error)',
  [EXIT.hangup]: 'hung up (SIGHUP)',
  [EXIT.interrupted]: 'interrupted (Ctrl-C, SIGINT)',
  [EXIT.terminated]: 'terminated (SIGTERM)',
};

/** The exit code for stopping on a signal. */
/** @internal */
export const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated, SIGHUP: EXIT.hangup };

/** Write errors that mean the output cannot be delivered, in words. */
export const OUTPUT_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'the file is too large',
  EBADF: 'stdout is closed',
  EIO: 'an input/output error',
  EINVAL: 'stdout cannot be written to',
  ENXIO: 'stdout has no reader',
};

/** An error that ends the run with a given exit code and a one-line message, no stack. */
export class ExitError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
    this.name = 'ExitError';
  }
}

/** Bad input from the user: a flag value, a rules file, an answers file. Exit 2. */
export class UsageError extends ExitError {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = 'UsageError';
  }
}

/** Why a file could not be read, in words: "no such file", "is a directory", "permission denied", or the error's own code. */
export function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EIO') return 'an input/output error (EIO)';
  return code ?? (error as Error).message;
}

/** The closest candidate to `input` by edit distance, if it is close enough to suggest. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  // Suggestions are for typos in names: a long input is nobody's typo, and comparing it would be slow.
  if (input.length > 64) return undefined;
  const word = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const limit = Math.max(1, Math.floor(candidate.length / 3));
    // The distance is at least the difference in length: skip candidates that cannot be close enough.
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const d = editDistance(word, candidate.toLowerCase());
    if (d <= limit && d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  if (best !== undefined || word.length < 3) return best;
  // A word cut short (`mac` for `macos`) when exactly one candidate begins with it.
  const starts = candidates.filter((c) => c.toLowerCase().startsWith(word));
  return starts.length === 1 ? starts[0] : undefined;
}

/** Edits from one word to another, a swap of two neighbouring letters counting as one (`wehn` -> `when`). */
export function editDistance(a: string, b: string): number {
  let before: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  let previous: number[] = before.map((_, j) => (j === 0 ? 1 : 0));
  if (!a.length) return b.length;
  // Row 1.
  for (let j = 1; j <= b.length; j++) previous[j] = Math.min(before[j]! + 1, previous[j - 1]! + 1, before[j - 1]! + (a[0] === b[j - 1] ? 0 : 1));
  for (let i = 2; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      row.push(best);
    }
    before = previous;
    previous = row;
  }
  return previous[b.length]!;
}
