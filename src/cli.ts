/**
 * The command-line entry: builds the commander program from the option tables
 * and the rules file's questions, runs it, and turns every error into one
 * stderr line and a documented exit code. The only module that touches
 * process.stdout, process.stderr and process.exit.
 */
import { createRequire } from 'node:module';
import { Chalk } from 'chalk';
import { Command, CommanderError, Help, Option } from 'commander';
import { checkChoice, checkOneOf, envOf, flagOf } from './answers.js';
import { colorLevel } from './color.js';
import { clean } from './format/style.js';
import { EXIT, ExitError } from './errors.js';
import { FORMAT_NAMES, INPUT_FORMATS, RECORD_FORMATS } from './format/index.js';
import type { CommandContext, Io } from './io.js';
import { effectiveRules } from './rules/builtin.js';
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

/** A command as data: its options and the examples its --help leads with. */
interface CommandSpec {
  name: string;
  args?: string;
  description: string;
  examples: string[];
  options: OptionSpec[];
}


export const EXIT_CODES_HELP = `
Exit codes:
  0    advice given
  1    --expect not met
  2    usage or input error (bad flag, bad value, bad rules or answers file),
       or, with --input, any row that could not be decided
  130  interrupted (Ctrl-C)
  143  terminated (SIGTERM during --input)`;

/** The commands other than advise, whose options come from the rules file. */
function commandSpecs(rules: Rules): CommandSpec[] {
  const outcomes = rules.outcomes.map((o) => o.id);
  return [
    {
      name: 'advise',
      description: 'recommend vm, container or containers-in-vm for one workload, with reasons',
      examples: [
        'vmvc advise                                        # asks what it still needs',
        'vmvc advise --workload-os windows --host-os linux --format json',
        'vmvc advise --answers workload.yaml --no-defaults --expect container --step-summary',
        'vmvc advise --input inventory.csv --format csv > advice.csv',
      ],
      options: [
        {
          flags: '-o, --format <format>',
          description: 'output format: text, json, markdown or html; with --input: jsonl (default), csv, markdown, text or html',
          choices: [...new Set([...FORMAT_NAMES, ...RECORD_FORMATS])],
          default: 'text',
        },
        { flags: '--input <file>', description: 'decide every row of a CSV or JSONL inventory ("-" for stdin), streaming' },
        { flags: '--input-format <format>', description: 'csv or jsonl, when the file name does not say', choices: INPUT_FORMATS },
        { flags: '--answers <file>', description: 'read answers from a YAML or JSON map of question id to choice ("-" for stdin)' },
        { flags: '--expect <outcome>', description: 'exit 1 if the recommendation is not this outcome', choices: outcomes },
        { flags: '--step-summary', description: 'also append the markdown report to $GITHUB_STEP_SUMMARY' },
        { flags: '--no-input', description: 'never prompt (also when CI is set or stdin/stdout is not a terminal)' },
        { flags: '--no-defaults', description: 'fail (exit 2) instead of assuming a default for any unanswered question' },
        { flags: '--explain', description: 'also show every rule with whether it fired and why, the points, and each outcome' },
        { flags: '--detect', description: 'answer --host-os from this machine and add notes on the VM and container layers found' },
      ],
    },
    {
      name: 'detect',
      description: 'report the VM and container layers this runs in, the OS, and whether VMs and containers can start here',
      examples: ['vmvc detect', 'vmvc detect --format json | jq -r \'.layers[].name\''],
      options: [{ flags: '-o, --format <format>', description: 'output format', choices: ['text', 'json'], default: 'text' }],
    },
    {
      name: 'questions',
      description: 'list every question with its flag, environment variable, choices, default and sources',
      examples: ['vmvc questions', 'vmvc questions --format json', 'vmvc questions --rules policy.yaml --format markdown'],
      options: [{ flags: '-o, --format <format>', description: 'output format', choices: ['text', 'json', 'markdown'], default: 'text' }],
    },
    {
      name: 'table',
      description: 'print the VM-vs-container comparison table with its sources',
      examples: ['vmvc table', 'vmvc table --format markdown >> "$GITHUB_STEP_SUMMARY"', "vmvc table --format json | jq '.rows[].aspect'"],
      options: [{ flags: '-o, --format <format>', description: 'output format', choices: FORMAT_NAMES, default: 'text' }],
    },
    {
      name: 'schema',
      args: '<name>',
      description: 'print the JSON Schema of an output (advice)',
      examples: ['vmvc schema advice > advice.schema.json'],
      options: [],
    },
    {
      name: 'completion',
      args: '<shell>',
      description: 'print a shell completion script (bash, zsh or fish)',
      examples: [
        'source <(vmvc completion bash)                     # in ~/.bashrc',
        'vmvc completion zsh > "${fpath[1]}/_vmvc"',
        'vmvc completion fish > ~/.config/fish/completions/vmvc.fish',
      ],
      options: [],
    },
  ];
}

