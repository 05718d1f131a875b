/**
 * What a command needs from the outside world, passed in so commands stay
 * testable, and the one place vmvc's process streams are written: every write
 * is tracked, so the entry can exit as soon as the last one reaches the system.
 */
import { constants, fstatSync, openSync, statSync, writeSync, type Stats } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { Chalk, type ChalkInstance } from 'chalk';
import { shellWord } from './answers.js';
import { colorLevel } from './color.js';
import { plain } from './format/plain.js';
import { EXIT } from './errors.js';
import type { Style } from './format/style.js';
import type { Rules } from './rules/types.js';
import type { Config } from './config.js';

export interface Io {
  /** Writes data to stdout and resolves once it has been handed to the OS. */
  out: (text: string) => Promise<void>;
  /** Writes text to stdout that nobody waits for (help): a failed write has nowhere left to be reported. */
  print: (text: string) => void;
  /** Writes one message line to stderr. */
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  /** Read only when asked to (`--answers -`, `--input -`). */
  stdin: Readable;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  /** Asked only when stdin is a terminal and stdout is not (`vmvc advise > advice.json`). */
  stderrIsTTY: boolean;
  /** Where prompts are drawn: stdout when it is a terminal, else stderr (the output is being kept). */
  promptOutput: NodeJS.WritableStream;
  style: Style;
  /** How prompts look: like `style`, for the terminal the prompts are drawn on. */
  promptStyle: Style;
  /** How to start vmvc as this run was started, in a command to paste: `vmvc`, `npx vmvc` or `node bin/vmvc.js`. */
  invokedAs: string;
}

export interface CommandContext {
  rules: Rules;
  io: Io;
  /** The project config file in effect, if any. */
  config?: Config;
  /** Every overlay applied, in order: the config's, VMVC_RULES, then --rules. */
  rulesPaths?: readonly string[];
}

/** What a command is run with: its positional arguments and its parsed options. */
export interface Invocation {
  args: string[];
  /** Options by commander's attribute name (`--input-format` -> `inputFormat`). */
  opts: Record<string, unknown>;
  /** Whether an option was given, rather than left at its default. */
  given: (key: string) => boolean;
  /** The whole program, for commands that describe it (completion). */
  program: Command;
}

/** The process's streams and environment; tests pass their own to run vmvc in-process. */
export interface Process {
  stdout: NodeJS.WriteStream | (NodeJS.WritableStream & { isTTY?: boolean; columns?: number });
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** Writes to stdout and stderr not yet handed to the system, and who waits for there to be none. */
let inFlight = 0;
const onAllWritten: Array<() => void> = [];

/** Writes `text` to a stream; the promise settles when the stream has handed it to the system. */
export function send(stream: NodeJS.WritableStream, text: string | Uint8Array): Promise<void> {
  inFlight++;
  return new Promise((resolve, reject) =>
    stream.write(text, (error) => {
      if (--inFlight === 0) for (const done of onAllWritten.splice(0)) done();
      if (error) reject(error);
      else resolve();
    }),
  );
}

/** Streams already given a listener for errors nobody can report. */
const quiet = new WeakSet<NodeJS.WritableStream>();

/**
 * Writes text nobody waits for (messages, help): a failed write has nowhere
 * left to be reported, and a stream that breaks (stderr closed by its reader)
 * must not take the process down with it.
 */
export function sendAndForget(stream: NodeJS.WritableStream, text: string): void {
  if (!quiet.has(stream)) {
    quiet.add(stream);
    stream.on('error', () => {});
  }
  send(stream, text).catch(() => {});
}

/**
 * Settles once every write to stdout and stderr has been handed to the system
 * (never, if a stream is destroyed first). After main(), nothing is then left
 * to flush and the process may exit at once.
 */
export function allWritten(): Promise<void> {
  return inFlight === 0 ? Promise.resolve() : new Promise((resolve) => onAllWritten.push(resolve));
}

/**
 * The one stop handler of the command running now, for SIGINT, SIGTERM and
 * SIGHUP. A command that can stop cleanly (a batch: whole records, then a line
 * saying the output is incomplete) sets it; dist/start.cjs calls it and, if
 * the command has not finished 0.8 s later, ends the process anyway.
 */
let stopHandler: ((signal: NodeJS.Signals) => void) | undefined;

/** Sets (or with undefined, clears) the running command's stop handler. */
export function onStop(handler: ((signal: NodeJS.Signals) => void) | undefined): void {
  stopHandler = handler;
}

/** Hands a signal to the running command; false when no command handles it (the process should end now). */
export function stop(signal: NodeJS.Signals): boolean {
  if (!stopHandler) return false;
  stopHandler(signal);
  return true;
}

/** How output should look, known once the command line has been parsed. */
export interface Look {
  /** false with --no-color. */
  color: boolean;
  /** --ascii. */
  ascii: boolean;
}

/**
 * The Io of a process. `look` is read when a command first draws, after the
 * command line is parsed, so the flags commander parsed decide colour and marks.
 */
export function processIo(proc: Process, look: () => Look, script?: string): Io {
  // process.stderr is read only when something is written to it: creating it costs
  // milliseconds (a pipe loads node:net), and a successful run never writes there.
  const { env } = proc;
  // Nor process.stdout, when stdout can be written straight to (a file, /dev/null, a shell's pipe on Linux).
  const direct = proc === process ? directStdout() : undefined;
  if (!direct && proc === process) processStdout();
  const terminal = !direct && proc.stdout.isTTY ? proc.stdout : undefined;
  const isTTY = terminal !== undefined;
  let style: Style | undefined;
  let promptStyle: Style | undefined;
  const isatty = (fd: 0 | 2, stream: { isTTY?: boolean }) =>
    proc === process ? process.getBuiltinModule('node:tty').isatty(fd) : Boolean(stream.isTTY);
  /**
   * Colour by the flags and variables (and whether the output is a terminal), and ASCII by --ascii or TERM=dumb.
   * The chalk instance is made when something is first drawn with it, and only for colour: JSON and plain text never load chalk.
   */
  const lookFor = (tty: boolean, width: () => number): Style => {
    const { color, ascii } = look();
    let chalk: ChalkInstance | undefined;
    return {
      get chalk() {
        if (!chalk) {
          const level = colorLevel({ flag: color, env, isTTY: tty });
          chalk = level ? new Chalk({ level }) : plain;
        }
        return chalk;
      },
      ascii: ascii || env.TERM === 'dumb',
      get width() {
        return width();
      },
    };
  };
  return {
    out: direct ?? ((text) => send(proc.stdout, text)),
    print: (text) => (direct ? direct(text).catch(() => {}) : sendAndForget(proc.stdout, text)),
    // A reader of stderr that goes away (`2>&1 >out | head -1`) must not cost the output on stdout.
    err: (line) => sendAndForget(proc.stderr, line + '\n'),
    env,
    // process.stdin is created on first use, which costs milliseconds: only touch it when read.
    get stdin() {
      return proc.stdin as Io['stdin'];
    },
    // Asked only when stdout is a terminal (see canPrompt), so plain runs never load node:tty.
    get stdinIsTTY() {
      return isatty(0, proc.stdin);
    },
    stdoutIsTTY: isTTY,
    get stderrIsTTY() {
      return isatty(2, proc.stderr as { isTTY?: boolean });
    },
    get promptOutput() {
      return terminal ?? proc.stderr;
    },
    get invokedAs() {
      return invocationOf(script, env, process.cwd());
    },
    get promptStyle() {
      // Prompts are drawn only on a terminal, so colour goes by the flags and variables alone.
      return (promptStyle ??= lookFor(true, () => 80));
    },
    get style() {
      // The width is read when output is drawn, so a terminal resized while prompts were open is honoured.
      return (style ??= lookFor(isTTY, () => terminal?.columns || columnsOf(env) || 100));
    },
  };
}

let stdoutStream: NodeJS.WriteStream | undefined;

/** process.stdout, made on first use; a reader that goes away early (`vmvc table | head -1`) ends the run quietly, as no error. */
function processStdout(): NodeJS.WriteStream {
  if (!stdoutStream) {
    stdoutStream = process.stdout;
    stdoutStream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(EXIT.ok);
    });
  }
  return stdoutStream;
}

