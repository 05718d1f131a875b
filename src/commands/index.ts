/**
 * Every command as data: its name, arguments, options, help examples and the
 * module that runs it, imported only when the command runs. src/cli.ts builds
 * the commander program from this table in one loop.
 */
import { checkOneOf } from '../answers.js';
import { INPUT_FORMATS } from '../batch/types.js';
import { ADVISE_FORMAT_NAMES, FORMAT_NAMES } from '../format/index.js';
import type { CommandContext, Invocation } from '../io.js';
import type { Rules } from '../rules/types.js';

/** One row of an option table: commander flags, help text, fixed choices, default. */
export interface OptionSpec {
  flags: string;
  description: string;
  choices?: readonly string[];
  default?: string;
}

/** What a command module exports. */
export interface CommandModule {
  run: (invocation: Invocation, context: CommandContext) => Promise<number>;
}

/** A command as data. */
export interface CommandSpec {
  name: string;
  /** The command this one is a subcommand of (`rules` for `rules validate`). */
  parent?: string;
  args?: string;
  description: string;
  examples: string[];
  options: OptionSpec[];
  /** Also a flag for every question of the rules (`--host-os <choice>`, ...). */
  questionFlags?: boolean;
  /** Its --help ends with the exit code table. */
  exitCodes?: boolean;
  /** The module that runs it; absent for a group of subcommands. */
  load?: () => Promise<CommandModule>;
}

export const EXIT_CODES_HELP = `
Exit codes:
  0    advice given
  1    --expect or --expect-firm not met
  2    usage or input error (bad flag, bad value, bad rules or answers file),
       or, with --input, any row that could not be decided
  74   the output could not be written (disk full, I/O error)
  129  hung up (SIGHUP)
  130  interrupted (Ctrl-C, SIGINT)
  143  terminated (SIGTERM)`;

/** The examples `vmvc --help` leads with. */
export const GLOBAL_EXAMPLES = ['vmvc advise', 'vmvc advise --delivery yes --no-input --format json', 'vmvc table'];

/** Turns a bad value into a one-line UsageError with a suggestion. */
export function choiceParser(label: string, choices: readonly string[]) {
  return (value: string) => checkOneOf(value, choices, label);
}

