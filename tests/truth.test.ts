// What vmvc says is true for the answer it is shown with, over the whole
// answer space: "not sure" decides on the careful side, flips shown under
// unsure answers hold for all their values or say what they assume, the table
// marks only rows that argued for the answer, and per-tenant VMs are said
// wherever multi-tenant work gets a VM. The premises are written here, apart
// from the rules file's conditions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advise } from '../src/api.js';
import { decide } from '../src/engine.js';
import { builtinRules } from '../src/rules/builtin.js';
import type { Answers } from '../src/rules/types.js';
import { answerSpace } from '../src/space.js';

const rules = await builtinRules();
const all = [...answerSpace(rules)];
/** Which side each built-in outcome stands on: the one whose facts argue for it. */
const SIDE: Record<string, 'container' | 'vm'> = { container: 'container', 'containers-in-vm': 'container', vm: 'vm' };
const ruleById = new Map(rules.rules.map((r) => [r.id, r]));

describe('table marks', () => {
  it('over all 3,456 combinations: a row marked leaned-on was leaned on by a rule that argues for the outcome; a row only rules against it lean on is a trade-off', () => {
    let tradeOffs = 0;
    for (const a of all) {
      const d = decide(rules, a, { trace: false });
      const side = SIDE[d.outcome.id]!;
      const fired = d.reasons.map((r) => ruleById.get(r.rule)!);
      const against = (r: (typeof fired)[number]) => r.effect.favour !== undefined && r.effect.favour !== side;
      for (const row of d.rows) expect(fired.some((r) => !against(r) && r.rows?.includes(row)), `${row} marked for ${d.outcome.id} on ${JSON.stringify(a)}`).toBe(true);
      for (const row of d.tradeOffRows) {
        expect(d.rows).not.toContain(row);
        expect(fired.some((r) => against(r) && r.rows?.includes(row))).toBe(true);
        tradeOffs++;
      }
    }
    expect(tradeOffs).toBeGreaterThan(0);
  });
  it('the cases the reviewer found: fast start on a VM answer and an ephemeral VM are trade-offs, not leaned on', () => {
    const vmFast = decide(rules, { ...all[0]!, 'workload-os': 'windows', startup: 'fast', lifecycle: 'ephemeral' } as Answers);
    expect(vmFast.outcome.id).toBe('vm');
    expect(vmFast.rows).not.toContain('startup');
    expect(vmFast.rows).not.toContain('lifecycle');
    expect(vmFast.tradeOffRows).toEqual(expect.arrayContaining(['startup', 'lifecycle']));
  });
});

describe('not sure means careful', () => {
  it('over all combinations: an unsure isolation decides as strong isolation, and says which choice stood in and why', async () => {
    const seen = new Set<string>();
    for (const a of all.filter((a) => a.isolation === 'standard')) {
      const key = JSON.stringify({ ...a, isolation: undefined });
      if (seen.has(key)) continue;
      seen.add(key);
      const strong = decide(rules, { ...a, isolation: 'strong' }, { trace: false }).outcome.id;
      const unsure = await advise({ ...a, isolation: 'unsure' });
      expect(unsure.recommendation).toBe(strong);
      expect(unsure.standIns).toEqual([{ question: 'isolation', choice: 'strong', why: 'careful' }]);
    }
    expect(seen.size).toBe(all.length / 3);
  }, 120_000);
  it('a question with no declared stand-in uses its default, and says so', async () => {
    const a = await advise({ delivery: 'unsure' });
    expect(a.answers.delivery).toBe('no');
    expect(a.standIns).toEqual([{ question: 'delivery', choice: 'no', why: 'default' }]);
  });
});

