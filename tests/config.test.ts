// The project config file (src/config.ts): where it is found, what it may hold,
// its place in the precedence of answers, and its errors.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './support/cli.js';
import { tempDir } from './support/temp.js';

const REGULATED = join(ROOT, 'rules/examples/regulated-data.yaml');
const EDGE = join(ROOT, 'rules/examples/edge-fleet.yaml');

/** vmvc run in `cwd` with a clean environment plus `env`. */
function run(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A repository with a config at its root and a nested folder to run from. */
function repo(config: string, name = 'vmvc.config.yaml') {
  const root = tempDir('vmvc-repo-');
  mkdirSync(join(root, '.git'));
  mkdirSync(join(root, 'services', 'billing'), { recursive: true });
  writeFileSync(join(root, name), config);
  return { root, deep: join(root, 'services', 'billing') };
}

describe('the project config file', () => {
  it('is found from a subfolder; its overlays, answers and format apply, and answerOrigins says config', () => {
    const { root, deep } = repo(`rules: [${REGULATED}]\nanswers:\n  handles-card-data: true\n  delivery: "yes"\nformat: json\n`);
    const r = run(deep, ['advise', '--no-input']);
    expect(r.code).toBe(0);
    const advice = JSON.parse(r.stdout);
    // Card data needs a VM of its own; shipped as images, its containers run inside.
    expect(advice.recommendation).toBe('containers-in-vm');
    expect(advice.reasons.map((x: { rule: string }) => x.rule)).toContain('card-data-needs-dedicated-vm');
    expect(advice.answerOrigins).toMatchObject({ 'handles-card-data': 'config', delivery: 'config', 'host-os': 'default' });
    expect(advice.config).toBe(join(root, 'vmvc.config.yaml'));
  });
  it('precedence: flags > VMVC_* > --answers > config answers', () => {
    const { deep } = repo('answers:\n  host-os: windows\n  workload-os: windows\n  lifecycle: long-lived\n  delivery: "yes"\n');
    writeFileSync(join(deep, 'a.yaml'), 'host-os: macos\nworkload-os: linux\nlifecycle: ephemeral\n');
    const advice = JSON.parse(run(deep, ['advise', '--no-input', '--format', 'json', '--answers', 'a.yaml', '--host-os', 'linux'], { VMVC_WORKLOAD_OS: 'other' }).stdout);
    expect(advice.answers).toMatchObject({ 'host-os': 'linux', 'workload-os': 'other', lifecycle: 'ephemeral', delivery: 'yes' });
    expect(advice.answerOrigins).toMatchObject({ 'host-os': 'flag', 'workload-os': 'env', lifecycle: 'file', delivery: 'config' });
  });
  it('the search stops at the repository root; .vmvc.yaml is found too; --no-config and --config', () => {
    const outer = tempDir('vmvc-outer-');
    writeFileSync(join(outer, 'vmvc.config.yaml'), 'answers: { delivery: "yes" }\n');
    const inner = join(outer, 'project');
    mkdirSync(join(inner, '.git'), { recursive: true });
    expect(JSON.parse(run(inner, ['advise', '--no-input', '--format', 'json']).stdout).answerOrigins.delivery).toBe('default');
    writeFileSync(join(inner, '.vmvc.yaml'), 'answers: { density: "yes" }\n');
    expect(JSON.parse(run(inner, ['advise', '--no-input', '--format', 'json']).stdout).answerOrigins.density).toBe('config');
    expect(JSON.parse(run(inner, ['--no-config', 'advise', '--no-input', '--format', 'json']).stdout).answerOrigins.density).toBe('default');
    const named = JSON.parse(run(inner, ['--config', join(outer, 'vmvc.config.yaml'), 'advise', '--no-input', '--format', 'json']).stdout);
    expect(named.answerOrigins).toMatchObject({ delivery: 'config', density: 'default' });
  });
  it('text output names the config file; the expect default gates', () => {
    const { root, deep } = repo('expect: vm\n');
    const r = run(deep, ['advise', '--no-input']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Config file: ${join(root, 'vmvc.config.yaml')}`);
    // Said as the config file said it, not as a flag nobody typed.
    expect(r.stderr).toBe(`error: expect vm (${join(root, 'vmvc.config.yaml')}:1:1) not met: vmvc recommends container\n`);
  });
  it('problems are one line with the file, line and column', () => {
    const { root, deep } = repo('answers:\n  delivery: "yes"\nformats: json\n');
    expect(run(deep, ['advise']).stderr).toBe(`error: ${join(root, 'vmvc.config.yaml')}:3:1 formats: unknown key "formats"; a config file holds rules, answers, format, expect, scan and columns\n`);
    writeFileSync(join(root, 'vmvc.config.yaml'), 'format: yaml\n');
    expect(run(deep, ['table']).stderr).toMatch(/vmvc\.config\.yaml:1:1 format: Invalid option: expected one of "text"\|"json"/);
    writeFileSync(join(root, 'vmvc.config.yaml'), 'answers: { isolation: paranoid }\n');
    expect(run(deep, ['advise']).stderr).toBe(`error: ${join(root, 'vmvc.config.yaml')}:1:12 answers: isolation must be one of standard, strong, multi-tenant (or unsure) (got "paranoid")\n`);
  });
  it('VMVC_RULES adds overlays, after the config and before --rules', () => {
    const dir = tempDir('vmvc-');
    const r = run(dir, ['questions', '--format', 'json'], { VMVC_RULES: `${EDGE}:${REGULATED}` });
    const ids = JSON.parse(r.stdout).questions.map((q: { id: string }) => q.id);
    expect(ids).toEqual(expect.arrayContaining(['target-arch', 'handles-card-data']));
  });
  it('vmvc schema config prints the committed schema', () => {
    const r = run(ROOT, ['schema', 'config']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ $id: 'urn:vmvc:schema:config:v1', additionalProperties: false });
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'schema/config.schema.json'), 'utf8'));
  });
});
