/** What a command needs from the outside world, passed in so commands stay testable. */
import type { Readable } from 'node:stream';
import type { Style } from './format/style.js';
import type { Rules } from './rules/types.js';

export interface Io {
  /** Writes data to stdout and resolves once it has been handed to the OS. */
  out: (text: string) => Promise<void>;
  /** Writes one message line to stderr. */
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  /** Read only when asked to (`--answers -`, `--input -`). */
  stdin: Readable;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  style: Style;
}

export interface CommandContext {
  rules: Rules;
  io: Io;
}
