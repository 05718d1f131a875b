import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultRulesPath } from '../src/rules/builtin.js';
import { formatProblem, loadRulesFile, readRulesFile } from '../src/rules/load.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/rules/${name}`, import.meta.url));
const problemsOf = (name: string) => readRulesFile(fixture(name)).problems.map((p) => formatProblem({ ...p, file: name }));

describe('the built-in rules file', () => {
  const rules = loadRulesFile(defaultRulesPath());
  it('is valid and holds the ten contract questions in seed 002 order', () => {
    expect(rules.questions.map((q) => q.id)).toEqual([
      'host-os', 'workload-os', 'custom-kernel', 'isolation', 'delivery', 'density', 'startup', 'lifecycle',
      'hardware-emulation', 'portability',
    ]);
  });
  it('declares the five articles and cites one everywhere', () => {
    expect(rules.sources.map((s) => s.file).sort()).toEqual([
      '000_6dbfc1640b097832.txt', '001_f76c452e976cd76c.txt', '002_ff82260aaafd54dd.txt',
      '003_fde604e472e27e5d.txt', '004_4f0745fd68c6b767.txt',
    ]);
    for (const item of [...rules.questions, ...rules.rules, ...rules.notes, ...rules.comparison]) {
      expect(item.sources.length, item.id).toBeGreaterThan(0);
    }
  });
  it('has the comparison rows the issue names, with both sides cited where the articles disagree', () => {
    const ids = rules.comparison.map((r) => r.id);
    for (const id of ['isolation', 'kernel', 'startup', 'size', 'overhead', 'density', 'portability', 'lifecycle', 'purpose']) {
      expect(ids).toContain(id);
    }
    const startup = rules.comparison.find((r) => r.id === 'startup')!;
    expect(new Set(startup.claims!.filter((c) => c.side === 'vm').map((c) => c.says)).size).toBeGreaterThan(1);
  });
  it('the compiled form in dist/ equals what the loader produces from the source', () => {
    const compiled = fileURLToPath(new URL('../dist/default-rules.json', import.meta.url));
    if (!existsSync(compiled)) throw new Error('dist/default-rules.json is missing: run npm run build (npm test does)');
    expect(JSON.parse(readFileSync(compiled, 'utf8'))).toEqual(rules);
  });
});

describe('a broken rules file is rejected with its position', () => {
  it('accepts a minimal valid file whose question cites nothing', () => {
    expect(problemsOf('minimal.yaml')).toEqual([]);
  });
  it('unknown question in a rule', () => {
    expect(problemsOf('unknown-question.yaml')).toEqual([
      'unknown-question.yaml:16:7 rules[0].when.secret-dta: unknown question "secret-dta"; questions are secret-data',
    ]);
  });
  it('duplicate id', () => {
    expect(problemsOf('duplicate-id.yaml')).toEqual([
      'duplicate-id.yaml:19:5 rules[1].id: duplicate id "secrets-need-vm" (first at rules[0])',
    ]);
  });
  it('citation of an undeclared source', () => {
    expect(problemsOf('undeclared-source.yaml')).toContain(
      'undeclared-source.yaml:18:26 notes[0].sources[1]: cites "wiki.md", which is not declared in sources',
    );
  });
  it('YAML syntax error with its position', () => {
    const [first] = problemsOf('syntax-error.yaml');
    expect(first).toMatch(/^syntax-error\.yaml:\d+:\d+ \(root\): syntax error: /);
  });
  it('loadRulesFile throws one line naming the file and the first problem', () => {
    expect(() => loadRulesFile(fixture('duplicate-id.yaml'))).toThrow(/^invalid rules: .*duplicate-id\.yaml:19:5 rules\[1\]\.id: duplicate id/);
  });
  it('a missing file is a usage error, not a crash', () => {
    expect(() => loadRulesFile('/nonexistent/rules.yaml')).toThrow('cannot read rules file /nonexistent/rules.yaml: no such file');
  });
});
