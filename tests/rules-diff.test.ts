// `vmvc rules diff` (src/policy/diff.ts): counts and groups checked against
// brute force over every combination of answers, the conditions describing
// each group exact, the inventory mode, formats and exit codes.
import { describe, expect, it } from 'vitest';
import { decide } from '../src/engine.js';
import { answersOf, diffRules } from '../src/policy/diff.js';
import { defaultRulesPath } from '../src/rules/builtin.js';
import { builtinBase, loadRuleFiles, loadRulesFile } from '../src/rules/load.js';
import type { Answers, Rules } from '../src/rules/types.js';
import { vmvc } from './support/cli.js';

const builtin = loadRulesFile(defaultRulesPath());
const overlay = (file: string) => loadRuleFiles([file], builtinBase(builtin, defaultRulesPath()));

/** Every combination of the union of both sides' questions and choices, by brute force. */
function* union(base: Rules, head: Rules): Generator<Answers> {
  const qs = new Map<string, string[]>();
  for (const q of [...base.questions, ...head.questions]) qs.set(q.id, [...new Set([...(qs.get(q.id) ?? []), ...q.choices.map((c) => c.id)])]);
  const ids = [...qs.keys()];
  const walk = function* (i: number, a: Answers): Generator<Answers> {
    if (i === ids.length) return yield { ...a };
    for (const c of qs.get(ids[i]!)!) yield* walk(i + 1, { ...a, [ids[i]!]: c });
  };
  yield* walk(0, {});
}
/** How one side decides a union combination: its own questions, a choice it lacks read as its default. */
const sideOf = (rules: Rules, a: Answers) =>
  decide(rules, Object.fromEntries(rules.questions.map((q) => [q.id, q.choices.some((c) => c.id === a[q.id]) ? a[q.id]! : q.default])), { trace: false });
const holds = (cube: Record<string, string[]>, a: Answers) => Object.entries(cube).every(([q, cs]) => cs.includes(a[q]!));

describe('rules diff against brute force', () => {
  it.each(['rules/examples/edge-fleet.yaml', 'rules/examples/regulated-data.yaml', 'tests/fixtures/rules/reshaped.yaml'])('default -> %s: counts per transition, exact conditions, note changes', (file) => {
    const head = overlay(file);
    const diff = diffRules(builtin, head);
    expect(diff.exhaustive).toBe(true);
    const want = new Map<string, number>();
    const notes = new Map<string, { added: number; removed: number }>();
    let total = 0;
    for (const a of union(builtin, head)) {
      total++;
      const before = sideOf(builtin, a);
      const after = sideOf(head, a);
      const key = `${before.outcome.id} -> ${after.outcome.id}`;
      const t = diff.transitions.find((x) => `${x.from} -> ${x.to}` === key);
      if (before.outcome.id !== after.outcome.id) {
        want.set(key, (want.get(key) ?? 0) + 1);
        // In the group's description, and in no other group's.
        expect(t!.when!.some((c) => holds(c, a)), `${key} ${JSON.stringify(a)}`).toBe(true);
      }
      for (const other of diff.transitions) if (`${other.from} -> ${other.to}` !== key) expect(other.when!.some((c) => holds(c, a))).toBe(false);
      const was = new Set(before.notes.map((n) => n.id));
      const now = new Set(after.notes.map((n) => n.id));
      for (const id of new Set([...was, ...now])) {
        const n = notes.get(id) ?? { added: 0, removed: 0 };
        if (now.has(id) && !was.has(id)) n.added++;
        if (was.has(id) && !now.has(id)) n.removed++;
        notes.set(id, n);
      }
    }
    expect(diff.combinations).toBe(total);
    expect(new Map(diff.transitions.map((t) => [`${t.from} -> ${t.to}`, t.count]))).toEqual(want);
    expect(diff.changed).toBe([...want.values()].reduce((n, c) => n + c, 0));
    const changedNotes = [...notes].filter(([, n]) => n.added || n.removed).map(([id, n]) => ({ id, ...n }));
    expect(new Set(diff.notes.map((n) => JSON.stringify(n)))).toEqual(new Set(changedNotes.map((n) => JSON.stringify(n))));
  });
  it('merges combinations: far fewer conditions than combinations', () => {
    const diff = diffRules(builtin, overlay('rules/examples/regulated-data.yaml'));
    for (const t of diff.transitions) expect(t.when!.length).toBeLessThan(t.count / 4);
    expect(answersOf([0, 0], diff.questions.slice(0, 2))).toEqual({ 'host-os': 'linux', 'workload-os': 'linux' });
  });
});

describe('vmvc rules diff', () => {
  it('exit 0 and "Nothing changes" for identical rules; exit 1 and the groups when something changes', () => {
    const same = vmvc(['rules', 'diff', 'default', 'default']);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/0 of all 3456 combinations of answers change their recommendation \(0\.0%\)\.\n\nNothing changes\.\n$/);
    const r = vmvc(['rules', 'diff', 'default', 'rules/examples/regulated-data.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^124 of all 6912 combinations of answers change their recommendation \(1\.8%\)\.$/m);
    expect(r.stdout).toMatch(/^container -> containers-in-vm: 80$/m);
    expect(r.stdout).toMatch(/^ {2}when .*handles-card-data is yes$/m);
  });
  it('markdown for a pull request comment, JSON for scripts', () => {
    const md = vmvc(['rules', 'diff', 'default', 'rules/examples/regulated-data.yaml', '--format', 'markdown']).stdout;
    expect(md).toMatch(/^## vmvc rules diff: `default` → `rules\/examples\/regulated-data.yaml`$/m);
    expect(md).toMatch(/^### `container` → `containers-in-vm`: 80$/m);
    const json = JSON.parse(vmvc(['rules', 'diff', 'default', 'rules/examples/regulated-data.yaml', '--format', 'json']).stdout);
    expect(json).toMatchObject({ changed: 124, combinations: 6912, exhaustive: true });
  });
  it('--input compares the workloads of an inventory and lists those that change', () => {
    const r = vmvc(['rules', 'diff', 'default', 'rules/examples/edge-fleet.yaml', '--input', 'examples/portfolio.csv', '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.read).toBe(20);
    expect(out.changed).toContainEqual({ line: 6, id: expect.any(String), name: 'Active Directory sync', before: 'vm', after: 'container' });
  });
  it('a bad side is a usage error naming it', () => {
    const r = vmvc(['rules', 'diff', 'default', 'tests/fixtures/rules/invalid/misspelt-key.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: HEAD: invalid rules: .*misspelt-key\.yaml:2:1 rulez: unknown key "rulez"; did you mean "rules"\?\n$/);
  });
});
