// The Action under attack: args in a YAML block, flags that would make the
// step pass without advice, glob characters in inputs, and usage errors that
// must still leave a summary and an ::error:: annotation.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '../support/action.js';
import { tempDir } from '../support/temp.js';

describe("the Action's inputs are data", () => {
  it('args in a YAML | block keep every line: --expect-firm on the second line still gates', () => {
    const workspace = tempDir('vmvc-workspace-');
    writeFileSync(join(workspace, 'partial.yaml'), 'delivery: "yes"\n');
    const { outputs, results } = runAction(workspace, { answers: 'partial.yaml', args: '--title "billing api"\n--expect-firm\n' });
    expect(results[0]!.status).toBe(1);
    expect(results[0]!.stderr).toMatch(/error: --expect-firm not met: container depends on/);
    expect(JSON.parse(outputs.json!).title).toBe('billing api');
  });
  it.each(['--version', '--help', '-o text', '--format=text', '--quiet'])('args %s is refused with an ::error:: and a summary, not a silent pass', (args) => {
    const workspace = tempDir('vmvc-workspace-');
    const { outputs, summary, results } = runAction(workspace, { args });
    expect(results[0]!.status).toBe(2);
    expect(results[0]!.stdout).toMatch(/^::error title=vmvc::args: (--version|--help|-o|--format|--quiet) cannot be used in the action/);
    expect(summary).toMatch(/^## vmvc: no advice\n\n> \[!CAUTION\]\n> args: /);
    expect(outputs.recommendation).toBeUndefined();
  });
  it('the rules input is taken as written: *.yaml is not expanded into the answers file beside it', () => {
    const workspace = tempDir('vmvc-workspace-');
    writeFileSync(join(workspace, 'answers.yaml'), 'delivery: "yes"\n');
    const { results, summary } = runAction(workspace, { rules: '*.yaml', answers: 'answers.yaml' });
    expect(results[0]!.status).toBe(2);
    expect(results[0]!.stderr).toContain('cannot read rules file *.yaml: no such file');
    expect(results[0]!.stdout).toContain('::error title=vmvc::cannot read rules file *.yaml: no such file');
    expect(summary).toContain('> cannot read rules file *.yaml: no such file');
  });
  it('a usage error leaves a summary and an ::error::; vmvc warns about nothing the action set', () => {
    const workspace = tempDir('vmvc-workspace-');
    writeFileSync(join(workspace, 'bad.yaml'), 'isolation: hihg\n');
    const { results, summary } = runAction(workspace, { answers: 'bad.yaml', title: 'api' });
    expect(results[0]!.status).toBe(2);
    expect(results[0]!.stdout).toMatch(/^::error title=vmvc \(api\)::answers file bad.yaml: isolation must be one of/);
    expect(summary).toMatch(/^## vmvc: api: no advice\n/);
    const ok = runAction(workspace, {});
    expect(ok.results[0]!.stderr).not.toMatch(/VMVC_|warning/);
  });
});
