// `vmvc advise` (src/commands/advise.ts): answers from flags, files, stdin and
// VMVC_* variables, --no-defaults, --expect, markdown and step summaries, --explain.
import { describe, expect, it } from 'vitest';
import { ROOT, adviceJson, neutral, vmvc } from './support/cli.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { tempDir } from './support/temp.js';

const json = (args: string[], env?: NodeJS.ProcessEnv) => adviceJson(args, { env });

const fixture = (p: string) => fileURLToPath(new URL(`./fixtures/${p}`, import.meta.url));
const tmp = () => tempDir('vmvc-');

describe('vmvc advise from flags', () => {
  it('prints one JSON object with the documented fields and nothing else', async () => {
    const out = await json(neutral({ 'workload-os': 'windows', lifecycle: 'long-lived' }));
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining(['schemaVersion', 'recommendation', 'reasons', 'notes', 'answers', 'assumed', 'unsure', 'confidence', 'dependsOn', 'flips', 'scores']),
    );
    expect(out.schemaVersion).toBe(5);
    expect(out.recommendation).toBe('vm');
    expect(out.reasons[0]).toMatchObject({ rule: 'windows-workload-off-windows', sources: expect.any(Array) });
    expect(out.reasons[0].text).toMatch(/Windows kernel/);
    expect(out.assumed).toEqual([]);
    expect(out.answers['host-os']).toBe('linux');
  });
  it('reports unanswered questions as assumed, with their defaults', async () => {
    const out = await json(['--delivery', 'yes']);
    expect(out.recommendation).toBe('container');
    expect(out.assumed).toContain('isolation');
    expect(out.assumed).not.toContain('delivery');
    expect(out.answers.isolation).toBe('standard');
  });
  it.each([
    [{ delivery: 'yes' }, 'container'],
    [{ 'workload-os': 'windows', lifecycle: 'long-lived' }, 'vm'],
    [{ isolation: 'multi-tenant', delivery: 'yes' }, 'containers-in-vm'],
    [{ 'custom-kernel': 'yes', lifecycle: 'long-lived' }, 'vm'],
    [{ 'host-os': 'windows', delivery: 'yes' }, 'container'],
    [{ isolation: 'strong', lifecycle: 'ephemeral' }, 'vm'],
  ])('%o -> %s', async (over, want) => {
    expect((await json(neutral(over))).recommendation).toBe(want);
  });
  it('text output has the headline, reasons, notes and the comparison table with a marked row', () => {
    const r = vmvc(['advise', '--no-input', ...neutral({ 'host-os': 'windows', delivery: 'yes' })]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Recommendation: Run it in a container \(container\)/);
    expect(r.stdout).toMatch(/Why\n {2}• \[\+8 container\] Shipping an app/);
    expect(r.stdout).toMatch(/Notes\n[^]*WSL 2/);
    expect(r.stdout).toMatch(/▶ Typical uses/);
    expect(r.stdout).not.toMatch(/\x1b\[/); // no colour into a pipe
  });
});

