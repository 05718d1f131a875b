/** `vmvc completion bash|zsh|fish`: scripts generated from the program's own option tables. */
import type { Command } from 'commander';
import { checkOneOf } from '../answers.js';
import { EXIT } from '../errors.js';
import { oneLine } from '../sanitize.js';
import type { CommandContext, Invocation } from '../io.js';
import { COMMAND_TABLE, SHELLS, type Shell } from '../command-table.js';

interface OptionInfo {
  long: string;
  short?: string;
  description: string;
  takesArg: boolean;
  choices?: string[];
  file: boolean;
}
/** What a command's positional arguments complete to: fixed words, file names, or both. */
interface ArgInfo {
  words: string[];
  files: boolean;
}
interface CommandInfo {
  /** `advise`, or `rules validate` as ['rules', 'validate']. */
  path: string[];
  description: string;
  options: OptionInfo[];
  args?: ArgInfo;
  /** The subcommands of a group (`rules`). */
  subcommands: string[];
}
interface ProgramInfo {
  global: OptionInfo[];
  commands: CommandInfo[];
}

/** What completion needs to know, read from the commander program (every level of subcommands). */
function describeProgram(program: Command): ProgramInfo {
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
  // Positional arguments by command path: fixed words, or file names (rules and cases files).
  const argsOf: Record<string, ArgInfo> = Object.fromEntries(
    COMMAND_TABLE.filter((spec) => spec.args).map((spec) => [spec.parent ? `${spec.parent} ${spec.name}` : spec.name, { words: [...(spec.args!.words ?? [])], files: spec.args!.files === true }]),
  );
  const commands: CommandInfo[] = [];
  const walk = (cmd: Command, path: string[]) => {
    for (const c of cmd.commands) {
      const here = [...path, c.name()];
      commands.push({
        path: here,
        description: oneLine(c.description()),
        options: [...options(c), { long: '--help', short: '-h', description: 'show help', takesArg: false, file: false }],
        args: argsOf[here.join(' ')],
        subcommands: c.commands.map((s) => s.name()),
      });
      walk(c, here);
    }
  };
  walk(program, []);
  return { global: [...options(program), { long: '--help', description: 'show help', takesArg: false, file: false }], commands };
}

const words = (list: string[]) => list.join(' ');
const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
/** A command path as one shell word: `rules_validate`. */
const key = (path: string[]) => path.join('_');

/** The completion script for `shell`. */
export function completionScript(shell: Shell, program: Command): string {
  const info = describeProgram(program);
  return { bash, zsh, fish }[shell](info);
}

/**
 * Plain bash: uses only COMP_WORDS/COMP_CWORD and compgen, no bash-completion
 * helpers. It walks the words typed so far, skipping option values (so a global
 * `--rules FILE` before the command is passed over), to find the command path.
 */