describe('flips under unsure answers', () => {
  const questions = rules.questions.map((q) => q.id);
  const situation = fc.record({
    at: fc.nat(all.length - 1),
    unsure: fc.subarray(questions, { minLength: 1, maxLength: 3 }),
  });
  it('every flip shown holds for every value of the unsure answers, or names the stand-ins it assumes (and then needs them)', async () => {
    let assumed = 0;
    await fc.assert(
      fc.asyncProperty(situation, async ({ at, unsure }) => {
        const given: Record<string, string> = { ...all[at]! };
        for (const id of unsure) given[id] = 'unsure';
        const advice = await advise(given);
        for (const f of advice.flips) {
          const others = unsure.filter((id) => id !== f.question);
          const values = [...answerSpace({ questions: rules.questions.filter((q) => others.includes(q.id)) })];
          const holdsFor = values.map((v) => decide(rules, { ...advice.answers, ...v, [f.question]: f.to }, { trace: false }).outcome.id === f.recommendation);
          if (!f.assuming) expect(holdsFor.every(Boolean), `${JSON.stringify(f)} for ${JSON.stringify(given)}`).toBe(true);
          else {
            assumed++;
            expect(f.assuming).toEqual(others.map((id) => ({ question: id, choice: advice.answers[id] })));
            expect(holdsFor.every(Boolean)).toBe(false);
          }
        }
      }),
      { seed: 28, numRuns: 300 },
    );
    expect(assumed).toBeGreaterThan(0);
  }, 120_000);
  it('the reviewer\'s case: with workload OS unsure, "--delivery yes -> container" is qualified', async () => {
    const advice = await advise({ 'workload-os': 'unsure', lifecycle: 'long-lived' });
    expect(advice.recommendation).toBe('vm');
    const flip = advice.flips.find((f) => f.question === 'delivery' && f.to === 'yes')!;
    expect(flip.recommendation).toBe('container');
    expect(flip.assuming).toEqual([{ question: 'workload-os', choice: 'linux' }]);
  });
});

describe('summaries under unsure answers', () => {
  it('a summary that would change with an unsure answer gives way to the outcome\'s own', async () => {
    const advice = await advise({ 'workload-os': 'windows', 'host-os': 'linux', delivery: 'yes', isolation: 'unsure' });
    expect(advice.recommendation).toBe('containers-in-vm');
    expect(advice.confidence).toBe('firm');
    expect(advice.summary).toBe(rules.outcomes.find((o) => o.id === 'containers-in-vm')!.summary);
    const given = await advise({ 'workload-os': 'windows', 'host-os': 'linux', delivery: 'yes', isolation: 'standard' });
    expect(given.summary).toMatch(/Windows kernel/);
  });
  it('"nothing here needs a VM" is never shown while the workload OS is unsure', async () => {
    const advice = await advise({ 'workload-os': 'unsure', lifecycle: 'long-lived' });
    expect(advice.summary).not.toMatch(/Nothing here needs a VM/);
  });
});

describe('per-tenant VMs', () => {
  it('over all combinations: wherever multi-tenant work gets a VM, the per-tenant note is shown', () => {
    for (const a of all.filter((a) => a.isolation === 'multi-tenant')) {
      const d = decide(rules, a, { trace: false });
      if (d.outcome.id !== 'container') expect(d.notes.map((n) => n.id), JSON.stringify(a)).toContain('per-tenant-vms');
    }
  });
});

describe('reasons from answers nobody gave', () => {
  it('a reason that reads an assumed answer says so; one from given answers does not', async () => {
    const advice = await advise({ delivery: 'yes' });
    const ephemeral = advice.reasons.find((r) => r.rule === 'ephemeral-favours-containers')!;
    expect(ephemeral.assumed).toEqual(['lifecycle']);
    expect(advice.reasons.find((r) => r.rule === 'delivery-favours-containers')!.assumed).toBeUndefined();
  });
});

describe('what an engineer expects to be told', () => {
  const strict = (a: Answers) => a.isolation !== 'standard';
  // Each new note, and where it applies: it must be shown exactly there.
  const APPLIES: Record<string, (a: Answers, outcome: string) => boolean> = {
    'fast-vm-boundary': (a, o) => strict(a) && o !== 'container' && (a.startup === 'fast' || a.density === 'yes'),
    'windows-image-versions': (a, o) => a['workload-os'] === 'windows' && o !== 'vm',
    'long-lived-in-containers': (a, o) => a.lifecycle === 'long-lived' && o !== 'vm',
  };
  it.each(Object.keys(APPLIES))('over all combinations, %s is shown exactly where it applies', (id) => {
    let shown = 0;
    for (const a of all) {
      const d = decide(rules, a, { trace: false });
      const has = d.notes.some((n) => n.id === id);
      expect(has, JSON.stringify({ ...a, outcome: d.outcome.id })).toBe(APPLIES[id]!(a, d.outcome.id));
      if (has) shown++;
    }
    expect(shown).toBeGreaterThan(0);
  });
});
