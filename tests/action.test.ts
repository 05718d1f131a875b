// action.yml run as the GitHub runner runs a composite action: each `run:` step
// with its ${{ inputs.* }} and ${{ github.action_path }} expressions substituted,
// under `bash --noprofile --norc -eo pipefail`, with GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY, GITHUB_ACTION_PATH and GITHUB_ACTIONS=true set.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './support/cli.js';
import { tempDir } from './support/temp.js';

interface Step {
  name?: string;
  id?: string;
  shell: string;
  run: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};

/** Runs the action in `workspace` with `inputs`; returns its outputs (as the workflow sees them), the summary and each step's result. */
function runAction(workspace: string, inputs: Record<string, string>) {
  const values = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? ''])), ...inputs };
  const expand = (text: string) =>
    text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
      if (expr === 'github.action_path') return ROOT;
      const input = /^inputs\.([\w-]+)$/.exec(expr);
      if (input) return values[input[1]!] ?? '';
      throw new Error(`expression the test does not know: ${expr}`);
    });
  const runner = tempDir('vmvc-runner-');
  const files = { GITHUB_OUTPUT: join(runner, 'output'), GITHUB_STEP_SUMMARY: join(runner, 'summary') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const stepOutputs: Record<string, Record<string, string>> = {};
  const results: Array<{ status: number | null; stdout: string; stderr: string }> = [];
  for (const step of action.runs.steps) {
    writeFileSync(files.GITHUB_OUTPUT, '');
    const dir = expand(step['working-directory'] ?? '.');
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_WORKSPACE: workspace,
      ...files,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v)])),
    };
    const script = join(runner, 'step.sh');
    writeFileSync(script, expand(step.run));
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: isAbsolute(dir) ? dir : join(workspace, dir), env, encoding: 'utf8', timeout: 60_000 });
    results.push({ status: r.status, stdout: r.stdout, stderr: r.stderr });
    if (step.id) stepOutputs[step.id] = parseOutputs(readFileSync(files.GITHUB_OUTPUT, 'utf8'));
    if (r.status !== 0) break;
  }
  const outputs = Object.fromEntries(
    Object.entries(action.outputs).map(([name, o]) => {
      const [, id, key] = /steps\.([\w-]+)\.outputs\.([\w-]+)/.exec(o.value)!;
      return [name, stepOutputs[id!]?.[key!]];
    }),
  );
  return { outputs, summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'), results };
}

/** GITHUB_OUTPUT's format: `name=value` lines and `name<<DELIMITER` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const block = /^([\w-]+)<<(.+)$/.exec(lines[i]!);
    if (block) {
      const end = lines.indexOf(block[2]!, i + 1);
      out[block[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i]!.includes('=')) out[lines[i]!.slice(0, lines[i]!.indexOf('='))] = lines[i]!.slice(lines[i]!.indexOf('=') + 1);
  }
  return out;
}

const ANSWERS = ['host-os: linux', 'workload-os: windows', 'custom-kernel: "no"', 'isolation: standard', 'delivery: "yes"', 'density: "no"', 'startup: any', 'lifecycle: ephemeral', 'hardware-emulation: "no"', 'portability: "no"'].join('\n') + '\n';

describe('the GitHub Action (action.yml)', () => {
  it('is a composite action whose every step runs in bash', () => {
    expect(action.runs.using).toBe('composite');
    for (const step of action.runs.steps) expect(step.shell).toBe('bash');
  });

  it('sets recommendation, confidence and json, and writes a step summary worth reading', () => {
    const workspace = tempDir('vmvc-workspace-');
    mkdirSync(join(workspace, 'service'));
    writeFileSync(join(workspace, 'service', 'workload.yaml'), ANSWERS);
    const { outputs, summary, results } = runAction(workspace, { answers: 'workload.yaml', 'working-directory': 'service', expect: 'containers-in-vm', title: 'billing-api', args: '--no-defaults --expect-firm' });
    expect(results.map((r) => r.status)).toEqual([0, 0]);
    expect(outputs.recommendation).toBe('containers-in-vm');
    expect(outputs.confidence).toBe('firm');
    const advice = JSON.parse(outputs.json!);
    expect(advice).toMatchObject({ recommendation: 'containers-in-vm', title: 'billing-api', assumed: [] });
    expect(summary).toMatch(/^## vmvc: billing-api: Run it as containers inside a VM \(`containers-in-vm`\)\n/);
    expect(summary).toContain('| `workload-os` | `windows` | file |');
    expect(summary).toContain('<details><summary>VM or container? The comparison table and its sources</summary>');
    expect(summary).not.toContain('--expect not met');
  });

  it('a rules input applies overlays; an --expect that fails fails the step with an ::error:: annotation, outputs still set', () => {
    const workspace = tempDir('vmvc-workspace-');
    writeFileSync(join(workspace, 'workload.yaml'), ANSWERS.replace('workload-os: windows', 'workload-os: linux') + 'handles-card-data: "yes"\n');
    const { outputs, summary, results } = runAction(workspace, {
      answers: 'workload.yaml',
      rules: join(ROOT, 'rules/examples/regulated-data.yaml'),
      expect: 'container',
      title: 'payments',
    });
    expect(results[1]!.status).toBe(1);
    expect(results[1]!.stderr).toContain('::error title=vmvc (payments)::--expect container not met: expected container, got containers-in-vm\n');
    expect(outputs.recommendation).toBe('containers-in-vm');
    expect(summary).toContain('> **--expect not met:** expected `container`, got `containers-in-vm`.');
  });
});