function bash({ global, commands }: ProgramInfo): string {
  const valueCases: string[] = [];
  const wordCases: string[] = [];
  const steps: string[] = [];
  const valued = new Set<string>();
  const reply = (o: OptionInfo) => (o.choices ? `COMPREPLY=( $(compgen -W ${sq(words(o.choices))} -- "$cur") )` : o.file ? '_vmvc_files "$cur"' : 'COMPREPLY=()');
  for (const o of global.filter((o) => o.takesArg)) {
    valueCases.push(`    *:${o.long}) ${reply(o)}; return 0 ;;`);
    valued.add(o.long);
  }
  const top = commands.filter((c) => c.path.length === 1).map((c) => c.path[0]!);
  for (const c of commands) {
    steps.push(`      "${key(c.path.slice(0, -1))}:${c.path.at(-1)}") path=${key(c.path)} ;;`);
    for (const o of c.options.filter((o) => o.takesArg)) {
      valueCases.push(`    ${[o.long, o.short].filter(Boolean).map((n) => `${key(c.path)}:${n}`).join('|')}) ${reply(o)}; return 0 ;;`);
      for (const n of [o.long, o.short]) if (n) valued.add(n);
    }
    const flags = [...c.options.map((o) => o.long), ...global.filter((o) => o.long !== '--help').map((o) => o.long)];
    wordCases.push(`    ${key(c.path)}) _vmvc_offer "$cur" ${sq(words(flags))} ${sq(words([...c.subcommands, ...(c.args?.words ?? [])]))} ${c.args?.files ? 'files' : "''"} ;;`);
  }
  return `# vmvc completion for bash. Load it with: source <(vmvc completion bash)
# File names are offered as file names: bash quotes them and marks directories with a slash.
_vmvc_files() {
  local f
  [ "$2" = add ] || COMPREPLY=()
  while IFS= read -r f; do
    COMPREPLY+=("$f")
  done < <(compgen -f -- "$1")
  # As file names: bash quotes what it inserts (spaces, $, quotes stay part of the name, never run)
  # and marks directories with a slash and no space.
  compopt -o filenames 2>/dev/null
  return 0
}
# Options when the word starts with "-" (or nothing else fits); else subcommands, words and files.
_vmvc_offer() {
  if [[ "$1" == -* ]] || [ -z "$3$4" ]; then
    COMPREPLY=( $(compgen -W "$2" -- "$1") )
  else
    COMPREPLY=( $(compgen -W "$3" -- "$1") )
    if [ -n "$4" ]; then _vmvc_files "$1" add; fi
  fi
  return 0
}
_vmvc_complete() {
  local cur prev path i w skip
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev=""
  if [ "$COMP_CWORD" -gt 0 ]; then prev="\${COMP_WORDS[COMP_CWORD-1]}"; fi
  path=""
  skip=0
  for (( i = 1; i < COMP_CWORD; i++ )); do
    w="\${COMP_WORDS[i]}"
    if [ "$skip" = 1 ]; then skip=0; continue; fi
    case "$w" in
      ${[...valued].join('|')}) skip=1; continue ;;
      -*) continue ;;
    esac
    case "$path:$w" in
${steps.join('\n')}
    esac
  done
  case "$path:$prev" in
${valueCases.join('\n')}
  esac
  case "$path" in
    "") _vmvc_offer "$cur" ${sq(words(global.map((o) => o.long)))} ${sq(words(top))} '' ;;
${wordCases.join('\n')}
  esac
  return 0
}
complete -F _vmvc_complete vmvc
`;
}

/** zsh: one function per command path, nested `_arguments -C` for groups; global options everywhere. */
function zsh({ global, commands }: ProgramInfo): string {
  const esc = (s: string) => s.replace(/[[\]:'\\]/g, (c) => (c === "'" ? `'\\''` : `\\${c}`));
  const spec = (o: OptionInfo, repeat = false) => {
    const action = o.choices ? `:${o.long.slice(2)}:(${o.choices.join(' ')})` : o.file ? ':file:_files' : o.takesArg ? ':value:' : '';
    return `'${repeat ? '*' : ''}${o.long}[${esc(o.description)}]${action}'`;
  };
  const globals = global.filter((o) => o.long !== '--help').map((o) => spec(o, o.long === '--rules'));
  const fn = (path: string[]) => `_vmvc_${key(path).replace(/-/g, '_')}`;
  const describe = (name: string, list: CommandInfo[]) =>
    [`      local -a ${name}`, `      ${name}=(`, ...list.map((c) => `        '${c.path.at(-1)}:${esc(c.description)}'`), '      )', `      _describe '${name}' ${name} ;;`].join('\n');
  const fns = commands.map((c) => {
    const children = commands.filter((d) => d.path.length === c.path.length + 1 && d.path.slice(0, -1).join(' ') === c.path.join(' '));
    const specs = [...c.options.map((o) => spec(o)), ...globals];
    if (children.length) {
      return `${fn(c.path)}() {
  local curcontext="$curcontext" state line
  _arguments -C \\
${[...specs, `'1:subcommand:->sub'`, `'*::arg:->args'`].map((l) => `    ${l}`).join(' \\\n')}
  case $state in
    sub)
${describe('subcommands', children)}
    args)
      case $line[1] in
${children.map((d) => `        ${d.path.at(-1)}) ${fn(d.path)} ;;`).join('\n')}
      esac ;;
  esac
}`;
    }
    const args = c.args ? [`'*:${c.args.files ? 'file' : 'word'}:${c.args.files ? (c.args.words.length ? `{_files; compadd ${c.args.words.join(' ')}}` : '_files') : `(${c.args.words.join(' ')})`}'`] : [];
    return `${fn(c.path)}() {\n  _arguments -s \\\n${[...specs, ...args].map((l) => `    ${l}`).join(' \\\n')}\n}`;
  });
  const top = commands.filter((c) => c.path.length === 1);
  return `#compdef vmvc
# vmvc completion for zsh. Save as _vmvc in a directory on $fpath.
${fns.join('\n\n')}

_vmvc() {
  local curcontext="$curcontext" state line
  _arguments -C \\
${globals.map((g) => `    ${g}`).join(' \\\n')} \\
    '(- *)'{-V,--version}'[print the version]' \\
    '(- *)'{-h,--help}'[show help]' \\
    '1:command:->command' \\
    '*::arg:->args'
  case $state in
    command)
${describe('commands', top)}
    args)
      case $line[1] in
${top.map((c) => `        ${c.path[0]}) ${fn(c.path)} ;;`).join('\n')}
      esac ;;
  esac
}

if [ "$funcstack[1]" = "_vmvc" ]; then _vmvc "$@"; else compdef _vmvc vmvc; fi
`;
}

