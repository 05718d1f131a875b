/** `vmvc completion bash|zsh|fish`: scripts generated from the program's own option tables. */
import type { Command } from 'commander';
import { checkOneOf } from '../answers.js';
import { EXIT } from '../errors.js';
import { oneLine } from '../sanitize.js';
import type { CommandContext, Invocation } from '../io.js';
import { SCHEMA_NAMES } from '../advice.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

interface OptionInfo {
  long: string;
  short?: string;
  description: string;
  takesArg: boolean;
  choices?: string[];
  file: boolean;
}
interface CommandInfo {
  name: string;
  description: string;
  options: OptionInfo[];
  args: string[][];
}

/** What completion needs to know, read from the commander program. */
function describeProgram(program: Command): { global: OptionInfo[]; commands: CommandInfo[] } {
  const options = (cmd: Command): OptionInfo[] =>
    cmd.options
      .filter((o) => o.long)
      .map((o) => ({
        long: o.long!,
        short: o.short,
        description: oneLine(o.description),
        takesArg: o.required || o.optional,
        choices: o.argChoices,
        file: o.flags.includes('<file>'),
      }));
  const argChoices: Record<string, string[][]> = { schema: [[...SCHEMA_NAMES]], completion: [[...SHELLS]] };
  return {
    global: [...options(program), { long: '--help', description: 'show help', takesArg: false, file: false }],
    commands: program.commands.map((c) => ({
      name: c.name(),
      description: c.description(),
      options: [...options(c), { long: '--help', short: '-h', description: 'show help', takesArg: false, file: false }],
      args: argChoices[c.name()] ?? [],
    })),
  };
}

const words = (list: string[]) => list.join(' ');
const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The completion script for `shell`. */
export function completionScript(shell: Shell, program: Command): string {
  const info = describeProgram(program);
  return { bash, zsh, fish }[shell](info);
}

/** Plain bash: uses only COMP_WORDS/COMP_CWORD and compgen, no bash-completion helpers. */
function bash({ global, commands }: ReturnType<typeof describeProgram>): string {
  const valueCases: string[] = [];
  const commandCases: string[] = [];
  for (const c of commands) {
    for (const o of c.options.filter((o) => o.takesArg)) {
      const names = [o.long, o.short].filter(Boolean).map((n) => `${c.name}:${n}`).join('|');
      const reply = o.choices
        ? `COMPREPLY=( $(compgen -W ${sq(words(o.choices))} -- "$cur") )`
        : o.file
          ? `COMPREPLY=( $(compgen -f -- "$cur") )`
          : 'COMPREPLY=()';
      valueCases.push(`    ${names}) ${reply}; return 0 ;;`);
    }
    const argWords = c.args[0] ?? [];
    commandCases.push(
      `    ${c.name}) COMPREPLY=( $(compgen -W ${sq(words([...c.options.flatMap((o) => [o.long]), ...argWords]))} -- "$cur") ) ;;`,
    );
  }
  return `# vmvc completion for bash. Load it with: source <(vmvc completion bash)
_vmvc_complete() {
  local cur prev cmd i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev=""
  if [ "$COMP_CWORD" -gt 0 ]; then prev="\${COMP_WORDS[COMP_CWORD-1]}"; fi
  cmd=""
  for (( i = 1; i < COMP_CWORD; i++ )); do
    case "\${COMP_WORDS[i]}" in
      -*) ;;
      *) cmd="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$cmd:$prev" in
${valueCases.join('\n')}
  esac
  case "$cmd" in
    "") COMPREPLY=( $(compgen -W ${sq(words([...commands.map((c) => c.name), ...global.map((o) => o.long)]))} -- "$cur") ) ;;
${commandCases.join('\n')}
  esac
  return 0
}
complete -F _vmvc_complete vmvc
`;
}

function zsh({ commands }: ReturnType<typeof describeProgram>): string {
  const esc = (s: string) => s.replace(/[[\]:'\\]/g, (c) => (c === "'" ? `'\\''` : `\\${c}`));
  const fns = commands.map((c) => {
    const specs = c.options.map((o) => {
      const action = o.choices ? `:${o.long.slice(2)}:(${o.choices.join(' ')})` : o.file ? ':file:_files' : o.takesArg ? ':value:' : '';
      return `    '${o.long}[${esc(o.description)}]${action}'`;
    });
    const args = c.args.map((a, i) => `    '${i + 1}:${c.name}:(${a.join(' ')})'`);
    return `_vmvc_${c.name.replace(/-/g, '_')}() {\n  _arguments -s \\\n${[...specs, ...args].join(' \\\n')}\n}`;
  });
  return `#compdef vmvc
# vmvc completion for zsh. Save as _vmvc in a directory on $fpath.
${fns.join('\n\n')}

_vmvc() {
  local line state
  _arguments -C \\
    '--no-color[never colour output]' \\
    '(- *)'{-V,--version}'[print the version]' \\
    '(- *)'{-h,--help}'[show help]' \\
    '1:command:->command' \\
    '*::arg:->args'
  case $state in
    command)
      local -a cmds
      cmds=(
${commands.map((c) => `        '${c.name}:${esc(c.description)}'`).join('\n')}
      )
      _describe 'command' cmds ;;
    args)
      case $line[1] in
${commands.map((c) => `        ${c.name}) _vmvc_${c.name.replace(/-/g, '_')} ;;`).join('\n')}
      esac ;;
  esac
}

if [ "$funcstack[1]" = "_vmvc" ]; then _vmvc "$@"; else compdef _vmvc vmvc; fi
`;
}

function fish({ commands }: ReturnType<typeof describeProgram>): string {
  const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const lines = [
    '# vmvc completion for fish. Save as ~/.config/fish/completions/vmvc.fish',
    'complete -c vmvc -f',
    `complete -c vmvc -l no-color -d ${q('never colour output')}`,
  ];
  for (const c of commands) {
    lines.push(`complete -c vmvc -n __fish_use_subcommand -a ${c.name} -d ${q(c.description)}`);
    for (const o of c.options) {
      let line = `complete -c vmvc -n ${q(`__fish_seen_subcommand_from ${c.name}`)} -l ${o.long.slice(2)}`;
      if (o.short) line += ` -s ${o.short.slice(1)}`;
      if (o.choices) line += ` -x -a ${q(o.choices.join(' '))}`;
      else if (o.file) line += ' -r -F';
      else if (o.takesArg) line += ' -x';
      lines.push(`${line} -d ${q(o.description)}`);
    }
    for (const a of c.args) lines.push(`complete -c vmvc -n ${q(`__fish_seen_subcommand_from ${c.name}`)} -a ${q(a.join(' '))}`);
  }
  return lines.join('\n') + '\n';
}

export async function run({ args, program }: Invocation, { io }: CommandContext): Promise<number> {
  const shell = checkOneOf(args[0] ?? '', SHELLS, 'shell') as Shell;
  await io.out(completionScript(shell, program));
  return EXIT.ok;
}