/** Turns a bad value into a one-line UsageError with a suggestion. */
function choiceParser(flag: string, choices: readonly string[]) {
  return (value: string) => checkOneOf(value, choices, flag);
}

function makeOption(spec: OptionSpec): Option {
  const option = new Option(spec.flags, spec.description);
  if (spec.choices) {
    option.argParser(choiceParser(option.long ?? spec.flags, spec.choices));
    option.argChoices = [...spec.choices];
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

/** --help output that leads with examples, right after the usage line and description. */
function helpWithExamples(examples: string[]) {
  return {
    formatHelp(cmd: Command, helper: Help): string {
      const base = Help.prototype.formatHelp.call(helper, cmd, helper);
      if (!examples.length) return base;
      const block = `Examples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n\n`;
      const at = base.search(/^(Options|Commands|Arguments):/m);
      return at < 0 ? base + '\n' + block : base.slice(0, at) + block + base.slice(at);
    },
  };
}

/**
 * Builds the program. Commands are imported only when they run, and a
 * command's options are added only when `needsOptions(name)` says it may run
 * or show its help: creating every option of every command costs time and
 * memory on each start, and only one command ever runs.
 */
export function buildProgram(
  rules: Rules,
  io: Io,
  setExit: (code: number) => void,
  streams: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = process,
  needsOptions: (command: string) => boolean = () => true,
): Command {
  const context = (): CommandContext => ({ rules, io });
  const specs = commandSpecs(rules);
  const withOptions = new Set(specs.filter((s) => s.options.length).map((s) => s.name));
  const program = new Command('vmvc')
    .description('Should this workload run in a VM, in a container, or in containers inside a VM?')
    .version(VERSION, '-V, --version')
    .option('--no-color', 'never colour output (also NO_COLOR; FORCE_COLOR forces it)')
    .option('--ascii', 'plain ASCII bars and marks instead of Unicode (also TERM=dumb)')
    .showSuggestionAfterError(true)
    .configureHelp({
      ...helpWithExamples(['vmvc advise', 'vmvc advise --delivery yes --no-input --format json', 'vmvc table']),
      // The command list says `[options]` from the table, since options not needed by this run were not added.
      subcommandTerm(cmd: Command): string {
        const term = Help.prototype.subcommandTerm.call(this, cmd);
        return withOptions.has(cmd.name()) && !cmd.options.length ? term.replace(cmd.name(), `${cmd.name()} [options]`) : term;
      },
    })
    .addHelpText('after', EXIT_CODES_HELP);

  program.option('--rules <file>', 'apply a rules file or overlay (repeatable; applied in order)', collect, []);

  const commands = new Map<string, Command>();
  for (const spec of specs) {
    const cmd = program.command(spec.args ? `${spec.name} ${spec.args}` : spec.name).description(spec.description);
    if (needsOptions(spec.name)) for (const o of spec.options) cmd.addOption(makeOption(o));
    cmd.configureHelp(helpWithExamples(spec.examples));
    if (spec.name === 'advise') cmd.addHelpText('after', EXIT_CODES_HELP);
    commands.set(spec.name, cmd);
  }

  const advise = commands.get('advise')!;
  const questionOptions = (needsOptions('advise') ? rules.questions : []).map((q) => {
    const option = questionOption(q);
    advise.addOption(option);
    return { q, key: option.attributeName() };
  });
  advise.action(async (opts: Record<string, unknown>) => {
    const flagAnswers: Record<string, string> = {};
    for (const { q, key } of questionOptions) if (typeof opts[key] === 'string') flagAnswers[q.id] = opts[key] as string;
    const { run } = await import('./commands/advise.js');
    setExit(
      await run(
        {
          format: opts.format as 'text',
          formatGiven: advise.getOptionValueSource('format') !== 'default',
          input: opts.input !== false,
          inputFile: typeof opts.input === 'string' ? opts.input : undefined,
          inputFormat: opts.inputFormat as 'csv' | undefined,
          defaults: opts.defaults !== false,
          flagAnswers,
          answers: opts.answers as string | undefined,
          expect: opts.expect as string | undefined,
          stepSummary: opts.stepSummary === true,
          explain: opts.explain === true,
          detect: opts.detect === true,
        },
        context(),
      ),
    );
  });

  commands.get('table')!.action(async (opts: { format: 'text' }) => {
    const { run } = await import('./commands/table.js');
    setExit(await run(opts, context()));
  });

  commands.get('detect')!.action(async (opts: { format: 'text' | 'json' }) => {
    const { run } = await import('./commands/detect.js');
    setExit(await run(opts, context()));
  });

  commands.get('questions')!.action(async (opts: { format: 'text' }) => {
    const { run } = await import('./commands/questions.js');
    setExit(await run(opts, context()));
  });

  const rulesCmd = program
    .command('rules')
    .description('check rules files, print their JSON Schema, or show the effective rules');
  rulesCmd.configureHelp(helpWithExamples(['vmvc rules validate policy.yaml', 'vmvc rules schema > rules.schema.json', 'vmvc --rules policy.yaml rules show']));
  const validate = rulesCmd
    .command('validate [files...]')
    .description('validate rules files (overlays on the built-in rules); with no file, the built-in rules')
    .action(async (files: string[]) => {
      const { validate: run } = await import('./commands/rules.js');
      setExit(await run(files, context()));
    });
  validate.configureHelp(helpWithExamples(['vmvc rules validate', 'vmvc rules validate rules/examples/*.yaml']));
  const rulesSchemaCmd = rulesCmd
    .command('schema')
    .description('print the JSON Schema of a rules file (for editors)')
    .action(async () => {
      const { schema } = await import('./commands/rules.js');
      setExit(await schema(context()));
    });
  rulesSchemaCmd.configureHelp(helpWithExamples(['vmvc rules schema > rules.schema.json']));
  const show = rulesCmd
    .command('show')
    .description('print the effective rules after --rules overlays')
    .addOption(makeOption({ flags: '-o, --format <format>', description: 'output format', choices: ['yaml', 'json'], default: 'yaml' }))
    .action(async (opts: { format: 'yaml' | 'json' }) => {
      const { show: run } = await import('./commands/rules.js');
      setExit(await run(opts.format, context()));
    });
  show.configureHelp(helpWithExamples(['vmvc --rules rules/examples/regulated-data.yaml rules show', 'vmvc rules show --format json']));

  commands.get('schema')!.action(async (name: string) => {
    choiceParser('schema name', ['advice'])(name);
    const { adviceJsonSchema } = await import('./advice-schema.js');
    await io.out(JSON.stringify(adviceJsonSchema(), null, 2) + '\n');
  });

  commands.get('completion')!.action(async (shell: string) => {
    const { completionScript, SHELLS } = await import('./commands/completion.js');
    choiceParser('shell', SHELLS)(shell);
    await io.out(completionScript(shell as (typeof SHELLS)[number], program));
  });

  // Every command reports errors as one line on stderr and throws instead of exiting.
  for (const cmd of [program, ...program.commands, ...rulesCmd.commands]) {
    cmd.exitOverride();
    cmd.configureOutput({
      writeOut: (s) => sendAndForget(streams.stdout, s),
      writeErr: (s) => sendAndForget(streams.stderr, s),
      outputError: (s, write) => write(clean(s.replace(/\n(?!$)/g, ' ').replace(/\s*$/, '')) + '\n'),
    });
  }
  return program;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * The --rules files named in argv. They are needed before the program is built,
 * because their questions become flags; commander parses them again later.
 */
export function rulesPaths(args: string[]): string[] {
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (arg === '--rules' && i + 1 < args.length) paths.push(args[++i]!);
    else if (arg.startsWith('--rules=')) paths.push(arg.slice('--rules='.length));
  }
  return paths;
}

/**
 * Which commands need their options for these arguments: those named anywhere
 * in them (the command itself, or `help advise`), and all of them for
 * `completion`, whose script lists every option.
 */
export function mayRun(args: readonly string[]): (command: string) => boolean {
  const words = new Set(args);
  return words.has('completion') ? () => true : (command) => words.has(command);
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
function send(stream: NodeJS.WritableStream, text: string): Promise<void> {
  inFlight++;
  return new Promise((resolve, reject) =>
    stream.write(text, (error) => {
      if (--inFlight === 0) for (const done of onAllWritten.splice(0)) done();
      if (error) reject(error);
      else resolve();
    }),
  );
}

/** Writes text nobody waits for (messages, help): a failed write has nowhere left to be reported. */
function sendAndForget(stream: NodeJS.WritableStream, text: string): void {
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

/** Runs vmvc with `argv` (as process.argv) and returns the exit code. Never throws. */
export async function main(argv: string[] = process.argv, proc: Process = process): Promise<number> {
  // process.stderr is read only when something is written to it: creating it costs
  // milliseconds (a pipe loads node:net), and a successful run never writes there.
  const { stdout, env } = proc;
  // A reader that goes away early (`vmvc table | head -1`) is not an error: stop quietly.
  if (stdout === process.stdout) {
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(EXIT.ok);
    });
  }

  let exitCode: number = EXIT.ok;
  try {
    const isTTY = Boolean(stdout.isTTY);
    const colorFlag = !argv.includes('--no-color');
    const chalk = new Chalk({ level: colorLevel({ flag: colorFlag, env, isTTY }) });
    const io: Io = {
      out: (text) => send(stdout, text),
      err: (line) => sendAndForget(proc.stderr, line + '\n'),
      env,
      // process.stdin is created on first use, which costs milliseconds: only touch it when read.
      get stdin() {
        return proc.stdin as Io['stdin'];
      },
      // Asked only when stdout is a terminal (see canPrompt), so plain runs never load node:tty.
      get stdinIsTTY() {
        return proc === process ? (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(0) : Boolean(proc.stdin.isTTY);
      },
      stdoutIsTTY: isTTY,
      style: {
        chalk,
        // Read when output is drawn, so a terminal resized while prompts were open is honoured.
        get width() {
          return isTTY ? stdout.columns || 100 : 100;
        },
        ascii: argv.includes('--ascii') || env.TERM === 'dumb',
      },
    };
    const rules = await effectiveRules(rulesPaths(argv.slice(2)));
    const program = buildProgram(rules, io, (code) => (exitCode = code), proc, mayRun(argv.slice(2)));
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
  if ((error as NodeJS.ErrnoException)?.code === 'EPIPE') return EXIT.ok;
  const detail = error instanceof Error ? error.stack : String(error);
  sendAndForget(proc.stderr, `vmvc: internal error, this is a bug; please report it with the lines below\n${detail}\n`);
  return EXIT.internal;
}

/** Messages may quote user input; keep them to one line of printable text. */
function oneLine(message: string): string {
  return clean(message.replace(/\s*\n\s*/g, ' '));
}
