// Portfolio mode (src/batch/): advise --input FILE|- with CSV or JSONL, streaming records out.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, vmvc } from './support/cli.js';
import { tempDir } from './support/temp.js';

const fixture = (name: string) => `tests/fixtures/portfolio/${name}`;
const jsonl = (text: string) => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
const SUMMARY = /^vmvc: (\d+) rows read, (\d+) decided, (\d+) errors?; (.*); (\d+) depends? on an unsure or assumed answer$/m;

describe('CSV', () => {
  const r = vmvc(['advise', '--input', fixture('mixed.csv')]);
  const records = jsonl(r.stdout);
  it('one record per row, in order, with the right first line numbers', () => {
    expect(records.map((x) => x.line)).toEqual([2, 3, 5, 6, 7, 8]);
    expect(records.map((x) => x.id ?? null)).toEqual(['web', 'multi', 'quote', 'bad', 'short', null]);
  });
  it('reads quoted fields with commas, line breaks and doubled quotes', () => {
    expect(records[0]).toMatchObject({ name: 'Web, public', recommendation: 'container' });
    expect(records[1]).toMatchObject({ name: 'Line one\nline two', recommendation: 'containers-in-vm' });
    expect(records[2]).toMatchObject({ name: 'She said "hi"', recommendation: 'vm' });
  });
  it('an empty cell is unanswered: the default is used and reported as assumed', () => {
    expect(records[2].assumed).toContain('host-os');
    expect(records[0].assumed).not.toContain('host-os');
  });
  it('bad rows become error records and processing continues', () => {
    expect(records[3]).toEqual({ line: 6, id: 'bad', name: 'Bad value', error: 'isolation must be one of standard, strong, multi-tenant (or unsure) (got "hihg")' });
    expect(records[4]).toEqual({ line: 7, id: 'short', name: 'Too few', error: 'expected 5 columns as in the header, got 2' });
    expect(records[5]).toEqual({ line: 8, error: 'not valid CSV: a quoted field is never closed' });
  });
  it('summarises on stderr and exits 2 when any row was an error', () => {
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('vmvc: 6 rows read, 3 decided, 3 errors; container 1, containers-in-vm 1, vm 1; 3 depend on an unsure or assumed answer\n');
  });
  it('one row is "1 row read"', () => {
    const one = vmvc(['advise', '--input', '-', '--input-format', 'jsonl'], { input: '{"id":"a","delivery":"yes"}\n' });
    expect(one.stderr).toBe('vmvc: 1 row read, 1 decided, 0 errors; container 1, containers-in-vm 0, vm 0; 1 depends on an unsure or assumed answer\n');
  });
});

describe('JSONL', () => {
  const r = vmvc(['advise', '--input', fixture('mixed.jsonl')]);
  const records = jsonl(r.stdout);
  it('rows in = records out, with line numbers (blank lines are not rows)', () => {
    expect(records.map((x) => x.line)).toEqual([1, 2, 4, 5, 6, 7, 8]);
    const m = SUMMARY.exec(r.stderr)!;
    expect([m[1], m[2], m[3]]).toEqual(['7', '4', '3']);
  });
  it('JSON booleans answer yes/no questions', () => {
    expect(records[1]).toMatchObject({ id: 'b', recommendation: 'containers-in-vm' });
  });
  it('a value that is not an object, and broken JSON, become error records', () => {
    expect(records[2]).toEqual({ line: 4, error: 'expected a JSON object, got an array' });
    expect(records[3].error).toMatch(/^not valid JSON: /);
    expect(records[4]).toEqual({ line: 6, error: 'expected a JSON object, got string' });
  });
  it('keys that answer no question are named once, in one note', () => {
    expect(r.stderr.split('\n').filter((l) => l.startsWith('vmvc: note: '))).toEqual(['vmvc: note: these columns answer no question and are read as metadata: "colour", "size"']);
  });
});