describe('markdown and step summaries', () => {
  it('markdown has the headline, reasons, notes, assumed answers and the table', () => {
    const r = vmvc(['advise', '-o', 'markdown', '--host-os', 'windows', '--delivery', 'yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^## vmvc: Run it in a container \(`container`\)/);
    expect(r.stdout).toMatch(/### Why\n\n- Shipping an app/);
    expect(r.stdout).toMatch(/### Notes\n\n- The Windows kernel cannot run Linux containers.*WSL 2/);
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
    expect(r.stderr).toMatch(/^error: --step-summary: cannot write .*: is a directory\n$/);
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
  const json = (args: string[], env?: NodeJS.ProcessEnv, input?: string) => adviceJson(args, { env, input });
  it.each(['saas.yaml', 'saas.json'])('reads %s', async (name) => {
    const out = await json(['--answers', fixture(`answers/${name}`)]);
    expect(out.recommendation).toBe('containers-in-vm');
    expect(out.answerOrigins).toMatchObject({ isolation: 'file', delivery: 'file', 'host-os': 'default' });
  });
  it('reads - from stdin', async () => {
    const out = await json(['--answers', '-'], {}, readFileSync(fixture('answers/saas.yaml'), 'utf8'));
    expect(out.recommendation).toBe('containers-in-vm');
  });
  it('precedence: flags > environment > answers file > defaults', async () => {
    const out = await json(['--answers', fixture('answers/saas.yaml'), '--isolation', 'standard'], {
      VMVC_ISOLATION: 'strong',
      VMVC_DELIVERY: 'no',
      VMVC_HOST_OS: 'windows',
    });
    expect(out.answers).toMatchObject({ isolation: 'standard', delivery: 'no', 'host-os': 'windows', lifecycle: 'ephemeral', density: 'no' });
    expect(out.answerOrigins).toMatchObject({ isolation: 'flag', delivery: 'env', 'host-os': 'env', lifecycle: 'file', density: 'default' });
  });
  it.each([
    ['answers/typo-key.yaml', /^error: answers file .*typo-key\.yaml: unknown question "hots-os" \(did you mean "host-os"\?\); questions are host-os, workload-os, /],
    ['answers/bad-value.yaml', /^error: answers file .*bad-value\.yaml: isolation must be one of standard, strong, multi-tenant \(or unsure\) \(got "paranoid"\)\n$/],
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
    const r = vmvc(['advise'], { env: { VMVC_HOST_OS: 'qnx' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: VMVC_HOST_OS must be one of linux, windows, macos (or unsure) (got "qnx")\n');
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

describe('advise --explain', () => {
  it('text shows every rule, why unfired ones failed, the points and each outcome', () => {
    const r = vmvc(['advise', '--no-input', '--explain', '--isolation', 'strong']);
    expect(r.stdout).toContain('How this was decided');
    expect(r.stdout).toContain('  ✔ strict-isolation-needs-vm: isolation is strong or multi-tenant');
    expect(r.stdout).toContain('  ✘ delivery-favours-containers: delivery is yes (answer: no)');
    expect(r.stdout).toContain('  ✘ windows-workload-off-windows: needs workload-os is windows and host-os is linux; failed on workload-os is windows (answer: linux)');
    expect(r.stdout).toContain('    containers-in-vm: gate-failed; container lead +2 is below the +6 it needs');
    expect(r.stdout).toContain('  → vm: chosen');
  });
  it('JSON carries a trace covered by the published schema', async () => {
    const out = await adviceJson(['--explain', '--workload-os', 'other', '--delivery', 'yes']);
    expect(out.trace.rules).toHaveLength(13);
    expect(out.trace.outcomes.find((o: { outcome: string }) => o.outcome === 'containers-in-vm')).toEqual({
      outcome: 'containers-in-vm',
      status: 'excluded',
      why: 'excluded by other-os-needs-vm',
    });
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'schema/advice.schema.json'), 'utf8')));
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('values are read the same way everywhere', () => {
  it('true/false mean yes/no for yes/no questions, in flags, variables, files and CSV rows', async () => {
    const viaFlag = await json(['--delivery', 'true', '--density', 'FALSE', '--no-input']);
    expect([viaFlag.answers.delivery, viaFlag.answers.density]).toEqual(['yes', 'no']);
    const viaEnv = await json(['--no-input'], { VMVC_DELIVERY: 'True' });
    expect(viaEnv.answers.delivery).toBe('yes');
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), 'delivery: "true"\ndensity: false\n');
    const viaFile = await json(['--answers', join(dir, 'a.yaml'), '--no-input']);
    expect([viaFile.answers.delivery, viaFile.answers.density]).toEqual(['yes', 'no']);
    writeFileSync(join(dir, 'rows.csv'), 'id,delivery,workload-os\nw1,true,Linux\nw2,FALSE,WIN\n');
    const rows = vmvc(['advise', '--input', join(dir, 'rows.csv')]).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => [r.recommendation, r.reasons.includes('delivery-favours-containers'), r.assumed.includes('delivery')])).toEqual([
      ['container', true, false],
      ['vm', false, false],
    ]);
  });
  it('choice ids in any case, and the aliases darwin, osx and win', async () => {
    expect((await json(['--host-os', 'MacOS', '--workload-os', 'Windows', '--no-input'])).answers).toMatchObject({ 'host-os': 'macos', 'workload-os': 'windows' });
    for (const alias of ['darwin', 'osx', 'OSX']) expect((await json(['--host-os', alias, '--no-input'])).answers['host-os']).toBe('macos');
    expect((await json(['--workload-os', 'win', '--no-input'])).answers['workload-os']).toBe('windows');
    // true/false are not read as yes/no for a question without those choices.
    expect(vmvc(['advise', '--isolation', 'true']).stderr).toBe('error: --isolation must be one of standard, strong, multi-tenant (or unsure) (got "true")\n');
  });
  it('a wrong value suggests the nearest choice, through its aliases too', () => {
    expect(vmvc(['advise', '--host-os', 'mac']).stderr).toBe('error: --host-os must be one of linux, windows, macos (or unsure) (got "mac"); did you mean "macos"?\n');
    expect(vmvc(['advise', '--host-os', 'osz']).stderr).toBe('error: --host-os must be one of linux, windows, macos (or unsure) (got "osz"); did you mean "macos"?\n');
  });
  it('an unknown VMVC_* variable is a one-line warning naming the nearest real one; the advice still comes', () => {
    const r = vmvc(['advise', '-q', '--no-input'], { env: { VMVC_HOST_SO: 'windows', VMVC_WHATEVER: 'x' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('container\n');
    expect(r.stderr).toBe(
      'vmvc: warning: VMVC_HOST_SO is not a variable vmvc reads; did you mean VMVC_HOST_OS?\n' +
        'vmvc: warning: VMVC_WHATEVER is not a variable vmvc reads; see vmvc questions for the ones it does\n',
    );
  });
});

describe('-q, --quiet and --save-answers', () => {
  it('-q prints only the recommendation id, for $(vmvc advise -q ...)', () => {
    const r = vmvc(['advise', '-q', '--workload-os', 'windows', '--no-input']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'vm\n', '']);
    expect(vmvc(['advise', '--quiet', '--format', 'json']).stderr).toBe('error: --quiet prints only the recommendation id; leave out --format, or leave out --quiet\n');
  });
  it('--save-answers writes every answer, prompts as comments, assumed ones commented out so they stay assumed; read back it agrees', async () => {
    const dir = tmp();
    const file = join(dir, 'answers.yaml');
    const saved = vmvc(['advise', '--no-input', '--format', 'json', '--workload-os', 'windows', '--isolation', 'unsure', '--delivery', 'yes', '--save-answers', file]);
    expect(saved.stderr).toBe(`vmvc: answers saved to ${file}\n`);
    const first = JSON.parse(saved.stdout);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# Which operating system or kernel does the workload itself need?\n# linux, windows, other, or unsure\nworkload-os: windows\n');
    expect(text).toContain('isolation: unsure\n');
    expect(text).toContain('# assumed: nobody answered, so this is the default\n# host-os: linux\n');
    expect(text).toContain('delivery: "yes"\n');
    const again = await json(['--answers', file, '--no-input']);
    expect(again.recommendation).toBe(first.recommendation);
    expect(again.answers).toEqual(first.answers);
    expect(again.unsure).toEqual(['isolation']);
    // What was assumed stays assumed: --no-defaults refuses it, as it refused the first run.
    expect(again.assumed).toEqual(first.assumed);
    expect(vmvc(['advise', '--answers', file, '--no-input', '--no-defaults']).code).toBe(2);
  });
  it('--save-answers says where it wrote, on stderr; stdout is the advice alone', () => {
    const file = join(tmp(), 'answers.yaml');
    const r = vmvc(['advise', '-q', '--no-input', '--workload-os', 'windows', '--save-answers', file]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'vm\n', `vmvc: answers saved to ${file}\n`]);
  });
  it('--save-answers refuses a directory and leaves no partial file behind', () => {
    const dir = tmp();
    const r = vmvc(['advise', '--no-input', '--save-answers', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: --save-answers: cannot write ${dir}: it is not a regular file\n`);
    const missing = join(dir, 'no', 'such', 'a.yaml');
    expect(vmvc(['advise', '--no-input', '--save-answers', missing]).stderr).toMatch(/^error: --save-answers: cannot write .*a\.yaml: /);
  });
});
