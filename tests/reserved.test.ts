// Question ids a rules file may not use, derived from the command table: every
// long option of every command (read back from the built commander program),
// the key commander stores a --no-X option under, and the no- prefix.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/program.js';
import { builtinRules } from '../src/rules/builtin.js';
import { runInProcess } from './support/inprocess.js';
import { tempDir } from './support/temp.js';
import { vmvc } from './support/cli.js';
import type { Command } from 'commander';
import type { Io } from '../src/io.js';

const dir = tempDir('vmvc-reserved-');
function overlay(id: string): string {
  const file = join(dir, `${id}.yaml`);
  writeFileSync(
    file,
    ['extends: default', 'questions:', `  - id: ${id}`, '    prompt: Does it need this?', '    help: Some help.', '    choices: [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }]', '    default: "no"', '    sources: []', ''].join('\n'),
  );
  return file;
}

/** Every long option of every command of the program as built, --help and --version included. */
async function everyLongOption(): Promise<string[]> {
  const rules = await builtinRules();
  const program = buildProgram({ rules, io: {} as Io, setExit: () => {}, streams: process, needsOptions: () => true });
  const longs = new Set<string>();
  const walk = (cmd: Command) => {
    for (const o of cmd.options) if (o.long) longs.add(o.long.slice(2));
    longs.add('help');
    cmd.commands.forEach(walk);
  };
  walk(program);
  // Question flags are the rules' own questions, not vmvc's options.
  for (const q of rules.questions) longs.delete(q.id);
  return [...longs].sort();
}

describe('a question named like an option', () => {
  it('every long option of every command is refused by rules validate and by --rules, at the id, exit 2', async () => {
    const longs = await everyLongOption();
    // The walk really sees the options of subcommands and the global ones.
    expect(longs).toEqual(expect.arrayContaining(['title', 'save-answers', 'expect-firm', 'quiet', 'config', 'no-config', 'min-coverage', 'cases', 'version', 'help', 'ascii']));
    for (const long of longs) {
      const file = overlay(long);
      const v = await runInProcess(['rules', 'validate', file]);
      expect(v.code, long).toBe(2);
      expect(v.stdout, long).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:5 questions\\[0\\]\\.id: `));
      const a = await runInProcess(['--rules', file, 'advise', '--no-input', '-q']);
      expect(a.code, long).toBe(2);
      expect(a.stderr, long).toMatch(/^error: invalid rules: .*:3:5 questions\[0\]\.id: .*choose another id\n$/);
    }
  });
  it('says which option owns the id, and why no- is refused', () => {
    const title = overlay('title');
    expect(vmvc(['rules', 'validate', title]).stdout).toBe(`${title}:3:5 questions[0].id: "title" is taken by vmvc's own option --title (advise); choose another id\n`);
    const gpu = overlay('no-gpu');
    const r = vmvc(['--rules', gpu, 'advise', '--no-gpu', 'yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: invalid rules: ${gpu}:3:5 questions[0].id: question ids may not begin with "no-": the flag --no-gpu would read as turning off --gpu; choose another id\n`);
    // The inventory's columns for a row's repository and for where it runs today are not answers either.
    for (const [id, what] of [['repo', "the inventory column naming a workload's repository to scan"], ['placement', 'the inventory column for where a workload runs today']]) {
      const file = overlay(id!);
      expect(vmvc(['rules', 'validate', file]).stdout).toBe(`${file}:3:5 questions[0].id: "${id}" is ${what}; choose another id\n`);
    }
    const defaults = overlay('defaults');
    expect(vmvc(['rules', 'validate', defaults]).stdout).toContain('"defaults" is taken by vmvc\'s own option --no-defaults (advise)');
  });
  it('an id no option owns is accepted and becomes a flag', () => {
    const gpu = overlay('gpu');
    expect(vmvc(['rules', 'validate', gpu]).code).toBe(0);
    const r = vmvc(['--rules', gpu, 'advise', '--gpu', 'yes', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).answers.gpu).toBe('yes');
  });
});
