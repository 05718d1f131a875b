// Shell completion scripts (src/commands/completion.ts), run in real shells where installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, vmvc } from './support/cli.js';
import { tempDir } from './support/temp.js';

const tmp = () => tempDir('vmvc-');

describe('shell completion', () => {
  const script = (shell: string) => vmvc(['completion', shell]).stdout;
  const complete = (words: string[], cwd?: string) => {
    const file = join(tmp(), 'vmvc.bash');
    writeFileSync(file, script('bash'));
    // A plain, non-interactive bash: no bash-completion package involved.
    return execFileSync(
      'bash',
      ['--norc', '--noprofile', '-c', `source "$1"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _vmvc_complete; printf '%s\\n' "\${COMPREPLY[@]}"`, 'bash', file],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd },
    )
      .split('\n')
      .filter(Boolean);
  };
  it('bash completes `vmvc advise --isolation ` with the three values and unsure', () => {
    expect(complete(['vmvc', 'advise', '--isolation', ''])).toEqual(['standard', 'strong', 'multi-tenant', 'unsure']);
  });
  it('bash completes commands, flags and prefixes', () => {
    expect(complete(['vmvc', ''])).toEqual(['advise', 'scan', 'detect', 'questions', 'table', 'schema', 'completion', 'rules']);
    expect(complete(['vmvc', 'advise', '--host'])).toEqual(['--host-os']);
    expect(complete(['vmvc', 'advise', '--format', 'm'])).toEqual(['markdown']);
    expect(complete(['vmvc', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
  });
  it('bash: subcommands, file names (as file names: bash quotes them and marks directories), and options after a global --rules FILE', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'policies'));
    writeFileSync(join(dir, 'policy.yaml'), '');
    const at = (words: string[]) => complete(words, dir);
    expect(at(['vmvc', 'rules', ''])).toEqual(['validate', 'schema', 'test', 'diff', 'show']);
    expect(at(['vmvc', '--rules', 'pol'])).toEqual(['policies', 'policy.yaml']);
    expect(at(['vmvc', 'rules', 'validate', 'p'])).toEqual(['policies', 'policy.yaml']);
    expect(at(['vmvc', 'rules', 'diff', ''])).toEqual(['default', 'policies', 'policy.yaml']);
    expect(at(['vmvc', '--rules', 'policy.yaml', 'advise', '--iso'])).toEqual(['--isolation']);
    expect(at(['vmvc', '--rules', 'policy.yaml', 'rules', 'test', '--min'])).toEqual(['--min-coverage']);
    expect(at(['vmvc', 'advise', '--answers', 'policy.y'])).toEqual(['policy.yaml']);
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
    expect(fish).toContain(`complete -c vmvc -n '__vmvc_at advise' -l isolation -x -a 'standard strong multi-tenant unsure'`);
  });
  for (const shell of ['zsh', 'fish']) {
    const has = spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
    it.skipIf(!has)(`${shell} parses its script (skipped where ${shell} is not installed)`, () => {
      const file = join(tmp(), `vmvc.${shell}`);
      writeFileSync(file, script(shell));
      expect(spawnSync(shell, ['-n', file]).status).toBe(0);
    });
  }
  const hasFish = spawnSync('sh', ['-c', 'command -v fish']).status === 0;
  it.skipIf(!hasFish)('fish completes the same things (skipped where fish is not installed)', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'policies'));
    writeFileSync(join(dir, 'policy.yaml'), '');
    writeFileSync(join(dir, 'vmvc.fish'), script('fish'));
    const fish = (line: string) =>
      execFileSync('fish', ['--no-config', '-c', `source vmvc.fish; complete -C ${JSON.stringify(line)}`], { cwd: dir, encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]);
    expect(fish('vmvc rules ')).toEqual(['diff', 'schema', 'show', 'test', 'validate']);
    expect(fish('vmvc --rules pol')).toEqual(['policies/', 'policy.yaml']);
    expect(fish('vmvc rules validate p')).toEqual(['policies/', 'policy.yaml']);
    expect(fish('vmvc --rules policy.yaml advise --iso')).toEqual(['--isolation']);
    expect(fish('vmvc advise --isolation ')).toEqual(['multi-tenant', 'standard', 'strong', 'unsure']);
    expect(fish('vmvc completion ')).toEqual(['bash', 'fish', 'zsh']);
  });

  // zsh completes only in an interactive shell with its completion system loaded: run one under tmux.
  const hasZsh = spawnSync('sh', ['-c', 'command -v zsh && command -v tmux']).status === 0;
  it.skipIf(!hasZsh)('zsh completes the same things, typed at a real zsh prompt (skipped without zsh and tmux)', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'functions'));
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'policies'));
    writeFileSync(join(dir, 'policy.yaml'), '');
    writeFileSync(join(dir, 'functions', '_vmvc'), script('zsh'));
    writeFileSync(join(dir, 'bin', 'vmvc'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`, { mode: 0o755 });
    writeFileSync(join(dir, '.zshrc'), [`PS1='%% '`, `fpath=(${dir}/functions $fpath)`, `path=(${dir}/bin $path)`, 'autoload -U compinit && compinit -u -D'].join('\n') + '\n');
    const socket = `vmvc-zsh-${process.pid}`;
    const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
    const pause = () => new Promise((r) => setTimeout(r, 50));
    const screen = () => tmux('capture-pane', '-p', '-t', 'z').stdout;
    /** Polls the screen until `want` shows on it; the deadline only ends a hang. */
    const until = async (want: (text: string) => boolean, what: string): Promise<string> => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const text = screen();
        if (want(text)) return text;
        if (Date.now() > deadline) throw new Error(`zsh never showed ${what}; the screen was:\n${text}`);
        await pause();
      }
    };
    try {
      tmux('new-session', '-d', '-s', 'z', '-x', '150', '-y', '40', `cd ${JSON.stringify(dir)} && ZDOTDIR=${JSON.stringify(dir)} exec zsh -i`);
      /** Clears the screen, types `line` and Tab, and waits until the screen shows `want`. */
      const typed = async (line: string, want: RegExp): Promise<string> => {
        tmux('send-keys', '-t', 'z', 'C-u', 'clear', 'Enter');
        await until((t) => t.trim() === '%', 'a clear prompt');
        tmux('send-keys', '-t', 'z', '-l', line);
        tmux('send-keys', '-t', 'z', 'Tab');
        return until((t) => want.test(t), String(want));
      };
      expect(await typed('vmvc rules ', /diff +-- compare[\s\S]*validate +-- validate/)).toBeTruthy();
      expect(await typed('vmvc --rules pol', /policies\/[\s\S]*policy\.yaml|% vmvc --rules polic/)).toBeTruthy();
      expect(await typed('vmvc --rules policy.yaml advise --iso', /% vmvc --rules policy\.yaml advise --isolation/)).toBeTruthy();
      expect(await typed('vmvc advise --isolation ', /multi-tenant +standard +strong +unsure/)).toBeTruthy();
      expect(await typed('vmvc rules validate policy.y', /% vmvc rules validate policy\.yaml/)).toBeTruthy();
    } finally {
      tmux('kill-server');
    }
  }, 180_000);

  it('an unknown shell is a usage error', () => {
    const r = vmvc(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: shell must be one of bash, zsh, fish (got "tcsh")\n');
  });
});