type Writer = (text: string) => Promise<void>;

/**
 * Writing to stdout straight to its descriptor, so that Node's stream classes
 * (milliseconds to load; a pipe's loads node:net) are made only when needed:
 * - a regular file or /dev/null, which Node writes synchronously too;
 * - on Linux, a pipe, opened again through /proc without blocking: a write
 *   the reader is not ready for never stops the process (see `writerTo`).
 * Terminals, sockets and other systems' pipes keep process.stdout. Undefined
 * then, and on Windows.
 */
function directStdout(): Writer | undefined {
  if (process.platform === 'win32') return undefined;
  let kind: Stats;
  try {
    kind = fstatSync(1);
  } catch {
    return undefined;
  }
  if (kind.isFile() || (kind.isCharacterDevice() && kind.rdev === statSync('/dev/null', { throwIfNoEntry: false })?.rdev)) return writerTo(1);
  if (!kind.isFIFO() || process.platform !== 'linux') return undefined;
  try {
    return writerTo(openSync('/proc/self/fd/1', constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    return undefined; // No /proc, or no reader: the stream says what is wrong.
  }
}

/**
 * Writes to `fd` at once. When a pipe is full (its reader is slower), the
 * write stops short instead of waiting, and what is left, with every later
 * write, goes through process.stdout, which waits for the reader while the
 * process goes on (signals, timers): the output stays whole and in order.
 */
function writerTo(fd: number): Writer {
  let stream: NodeJS.WriteStream | undefined;
  return (text) => {
    if (stream) return send(stream, text);
    const bytes = Buffer.from(text);
    let at = 0;
    try {
      while (at < bytes.length) at += writeSync(fd, bytes, at);
      return Promise.resolve();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return Promise.reject(error);
      stream = processStdout();
      return send(stream, bytes.subarray(at));
    }
  };
}

/**
 * How this run was started, as a command to paste: `npx vmvc` when the script
 * is a package binary npx or npm fetched (under node_modules/.bin or npx's
 * cache), `vmvc` when that name on PATH is this script, else `node SCRIPT`
 * (relative to the working folder when the script is inside it).
 */
export function invocationOf(script: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  if (!script) return 'vmvc';
  const { realpathSync } = process.getBuiltinModule('node:fs');
  const { basename, delimiter, join, relative, isAbsolute, sep } = process.getBuiltinModule('node:path');
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
    }
  };
  if (basename(script) === 'vmvc') {
    if ([`${sep}node_modules${sep}.bin${sep}`, `${sep}_npx${sep}`].some((part) => script.includes(part))) return 'npx vmvc';
    const mine = real(script);
    for (const dir of (env.PATH ?? '').split(delimiter)) {
      if (mine && dir && real(join(dir, 'vmvc')) === mine) return 'vmvc';
    }
  }
  const inside = relative(cwd, script);
  return `node ${shellWord(inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : script)}`;
}

/** COLUMNS, when it holds a usable width (honoured when stdout is not a terminal, as by `ls`). */
function columnsOf(env: NodeJS.ProcessEnv): number | undefined {
  const n = Number(env.COLUMNS);
  return Number.isInteger(n) && n >= 20 && n <= 1000 ? n : undefined;
}