describe('stdin, formats and shared answers', () => {
  const rows = '{"id":"x","delivery":"yes"}\n{"id":"y","isolation":"strong"}\n';
  it('reads - from stdin and tells JSONL from CSV by its content', () => {
    expect(jsonl(vmvc(['advise', '--input', '-'], { input: rows }).stdout).map((x) => x.id)).toEqual(['x', 'y']);
    const csv = vmvc(['advise', '--input', '-'], { input: 'id,delivery\nz,yes\n' });
    expect(jsonl(csv.stdout)).toEqual([expect.objectContaining({ line: 2, id: 'z', recommendation: 'container' })]);
  });
  it('--input-format overrides the guess', () => {
    const r = vmvc(['advise', '--input', '-', '--input-format', 'csv'], { input: rows });
    expect(r.code).toBe(2);
  });
  it('flags, VMVC_* and --answers apply to every row unless the row sets the question', () => {
    const r = vmvc(['advise', '--input', '-', '--isolation', 'multi-tenant', '--density', 'yes'], { input: rows, env: { VMVC_LIFECYCLE: 'long-lived' } });
    const [x, y] = jsonl(r.stdout);
    expect(x).toMatchObject({ id: 'x', recommendation: 'containers-in-vm' });
    expect(x.assumed).not.toContain('isolation');
    expect(x.assumed).not.toContain('lifecycle');
    expect(y).toMatchObject({ id: 'y', recommendation: 'vm' }); // its own isolation wins; density + long-lived do not tip it
  });
  it('--no-defaults makes a row with unanswered questions an error', () => {
    const r = vmvc(['advise', '--input', '-', '--no-defaults'], { input: rows });
    expect(r.code).toBe(2);
    expect(jsonl(r.stdout)[0].error).toMatch(/^--no-defaults: no answer for --host-os, --workload-os, .*; give them as columns, flags/);
  });
  it('csv, markdown and text output, one line per row', () => {
    const csv = vmvc(['advise', '--input', 'examples/portfolio.csv', '--format', 'csv']).stdout.trim().split('\n');
    expect(csv[0]).toBe('line,id,name,recommendation,reasons,assumed,unsure,confidence,dependsOn,error');
    expect(csv).toHaveLength(21);
    expect(csv[1]).toMatch(/^2,checkout-api,"Checkout API \(payments, EU\)",containers-in-vm,/);
    const md = vmvc(['advise', '--input', 'examples/portfolio.csv', '--format', 'markdown']).stdout.trim().split('\n');
    expect(md[0]).toBe('| line | id | name | recommendation | reasons | assumed | unsure | confidence | dependsOn | error |');
    expect(md).toHaveLength(22);
    const text = vmvc(['advise', '--input', 'examples/portfolio.csv', '--format', 'text']).stdout.trim().split('\n');
    expect(text[0]).toMatch(/^LINE +WORKLOAD +RECOMMENDATION +CONFIDENCE +REASONS OR ERROR$/);
    expect(text).toHaveLength(21);
  });
  it('the example inventory is decided completely', () => {
    const r = vmvc(['advise', '--input', 'examples/portfolio.csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^vmvc: 20 rows read, 20 decided, 0 errors; container 7, containers-in-vm 5, vm 8; \d+ depend on an unsure or assumed answer\n$/);
  });
  it('one-workload options are refused with --input, and the reverse', () => {
    expect(vmvc(['advise', '--input', '-', '--expect', 'vm'], { input: '' }).stderr).toBe('error: --expect applies to one workload and cannot be combined with --input\n');
    expect(vmvc(['advise', '--input', '-', '--format', 'json'], { input: '' }).stderr).toBe('error: --format json is for one workload; with --input use text, markdown, html, jsonl, csv, sarif\n');
    expect(vmvc(['advise', '--format', 'csv']).stderr).toBe('error: --format csv is for --input (portfolio mode); for one workload use text, json, markdown, html\n');
  });
  it('a missing input file is a usage error', () => {
    const r = vmvc(['advise', '--input', 'nope.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: cannot read --input nope.csv: no such file\n');
  });
});

describe('edges', () => {
  it('an empty file: no records, a zero summary, exit 0', () => {
    const file = join(tempDir('vmvc-'), 'empty.csv');
    writeFileSync(file, '');
    const r = vmvc(['advise', '--input', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('vmvc: 0 rows read, 0 decided, 0 errors; container 0, containers-in-vm 0, vm 0; 0 depend on an unsure or assumed answer\n');
  });
  it('a consumer that closes early (| head -3) ends it cleanly', () => {
    const dir = tempDir('vmvc-');
    const file = join(dir, 'many.jsonl');
    writeFileSync(file, Array.from({ length: 50_000 }, (_, i) => JSON.stringify({ id: `s${i}`, delivery: i % 2 ? 'yes' : 'no' })).join('\n'));
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', `node ${JSON.stringify(BIN)} advise --input ${JSON.stringify(file)} | head -3; echo "status=\${PIPESTATUS[0]}" >&2`], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    expect(r.stderr).toBe('status=0\n');
  });
  it('CRLF line ends and a byte order mark are read', () => {
    const r = vmvc(['advise', '--input', '-', '--input-format', 'csv'], { input: '\uFEFFid,delivery\r\nw,yes\r\n' });
    expect(jsonl(r.stdout)).toEqual([expect.objectContaining({ line: 2, id: 'w', recommendation: 'container' })]);
  });
  it('the example inventory reads the same from stdin', () => {
    const text = readFileSync(join(ROOT, 'examples/portfolio.csv'), 'utf8');
    expect(vmvc(['advise', '--input', '-'], { input: text }).stdout).toBe(vmvc(['advise', '--input', 'examples/portfolio.csv']).stdout);
  });
});

describe('portfolio step summary', () => {
  it('--step-summary with --input appends counts per outcome, the error rows with their lines, and the first rows', () => {
    const dir = tempDir('vmvc-');
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    const rows = ['{"id":"a","delivery":"yes"}', '{"id":"b","workload-os":"windows"}', '{"id":"c","isolation":"hihg"}'].join('\n') + '\n';
    const r = vmvc(['advise', '--input', '-', '--input-format', 'jsonl', '--step-summary', '--title', 'estate'], { input: rows, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(2);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    const text = readFileSync(summary, 'utf8');
    expect(text).toMatch(/^## vmvc: estate: portfolio of 3 workloads\n/);
    expect(text).toContain('| `container` | 1 |\n| `containers-in-vm` | 0 |\n| `vm` | 1 |\n| _error_ | 1 |');
    expect(text).toContain('| 3 | isolation must be one of standard, strong, multi-tenant (or unsure) (got "hihg") |');
    expect(text).toContain('| 1 | a | `container` | depends |');
  });
});
