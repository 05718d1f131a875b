/**
 * action.yml run as the GitHub runner runs a composite action: each `run:` step
 * with its ${{ inputs.* }} and ${{ github.action_path }} expressions substituted,
 * under `bash --noprofile --norc -eo pipefail`, with GITHUB_OUTPUT,
 * GITHUB_STEP_SUMMARY, GITHUB_ACTION_PATH and GITHUB_ACTIONS=true set.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './cli.js';
import { tempDir } from './temp.js';

interface Step {
  name?: string;
  id?: string;
  shell: string;
  run: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}
export const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};

/**
 * Runs the action in `workspace` with `inputs`, from `actionPath` (this repository, or a copy of it);
 * returns its outputs (as the workflow sees them), the summary and each step's result.
 */
export function runAction(workspace: string, inputs: Record<string, string>, actionPath = ROOT) {
  const values = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? ''])), ...inputs };
  const expand = (text: string) =>
    text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
      if (expr === 'github.action_path') return actionPath;
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
      GITHUB_ACTION_PATH: actionPath,
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: runner,
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

