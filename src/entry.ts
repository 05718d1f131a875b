/**
 * How a start of vmvc runs the CLI once it is loaded, shared by dist/start.cjs
 * (bin/vmvc.js, through the code cache), the single executable (src/sea-start.ts) and the Action's bundle (src/sea.ts):
 * signals, the exit code, and ending as soon as every write has left.
 */
export type Main = (argv?: string[], proc?: unknown) => Promise<number>;
export type Cli = { main: Main; allWritten: () => Promise<void>; stop: (signal: NodeJS.Signals) => boolean };

/** Exit codes for the signals vmvc stops on: 128 + the signal's number. */
const STOPS: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/** Ends the process for a signal: the cursor shown again on a terminal, one line on stderr. */
function endFor(signal: NodeJS.Signals, incomplete: boolean): never {
  if (process.stdout.isTTY) process.stdout.write('\u001b[?25h');
  try {
    process.stderr.write(incomplete ? `vmvc: stopped by ${signal} before the output was finished; it is incomplete\n` : `vmvc: stopped by ${signal}\n`);
  } catch {
    // stderr may be gone too.
  }
  process.exit(STOPS[signal]);
}

/**
 * The first SIGINT, SIGTERM or SIGHUP goes to the running command (a batch
 * stops after its whole records); if none handles it, or it has not finished
 * 0.8 s later (say stdout is a pipe nobody reads), the process ends. SIGUSR1
 * is caught so that it cannot open Node's inspector on a shared CI runner.
 */
function handleSignals(cli: Cli): void {
  process.on('SIGUSR1', () => {});
  for (const signal of Object.keys(STOPS) as NodeJS.Signals[]) {
    process.on(signal, () => {
      if (!cli.stop(signal)) endFor(signal, false);
      setTimeout(() => endFor(signal, true), 800);
    });
  }
}

/**
 * Runs the CLI and sets the exit code; once every write has reached the
 * system, the process ends at once. Leaving it to the event loop to run dry
 * only gives V8 time for a garbage collection the finished run does not need
 * (with this, `advise --format json`, `--help` and `--version` run without one).
 */
export function runCli(cli: Cli): void {
  handleSignals(cli);
  cli.main().then(async (code) => {
    process.exitCode = code;
    await cli.allWritten();
    process.exit();
  });
}

