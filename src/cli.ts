/**
 * The command-line entry: `main` reads the config and rules in effect, builds
 * the program (src/program.ts), runs it, and turns every error into one stderr
 * line and a documented exit code (`report`, the one error handler). With
 * src/io.ts, the only module that touches the process's streams.
 */
import { CommanderError, type Command } from 'commander';
import { reservedQuestionId } from './command-table.js';
import { EXIT, ExitError, OUTPUT_ERRORS, UsageError } from './errors.js';
import { allWritten, processIo, sendAndForget, stop, type Look, type Process } from './io.js';
import { effectiveRules } from './rules/builtin.js';
import { configPath, loadConfig, type Config } from './config.js';
import { formatsFor } from './format/index.js';
import { buildProgram, checkHelpTopic, prescan } from './program.js';
import { delimiter } from 'node:path';
import { oneLine } from './sanitize.js';
import { BUGS } from './version.js';

export { allWritten, stop, type Process };

/**
 * The config file in effect and the overlays to apply, in order: the config's
 * `rules`, then VMVC_RULES (a path list), then --rules. Later overlays win.
 */
async function settings(scan: ReturnType<typeof prescan>, proc: Process): Promise<{ config?: Config; rulesPaths: string[] }> {
  const env = proc.env;
  const warn = (message: string) => sendAndForget(proc.stderr, `${oneLine(message)}\n`);
  const path = configPath({ config: scan.config }, env, () => process.cwd(), warn);
  let config: Config | undefined;
  try {
    config = path === undefined ? undefined : await loadConfig(path, formatsFor('advice', 'records'));
  } catch (error) {
    // --help, --version, completion and `schema config` (how one mends the file) work whatever the config says.
    if (!(error instanceof UsageError) || !scan.selfContained) throw error;
    warn(`vmvc: warning: ignoring the config file: ${error.message}`);
  }
  const fromEnv = (env.VMVC_RULES ?? '').split(delimiter).filter(Boolean);
  return { config, rulesPaths: [...(config?.rules ?? []), ...fromEnv, ...scan.rulesPaths] };
}

/** Runs vmvc with `argv` (as process.argv) and returns the exit code. Never throws. */
export async function main(argv: string[] = process.argv, proc: Process = process): Promise<number> {
  let exitCode: number = EXIT.ok;
  try {
    let program: Command | undefined;
    // Colour and marks are read from what commander parsed, when a command first draws.
    const look = (): Look => ({ color: program?.opts().color !== false, ascii: program?.opts().ascii === true });
    const io = processIo(proc, look, argv[1]);
    const scan = prescan(argv.slice(2));
    const { needsOptions, only } = scan;
    const { config, rulesPaths } = await settings(scan, proc);
    // A question named like one of vmvc's options would clash with it as a flag.
    const overlaysRead = !scan.informational;
    const rules = await effectiveRules(overlaysRead ? rulesPaths : [], reservedQuestionId);
    // `vmvc help rules validate` shows the subcommand's help, as `vmvc rules validate --help` does.
    if (argv[2] === 'help' && argv.length > 3) {
      checkHelpTopic(argv.slice(2));
      argv = [...argv.slice(0, 2), ...argv.slice(3), '--help'];
    }
    program = buildProgram({ rules, io, setExit: (code) => (exitCode = code), streams: proc, needsOptions, only, rulesPaths, config, overlaysRead });
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    return report(error, proc);
  }
}

/** The one place errors become exit codes. */
function report(error: unknown, proc: Pick<Process, 'stderr'>): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (help, version, or a usage error).
    if (['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code)) return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof ExitError) {
    sendAndForget(proc.stderr, `error: ${oneLine(error.message)}\n`);
    return error.code;
  }
  if (error instanceof Error && error.name === 'ExitPromptError') {
    sendAndForget(proc.stderr, 'interrupted\n');
    return EXIT.interrupted;
  }
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EPIPE') return EXIT.ok;
  if (code === 'ENOENT' && (error as NodeJS.ErrnoException).syscall === 'uv_cwd') {
    sendAndForget(proc.stderr, 'error: the current folder no longer exists (it was deleted or moved); cd to one that does\n');
    return EXIT.usage;
  }
  if (code && OUTPUT_ERRORS[code]) {
    sendAndForget(proc.stderr, `vmvc: cannot write the output: ${OUTPUT_ERRORS[code]} (${code}); what was written is incomplete\n`);
    return EXIT.ioError;
  }
  const detail = error instanceof Error ? error.stack : String(error);
  sendAndForget(proc.stderr, `vmvc: internal error, this is a bug; please report it at ${BUGS} with the lines below\n${detail}\n`);
  return EXIT.internal;
}
