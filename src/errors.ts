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

/** The exit code for stopping on a signal. */
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
  return code ?? (error as Error).message;
}

/** The closest candidate to `input` by edit distance, if it is close enough to suggest. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(input.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  const limit = Math.max(1, Math.floor((best?.length ?? 0) / 3));
  return bestDistance <= limit ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j]!;
      row[j] = Math.min(saved + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length]!;
}