/** fish: conditions on the command path typed so far (a helper walks the words, skipping option values). */
function fish({ global, commands }: ProgramInfo): string {
  const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const valued = [...new Set([...global, ...commands.flatMap((c) => c.options)].filter((o) => o.takesArg).flatMap((o) => [o.long, o.short].filter(Boolean) as string[]))];
  const lines = [
    '# vmvc completion for fish. Save as ~/.config/fish/completions/vmvc.fish',
    '# __vmvc_path prints the command path typed so far (advise, rules validate), skipping option values.',
    'function __vmvc_path',
    '    set -l words (commandline -opc)',
    '    set -e words[1]',
    '    set -l path',
    '    set -l skip 0',
    '    for w in $words',
    '        if test $skip = 1',
    '            set skip 0',
    '            continue',
    '        end',
    `        if contains -- $w ${valued.join(' ')}`,
    '            set skip 1',
    '            continue',
    '        end',
    '        string match -q -- "-*" $w; and continue',
    '        set -l next (string join " " $path $w)',
    `        if contains -- $next ${commands.map((c) => q(c.path.join(' '))).join(' ')}`,
    '            set path $path $w',
    '        end',
    '    end',
    '    string join " " $path',
    'end',
    'function __vmvc_at',
    '    test (__vmvc_path) = "$argv"',
    'end',
    'complete -c vmvc -f',
  ];
  const optionLine = (o: OptionInfo, condition?: string) => {
    let line = `complete -c vmvc${condition ? ` -n ${q(condition)}` : ''} -l ${o.long.slice(2)}`;
    if (o.short) line += ` -s ${o.short.slice(1)}`;
    if (o.choices) line += ` -x -a ${q(o.choices.join(' '))}`;
    else if (o.file) line += ' -r -F';
    else if (o.takesArg) line += ' -x';
    return `${line} -d ${q(o.description)}`;
  };
  for (const o of global.filter((o) => o.long !== '--help')) lines.push(optionLine(o));
  for (const c of commands) {
    const parent = c.path.slice(0, -1).join(' ');
    lines.push(`complete -c vmvc -n ${q(`__vmvc_at ${parent}`)} -a ${c.path.at(-1)} -d ${q(c.description)}`);
    const at = `__vmvc_at ${c.path.join(' ')}`;
    for (const o of c.options) lines.push(optionLine(o, at));
    if (c.args?.words.length) lines.push(`complete -c vmvc -n ${q(at)} -a ${q(c.args.words.join(' '))}`);
    if (c.args?.files) lines.push(`complete -c vmvc -n ${q(at)} -F`);
  }
  return lines.join('\n') + '\n';
}

export async function run({ args, program }: Invocation, { io }: CommandContext): Promise<number> {
  const shell = checkOneOf(args[0] ?? '', SHELLS, 'shell') as Shell;
  await io.out(completionScript(shell, program));
  return EXIT.ok;
}
