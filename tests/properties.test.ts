// Property tests with fixed seeds: random argv, random mutations of the rules
// file, random batch rows. VMVC_FUZZ_RUNS raises the number of cases
// (default 2,000 argv lists, 600 rules files, 400 batches).
import { columnReader } from '../src/batch/columns.js';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { rowBatches } from '../src/batch/rows.js';
import { rowDecider } from '../src/batch/decide.js';
import { analyse } from '../src/policy/analyse.js';
import { defaultRulesPath } from '../src/rules/builtin.js';
import { composeRules, formatProblem, loadRulesFile } from '../src/rules/load.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { envOf } from '../src/answers.js';
import { COMMAND_TABLE, GLOBAL_OPTIONS } from '../src/command-table.js';
import { runInProcess } from './support/inprocess.js';
import { tempDir } from './support/temp.js';

const SCALE = Number(process.env.VMVC_FUZZ_RUNS ?? 1) > 1 ? Number(process.env.VMVC_FUZZ_RUNS) / 2000 : 1;
const runs = (n: number) => Math.round(n * SCALE);
const rules = loadRulesFile(defaultRulesPath());

describe('random argv', () => {
  const commands = ['advise', 'table', 'questions', 'rules', 'validate', 'show', 'schema', 'completion', 'detect', 'help', 'nonsense', ''];
  // Every option of the command table (short and long), the questions' flags, and a few that are no option.
  const tableFlags = [...GLOBAL_OPTIONS, ...COMMAND_TABLE.flatMap((c) => c.options)].flatMap((o) => o.flags.match(/--?[a-z][a-z-]*/g) ?? []);
  const flags = [
    ...new Set([...rules.questions.map((q) => `--${q.id}`), ...tableFlags]),
    '--help', '-h', '--version', '-V', '--', '-', '--bogus', '-x', '--format=json', '--rules=',
  ];
  const values = [
    ...rules.questions.flatMap((q) => q.choices.map((c) => c.id)),
    'json', 'jsonl', 'csv', 'text', 'markdown', 'html', 'yaml', 'bash', 'zsh', 'fish', 'advice', 'vm', 'container', 'containers-in-vm',
    'rules/examples/regulated-data.yaml', 'tests/fixtures/rules/invalid/alias-bomb.yaml', 'tests/fixtures/portfolio/mixed.csv', 'examples/portfolio.csv',
    '', ' ', 'hihg', '\u001b]52;c;aGk=\u0007', '../../etc/passwd', '__proto__', 'constructor', 'ümlaut', '-1', '0',
  ];
  const token = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...flags) },
    { weight: 3, arbitrary: fc.constantFrom(...values) },
    { weight: 2, arbitrary: fc.constantFrom(...commands) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ minLength: 200, maxLength: 2000 }) },
  );

  it('exit code 0, 1 or 2; on error exactly one stderr line; never a stack trace; never hangs', async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 8 }), async (args) => {
        const r = await runInProcess(args);
        seen.set(r.code, (seen.get(r.code) ?? 0) + 1);
        expect([0, 1, 2]).toContain(r.code);
        expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
        if (r.code !== 0) {
          const lines = r.stderr.split('\n').filter((l) => l && !l.startsWith('warning: ') && !l.startsWith('vmvc: '));
          expect(lines, r.stderr).toHaveLength(1);
          expect(lines[0]).toMatch(/^error: /);
          expect(lines[0]).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
        }
      }),
      { seed: 20261126, numRuns: runs(2000) },
    );
    // The generator reaches both success and failure.
    expect(seen.get(0)).toBeGreaterThan(0);
    expect(seen.get(2)).toBeGreaterThan(0);
  }, 180_000);
});

