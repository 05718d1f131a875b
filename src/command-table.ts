/**
 * Every command and option as data: names, arguments, options, help examples.
 * src/program.ts builds the commander program from this table in one loop (the
 * module that runs each command is in src/commands/index.ts); completion, the
 * question ids a rules file may not use, and the exit-code help are derived
 * from it too. Plain data: it loads no command.
 */
import { COLUMN_TARGETS, CURRENT_COLUMNS, INPUT_FORMATS, LABEL_COLUMNS, REPO_COLUMNS } from './batch/types.js';
import { EXIT_MEANINGS } from './errors.js';
import { formatsFor, type Drawing } from './format/names.js';
import type { Rules } from './rules/types.js';

/** One row of an option table: commander flags, help text, fixed choices, default. */
export interface OptionSpec {
  flags: string;
  description: string;
  /** Fixed choices, or choices that come from the rules in effect (outcome ids for --expect). */
  choices?: readonly string[] | ((rules: Rules) => readonly string[]);
  default?: string;
  /** Each use adds a value to a list (`--rules a --rules b`) instead of being refused twice. */
  repeatable?: boolean;
}

/** A command's positional arguments: their syntax, and what completion offers for them. */
export interface ArgsSpec {
  syntax: string;
  /** Fixed words the argument may be. */
  words?: readonly string[];
  /** File names. */
  files?: boolean;
}

/** A command as data. */
export interface CommandSpec {
  name: string;
  /** The command this one is a subcommand of (`rules` for `rules validate`). */
  parent?: string;
  args?: ArgsSpec;
  description: string;
  examples: string[];
  options: OptionSpec[];
  /** Also a flag for every question of the rules (`--host-os <choice>`, ...). */
  questionFlags?: boolean;
  /** Its --help ends with the exit code table. */
  exitCodes?: boolean;
  /** A group of subcommands (`rules`): it runs nothing itself. */
  group?: boolean;
}

/** Options every command takes (`vmvc --rules p.yaml advise`); commander adds --help and --version (VERSION_FLAGS) itself. */
export const GLOBAL_OPTIONS: OptionSpec[] = [
  { flags: '--no-color', description: 'never colour output (also NO_COLOR; FORCE_COLOR forces it)' },
  { flags: '--ascii', description: 'pure ASCII text output: no box drawing, bars or marks outside ASCII (also TERM=dumb)' },
  // No default value, so help does not print "(default: [])"; readers take a missing list as none.
  { flags: '--config <file>', description: 'read this config file instead of looking for vmvc.config.yaml or .vmvc.yaml (also VMVC_CONFIG)' },
  { flags: '--no-config', description: 'ignore any config file' },
  { flags: '--rules <file>', description: 'apply a rules file or overlay (repeatable; applied in order)', repeatable: true },
];

/** The flags of commander's own --version option; --help (-h) it adds to every command. */
export const VERSION_FLAGS = '-V, --version';
const BUILTIN_LONG = ['--help', '--version'];

/** The outputs whose JSON Schema `vmvc schema NAME` prints. */
export const SCHEMA_NAMES = ['advice', 'config'] as const;
/** The shells `vmvc completion SHELL` writes a script for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** The exit codes, as every command's --help that lists them shows them (from EXIT_MEANINGS). */
export const EXIT_CODES_HELP = `\nExit codes:\n${Object.entries(EXIT_MEANINGS)
  .map(([code, meaning]) => `  ${code.padEnd(4)} ${meaning.replace(/\n/g, '\n       ')}`)
  .join('\n')}`;

/** The examples `vmvc --help` leads with. */
export const GLOBAL_EXAMPLES = ['vmvc advise', 'vmvc advise --delivery yes --no-input --format json', 'vmvc table'];

/** `-o, --format` with the formats that draw `drawings` (from the format registry). */
const format = (drawings: Drawing[], fallback = 'text'): OptionSpec => ({
  flags: '-o, --format <format>',
  description: 'output format',
  choices: formatsFor(...drawings),
  default: fallback,
});

