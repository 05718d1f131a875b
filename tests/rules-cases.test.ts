// `vmvc rules test` (src/policy/cases.ts, src/commands/rules-test.ts): cases that
// pass and fail, located errors for cases naming what does not exist, the
// formats, GitHub annotations and coverage; and the cases shipped with the rules.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { tempDir } from './support/temp.js';
import { join } from 'node:path';
import { ROOT, vmvc } from './support/cli.js';

const fixture = (name: string) => `tests/fixtures/cases/${name}`;

describe('vmvc rules test', () => {
  it('exit 1 when a case fails; each failure says what was expected and what happened, with FILE:LINE', () => {
    const r = vmvc(['rules', 'test', fixture('mixed.test.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        `✔ passes (${fixture('mixed.test.yaml')}:2)`,
        `✘ fails on the recommendation and a note (${fixture('mixed.test.yaml')}:5)`,
        '    expected recommendation container, got vm',
        '    expected rule strict-isolation-needs-vm not to fire; it fired',
        '    expected note two-layers to be shown; it was not',
        `✔ passes with a boolean answer (${fixture('mixed.test.yaml')}:8)`,
        '',
        '2 passed, 1 failed',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
  });
  it('under GitHub Actions, one ::error annotation per failed case with its file and line', () => {
    const r = vmvc(['rules', 'test', fixture('mixed.test.yaml')], { env: { GITHUB_ACTIONS: 'true' } });
    expect(r.stderr).toBe(
      `::error file=${fixture('mixed.test.yaml')},line=5::case "fails on the recommendation and a note": expected recommendation container, got vm; expected rule strict-isolation-needs-vm not to fire; it fired; expected note two-layers to be shown; it was not\n`,
    );
  });
  it('exit 2, nothing run, when a case names an unknown question, choice, rule, note or outcome: every problem located', () => {
    const r = vmvc(['rules', 'test', fixture('unknown-names.test.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const f = fixture('unknown-names.test.yaml');
    expect(r.stderr.split('\n')).toEqual([
      `${f}:3:16 cases[0].answers.isolaton: unknown question "isolaton"; did you mean "isolation"?`,
      `${f}:3:34 cases[0].answers.delivery: delivery must be one of no, yes (or unsure) (got "maybe")`,
      `${f}:5:7 cases[0].expect.recommendation: unknown outcome "containers"; outcomes are container, containers-in-vm, vm; did you mean "container"?`,
      `${f}:6:15 cases[0].expect.fired[0]: unknown rule "strict-isolation-need-vm"; did you mean "strict-isolation-needs-vm"?`,
      `${f}:7:15 cases[0].expect.notes[0]: unknown note "two-layer"; did you mean "two-layers"?`,
      'error: 5 problems in the cases files; no case was run',
      '',
    ]);
  });
  it('JSON and JUnit formats carry every case and its failures', () => {
    const json = JSON.parse(vmvc(['rules', 'test', fixture('mixed.test.yaml'), '--format', 'json']).stdout);
    expect(json).toMatchObject({ passed: 2, failed: 1 });
    expect(json.cases[1]).toMatchObject({ name: 'fails on the recommendation and a note', line: 5, passed: false, recommendation: 'vm' });
    const junit = vmvc(['rules', 'test', fixture('mixed.test.yaml'), '--format', 'junit']).stdout;
    expect(junit).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="vmvc rules test" tests="3" failures="1">/);
    expect(junit.match(/<testcase /g)).toHaveLength(3);
    expect(junit.match(/<failure message="expected recommendation container, got vm">/g)).toHaveLength(1);
  });
  it('coverage: which rules fired, outcomes were reached, notes were shown and choices were used', () => {
    const json = JSON.parse(vmvc(['rules', 'test', fixture('coverage.test.yaml'), '--format', 'json', '--coverage']).stdout);
    expect(json.coverage.rules.fired).toEqual(['strict-isolation-needs-vm', 'delivery-favours-containers', 'ephemeral-favours-containers', 'long-lived-favours-vm']);
    expect(json.coverage.rules.percent).toBe(30.7);
    expect(json.coverage.outcomes).toEqual({ reached: ['container', 'vm'], never: ['containers-in-vm'] });
    expect(json.coverage.notes.shown).toEqual([]);
    expect(json.coverage.choices.isolation).toEqual({ used: ['standard', 'strong'], unused: ['multi-tenant'] });
    const low = vmvc(['rules', 'test', fixture('coverage.test.yaml'), '--min-coverage', '50']);
    expect(low.code).toBe(1);
    expect(low.stderr).toMatch(/^error: --min-coverage 50: only 30.7% of the rules fired in a case \(never: windows-workload-off-windows, /);
    expect(vmvc(['rules', 'test', fixture('coverage.test.yaml'), '--min-coverage', '30']).code).toBe(0);
  });
  it("an overlay's coverage counts the rules it adds or changes (100% reachable with its own cases); --coverage-of all counts every rule", () => {
    const dir = tempDir('vmvc-coverage-');
    const overlay = join(dir, 'org.yaml');
    writeFileSync(
      overlay,
      [
        'extends: default',
        'rules:',
        '  - id: gpu-needs-vm',
        '    when: { hardware-emulation: "yes" }',
        '    effect: { require: vm }',
        '    reason: Our GPU passthrough needs a VM.',
        '    sources: [000_6dbfc1640b097832.txt]',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'org.test.yaml'), 'cases:\n  - name: emulated boards get a VM\n    answers: { hardware-emulation: "yes" }\n    expect: { fired: [gpu-needs-vm] }\n');
    const changed = vmvc(['--rules', overlay, 'rules', 'test', '--coverage', '--min-coverage', '100']);
    expect(changed.stderr).toBe('');
    expect(changed.code).toBe(0);
    expect(changed.stdout).toContain('\nCoverage of the rules the overlays add or change (--coverage-of all counts every rule): 1 of 1 fired (100%)\n');
    const all = vmvc(['--rules', overlay, 'rules', 'test', '--coverage-of', 'all', '--min-coverage', '100']);
    expect(all.code).toBe(1);
    expect(all.stderr).toMatch(/^error: --min-coverage 100: only \d+(\.\d)?% of the rules fired in a case \(never: windows-workload-off-windows, /);
    expect(JSON.parse(vmvc(['--rules', overlay, 'rules', 'test', '--coverage', '--format', 'json']).stdout).coverage.counted).toBe('changed');
  });
  it.each([
    [[]],
    [['--rules', 'rules/examples/edge-fleet.yaml']],
    [['--rules', 'rules/examples/regulated-data.yaml']],
  ])('the cases shipped with the rules pass at 100%% rule coverage: %j', (rules) => {
    const r = vmvc([...rules, 'rules', 'test', '--min-coverage', '100']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed$/m);
  });
  it('the cases schema is committed and printed by rules schema --cases', () => {
    const r = vmvc(['rules', 'schema', '--cases']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).title).toBe('vmvc rules test cases');
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'schema/cases.schema.json'), 'utf8'));
  });
});