/** The command table. Outcome ids come from the rules (for `--expect`). */
export function COMMANDS(rules: Rules): CommandSpec[] {
  const outcomes = rules.outcomes.map((o) => o.id);
  const format = (choices: readonly string[], fallback = 'text'): OptionSpec => ({
    flags: '-o, --format <format>',
    description: 'output format',
    choices,
    default: fallback,
  });
  return [
    {
      name: 'advise',
      description: 'recommend vm, container or containers-in-vm for one workload, with reasons',
      examples: [
        'vmvc advise                                        # asks what it still needs',
        'vmvc advise --workload-os windows --host-os linux --format json',
        'vmvc advise --answers workload.yaml --no-defaults --expect container --step-summary --title billing-api',
        'vmvc advise --input inventory.csv --format csv > advice.csv',
      ],
      options: [
        {
          flags: '-o, --format <format>',
          description: 'output format: text, json, markdown or html; with --input: jsonl (default), csv, markdown, text or html',
          choices: ADVISE_FORMAT_NAMES,
          default: 'text',
        },
        { flags: '--input <file>', description: 'decide every row of a CSV or JSONL inventory ("-" for stdin), streaming' },
        { flags: '--input-format <format>', description: 'csv or jsonl, when the file name does not say', choices: INPUT_FORMATS },
        { flags: '--answers <file>', description: 'read answers from a YAML or JSON map of question id to choice ("-" for stdin)' },
        { flags: '--expect <outcome>', description: 'exit 1 if the recommendation is not this outcome', choices: outcomes },
        { flags: '--expect-firm', description: 'exit 1 if the recommendation depends on an unsure or assumed answer' },
        { flags: '--step-summary', description: 'also append a markdown summary to $GITHUB_STEP_SUMMARY (with --input: counts, errors, first rows)' },
        { flags: '--title <text>', description: 'name the workload in the step summary and markdown heading (and in JSON)' },
        { flags: '--no-input', description: 'never prompt (nor when CI is set, stdin is not a terminal, or neither stdout nor stderr is)' },
        { flags: '--no-defaults', description: 'fail (exit 2) instead of assuming a default for any unanswered question' },
        { flags: '--explain', description: 'also show every rule with whether it fired and why, the points, and each outcome' },
        { flags: '-q, --quiet', description: 'print only the recommendation id (container, vm, ...), for $(vmvc advise -q ...)' },
        { flags: '--save-answers <file>', description: 'write the answers used (given, prompted and assumed) as a YAML answers file for --answers' },
        { flags: '--detect', description: 'answer --host-os from this machine and add notes on the VM and container layers found' },
      ],
      questionFlags: true,
      exitCodes: true,
      load: () => import('./advise.js'),
    },
    {
      name: 'detect',
      description: 'report the VM and container layers this runs in, the OS, and whether VMs and containers can start here',
      examples: ['vmvc detect', "vmvc detect --format json | jq -r '.layers[].name'"],
      options: [format(['text', 'json'])],
      load: () => import('./detect.js'),
    },
    {
      name: 'questions',
      description: 'list every question with its flag, environment variable, choices, default and sources',
      examples: ['vmvc questions', 'vmvc questions --format yaml > answers.yaml    # a template to fill in', 'vmvc --rules policy.yaml questions --format markdown'],
      options: [format([...FORMAT_NAMES, 'yaml'])],
      load: () => import('./questions.js'),
    },
    {
      name: 'table',
      description: 'print the VM-vs-container comparison table with its sources',
      examples: ['vmvc table', 'vmvc table --format markdown >> "$GITHUB_STEP_SUMMARY"', "vmvc table --format json | jq '.rows[].aspect'"],
      options: [format(FORMAT_NAMES)],
      load: () => import('./table.js'),
    },
    {
      name: 'schema',
      args: '<name>',
      description: 'print the JSON Schema of the advice output, or of the config file',
      examples: ['vmvc schema advice > advice.schema.json', 'vmvc schema config > vmvc.config.schema.json'],
      options: [],
      load: () => import('./schema.js'),
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
      load: () => import('./completion.js'),
    },
    {
      name: 'rules',
      description: 'check rules files, print their JSON Schema, or show the effective rules',
      examples: ['vmvc rules validate policy.yaml', 'vmvc rules schema > rules.schema.json', 'vmvc --rules policy.yaml rules show'],
      options: [],
    },
    {
      name: 'validate',
      parent: 'rules',
      args: '[files...]',
      description: 'validate rules files (overlays on the built-in rules); with no file, the built-in rules',
      examples: ['vmvc rules validate', 'vmvc rules validate rules/examples/*.yaml'],
      options: [],
      load: async () => ({ run: (await import('./rules.js')).validate }),
    },
    {
      name: 'schema',
      parent: 'rules',
      description: 'print the JSON Schema of a rules file, or with --cases of a cases file (for editors)',
      examples: ['vmvc rules schema > rules.schema.json', 'vmvc rules schema --cases > cases.schema.json'],
      options: [{ flags: '--cases', description: 'the schema of a cases file (vmvc rules test) instead' }],
      load: async () => ({ run: (await import('./rules.js')).schema }),
    },
    {
      name: 'test',
      parent: 'rules',
      args: '[cases...]',
      description: 'run test cases (expected recommendations, rules, notes) against the rules in effect; with no file, the X.test.yaml beside each --rules file',
      examples: [
        'vmvc --rules policy/billing.yaml rules test --coverage',
        'vmvc rules test policy/billing.test.yaml --min-coverage 100',
        'vmvc --rules policy.yaml rules test --format junit > rules-test.xml',
      ],
      options: [
        format(['text', 'json', 'junit']),
        { flags: '--coverage', description: 'also report which rules fired, outcomes were reached, notes were shown and choices were used' },
        { flags: '--min-coverage <percent>', description: 'exit 1 when fewer than this percentage of the rules fired in some case' },
      ],
      exitCodes: false,
      load: () => import('./rules-test.js'),
    },
    {
      name: 'diff',
      parent: 'rules',
      args: '<base> <head>',
      description: 'compare the recommendation of two rules files (or "default") over every combination of answers, or over an inventory',
      examples: [
        'vmvc rules diff default policy.yaml',
        'vmvc rules diff main-policy.yaml policy.yaml --format markdown >> "$GITHUB_STEP_SUMMARY"',
        'vmvc rules diff main-policy.yaml policy.yaml --input inventory.csv',
      ],
      options: [format(['text', 'json', 'markdown']), { flags: '--input <file>', description: 'compare the recommendations for the workloads of a CSV or JSONL inventory instead' }],
      load: () => import('./rules-diff.js'),
    },
    {
      name: 'show',
      parent: 'rules',
      description: 'print the effective rules after --rules overlays',
      examples: ['vmvc --rules rules/examples/regulated-data.yaml rules show', 'vmvc rules show --format json'],
      options: [format(['yaml', 'json'], 'yaml')],
      load: async () => ({ run: (await import('./rules.js')).show }),
    },
  ];
}
