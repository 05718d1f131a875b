// action.yml run as the GitHub runner runs a composite action: each `run:` step
// with its ${{ inputs.* }} and ${{ github.action_path }} expressions substituted,
// under `bash --noprofile --norc -eo pipefail`, with GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY, GITHUB_ACTION_PATH and GITHUB_ACTIONS=true set.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { action, runAction } from './support/action.js';
import { ROOT } from './support/cli.js';
import { tempDir } from './support/temp.js';

const ANSWERS = ['host-os: linux', 'workload-os: windows', 'custom-kernel: "no"', 'isolation: standard', 'delivery: "yes"', 'density: "no"', 'startup: any', 'lifecycle: ephemeral', 'hardware-emulation: "no"', 'portability: "no"'].join('\n') + '\n';

describe('the GitHub Action (action.yml)', () => {
  it('is a composite action whose every step runs in bash, and none installs or builds anything', () => {
    expect(action.runs.using).toBe('composite');
    for (const step of action.runs.steps) {
      expect(step.shell).toBe('bash');
      expect(step.run).not.toMatch(/\b(npm|npx|pnpm|yarn)\b/);
    }
  });

  it('runs the committed bundle, action/vmvc.cjs, which is what the sources build today', () => {
    // scripts/build-action.mjs names no commit, so the same sources give the same bytes.
    const fresh = join(tempDir('vmvc-action-bundle-'), 'vmvc.cjs');
    const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build-action.mjs'), fresh], { cwd: ROOT, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    expect(readFileSync(fresh, 'utf8') === readFileSync(join(ROOT, 'action/vmvc.cjs'), 'utf8'), 'action/vmvc.cjs is stale: run npm run build:action and commit it').toBe(true);
  });

  it('answers from a copy of the repository with no node_modules and no build, as a runner checks it out', () => {
    const copy = tempDir('vmvc-action-copy-');
    const files = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    for (const file of files) {
      if (!existsSync(join(ROOT, file))) continue;
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      copyFileSync(join(ROOT, file), join(copy, file));
    }
    expect(existsSync(join(copy, 'node_modules'))).toBe(false);
    expect(existsSync(join(copy, 'dist'))).toBe(false);
    const workspace = tempDir('vmvc-workspace-');
    writeFileSync(join(workspace, 'workload.yaml'), ANSWERS);
    const { outputs, results } = runAction(workspace, { answers: 'workload.yaml' }, copy);
    expect(results.map((r) => r.status)).toEqual([0]);
    expect(outputs.recommendation).toBe('containers-in-vm');
  });

  it('sets recommendation, confidence and json, and writes a step summary worth reading', () => {
    const workspace = tempDir('vmvc-workspace-');
    mkdirSync(join(workspace, 'service'));
    writeFileSync(join(workspace, 'service', 'workload.yaml'), ANSWERS);
    const { outputs, summary, results } = runAction(workspace, { answers: 'workload.yaml', 'working-directory': 'service', expect: 'containers-in-vm', title: 'billing-api', args: '--no-defaults --expect-firm' });
    expect(results.map((r) => r.status)).toEqual([0]);
    expect(outputs.recommendation).toBe('containers-in-vm');
    expect(outputs.confidence).toBe('firm');
    const advice = JSON.parse(outputs.json!);
    expect(advice).toMatchObject({ recommendation: 'containers-in-vm', title: 'billing-api', assumed: [] });
    expect(summary).toMatch(/^## vmvc: billing-api: Run it as containers inside a VM \(`containers-in-vm`\)\n/);
    expect(summary).toContain('| `workload-os` | `windows` | file |');
    expect(summary).toContain('<details><summary>VM or container? The comparison table and its sources</summary>');
    expect(summary).not.toContain('--expect not met');
  });

  it('an inventory input writes SARIF for upload-sarif (output sarif) and a portfolio summary with the drift', () => {
    const workspace = tempDir('vmvc-workspace-');
    writeFileSync(join(workspace, 'estate.csv'), 'name,workload-os,current\nweb,windows,container\napi,linux,container\n');
    const { outputs, summary, results } = runAction(workspace, { inventory: 'estate.csv', title: 'estate' });
    expect(results.map((r) => r.status)).toEqual([0]);
    const log = JSON.parse(readFileSync(outputs.sarif!, 'utf8'));
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.map((r: { ruleId: string; message: { text: string } }) => [r.ruleId, r.message.text.split(' ')[0]])).toEqual([['drift-to-vm', 'web']]);
    expect(summary).toMatch(/^## vmvc: estate: portfolio of 2 workloads\n/);
    expect(summary).toContain('\n**Drift:** 1 of 2 rows that say where they run runs elsewhere than advised: 1 runs as container where virtual machine is advised\n');
    expect(outputs.recommendation).toBeUndefined();
    // --fail-on-drift in args fails the step, with an annotation, the SARIF still written.
    const drifting = runAction(workspace, { inventory: 'estate.csv', args: '--fail-on-drift' });
    expect(drifting.results.at(-1)!.status).toBe(1);
    expect(drifting.results.at(-1)!.stdout).toBe('::error title=vmvc::some workloads of estate.csv run elsewhere than advised (see the summary)\n');
    expect(JSON.parse(readFileSync(drifting.outputs.sarif!, 'utf8')).runs[0].results).toHaveLength(1);
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
    expect(results[0]!.status).toBe(1);
    expect(results[0]!.stderr).toContain('::error title=vmvc (payments)::--expect container not met: expected container, got containers-in-vm\n');
    expect(outputs.recommendation).toBe('containers-in-vm');
    expect(summary).toContain('> **--expect not met:** expected `container`, got `containers-in-vm`.');
  });
});