describe('random mutations of the built-in rules file', () => {
  type Path = Array<string | number>;
  const base = JSON.parse(JSON.stringify(rules)) as Record<string, unknown>;
  const paths: Path[] = [];
  const walk = (node: unknown, path: Path) => {
    paths.push(path);
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...path, i]));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  walk(base, []);
  const deep = (n: number): unknown => (n ? { not: deep(n - 1) } : { delivery: 'yes' });
  const junk = fc.oneof(
    fc.constant(null),
    fc.integer(),
    fc.boolean(),
    fc.string({ maxLength: 20 }),
    fc.constant('x'.repeat(300_000)),
    fc.constant([]),
    fc.constant({}),
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'no-such-question', 'undeclared.md', '\u001b[2J'),
    fc.integer({ min: 40, max: 120 }).map(deep),
    fc.constant({ __proto__: { polluted: true } }),
  );
  const mutation = fc.record({
    path: fc.constantFrom(...paths.filter((p) => p.length > 0)),
    action: fc.constantFrom('delete', 'replace', 'rename-key', 'duplicate'),
    value: junk,
    json: fc.boolean(),
  });

  it('rules validate reports problems or ok, never throws', () => {
    let valid = 0;
    let invalid = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const doc = structuredClone(base) as Record<string, unknown>;
        for (const m of mutations) {
          const parent = m.path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], doc) as
            | Record<string | number, unknown>
            | undefined;
          const key = m.path.at(-1)!;
          if (!parent || typeof parent !== 'object') continue;
          if (m.action === 'delete') {
            if (Array.isArray(parent)) parent.splice(Number(key), 1);
            else delete parent[key];
          } else if (m.action === 'replace') parent[key] = m.value;
          else if (m.action === 'rename-key' && !Array.isArray(parent)) {
            parent[typeof m.value === 'string' ? m.value : 'renamed'] = parent[key];
            delete parent[key];
          } else if (m.action === 'duplicate' && Array.isArray(parent)) parent.push(structuredClone(parent[Number(key)]));
        }
        const text = mutations[0]!.json ? JSON.stringify(doc) : toYaml(doc, { aliasDuplicateObjects: false });
        const composed = composeRules([{ file: mutations[0]!.json ? 'fuzz.json' : 'fuzz.yaml', text }]);
        if (composed.rules) {
          valid++;
          const analysis = analyse(composed.rules);
          for (const p of analysis.problems) expect(formatProblem(composed.locate!(p))).toMatch(/^fuzz\.(json|yaml):\d+:\d+ /);
        } else {
          invalid++;
          expect(composed.problems.length).toBeGreaterThan(0);
          for (const p of composed.problems) expect(formatProblem(p)).toMatch(/^fuzz\.(json|yaml):\d+:\d+ /);
        }
        expect(Object.prototype).not.toHaveProperty('polluted');
      }),
      { seed: 42, numRuns: runs(600) },
    );
    expect(invalid).toBeGreaterThan(0);
    expect(valid + invalid).toBe(runs(600));
  }, 180_000);
});

describe('random batch rows', () => {
  const questionIds = rules.questions.map((q) => q.id);
  const choice = fc.oneof(fc.constantFrom(...rules.questions.flatMap((q) => q.choices.map((c) => c.id))), fc.string({ maxLength: 6 }), fc.boolean(), fc.integer(), fc.constant(null));
  const object = fc.dictionary(fc.oneof(fc.constantFrom(...questionIds, 'id', 'name', '__proto__', 'constructor'), fc.string({ maxLength: 6 })), choice, { maxKeys: 12 });
  const jsonLine = fc.oneof(
    { weight: 6, arbitrary: object.map((o) => JSON.stringify(o)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }).filter((s) => !s.includes('\n') && !s.includes('\r') && s.trim() !== '') },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)).filter((s) => s.trim() !== '') },
  );
  const csvField = fc.oneof(fc.constantFrom(...rules.questions.flatMap((q) => q.choices.map((c) => c.id))), fc.stringMatching(/^[a-z ]{0,8}$/));

  async function count(text: string, format: 'csv' | 'jsonl') {
    const decideRow = rowDecider(rules, { layers: {}, defaults: true }, columnReader(rules));
    let records = 0;
    const lines = new Set<number>();
    for await (const batch of rowBatches(Readable.from([text]), format)) {
      for (const row of batch) {
        const record = decideRow(row);
        expect(record.error === undefined ? record.recommendation : record.error).toBeTruthy();
        lines.add(record.line);
        records++;
      }
    }
    return { records, lines };
  }

  it('JSONL: rows in = records out, one per non-blank line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof({ weight: 9, arbitrary: jsonLine }, { weight: 1, arbitrary: fc.constant('') }), { maxLength: 40 }), async (lines) => {
        const { records, lines: seen } = await count(lines.join('\n'), 'jsonl');
        expect(records).toBe(lines.filter((l) => l.trim() !== '').length);
        expect(seen.size).toBe(records);
      }),
      { seed: 7, numRuns: runs(400) },
    );
  }, 120_000);

  it('JSONL: a key given twice with different values is an error for exactly those rows, however the line is written', async () => {
    // Keys from a small set (so repeats are common), spelt plainly or with a \u escape; values of every JSON kind,
    // with colons, quotes, escapes and non-ASCII; spaces around any token or none.
    const value = fc.oneof(fc.constantFrom('strong', 'standard', 'a:b', 'é', '"', '', '\n'), fc.string({ maxLength: 4 }), fc.integer(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
    const pair = fc.record({ key: fc.constantFrom('id', 'isolation', 'host-os', 'x:y', 'é'), escaped: fc.boolean(), value });
    const space = fc.constantFrom('', '', ' ', '\t');
    await fc.assert(
      fc.asyncProperty(fc.array(pair, { minLength: 1, maxLength: 6 }), fc.array(space, { minLength: 40, maxLength: 40 }), async (pairs, spaces) => {
        let w = 0;
        const sp = () => spaces[w++ % spaces.length]!;
        const keyText = (key: string, escaped: boolean) => (escaped ? `"\\u${key.charCodeAt(0).toString(16).padStart(4, '0')}${key.slice(1)}"` : JSON.stringify(key));
        const line = `${sp()}{${pairs.map((p) => `${sp()}${keyText(p.key, p.escaped)}${sp()}:${sp()}${JSON.stringify(p.value)}${sp()}`).join(',')}}${sp()}`;
        // The model: the first key whose later value differs from its first one.
        const first = new Map<string, string>();
        let repeated: string | undefined;
        for (const p of pairs) {
          const text = JSON.stringify(p.value);
          if (!first.has(p.key)) first.set(p.key, text);
          else if (first.get(p.key) !== text && repeated === undefined) repeated = p.key;
        }
        const rows = [];
        for await (const batch of rowBatches(Readable.from([line + '\n']), 'jsonl')) rows.push(...batch);
        expect(rows).toHaveLength(1);
        const row = rows[0]!;
        if (repeated === undefined) expect('error' in row ? row.error : undefined).toBeUndefined();
        else {
          const prefix = `key ${JSON.stringify(repeated)} is given twice with different values`;
          expect(('error' in row ? row.error : '').slice(0, prefix.length)).toBe(prefix);
        }
      }),
      { seed: 13, numRuns: runs(1000) },
    );
  }, 120_000);

  it('CSV: rows in = records out, including rows with the wrong number of columns', async () => {
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(['id', ...questionIds], { minLength: 1 }), fc.array(fc.array(csvField, { maxLength: 14 }), { maxLength: 40 }), async (header, rows) => {
        const body = rows.filter((r) => r.join('').trim() !== '');
        const { records } = await count([header.join(','), ...body.map((r) => r.join(','))].join('\n') + '\n', 'csv');
        expect(records).toBe(body.length);
      }),
      { seed: 11, numRuns: runs(400) },
    );
  }, 120_000);
});