/** The command table, in the order help lists the commands. */
export const COMMAND_TABLE: readonly CommandSpec[] = [
    {
      name: 'advise',
      description: 'recommend vm, container or containers-in-vm for one workload, with reasons',
      examples: [
        'vmvc advise                                        # asks what it still needs',
        'vmvc advise --workload-os windows --host-os linux --format json',
        'vmvc advise --answers workload.yaml --no-defaults --expect container --step-summary --title billing-api',
        'vmvc advise --input inventory.csv --format csv > advice.csv',
        'vmvc advise --scan --no-input                      # answers read from this repository',
      ],
      options: [
        {
          flags: '-o, --format <format>',
          description: 'output format: text, json, markdown or html; with --input: jsonl (default), csv, markdown, text or html',
          choices: formatsFor('advice', 'records'),
          default: 'text',
        },
        { flags: '--input <file>', description: 'decide every row of a CSV or JSONL inventory ("-" for stdin), streaming' },
        { flags: '--input-format <format>', description: 'csv or jsonl, when the file name does not say', choices: INPUT_FORMATS },
        { flags: '--columns <file>', description: `with --input: a YAML map of inventory header to question id (or ${COLUMN_TARGETS.join(', ')})` },
        { flags: '--keep-columns <names>', description: 'with --input: carry these columns (comma-separated, e.g. owner,env) into the records' },
        { flags: '--answers <file>', description: 'read answers from a YAML or JSON map of question id to choice ("-" for stdin)' },
        { flags: '--expect <outcome>', description: 'exit 1 if the recommendation is not this outcome', choices: (rules) => rules.outcomes.map((o) => o.id) },
        { flags: '--expect-firm', description: 'exit 1 if the recommendation depends on an unsure or assumed answer' },
        { flags: '--fail-on-drift', description: "with --input: exit 1 if a row's current or placement column differs from its recommendation" },
        { flags: '--step-summary', description: 'also append a markdown summary to $GITHUB_STEP_SUMMARY (with --input: counts, errors, first rows)' },
        { flags: '--title <text>', description: 'name the workload in the step summary and markdown heading (and in JSON)' },
        { flags: '--no-input', description: 'never prompt (nor when CI is set, stdin is not a terminal, or neither stdout nor stderr is)' },
        { flags: '--no-defaults', description: 'fail (exit 2) instead of assuming a default for any unanswered question' },
        { flags: '--explain', description: 'also show every rule with whether it fired and why, the points, and each outcome' },
        { flags: '-q, --quiet', description: 'print only the recommendation id (container, vm, ...), for $(vmvc advise -q ...)' },
        { flags: '--save-answers <file>', description: 'write the answers used (given, prompted and assumed) as a YAML answers file for --answers' },
        { flags: '--detect', description: 'answer --host-os from this machine and add notes on the VM and container layers found' },
        { flags: '--scan [dir]', description: 'answer from the repository in DIR (default: this folder), each answer with its file and line; flags, variables, --answers and the config win' },
        { flags: '--no-scan', description: 'do not scan, even when the config file says scan: true' },
      ],
      questionFlags: true,
      exitCodes: true,
    },
    {
      name: 'scan',
      args: { syntax: '[dir]', files: true },
      description: 'read a repository (default: this folder) for answers, each with the file and line that says so',
      examples: [
        'vmvc scan                                          # this repository',
        "vmvc scan ../billing --format json | jq '.answers'",
        'vmvc advise --scan                                 # scanned answers below flags and config',
      ],
      options: [format(['scan'])],
    },
    {
      name: 'detect',
      description: 'report the VM and container layers this runs in, the OS, and whether VMs and containers can start here',
      examples: ['vmvc detect', "vmvc detect --format json | jq -r '.layers[].name'"],
      options: [format(['detection'])],
    },
    {
      name: 'questions',
      description: 'list every question with its flag, environment variable, choices, default and sources',
      examples: ['vmvc questions', 'vmvc questions --format yaml > answers.yaml    # a template to fill in', 'vmvc --rules policy.yaml questions --format markdown'],
      options: [format(['questions'])],
    },
    {
      name: 'table',
      description: 'print the VM-vs-container comparison table with its sources',
      examples: ['vmvc table', 'vmvc table --format markdown >> "$GITHUB_STEP_SUMMARY"', "vmvc table --format json | jq '.rows[].aspect'"],
      options: [format(['comparison'])],
    },
    {
      name: 'schema',
      args: { syntax: '<name>', words: SCHEMA_NAMES },
      description: 'print the JSON Schema of the advice output, or of the config file',
      examples: ['vmvc schema advice > advice.schema.json', 'vmvc schema config > vmvc.config.schema.json'],
      options: [],
    },
    {
      name: 'completion',
      args: { syntax: '<shell>', words: SHELLS },
      description: 'print a shell completion script (bash, zsh or fish): a snapshot of the questions in effect now; regenerate it after the rules change',
      examples: [
        'source <(vmvc completion bash)                     # in ~/.bashrc',
        'vmvc completion zsh > "${fpath[1]}/_vmvc"',
        'vmvc completion fish > ~/.config/fish/completions/vmvc.fish',
        'vmvc --rules policy.yaml completion bash > vmvc.bash      # in a project with questions of its own',
      ],
      options: [],
    },
    {
      name: 'rules',
      group: true,
      description: 'check rules files, print their JSON Schema, or show the effective rules',
      examples: ['vmvc rules validate policy.yaml', 'vmvc rules schema > rules.schema.json', 'vmvc --rules policy.yaml rules show'],
      options: [],
    },
    {
      name: 'validate',
      parent: 'rules',
      args: { syntax: '[files...]', files: true },
      description: 'validate rules files (overlays on the built-in rules); with no file, the built-in rules',
      examples: ['vmvc rules validate', 'vmvc rules validate rules/examples/*.yaml'],
      options: [],
    },
    {
      name: 'schema',
      parent: 'rules',
      description: 'print the JSON Schema of a rules file, or with --cases of a cases file (for editors)',
      examples: ['vmvc rules schema > rules.schema.json', 'vmvc rules schema --cases > cases.schema.json'],
      options: [{ flags: '--cases', description: 'the schema of a cases file (vmvc rules test) instead' }],
    },
    {
      name: 'test',
      parent: 'rules',
      args: { syntax: '[cases...]', files: true },
      description: 'run test cases (expected recommendations, rules, notes) against the rules in effect; with no file, the X.test.yaml beside each --rules file',
      examples: [
        'vmvc --rules policy/billing.yaml rules test --coverage',
        'vmvc rules test policy/billing.test.yaml --min-coverage 100',
        'vmvc --rules policy.yaml rules test --format junit > rules-test.xml',
      ],
      options: [
        format(['cases']),
        { flags: '--coverage', description: 'also report which rules fired, outcomes were reached, notes were shown and choices were used' },
        { flags: '--min-coverage <percent>', description: 'exit 1 when fewer than this percentage of the rules fired in some case' },
        {
          flags: '--coverage-of <rules>',
          description: 'which rules and notes coverage counts: changed (those the overlays add or change; the default with overlays) or all',
          choices: ['changed', 'all'],
        },
      ],
      exitCodes: false,
    },
    {
      name: 'diff',
      parent: 'rules',
      args: { syntax: '<base> <head>', words: ['default'], files: true },
      description: 'compare the recommendation of two rules files (or "default") over every combination of answers, or over an inventory',
      examples: [
        'vmvc rules diff default policy.yaml',
        'vmvc rules diff main-policy.yaml policy.yaml --format markdown >> "$GITHUB_STEP_SUMMARY"',
        'vmvc rules diff main-policy.yaml policy.yaml --input inventory.csv',
      ],
      options: [format(['diff']), { flags: '--input <file>', description: 'compare the recommendations for the workloads of a CSV or JSONL inventory instead' }],
    },
    {
      name: 'show',
      parent: 'rules',
      description: 'print the effective rules after --rules overlays',
      examples: ['vmvc --rules rules/examples/regulated-data.yaml rules show', 'vmvc rules show --format json'],
      options: [format(['rules'], 'yaml')],
    },
];

