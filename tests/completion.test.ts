// Shell completion scripts (src/commands/completion.ts), run in real shells where installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vmvc } from './support/cli.js';
import { tempDir } from './support/temp.js';

const tmp = () => tempDir('vmvc-');

describe('shell completion', () => {
  const script = (shell: string) => vmvc(['completion', shell]).stdout;
  const complete = (words: string[]) => {
    const file = join(tmp(), 'vmvc.bash');
    writeFileSync(file, script('bash'));
    // A plain, non-interactive bash: no bash-completion package involved.
    return execFileSync(
      'bash',
      ['--norc', '--noprofile', '-c', `source "$1"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _vmvc_complete; printf '%s\\n' "\${COMPREPLY[@]}"`, 'bash', file],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    )
      .split('\n')
      .filter(Boolean);
  };
  it('bash completes `vmvc advise --isolation ` with the three values and unsure', () => {
    expect(complete(['vmvc', 'advise', '--isolation', ''])).toEqual(['standard', 'strong', 'multi-tenant', 'unsure']);
  });
  it('bash completes commands, flags and prefixes', () => {
    expect(complete(['vmvc', ''])).toEqual(expect.arrayContaining(['advise', 'table', 'completion', 'schema']));
    expect(complete(['vmvc', 'advise', '--host'])).toEqual(['--host-os']);
    expect(complete(['vmvc', 'advise', '--format', 'm'])).toEqual(['markdown']);
    expect(complete(['vmvc', 'completion', ''])).toEqual(['--help', 'bash', 'zsh', 'fish']);
  });
  it('bash script does not use bash-completion helpers', () => {
    expect(script('bash')).not.toMatch(/_init_completion|_get_comp_words_by_ref/);
  });
  it('zsh and fish scripts carry every question flag and its choices', () => {
    const zsh = script('zsh');
    const fish = script('fish');
    expect(zsh).toMatch(/^#compdef vmvc/);
    expect(zsh).toContain(`'--isolation[`);
    expect(zsh).toContain(':isolation:(standard strong multi-tenant unsure)');
    expect(fish).toContain(`complete -c vmvc -n '__fish_seen_subcommand_from advise' -l isolation -x -a 'standard strong multi-tenant unsure'`);
  });
  for (const shell of ['zsh', 'fish']) {
    const has = spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
    it.skipIf(!has)(`${shell} parses its script (skipped where ${shell} is not installed)`, () => {
      const file = join(tmp(), `vmvc.${shell}`);
      writeFileSync(file, script(shell));
      expect(spawnSync(shell, ['-n', file]).status).toBe(0);
    });
  }
  it('an unknown shell is a usage error', () => {
    const r = vmvc(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: shell must be one of bash, zsh, fish (got "tcsh")\n');
  });
});