describe('one answer precedence', () => {
  const dir = tempDir('vmvc-precedence-');
  const pick = (q: (typeof rules.questions)[number]) => fc.option(fc.constantFrom(...q.choices.map((c) => c.id), 'unsure'), { nil: undefined, freq: 2 });
  const layer = fc.record(Object.fromEntries(rules.questions.map((q) => [q.id, pick(q)])) as Record<string, fc.Arbitrary<string | undefined>>);
  const defined = (answers: Record<string, string | undefined>) => Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined)) as Record<string, string>;

  // A row's own cells stand above every shared answer; below them, one order for a portfolio row and for one workload.
  it('a portfolio row decides exactly as one advise given the same answers (its cells as flags)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.record({ row: layer, flag: layer, env: layer, file: layer, config: layer }), async (given) => {
        const [row, flag, env, file, config] = [given.row, given.flag, given.env, given.file, given.config].map(defined) as Array<Record<string, string>>;
        writeFileSync(join(dir, 'answers.json'), JSON.stringify(file));
        writeFileSync(join(dir, 'vmvc.config.json'), JSON.stringify({ answers: config }));
        const environment = Object.fromEntries(Object.entries(env!).map(([q, v]) => [envOf({ id: q }), v]));
        const shared = ['--config', join(dir, 'vmvc.config.json')];
        const rest = ['--answers', join(dir, 'answers.json')];
        const flags = (answers: Record<string, string>) => Object.entries(answers).flatMap(([q, v]) => [`--${q}`, v]);
        const batch = await runInProcess([...shared, 'advise', '--input', '-', '--input-format', 'jsonl', ...rest, ...flags(flag!)], environment, undefined, JSON.stringify({ id: 'w', ...row }) + '\n');
        const single = await runInProcess([...shared, 'advise', '--no-input', '--format', 'json', ...rest, ...flags({ ...flag, ...row })], environment);
        expect(single.code, single.stderr).toBe(0);
        const record = JSON.parse(batch.stdout.trim());
        const advice = JSON.parse(single.stdout);
        expect(record).toMatchObject({
          recommendation: advice.recommendation,
          confidence: advice.confidence,
          assumed: advice.assumed,
          unsure: advice.unsure,
          dependsOn: advice.dependsOn.map((d: { question: string }) => d.question),
        });
        // And the origins one advise reports follow ORIGINS' order.
        for (const q of rules.questions) {
          const by = (Object.entries({ flag: { ...flag, ...row }, env, file, config }) as Array<[string, Record<string, string>]>).find(([, answers]) => answers[q.id] !== undefined);
          expect(advice.answerOrigins[q.id], q.id).toBe(by?.[0] ?? 'default');
        }
      }),
      { seed: 5, numRuns: runs(150) },
    );
  }, 120_000);
});
