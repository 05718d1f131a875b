// SARIF for code scanning: every file vmvc writes is checked against the SARIF
// 2.1.0 JSON Schema and by Microsoft's SARIF validator (@microsoft/sarif-multitool,
// which runs offline once installed); fingerprints stay the same across runs
// and when rows are reordered; code scanning's 25,000-result limit is kept.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../src/rules/builtin.js';
import { SARIF_RESULTS, sarifRecords } from '../src/format/sarif.js';
import { ROOT, vmvc } from './support/cli.js';
import { tempDir } from './support/temp.js';

const TOOL = join(ROOT, 'node_modules/@microsoft/sarif-multitool-linux');
const SCHEMA = join(TOOL, 'sarif-2.1.0.json');
const present = existsSync(SCHEMA);
if (!present) console.log(`SARIF validation skipped: ${SCHEMA} is missing (npm ci installs @microsoft/sarif-multitool on Linux)`);

type Log = { runs: Array<{ results: Array<{ ruleId: string; level: string; message: { text: string }; locations: any[]; partialFingerprints: Record<string, string> }>; invocations: any[]; tool: any }> };

/** Problems the SARIF schema finds in `log` (none: []). */
function schemaProblems(log: unknown): string[] {
  const schema = JSON.parse(readFileSync(SCHEMA, 'utf8'));
  const validate = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
  return validate(log) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`);
}

/** Errors and warnings Microsoft's validator reports for the file at `path`. */
function validatorFindings(path: string): string[] {
  const out = `${path}.validation.sarif`;
  const r = spawnSync(join(TOOL, 'Sarif.Multitool'), ['validate', path, '--output', out, '--level', 'Error', 'Warning'], { encoding: 'utf8' });
  expect(r.status, r.stdout + r.stderr).toBe(0);
  const report = JSON.parse(readFileSync(out, 'utf8')) as Log;
  return report.runs[0]!.results.map((x) => `${x.level} ${x.ruleId} ${JSON.stringify(x.message)}`);
}

const INVENTORY = ['name,workload-os,isolation,current', 'web,windows,standard,container', 'api,linux,standard,container', 'batch,linux,paranoid,vm', 'tools,linux,strong,vm', ''].join('\n');

describe.skipIf(!present)('SARIF', () => {
  it('portfolio: one result per drifting or undecided row, at the input and the row line, valid by schema and validator', () => {
    const dir = tempDir('vmvc-sarif-');
    writeFileSync(join(dir, 'estate.csv'), INVENTORY);
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/vmvc.js'), 'advise', '--input', 'estate.csv', '--format', 'sarif'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(r.status).toBe(2); // one row could not be decided
    const log = JSON.parse(r.stdout) as Log;
    expect(schemaProblems(log)).toEqual([]);
    writeFileSync(join(dir, 'vmvc.sarif'), r.stdout);
    expect(validatorFindings(join(dir, 'vmvc.sarif'))).toEqual([]);
    const results = log.runs[0]!.results;
    expect(results.map((x) => [x.ruleId, x.level, x.locations[0].physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.region.startLine])).toEqual([
      ['drift-to-vm', 'warning', 'estate.csv', 2],
      ['undecided-row', 'error', 'estate.csv', 4],
    ]);
    expect(results[0]!.message.text).toBe('web (line 2) runs as container; vmvc advises vm (windows-workload-off-windows, guest-is-the-workload, ephemeral-favours-containers)');
    const rules = log.runs[0]!.tool.driver.rules.map((d: { id: string }) => d.id);
    expect(rules).toEqual(['drift-to-container', 'drift-to-containers-in-vm', 'drift-to-vm', 'undecided-row']);
  });
  it('the checks can fail: a result without a message breaks the schema', () => {
    const log = JSON.parse(vmvc(['advise', '--input', '-', '--input-format', 'csv', '--format', 'sarif'], { input: INVENTORY }).stdout) as Log;
    delete (log.runs[0]!.results[0] as Partial<Log['runs'][0]['results'][0]>).message;
    expect(schemaProblems(log).length).toBeGreaterThan(0);
  });
  it('fingerprints are the same across runs and when rows are reordered', () => {
    const lines = INVENTORY.trim().split('\n');
    const reordered = [lines[0], ...lines.slice(1).reverse()].join('\n') + '\n';
    const prints = (text: string) =>
      Object.fromEntries((JSON.parse(vmvc(['advise', '--input', '-', '--input-format', 'csv', '--format', 'sarif'], { input: text }).stdout) as Log).runs[0]!.results.map((x) => [x.message.text.split(' ')[0], x.partialFingerprints['vmvcWorkload/v1']]));
    const first = prints(INVENTORY);
    expect(Object.keys(first)).toEqual(['web', 'batch']);
    expect(prints(INVENTORY)).toEqual(first);
    expect(prints(reordered)).toEqual(first);
  });
  it(`keeps GitHub code scanning's limit of ${SARIF_RESULTS} results and says how many were left out`, async () => {
    const log = sarifRecords(await builtinRules(), 'big.csv');
    for (let line = 2; line < SARIF_RESULTS + 12; line++) log.add({ line, name: `w${line}`, error: 'bad value' });
    const parsed = JSON.parse(log.sarif()) as Log;
    expect(parsed.runs[0]!.results).toHaveLength(SARIF_RESULTS);
    expect(parsed.runs[0]!.invocations[0].toolExecutionNotifications[0].message.text).toBe(`10 more results were left out: code scanning takes at most ${SARIF_RESULTS} per run`);
  });
  it('rules test --format sarif: each failing case at its cases file and line', () => {
    const r = vmvc(['rules', 'test', 'tests/fixtures/cases/mixed.test.yaml', '--format', 'sarif']);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as Log;
    expect(schemaProblems(log)).toEqual([]);
    expect(log.runs[0]!.results.map((x) => [x.ruleId, x.locations[0].physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.region.startLine])).toEqual([
      ['failing-case', 'tests/fixtures/cases/mixed.test.yaml', 5],
    ]);
  });
});
