// src/sensitivity.ts against brute force: flips over every combination of
// answers, confidence and dependsOn over random sets of open answers, and the
// wizard's skipping over every prefix of answers in question order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toAdvice } from '../src/advice.js';
import { resolveAnswers } from '../src/answers.js';
import { choiceIndexes, decide } from '../src/engine.js';
import { answerSpace } from '../src/space.js';
import { defaultRulesPath } from '../src/rules/builtin.js';
import { loadRulesFile } from '../src/rules/load.js';
import type { Answers, Rules } from '../src/rules/types.js';
import { canMatter, confidenceOf, dependence, flips } from '../src/sensitivity.js';
import { adviceJson, neutral, vmvc } from './support/cli.js';

const rules: Rules = loadRulesFile(defaultRulesPath());
const outcome = (a: Answers) => decide(rules, a, { trace: false }).outcome.id;
const RUNS = Number(process.env.VMVC_FUZZ_RUNS ?? 300);

/** Every assignment of choices to `ids`, the other answers as in `base`. */
function* assignments(base: Answers, ids: readonly string[]): Generator<Answers> {
  if (!ids.length) {
    yield { ...base };
    return;
  }
  const [first, ...rest] = ids;
  for (const c of rules.questions.find((q) => q.id === first)!.choices) yield* assignments({ ...base, [first!]: c.id }, rest);
}

/** Brute force: does changing `q` alone, anywhere in the space of `open`, change the outcome? Which outcomes does it switch between? */
function pivotsOf(base: Answers, open: readonly string[], q: string): Set<string> {
  const seen = new Set<string>();
  const choices = rules.questions.find((x) => x.id === q)!.choices;
  for (const a of assignments(base, open)) {
    const here = outcome(a);
    for (const c of choices) {
      const there = outcome({ ...a, [q]: c.id });
      if (there !== here) seen.add(here).add(there);
    }
  }
  return seen;
}

describe('flips', () => {
  it('equal re-deciding every single change, over every combination of answers', () => {
    let withFlips = 0;
    for (const a of answerSpace(rules)) {
      const want = [];
      const now = outcome(a);
      for (const q of rules.questions) {
        for (const c of q.choices) {
          if (c.id === a[q.id]) continue;
          const then = outcome({ ...a, [q.id]: c.id });
          if (then !== now) want.push({ question: q.id, from: a[q.id], to: c.id, recommendation: then });
        }
      }
      const got = flips(rules, a);
      if (got.length) withFlips++;
      expect(got).toEqual(want);
    }
    expect(withFlips).toBeGreaterThan(2500);
  });
});

describe('confidence and dependsOn', () => {
  const ids = rules.questions.map((q) => q.id);
  const openSets = fc.record({
    base: fc.tuple(...rules.questions.map((q) => fc.constantFrom(...q.choices.map((c) => c.id)))),
    open: fc.subarray(ids, { maxLength: 6 }),
    unsure: fc.subarray(ids, { maxLength: 3 }),
  });
  it('agree with brute force over random open answers', () => {
    fc.assert(
      fc.property(openSets, ({ base, open, unsure }) => {
        const answers: Answers = Object.fromEntries(ids.map((id, i) => [id, base[i]!]));
        // Open answers hold their default, as vmvc decides them.
        const opened = [...new Set([...open, ...unsure])];
        for (const id of opened) answers[id] = rules.questions.find((q) => q.id === id)!.default;
        const rec = outcome(answers);
        const order = ids.filter((id) => opened.includes(id));
        const got = confidenceOf(rules, answers, order.map((id) => ({ question: id, origin: unsure.includes(id) ? 'unsure' : 'assumed' })), rec);

        const all = [...assignments(answers, order)].map(outcome);
        expect(got.confidence).toBe(all.every((o) => o === rec) ? 'firm' : 'depends');
        expect(got.exhaustive).toBe(true);
        expect(got.combinations).toBe(all.length);
        const want = order.filter((id) => pivotsOf(answers, order, id).size > 0);
        expect(got.dependsOn.map((d) => d.question)).toEqual(want);
        for (const d of got.dependsOn) {
          expect(d.origin).toBe(unsure.includes(d.question) ? 'unsure' : 'assumed');
          expect(new Set(d.outcomes)).toEqual(new Set([...pivotsOf(answers, order, d.question)].filter((o) => o !== rec)));
          for (const [choice, o] of Object.entries(d.byChoice)) expect(o).toBe(outcome({ ...answers, [d.question]: choice }));
        }
        // depends exactly when some open answer can change it
        expect(got.confidence === 'depends').toBe(got.dependsOn.length > 0);
        // Portfolio mode's share of it, on choice indexes and question positions, says the same.
        const at = (id: string) => ids.indexOf(id);
        const lean = dependence(rules, choiceIndexes(rules, answers), order.map(at), rules.outcomes.findIndex((o) => o.id === rec));
        expect(lean).toEqual({ firm: got.confidence === 'firm', dependsOn: want.map(at) });
      }),
      { numRuns: Math.min(RUNS, 120), seed: 16 },
    );
  }, 60_000);
  it('firm with nothing open, and for an answer no open question can move', () => {
    const all = Object.fromEntries(rules.questions.map((q) => [q.id, q.default]));
    expect(confidenceOf(rules, all, [], outcome(all))).toMatchObject({ confidence: 'firm', dependsOn: [], combinations: 1 });
    const other = { ...all, 'workload-os': 'other' };
    const open = ids.filter((id) => id !== 'workload-os').map((id) => ({ question: id, origin: 'assumed' as const }));
    expect(confidenceOf(rules, other, open, 'vm').confidence).toBe('firm');
  });
});

