/**
 * The command-line entry: builds the commander program from the command table
 * (src/commands/index.ts) and the rules file's questions, runs it,
 * and turns every error into one stderr line and a documented exit code. With
 * src/io.ts, the only module that touches the process's streams.
 */
import { Command, CommanderError, Help, Option } from 'commander';
import { checkChoice, envOf, flagOf } from './answers.js';
import { COMMANDS, EXIT_CODES_HELP, GLOBAL_EXAMPLES, choiceParser, type CommandSpec, type OptionSpec } from './commands/index.js';
import { EXIT, ExitError, OUTPUT_ERRORS, UsageError, closest } from './errors.js';
import { allWritten, processIo, sendAndForget, stop, type CommandContext, type Io, type Look, type Process } from './io.js';
import { effectiveRules } from './rules/builtin.js';
import { configPath, loadConfig, type Config } from './config.js';
import { ADVISE_FORMAT_NAMES } from './format/index.js';
import { delimiter } from 'node:path';
import { UNSURE, type Question, type Rules } from './rules/types.js';
import { clean, oneLine } from './sanitize.js';

export { allWritten, stop, type Process };

declare const __VMVC_VERSION__: string | undefined;
const VERSION = typeof __VMVC_VERSION__ === 'string' ? __VMVC_VERSION__ : '0.0.0-dev';

/**
 * A parser that refuses an option given twice with different values (last-wins
 * would silently drop one of them); the same value twice is harmless.
 */
function once(flag: string, parse: (value: string) => string = (v) => v) {
  let given: string | undefined;
  return (value: string) => {
    const parsed = parse(value);
    if (given !== undefined && given !== parsed) {
      throw new UsageError(`${flag} is given twice, as ${JSON.stringify(given)} and ${JSON.stringify(parsed)}; give it once`);
    }
    return (given = parsed);
  };
}

function makeOption(spec: OptionSpec): Option {
  const option = new Option(spec.flags, spec.description);
  const flag = option.long ?? spec.flags;
  if (spec.choices) {
    option.argParser(once(flag, choiceParser(flag, spec.choices)));
    option.argChoices = [...spec.choices];
  } else if (option.required || option.optional) {
    option.argParser(once(flag));
  }
  if (spec.default !== undefined) option.default(spec.default);
  return option;
}

/** The option a rules-file question becomes: `--host-os <choice>`. Its text comes from a rules file, so it is cleaned. */
function questionOption(q: Question): Option {
  const option = new Option(`${flagOf(q)} <choice>`, oneLine(`${q.prompt} [default: ${q.default}; env ${envOf(q)}]`));
  option.argParser(once(flagOf(q), (value: string) => checkChoice(q, value, flagOf(q))));
  option.argChoices = [...q.choices.map((c) => c.id), UNSURE];
  return option;
}

/**
 * --help output that leads with examples, right after the usage line and
 * description. The command list says `[options]` for every command whose table
 * row has options, since options this run does not need were never added.
 */
