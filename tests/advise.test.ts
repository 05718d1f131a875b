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
    expect(out.schemaVersion).toBe(2);
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