describe('asking only what can matter', () => {
  it('over every prefix of answers in question order, skips a question exactly when no answer to it can change the outcome', () => {
    const qs = rules.questions;
    let skipped = 0;
    let asked = 0;
    const walk = (k: number, fixed: Answers) => {
      if (k === qs.length) return;
      const q = qs[k]!;
      const open = qs.slice(k).map((x) => x.id);
      const base: Answers = { ...Object.fromEntries(qs.map((x) => [x.id, x.default])), ...fixed };
      const matters = pivotsOf(base, open, q.id).size > 0;
      expect({ fixed, q: q.id, can: canMatter(rules, fixed, open, q.id) }).toEqual({ fixed, q: q.id, can: matters });
      if (matters) asked++;
      else skipped++;
      for (const c of q.choices) walk(k + 1, { ...fixed, [q.id]: c.id });
    };
    walk(0, {});
    expect(skipped).toBeGreaterThan(0);
    expect(asked).toBeGreaterThan(0);
  });
  it('with the built-in rules, after "other" as the workload OS nothing else can matter', () => {
    const open = rules.questions.slice(2).map((q) => q.id);
    for (const q of open) expect(canMatter(rules, { 'host-os': 'linux', 'workload-os': 'other' }, open, q)).toBe(false);
  });
});

describe('unsure answers and --expect-firm through the CLI', () => {
  it('unsure is accepted as a flag, a variable, a file value and a row cell', async () => {
    const viaFlag = await adviceJson(neutral({ isolation: 'unsure' }));
    // Not sure about isolation: the careful side (strong) stands in.
    expect(viaFlag).toMatchObject({ recommendation: 'vm', unsure: ['isolation'], confidence: 'depends', answers: { isolation: 'strong' }, answerOrigins: { isolation: 'flag' } });
    expect(viaFlag.standIns).toEqual([{ question: 'isolation', choice: 'strong', why: 'careful' }]);
    expect(viaFlag.dependsOn).toEqual([
      { question: 'isolation', answer: 'strong', origin: 'unsure', outcomes: ['container'], byChoice: { standard: 'container', strong: 'vm', 'multi-tenant': 'vm' } },
    ]);
    const viaEnv = await adviceJson(neutral({}).slice(0, -2), { env: { VMVC_PORTABILITY: 'unsure' } });
    expect(viaEnv.unsure).toEqual(['portability']);
    const viaFile = await adviceJson(['--answers', '-', ...neutral({}).slice(2)], { input: 'host-os: unsure\n' });
    expect(viaFile.unsure).toEqual(['host-os']);
    const row = vmvc(['advise', '--input', '-', '--input-format', 'csv', ...neutral({}).slice(0, -2)], { input: 'id,portability\nx,unsure\n' });
    expect(JSON.parse(row.stdout)).toMatchObject({ unsure: ['portability'], confidence: 'firm', dependsOn: [] });
  });
  it('flips are in the JSON, and the text says what would change it', async () => {
    const out = await adviceJson(neutral({ delivery: 'yes' }));
    expect(out.flips).toContainEqual({ question: 'isolation', from: 'standard', to: 'strong', recommendation: 'containers-in-vm' });
    const text = vmvc(['advise', ...neutral({ delivery: 'yes' })]).stdout;
    expect(text).toMatch(/^What would change it: --workload-os windows -> containers-in-vm; /m);
    const none = vmvc(['advise', ...neutral({ 'workload-os': 'other', 'custom-kernel': 'yes' })]).stdout;
    expect(none).toMatch(/^What would change it: no single answer would change it$/m);
  });
  it('text puts what the answer depends on right under the headline', () => {
    const lines = vmvc(['advise', '--no-input', ...neutral({ isolation: 'unsure' })]).stdout.split('\n');
    expect(lines.slice(0, 4).join('\n')).toMatch(/Depends on --isolation \(unsure, strong used\): standard -> container/);
  });
  it('--expect-firm exits 1 when the recommendation depends on an open answer, 0 when firm', () => {
    const depends = vmvc(['advise', '--expect-firm', '--expect', 'vm', ...neutral({ isolation: 'unsure' })]);
    expect(depends.code).toBe(1);
    expect(depends.stderr).toBe('error: --expect-firm not met: vm depends on --isolation (unsure); answer it to make it firm\n');
    expect(vmvc(['advise', '--expect-firm', ...neutral({})]).code).toBe(0);
  });
});
