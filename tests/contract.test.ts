// The contract CI scripts rely on: schema-checked JSON, markdown and step
// summaries, --expect, --answers, VMVC_* variables, --no-defaults, colour rules,
// closed pipes and shell completion.
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ADVICE_SCHEMA_VERSION as FROM_ADVICE } from '../src/advice.js';
import { ADVICE_SCHEMA_VERSION, adviceJsonSchema } from '../src/advice-schema.js';
import { colorLevel } from '../src/color.js';
import { BIN, ROOT, neutral, vmvc } from './support/cli.js';

const fixture = (p: string) => fileURLToPath(new URL(`./fixtures/${p}`, import.meta.url));
const committed = readFileSync(join(ROOT, 'schema/advice.schema.json'), 'utf8');
const tmp = () => mkdtempSync(join(tmpdir(), 'vmvc-'));

describe('JSON schema of the advice', () => {
  it('the committed schema file is what the zod types generate (run `npm run schema` after a shape change)', () => {
    expect(JSON.parse(committed)).toEqual(adviceJsonSchema());
  });
  it('a schema change comes with a new schemaVersion (pinned in tests/fixtures/schema-versions.json)', () => {
    const pinned = JSON.parse(readFileSync(fixture('schema-versions.json'), 'utf8'));
    expect(FROM_ADVICE).toBe(ADVICE_SCHEMA_VERSION);
    expect(createHash('sha256').update(committed).digest('hex')).toBe(pinned[String(ADVICE_SCHEMA_VERSION)]);
  });
  it('`vmvc schema advice` prints the committed schema', () => {
    const r = vmvc(['schema', 'advice']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(committed);
  });
  it('`vmvc schema nope` is a usage error', () => {
    const r = vmvc(['schema', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: schema name must be one of advice (got "nope")\n');
  });
  it('real outputs validate against it, and a wrong shape does not', () => {
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(committed));
    const cases = [
      neutral(),
      neutral({ 'workload-os': 'windows' }),
      neutral({ isolation: 'multi-tenant', delivery: 'yes' }),
      neutral({ 'workload-os': 'other', 'host-os': 'windows' }),
      ['--delivery', 'yes'],
    ];
    for (const args of cases) {
      const out = JSON.parse(vmvc(['advise', '--format', 'json', ...args]).stdout);
      expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
      expect(validate({ ...out, extra: 1 })).toBe(false);
      expect(validate({ ...out, schemaVersion: 99 })).toBe(false);
    }
  });
});

describe('markdown and step summaries', () => {
  it('markdown has the headline, reasons, notes, assumed answers and the table', () => {
    const r = vmvc(['advise', '-o', 'markdown', '--host-os', 'windows', '--delivery', 'yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^## vmvc: Run it in a container \(`container`\)/);
    expect(r.stdout).toMatch(/### Why\n\n- Shipping an app/);
    expect(r.stdout).toMatch(/### Notes\n\n- On a Windows host.*WSL 2/);
    expect(r.stdout).toMatch(/### Assumed answers[^]*- `--isolation standard`/);
    expect(r.stdout).toMatch(/\| Aspect \| Virtual machine \| Container \| Sources \|\n\|---\|---\|---\|---\|/);
    expect(r.stdout).toMatch(/\| \*\*▶ Typical uses\*\* \|/);
  });
  it('table --format markdown is a GitHub table', () => {
    const r = vmvc(['table', '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('| ')).length).toBe(11);
  });
  it('--step-summary appends the markdown to $GITHUB_STEP_SUMMARY and still prints the chosen format', () => {
    const file = join(tmp(), 'summary.md');
    writeFileSync(file, '# earlier step\n');
    const r = vmvc(['advise', '--format', 'json', '--delivery', 'yes', '--step-summary'], { env: { GITHUB_STEP_SUMMARY: file } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).recommendation).toBe('container');
    const written = readFileSync(file, 'utf8');
    expect(written.startsWith('# earlier step\n## vmvc: Run it in a container')).toBe(true);
  });
  it('--step-summary without GITHUB_STEP_SUMMARY exits 2 before printing anything', () => {
    const r = vmvc(['advise', '--step-summary']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: --step-summary needs GITHUB_STEP_SUMMARY to name a file (GitHub Actions sets it)\n');
  });
  it('--step-summary into an unwritable path exits 2', () => {
    const r = vmvc(['advise', '--step-summary'], { env: { GITHUB_STEP_SUMMARY: tmp() } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: --step-summary: cannot write .*: EISDIR\n$/);
  });
});

describe('--expect', () => {
  it('exits 0 when met', () => {
    expect(vmvc(['advise', '--delivery', 'yes', '--expect', 'container']).code).toBe(0);
  });
  it('prints as usual, then exits 1 with one stderr line when not met', () => {
    const r = vmvc(['advise', '--format', 'json', '--workload-os', 'windows', '--expect', 'container']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).recommendation).toBe('vm');
    expect(r.stderr).toBe('error: --expect container not met: vmvc recommends vm\n');
  });
  it('an unknown outcome is a usage error with a suggestion', () => {
    const r = vmvc(['advise', '--expect', 'containers']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --expect must be one of container, containers-in-vm, vm (got "containers"); did you mean "container"?\n');
  });
});

describe('answers from files, stdin and the environment', () => {
  const json = (args: string[], env?: NodeJS.ProcessEnv, input?: string) => {
    const r = vmvc(['advise', '--format', 'json', ...args], { env, input });
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout);
  };
  it.each(['saas.yaml', 'saas.json'])('reads %s', (name) => {
    const out = json(['--answers', fixture(`answers/${name}`)]);
    expect(out.recommendation).toBe('containers-in-vm');
    expect(out.answerOrigins).toMatchObject({ isolation: 'file', delivery: 'file', 'host-os': 'default' });
  });
  it('reads - from stdin', () => {
    const out = json(['--answers', '-'], {}, readFileSync(fixture('answers/saas.yaml'), 'utf8'));
    expect(out.recommendation).toBe('containers-in-vm');
  });
  it('precedence: flags > environment > answers file > defaults', () => {
    const out = json(['--answers', fixture('answers/saas.yaml'), '--isolation', 'standard'], {
      VMVC_ISOLATION: 'strong',
      VMVC_DELIVERY: 'no',
      VMVC_HOST_OS: 'windows',
    });
    expect(out.answers).toMatchObject({ isolation: 'standard', delivery: 'no', 'host-os': 'windows', lifecycle: 'ephemeral', density: 'no' });
    expect(out.answerOrigins).toMatchObject({ isolation: 'flag', delivery: 'env', 'host-os': 'env', lifecycle: 'file', density: 'default' });
  });
  it.each([
    ['answers/typo-key.yaml', /^error: answers file .*typo-key\.yaml: unknown question "hots-os" \(did you mean "host-os"\?\); questions are host-os, workload-os, /],
    ['answers/bad-value.yaml', /^error: answers file .*bad-value\.yaml: isolation must be one of standard, strong, multi-tenant \(got "paranoid"\)\n$/],
    ['answers/list.yaml', /^error: answers file .*list\.yaml: expected a map of question id to choice/],
    ['answers/missing.yaml', /^error: cannot read answers file .*missing\.yaml: no such file\n$/],
  ])('%s exits 2 with one line', (name, message) => {
    const r = vmvc(['advise', '--answers', fixture(name)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('a broken answers file names the syntax error', () => {
    const r = vmvc(['advise', '--answers', '-'], { input: '{ "isolation": ' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: answers from stdin: not valid YAML or JSON: /);
  });
  it('a bad VMVC_* value names the variable', () => {
    const r = vmvc(['advise'], { env: { VMVC_HOST_OS: 'win' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: VMVC_HOST_OS must be one of linux, windows, macos (got "win")\n');
  });
});

describe('--no-defaults', () => {
  it('lists every missing flag and exits 2', () => {
    const r = vmvc(['advise', '--no-defaults', '--host-os', 'linux', '--isolation', 'strong'], { env: { VMVC_DELIVERY: 'yes' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: --no-defaults: no answer for --workload-os, --custom-kernel, --density, --startup, --lifecycle, --hardware-emulation, --portability; give them as flags, VMVC_* variables or in --answers\n',
    );
  });
  it('passes when everything is answered', () => {
    const r = vmvc(['advise', '--no-defaults', '--format', 'json', ...neutral()]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).assumed).toEqual([]);
  });
});

describe('colour', () => {
  const esc = /\x1b\[/;
  it.each([
    [{ flag: true, env: {}, isTTY: true }, 1],
    [{ flag: true, env: {}, isTTY: false }, 0],
    [{ flag: false, env: { FORCE_COLOR: '1' }, isTTY: true }, 0],
    [{ flag: true, env: { NO_COLOR: '1', FORCE_COLOR: '1' }, isTTY: true }, 0],
    [{ flag: true, env: { NO_COLOR: '' }, isTTY: true }, 1],
    [{ flag: true, env: { FORCE_COLOR: '1' }, isTTY: false }, 1],
    [{ flag: true, env: { FORCE_COLOR: '0' }, isTTY: true }, 0],
    [{ flag: true, env: { FORCE_COLOR: '3', TERM: 'dumb' }, isTTY: false }, 3],
    [{ flag: true, env: { TERM: 'dumb' }, isTTY: true }, 0],
    [{ flag: true, env: { TERM: 'xterm-256color' }, isTTY: true }, 2],
  ] as const)('%o -> level %i', (input, level) => {
    expect(colorLevel({ ...input, env: { ...input.env } })).toBe(level);
  });
  it('FORCE_COLOR colours a pipe; NO_COLOR and --no-color win over it', () => {
    expect(vmvc(['table'], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(esc);
    expect(vmvc(['table'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toMatch(esc);
    expect(vmvc(['table', '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(esc);
    expect(vmvc(['advise', '--format', 'json'], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(esc);
  });
});

describe('closed pipes', () => {
  it('`vmvc table | head -1` exits 0 with nothing on stderr', () => {
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', `node ${JSON.stringify(BIN)} table | head -1; echo "status=\${PIPESTATUS[0]}" >&2`], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(r.stdout.split('\n')[0]).toMatch(/^┌/);
    expect(r.stderr).toBe('status=0\n');
  });
  it('`vmvc advise | head -0` exits 0 with nothing on stderr', () => {
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', `node ${JSON.stringify(BIN)} advise | head -0; echo "status=\${PIPESTATUS[0]}" >&2`], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(r.stderr).toBe('status=0\n');
  });
});

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
  it('bash completes `vmvc advise --isolation ` with the three values', () => {
    expect(complete(['vmvc', 'advise', '--isolation', ''])).toEqual(['standard', 'strong', 'multi-tenant']);
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
    expect(zsh).toContain(':isolation:(standard strong multi-tenant)');
    expect(fish).toContain(`complete -c vmvc -n '__fish_seen_subcommand_from advise' -l isolation -x -a 'standard strong multi-tenant'`);
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
