/**
 * The commander program, built from the command table (src/command-table.ts)
 * and the rules' questions in one loop, and the one pass over argv that says
 * what must be known before it is built.
 */
import { Command, Help, Option, type OutputConfiguration } from 'commander';
import { checkChoice, checkOneOf, envOf, flagOf } from './answers.js';
import { COMMAND_TABLE, EXIT_CODES_HELP, GLOBAL_EXAMPLES, GLOBAL_OPTIONS, VERSION_FLAGS, type OptionSpec } from './command-table.js';
import { COMMAND_MODULES, type CommandModule } from './commands/index.js';
import { commandWord, walkArgs } from './argv.js';
import { UsageError, closest } from './errors.js';
import { sendAndForget, type CommandContext, type Io, type Process } from './io.js';
import type { Config } from './config.js';
import { UNSURE, type Question, type Rules } from './rules/types.js';
import { clean, oneLine } from './sanitize.js';
import { COMMIT, VERSION } from './version.js';


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

/** A table row as a commander Option; choices that come from the rules are read from `rules`. */
function makeOption(spec: OptionSpec, rules: Rules): Option {
  const option = new Option(spec.flags, spec.description);
  const flag = option.long ?? spec.flags;
  const choices = typeof spec.choices === 'function' ? spec.choices(rules) : spec.choices;
  if (spec.repeatable) {
    option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
  } else if (choices) {
    option.argParser(once(flag, (value: string) => checkOneOf(value, choices, flag)));
    option.argChoices = [...choices];
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

/** What the program is built for: the rules and config in effect, and where its output goes. */
export interface ProgramSetup {
  rules: Rules;
  io: Io;
  setExit: (code: number) => void;
  streams: Pick<Process, 'stderr'>;
  /** Whether a command's options may be needed (see `prescan`). */
  needsOptions: (command: string) => boolean;
  /** The one top-level command this run can reach, when that is known (see `prescan`): no other is built. */
  only?: string;
  rulesPaths?: readonly string[];
  config?: Config;
  /** false when `rules` are the built-in ones because this run only shows help or the version. */
  overlaysRead?: boolean;
}

/**
 * Builds the program: one loop over the command table. Commands are imported
 * only when they run, a command's options are added only when
 * `needsOptions(name)` says it may run or show its help, and when `only` names
 * the one top-level command the run can reach, no other is built: creating
 * every command and option costs time and memory on each start, and one runs.
 */
export function buildProgram({ rules, io, setExit, streams, needsOptions, only, rulesPaths = [], config, overlaysRead = true }: ProgramSetup): Command {
  const context = (): CommandContext => ({ rules, io, config, rulesPaths });
  const hasOptions = new WeakSet<Command>();
  const program = new Command('vmvc')
    .description('Should this workload run in a VM, in a container, or in containers inside a VM?')
    .version(versionText(rules, rulesPaths), VERSION_FLAGS, "print vmvc's version and the rules version")
    .showSuggestionAfterError(true)
    .configureHelp(helpWithExamples(GLOBAL_EXAMPLES, hasOptions))
    .addHelpText('after', EXIT_CODES_HELP);
  for (const o of GLOBAL_OPTIONS) program.addOption(makeOption(o, rules));

  const commands = new Map<string, Command>();
  for (const spec of COMMAND_TABLE) {
    if (only !== undefined && (spec.parent ?? spec.name) !== only) continue;
    const parent = spec.parent ? commands.get(spec.parent)! : program;
    const path = spec.parent ? `${spec.parent} ${spec.name}` : spec.name;
    const cmd = parent.command(spec.args ? `${spec.name} ${spec.args.syntax}` : spec.name).description(spec.description);
    commands.set(path, cmd);
    // A missing argument that has fixed words names them, rather than only that it is missing.
    // (missingArgument is the method commander calls for one; it is not in its type declarations.)
    const words = spec.args?.words;
    if (words?.length) {
      (cmd as unknown as { missingArgument: (name: string) => never }).missingArgument = (name: string) => {
        throw new UsageError(`vmvc ${path} needs its ${name}: ${words.join(' or ')} (vmvc ${path} ${words[0]})`);
      };
    }
    cmd.configureHelp(helpWithExamples(spec.examples, hasOptions));
    if (spec.options.length || spec.questionFlags) hasOptions.add(cmd);
    if (spec.exitCodes) cmd.addHelpText('after', EXIT_CODES_HELP);
    const optionsHere = needsOptions(spec.name);
    if (optionsHere) for (const o of spec.options) cmd.addOption(makeOption(o, rules));
    if (spec.questionFlags && optionsHere) for (const q of rules.questions) cmd.addOption(questionOption(q));
    if (spec.questionFlags && !overlaysRead && rulesPaths.length) {
      const rulesFlags = rulesPaths.map((p) => ` --rules ${oneLine(p)}`).join('');
      cmd.addHelpText('after', `\nThe question options above are the built-in rules' (help reads no overlay). With the overlays named, every question and its flag:\n  $ vmvc${rulesFlags} questions\n`);
    }
    if (!spec.group) action(cmd, COMMAND_MODULES[path]!, program, context, setExit);
  }

  // Every command reports errors as one line on stderr and throws instead of exiting (one output setting for all).
  const output: OutputConfiguration = {
    writeOut: (s) => io.print(s),
    // Asked of the Io, not of process.stdout, which is not made when stdout is a file (src/io.ts). Help carries no colour.
    getOutHelpWidth: () => (io.stdoutIsTTY ? io.style.width : 80),
    getOutHasColors: () => false,
    writeErr: (s) => sendAndForget(streams.stderr, s),
    // One line, and commander's "(Did you mean X?)" said as vmvc says suggestions.
    outputError: (s, write) => write(clean(s.replace(/\s*\(Did you mean ([^)]+)\?\)/, '; did you mean "$1"?').replace(/\n(?!$)/g, ' ').replace(/\s*$/, '')) + '\n'),
  };
  for (const cmd of [program, ...commands.values()]) cmd.exitOverride().configureOutput(output);
  return program;
}

/**
 * `--version`: vmvc's version, then the built-in rules' version and the
 * overlays named (a run with --version reads none, see `prescan`).
 */
function versionText(rules: Rules, rulesPaths: readonly string[]): string {
  const overlays = rulesPaths.length ? `; overlays (not read for --version): ${rulesPaths.map((p) => oneLine(p)).join(', ')}` : '';
  return `${VERSION}${COMMIT ? ` (commit ${COMMIT})` : ''}\nrules version ${rules.version} (built in)${overlays}`;
}

/**
 * `vmvc help NAME` for a command that does not exist: commander would print the
 * top-level help and exit 0, which hides the typo; say so and suggest instead.
 */
export function checkHelpTopic(args: readonly string[]): void {
  let parent: string | undefined;
  for (const word of args.slice(1)) {
    if (word.startsWith('-')) return;
    const names = COMMAND_TABLE.filter((s) => s.parent === parent).map((s) => s.name);
    if (!names.length) return;
    if (!names.includes(word)) {
      const near = closest(word, [...names, ...(parent ? [] : ['help'])]);
      throw new UsageError(`no help for "${word}": it is not a ${parent ? `subcommand of ${parent}` : 'vmvc command'}${near ? `; did you mean ${parent ? `${parent} ` : ''}${near}?` : `; commands are ${names.join(', ')}`}`);
    }
    parent = word;
  }
}

/** Runs a command's module with the command's arguments and parsed options. */
function action(cmd: Command, load: () => Promise<CommandModule>, program: Command, context: () => CommandContext, setExit: (code: number) => void): void {
  cmd.action(async (...params: unknown[]) => {
    // Commander passes the declared arguments, then the options, then the command.
    const args = params.slice(0, -2).flat() as string[];
    const { run } = await load();
    setExit(await run({ args, opts: cmd.opts(), given: (key) => cmd.getOptionValueSource(key) !== 'default', program }, context()));
  });
}

/**
 * What must be known before the program is built, read from argv in one pass:
 * the --rules files (their questions become flags; commander parses them again
 * later), the config file named, and the words that may name a command (see
 * `needsOptions`).
 */
export function prescan(args: readonly string[]): {
  rulesPaths: string[];
  config?: string | false;
  needsOptions: (command: string) => boolean;
  only?: string;
  selfContained: boolean;
  informational: boolean;
} {
  const { rulesPaths, configs, words: given } = walkArgs(args);
  let config: string | false | undefined;
  for (const value of configs) {
    // Last-wins would silently drop one of them.
    if (config !== undefined && config !== value) {
      const shown = (v: string | false) => (v === false ? '--no-config' : `--config ${JSON.stringify(v)}`);
      throw new UsageError(`${shown(config)} and ${shown(value)} are both given; give one`);
    }
    config = value;
  }
  const words = new Set(given);
  const first = commandWord(given);
  // `completion` lists every option of every command, so it needs them all.
  const needsOptions = words.has('completion') ? () => true : (command: string) => words.has(command);
  // Runs that need no config file's answers: help, the version, completion and the schemas.
  const informational = ['--help', '-h', ...VERSION_FLAGS.split(/[ ,]+/), 'help'].some((w) => words.has(w));
  const selfContained = informational || ['completion', 'schema'].some((w) => words.has(w));
  // The first word that is no option names the command commander runs. When it is a known one, only it is
  // built (each command costs objects at every start), unless this run lists commands: help, completion.
  const known = COMMAND_TABLE.some((spec) => !spec.parent && spec.name === first);
  const only = known && !informational && first !== 'completion' ? first : undefined;
  // Help and the version describe vmvc, not an overlay: no overlay is parsed to print them.
  return { rulesPaths, config, needsOptions, only, selfContained, informational };
}
