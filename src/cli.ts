/**
 * The command-line entry: builds the commander program from the option tables
 * and the rules file's questions, runs it, and turns every error into one
 * stderr line and a documented exit code. The only module that touches
 * process.stdout, process.stderr and process.exit.
 */
import { Chalk } from 'chalk';
import { Command, CommanderError, Option } from 'commander';
import { checkChoice, envOf, flagOf } from './answers.js';
import { colorLevel } from './color.js';
import { EXIT, ExitError, UsageError, closest } from './errors.js';
import type { CommandContext, Io } from './io.js';
import { builtinRules } from './rules/builtin.js';
import type { Question, Rules } from './rules/types.js';

declare const __VMVC_VERSION__: string | undefined;
const VERSION = typeof __VMVC_VERSION__ === 'string' ? __VMVC_VERSION__ : '0.0.0-dev';

/** One row of an option table: commander flags, help text, fixed choices, default. */
interface OptionSpec {
  flags: string;
  description: string;
  choices?: readonly string[];
  default?: string;
}

const ADVISE_OPTIONS: OptionSpec[] = [
  { flags: '-o, --format <format>', description: 'output format', choices: ['text', 'json'], default: 'text' },
  { flags: '--no-input', description: 'never prompt; unanswered questions take their defaults (also when CI is set or there is no TTY)' },
];

const TABLE_OPTIONS: OptionSpec[] = [
  { flags: '-o, --format <format>', description: 'output format', choices: ['text', 'json'], default: 'text' },
];

const EXIT_CODES_HELP = `
Exit codes:
  0    advice given
  1    --expect not met
  2    usage or input error (bad flag, bad value, bad rules file)
  130  interrupted (Ctrl-C)`;

const ADVISE_EXAMPLES = `
Examples:
  $ vmvc advise                                   # asks what it still needs
  $ vmvc advise --workload-os windows --host-os linux --format json
  $ vmvc advise --delivery yes --isolation multi-tenant --no-input
${EXIT_CODES_HELP}`;

const ROOT_EXAMPLES = `
Examples:
  $ vmvc advise                      # answer a few questions, get a recommendation
  $ vmvc advise --delivery yes --no-input --format json
  $ vmvc table                       # the VM-vs-container comparison
${EXIT_CODES_HELP}`;

/** A commander Option whose bad values become one-line UsageErrors with a suggestion. */
function makeOption(spec: OptionSpec): Option {
  const option = new Option(spec.flags, spec.description);
  if (spec.choices) {
    const choices = spec.choices;
    const flag = option.long ?? spec.flags;
    option.argParser((value: string) => {
      if (choices.includes(value)) return value;
      const hint = closest(value, choices);
      throw new UsageError(
        `${flag} must be one of ${choices.join(', ')} (got ${JSON.stringify(value)})${hint ? `; did you mean "${hint}"?` : ''}`,
      );
    });
    option.argChoices = [...choices];
  }
  if (spec.default !== undefined) option.default(spec.default);
  return option;
}

/** The option a rules-file question becomes: `--host-os <choice>`. */
function questionOption(q: Question): Option {
  const option = new Option(`${flagOf(q)} <choice>`, `${q.prompt} [default: ${q.default}; env ${envOf(q)}]`);
  option.argParser((value: string) => checkChoice(q, value, flagOf(q)));
  option.argChoices = q.choices.map((c) => c.id);
  return option;
}

/** Builds the program. Commands are imported only when they run. */
export function buildProgram(rules: Rules, io: Io, setExit: (code: number) => void): Command {
  const program = new Command('vmvc')
    .description('Should this workload run in a VM, in a container, or in containers inside a VM?')
    .version(VERSION, '-V, --version')
    .option('--no-color', 'never colour output (also NO_COLOR; FORCE_COLOR forces it)')
    .showSuggestionAfterError(true)
    .addHelpText('after', ROOT_EXAMPLES);

  const context = (): CommandContext => ({ rules, io });

  const advise = program
    .command('advise')
    .description('recommend vm, container or containers-in-vm for one workload, with reasons')
    .addHelpText('after', ADVISE_EXAMPLES);
  for (const spec of ADVISE_OPTIONS) advise.addOption(makeOption(spec));
  const questionOptions = rules.questions.map((q) => {
    const option = questionOption(q);
    advise.addOption(option);
    return { q, key: option.attributeName() };
  });
  advise.action(async (opts: Record<string, unknown>) => {
    const flagAnswers: Record<string, string> = {};
    for (const { q, key } of questionOptions) if (typeof opts[key] === 'string') flagAnswers[q.id] = opts[key] as string;
    const { run } = await import('./commands/advise.js');
    setExit(await run({ format: opts.format as 'text', input: opts.input !== false, flagAnswers }, context()));
  });

  const table = program
    .command('table')
    .description('print the VM-vs-container comparison table with its sources')
    .addHelpText('after', '\nExamples:\n  $ vmvc table\n  $ vmvc table --format json | jq \'.rows[].aspect\'\n');
  for (const spec of TABLE_OPTIONS) table.addOption(makeOption(spec));
  table.action(async (opts: { format: 'text' | 'json' }) => {
    const { run } = await import('./commands/table.js');
    setExit(await run(opts, context()));
  });

  // Every command reports errors as one line on stderr and throws instead of exiting.
  const configure = (cmd: Command) => {
    cmd.exitOverride();
    cmd.configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(s.replace(/\n(?!$)/g, ' ').replace(/\s*$/, '\n')),
    });
  };
  configure(program);
  for (const cmd of program.commands) configure(cmd);
  return program;
}

/** Runs vmvc with `argv` (as process.argv) and returns the exit code. Never throws. */
export async function main(argv: string[] = process.argv): Promise<number> {
  // A reader that goes away early (`vmvc table | head -1`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
  });

  let exitCode: number = EXIT.ok;
  try {
    const isTTY = Boolean(process.stdout.isTTY);
    const colorFlag = !argv.includes('--no-color');
    const chalk = new Chalk({ level: colorLevel({ flag: colorFlag, env: process.env, isTTY }) });
    const io: Io = {
      out: (text) =>
        new Promise((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve()))),
      err: (line) => process.stderr.write(line + '\n'),
      env: process.env,
      stdinIsTTY: Boolean(process.stdin.isTTY),
      stdoutIsTTY: isTTY,
      style: { chalk, width: isTTY ? process.stdout.columns || 100 : 100 },
    };
    const rules = await builtinRules();
    const program = buildProgram(rules, io, (code) => (exitCode = code));
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    return report(error);
  }
}

/** The one place errors become exit codes. */
function report(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (help, version, or a usage error).
    if (['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code)) return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof ExitError) {
    process.stderr.write(`error: ${error.message}\n`);
    return error.code;
  }
  if (error instanceof Error && error.name === 'ExitPromptError') {
    process.stderr.write('interrupted\n');
    return EXIT.interrupted;
  }
  if ((error as NodeJS.ErrnoException)?.code === 'EPIPE') return EXIT.ok;
  process.stderr.write(`vmvc: internal error, this is a bug; please report it with the lines below\n`);
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  return EXIT.internal;
}