function helpWithExamples(examples: string[], hasOptions: WeakSet<Command>) {
  return {
    // Every command's help also lists --rules, --no-color and --ascii, which work everywhere.
    showGlobalOptions: true,
    subcommandTerm(this: Help, cmd: Command): string {
      const term = Help.prototype.subcommandTerm.call(this, cmd);
      return hasOptions.has(cmd) && !cmd.options.length ? term.replace(cmd.name(), `${cmd.name()} [options]`) : term;
    },
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
 * Builds the program: one loop over the command table. Commands are imported
 * only when they run, and a command's options are added only when
 * `needsOptions(name)` says it may run or show its help: creating every option
 * of every command costs time and memory on each start, and only one runs.
 */
export function buildProgram(
  rules: Rules,
  io: Io,
  setExit: (code: number) => void,
  streams: Pick<Process, 'stdout' | 'stderr'>,
  needsOptions: (command: string) => boolean,
  rulesPaths: readonly string[] = [],
  config?: Config,
): Command {
  const context = (): CommandContext => ({ rules, io, config, rulesPaths });
  const specs = COMMANDS(rules);
  const hasOptions = new WeakSet<Command>();
  const program = new Command('vmvc')
    .description('Should this workload run in a VM, in a container, or in containers inside a VM?')
    .version(versionText(rules, rulesPaths), '-V, --version', "print vmvc's version and the rules version")
    .option('--no-color', 'never colour output (also NO_COLOR; FORCE_COLOR forces it)')
    .option('--ascii', 'pure ASCII text output: no box drawing, bars or marks outside ASCII (also TERM=dumb)')
    .showSuggestionAfterError(true)
    .configureHelp(helpWithExamples(GLOBAL_EXAMPLES, hasOptions))
    .addHelpText('after', EXIT_CODES_HELP);
  // No default value, so help does not print "(default: [])"; readers take a missing list as none.
  program.option('--config <file>', 'read this config file instead of looking for vmvc.config.yaml or .vmvc.yaml (also VMVC_CONFIG)');
  program.option('--no-config', 'ignore any config file');
  program.option('--rules <file>', 'apply a rules file or overlay (repeatable; applied in order)', (value: string, previous: string[] | undefined) => [...(previous ?? []), value]);

  const commands = new Map<string, Command>();
  for (const spec of specs) {
    const parent = spec.parent ? commands.get(spec.parent)! : program;
    const cmd = parent.command(spec.args ? `${spec.name} ${spec.args}` : spec.name).description(spec.description);
    commands.set(spec.parent ? `${spec.parent} ${spec.name}` : spec.name, cmd);
    cmd.configureHelp(helpWithExamples(spec.examples, hasOptions));
    if (spec.options.length || spec.questionFlags) hasOptions.add(cmd);
    if (spec.exitCodes) cmd.addHelpText('after', EXIT_CODES_HELP);
    const optionsHere = needsOptions(spec.name);
    if (optionsHere) for (const o of spec.options) cmd.addOption(makeOption(o));
    if (spec.questionFlags && optionsHere) for (const q of rules.questions) cmd.addOption(questionOption(q));
    if (spec.load) action(cmd, spec, program, context, setExit);
  }

  // Every command reports errors as one line on stderr and throws instead of exiting.
  for (const cmd of [program, ...commands.values()]) {
    cmd.exitOverride();
    cmd.configureOutput({
      writeOut: (s) => sendAndForget(streams.stdout, s),
      writeErr: (s) => sendAndForget(streams.stderr, s),
      outputError: (s, write) => write(clean(s.replace(/\n(?!$)/g, ' ').replace(/\s*$/, '')) + '\n'),
    });
  }
  return program;
}

/** `--version`: vmvc's version, then the rules in effect (their version, and any overlays). */
function versionText(rules: Rules, rulesPaths: readonly string[]): string {
  const overlays = rulesPaths.length ? `, with ${rulesPaths.map((p) => oneLine(p)).join(', ')}` : ' (built in)';
  return `${VERSION}\nrules version ${rules.version}${overlays}`;
}

/**
 * `vmvc help NAME` for a command that does not exist: commander would print the
 * top-level help and exit 0, which hides the typo; say so and suggest instead.
 */
function checkHelpTopic(args: readonly string[], specs: readonly CommandSpec[]): void {
  let parent: string | undefined;
  for (const word of args.slice(1)) {
    if (word.startsWith('-')) return;
    const names = specs.filter((s) => s.parent === parent).map((s) => s.name);
    if (!names.length) return;
    if (!names.includes(word)) {
      const near = closest(word, [...names, ...(parent ? [] : ['help'])]);
      throw new UsageError(`no help for "${word}": it is not a ${parent ? `subcommand of ${parent}` : 'vmvc command'}${near ? `; did you mean ${parent ? `${parent} ` : ''}${near}?` : `; commands are ${names.join(', ')}`}`);
    }
    parent = word;
  }
}

/** Runs a table row's module with the command's arguments and parsed options. */
function action(cmd: Command, spec: CommandSpec, program: Command, context: () => CommandContext, setExit: (code: number) => void): void {
  cmd.action(async (...params: unknown[]) => {
    // Commander passes the declared arguments, then the options, then the command.
    const args = params.slice(0, -2).flat() as string[];
    const { run } = await spec.load!();
    setExit(await run({ args, opts: cmd.opts(), given: (key) => cmd.getOptionValueSource(key) !== 'default', program }, context()));
  });
}

/**
 * What must be known before the program is built, read from argv in one pass:
 * the --rules files (their questions become flags; commander parses them again
 * later) and the words that may name a command (see `needsOptions`).
 */
export function prescan(args: readonly string[]): { rulesPaths: string[]; config?: string | false; needsOptions: (command: string) => boolean } {
  const rulesPaths: string[] = [];
  let config: string | false | undefined;
  const words = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (arg === '--rules' && i + 1 < args.length) rulesPaths.push(args[++i]!);
    else if (arg.startsWith('--rules=')) rulesPaths.push(arg.slice('--rules='.length));
    else if (arg === '--config' && i + 1 < args.length) config = args[++i]!;
    else if (arg.startsWith('--config=')) config = arg.slice('--config='.length);
    else if (arg === '--no-config') config = false;
    else words.add(arg);
  }
  // `completion` lists every option of every command, so it needs them all.
  return { rulesPaths, config, needsOptions: words.has('completion') ? () => true : (command) => words.has(command) };
}

/**
 * The config file in effect and the overlays to apply, in order: the config's
 * `rules`, then VMVC_RULES (a path list), then --rules. Later overlays win.
 */
async function settings(scan: ReturnType<typeof prescan>, env: NodeJS.ProcessEnv): Promise<{ config?: Config; rulesPaths: string[] }> {
  const path = configPath({ config: scan.config }, env, process.cwd());
  const config = path === undefined ? undefined : await loadConfig(path, ADVISE_FORMAT_NAMES);
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
    const io = processIo(proc, look);
    const scan = prescan(argv.slice(2));
    const { needsOptions } = scan;
    const { config, rulesPaths } = await settings(scan, proc.env);
    const rules = await effectiveRules(rulesPaths);
    // `vmvc help rules validate` shows the subcommand's help, as `vmvc rules validate --help` does.
    if (argv[2] === 'help' && argv.length > 3) {
      checkHelpTopic(argv.slice(2), COMMANDS(rules));
      argv = [...argv.slice(0, 2), ...argv.slice(3), '--help'];
    }
    program = buildProgram(rules, io, (code) => (exitCode = code), proc, needsOptions, rulesPaths, config);
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
  if (code && OUTPUT_ERRORS[code]) {
    sendAndForget(proc.stderr, `vmvc: cannot write the output: ${OUTPUT_ERRORS[code]} (${code}); what was written is incomplete\n`);
    return EXIT.ioError;
  }
  const detail = error instanceof Error ? error.stack : String(error);
  sendAndForget(proc.stderr, `vmvc: internal error, this is a bug; please report it with the lines below\n${detail}\n`);
  return EXIT.internal;
}