/** Every long option name vmvc has, with the command that owns it ("every command" for the global ones). */
function longOptions(): Map<string, string> {
  const owners = new Map<string, string>();
  const add = (flags: string, owner: string) => {
    const long = /--([a-z0-9-]+)/.exec(flags)?.[1];
    if (long && !owners.has(long)) owners.set(long, owner);
  };
  for (const o of GLOBAL_OPTIONS) add(o.flags, 'every command');
  for (const flags of BUILTIN_LONG) add(flags, 'every command');
  for (const spec of COMMAND_TABLE) for (const o of spec.options) add(o.flags, spec.parent ? `${spec.parent} ${spec.name}` : spec.name);
  return owners;
}

let owners: Map<string, string> | undefined;

/**
 * Why a rules file may not name a question `id`, or undefined when it may.
 * A question becomes the flag `--ID`, so every long option of every command
 * (and the key commander stores a `--no-X` option under, X) is taken, and so
 * is the `no-` prefix, which commander reads as turning an option off. An
 * inventory's label columns name rows, and its current column a placement, not answers.
 */
export function reservedQuestionId(id: string): string | undefined {
  if (id.startsWith('no-')) return `question ids may not begin with "no-": the flag --${id} would read as turning off --${id.slice(3)}; choose another id`;
  owners ??= longOptions();
  const owner = owners.get(id) ?? owners.get(`no-${id}`);
  if (owner) return `"${id}" is taken by vmvc's own option --${owners.has(id) ? id : `no-${id}`} (${owner}); choose another id`;
  if (LABEL_COLUMNS.includes(id)) return `"${id}" names an inventory row (a label column); choose another id`;
  if (CURRENT_COLUMNS.includes(id)) return `"${id}" is the inventory column for where a workload runs today; choose another id`;
  if (REPO_COLUMNS.includes(id)) return `"${id}" is the inventory column naming a workload's repository to scan; choose another id`;
  return undefined;
}
