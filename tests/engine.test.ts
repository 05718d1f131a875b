import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choiceIndexes, decide, decideIds, decidesByTables, outcomeIndex } from '../src/engine.js';
import { conditionTable, describeCondition, evaluate, holdsAt } from '../src/rules/conditions.js';
import { answerSpace } from '../src/space.js';
import { loadRulesFile } from '../src/rules/load.js';
import { defaultRulesPath } from '../src/rules/builtin.js';
import type { Answers, Condition, Rules } from '../src/rules/types.js';
import { NEUTRAL_ANSWERS } from './support/cli.js';

const rules: Rules = loadRulesFile(defaultRulesPath());

// Nothing container-favouring: a long-lived lifecycle is the neutral one here.
const NEUTRAL: Answers = { ...NEUTRAL_ANSWERS, lifecycle: 'long-lived' };
const decideWith = (over: Partial<Answers>) => decide(rules, { ...NEUTRAL, ...over } as Answers);
const outcome = (over: Partial<Answers>) => decideWith(over).outcome.id;

describe('the examples every rules change must keep', () => {
  it('shipping microservices on Linux with standard isolation -> container', () => {
    expect(outcome({ delivery: 'yes' })).toBe('container');
  });
  it('a Windows workload on a Linux host, nothing container-favouring -> vm', () => {
    expect(outcome({ 'workload-os': 'windows' })).toBe('vm');
  });
  it('a multi-tenant SaaS that ships containers -> containers-in-vm', () => {
    expect(outcome({ isolation: 'multi-tenant', delivery: 'yes' })).toBe('containers-in-vm');
  });
  it('testing a kernel module, nothing container-favouring -> vm', () => {
    expect(outcome({ 'custom-kernel': 'yes' })).toBe('vm');
  });
  it('a Linux app shipped through CI/CD on a Windows host -> container, with the WSL 2 note', () => {
    const d = decideWith({ 'host-os': 'windows', delivery: 'yes' });
    expect(d.outcome.id).toBe('container');
    expect(d.notes.map((n) => n.id)).toContain('linux-containers-on-windows');
    expect(d.notes.find((n) => n.id === 'linux-containers-on-windows')!.text).toMatch(/WSL 2/);
  });
  it('strong isolation where only an ephemeral lifecycle favours containers -> vm', () => {
    expect(outcome({ isolation: 'strong', lifecycle: 'ephemeral' })).toBe('vm');
  });
});

describe('each rule fires where it should', () => {
  const fires = (over: Partial<Answers>, id: string) => decideWith(over).reasons.map((r) => r.rule).includes(id);
  const CASES: Array<[string, Partial<Answers>]> = [
    ['windows-workload-off-windows', { 'workload-os': 'windows', 'host-os': 'linux' }],
    ['windows-workload-on-macos', { 'workload-os': 'windows', 'host-os': 'macos' }],
    ['other-os-needs-vm', { 'workload-os': 'other' }],
    ['custom-kernel-needs-vm', { 'custom-kernel': 'yes' }],
    ['strict-isolation-needs-vm', { isolation: 'strong' }],
    ['hardware-emulation-needs-vm', { 'hardware-emulation': 'yes' }],
    ['guest-is-the-workload', { 'custom-kernel': 'yes', delivery: 'no' }],
    ['delivery-favours-containers', { delivery: 'yes' }],
    ['density-favours-containers', { density: 'yes' }],
    ['fast-startup-favours-containers', { startup: 'fast' }],
    ['ephemeral-favours-containers', { lifecycle: 'ephemeral' }],
    ['long-lived-favours-vm', { lifecycle: 'long-lived' }],
    ['portability-favours-containers', { portability: 'yes' }],
  ];
  it.each(CASES)('%s', (id, over) => {
    expect(fires(over, id)).toBe(true);
  });
  it('covers every rule in the file', () => {
    const tested = new Set(CASES.map(([id]) => id));
    expect(rules.rules.map((r) => r.id).filter((id) => !tested.has(id))).toEqual([]);
  });
  it('a Windows workload on a Windows host needs no VM and gets the Windows containers note', () => {
    const d = decideWith({ 'workload-os': 'windows', 'host-os': 'windows', delivery: 'yes' });
    expect(d.outcome.id).toBe('container');
    expect(d.notes.map((n) => n.id)).toContain('windows-containers-mode');
  });
  it('Hyper-V isolation is mentioned for strict isolation of Windows on Windows', () => {
    const d = decideWith({ 'workload-os': 'windows', 'host-os': 'windows', isolation: 'strong' });
    expect(d.notes.map((n) => n.id)).toContain('hyper-v-isolation');
  });
  it('an OS with no container runtime stays vm however container-friendly the rest is', () => {
    expect(outcome({ 'workload-os': 'other', delivery: 'yes', density: 'yes', lifecycle: 'ephemeral' })).toBe('vm');
  });
  it('hardware emulation with a pipeline-shipped app runs containers inside the emulated VM', () => {
    expect(outcome({ 'hardware-emulation': 'yes', delivery: 'yes' })).toBe('containers-in-vm');
  });
  it('dense, ephemeral instances tip a VM requirement to containers-in-vm; dense long-lived ones do not', () => {
    expect(outcome({ isolation: 'strong', density: 'yes', lifecycle: 'ephemeral' })).toBe('containers-in-vm');
    expect(outcome({ isolation: 'strong', density: 'yes', lifecycle: 'long-lived', startup: 'fast', portability: 'yes' })).toBe('vm');
  });
});

describe('trace and explanation', () => {
  it('names the failed condition of a rule that did not fire', () => {
    const d = decideWith({});
    const t = d.trace!.rules.find((r) => r.rule === 'strict-isolation-needs-vm')!;
    expect(t.fired).toBe(false);
    expect(t.failed).toBe('isolation is strong or multi-tenant (answer: standard)');
  });
  it('says why an outcome was passed over', () => {
    const d = decideWith({ isolation: 'strong' });
    expect(d.trace!.outcomes[0]).toEqual({ outcome: 'container', status: 'gate-failed', why: 'a VM requirement holds (strict-isolation-needs-vm)' });
    expect(d.trace!.outcomes[1]!.status).toBe('gate-failed');
    expect(d.trace!.outcomes[2]!.status).toBe('chosen');
  });
  it('evaluates all / any / not', () => {
    const a = { ...NEUTRAL };
    expect(evaluate({ all: [{ 'host-os': 'linux' }, { delivery: 'no' }] }, a).ok).toBe(true);
    expect(evaluate({ any: [{ 'host-os': 'windows' }, { delivery: 'yes' }] }, a)).toEqual({
      ok: false,
      failed: 'none of: host-os is windows (answer: linux); delivery is yes (answer: no)',
    });
    expect(evaluate({ not: { 'host-os': 'linux' } }, a)).toEqual({ ok: false, failed: 'not (host-os is linux)' });
    expect(describeCondition({ 'host-os': ['linux', 'macos'], not: { delivery: 'yes' } })).toBe(
      'host-os is linux or macos and not (delivery is yes)',
    );
  });
  it('refuses an incomplete or invalid answer set', () => {
    expect(() => decide(rules, { ...NEUTRAL, isolation: 'hihg' })).toThrow(/isolation/);
  });
});

describe('conditions as truth tables', () => {
  // Four questions of 3, 2, 4 and 2 choices: 48 combinations, each checked.
  const qs = [
    { id: 'q0', choices: ['a', 'b', 'c'] },
    { id: 'q1', choices: ['x', 'y'] },
    { id: 'q2', choices: ['p', 'q', 'r', 's'] },
    { id: 'q3', choices: ['on', 'off'] },
  ];
  const index = new Map(qs.map((q, qi) => [q.id, { qi, choices: new Map(q.choices.map((c, i) => [c, i])) }]));
  const leaf = fc.constantFrom(...qs).chain((q) =>
    fc.oneof(fc.constantFrom(...q.choices), fc.subarray(q.choices, { minLength: 1 })).map((v): Condition => ({ [q.id]: v })),
  );
  const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
    condition: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('condition'), { minLength: 1, maxLength: 3 }).map((all): Condition => ({ all })),
      fc.array(tie('condition'), { minLength: 1, maxLength: 3 }).map((any): Condition => ({ any })),
      tie('condition').map((not): Condition => ({ not })),
      fc.tuple(leaf, leaf).map(([a, b]): Condition => ({ ...a, ...b })),
    ),
  }));
  function* combinations(i = 0, answers: Record<string, string> = {}): Generator<Record<string, string>> {
    if (i === qs.length) yield { ...answers };
    else for (const c of qs[i]!.choices) yield* combinations(i + 1, { ...answers, [qs[i]!.id]: c });
  }

  it('hold exactly where the condition does, for every combination of answers', () => {
    fc.assert(
      fc.property(condition, (cond) => {
        const table = conditionTable(cond, index, 4096)!;
        expect(table.reads).toEqual([...table.reads].sort((a, b) => a - b));
        for (const answers of combinations()) {
          let at = 0;
          table.reads.forEach((qi, k) => (at = at * table.radix[k]! + qs[qi]!.choices.indexOf(answers[qs[qi]!.id]!)));
          expect({ answers, holds: table.holds[at] === 1 }).toEqual({ answers, holds: evaluate(cond, answers as Answers).ok });
        }
      }),
      { numRuns: 300, seed: 21 },
    );
  });

  it('read as written (holdsAt, before any table), hold exactly where the condition does', () => {
    fc.assert(
      fc.property(condition, (cond) => {
        for (const answers of combinations()) {
          const choice = qs.map((q) => q.choices.indexOf(answers[q.id]!));
          expect({ answers, holds: holdsAt(cond, index, choice) }).toEqual({ answers, holds: evaluate(cond, answers as Answers).ok });
        }
      }),
      { numRuns: 300, seed: 23 },
    );
  });

  it('are not made past the limit: the engine tests such a condition directly, and decides the same', () => {
    expect(conditionTable({ q0: 'a', q2: 'p' }, index, 11)).toBeUndefined();
    expect(conditionTable({ q0: 'a', q2: 'p' }, index, 12)?.holds).toHaveLength(12);
    // Two more two-choice questions make the built-in answer space 13,824 combinations; one rule reads them all
    // (most through leaves that take every choice, so that it fires often enough to be seen both ways).
    const extra = ['extra-a', 'extra-b'].map((id) => ({ id, prompt: id, help: id, choices: [{ id: 'yes', label: 'yes' }, { id: 'no', label: 'no' }], default: 'no', sources: [] }));
    const wide: Condition = { all: [{ any: [{ 'host-os': 'linux' }, { 'workload-os': 'windows' }] }, { not: { 'extra-a': 'no' } }, ...rules.questions.slice(2).map((q) => ({ [q.id]: q.choices.map((c) => c.id) })), { 'extra-b': 'yes' }] };
    const big: Rules = { ...rules, questions: [...rules.questions, ...extra], rules: [...rules.rules, { ...rules.rules[0]!, id: 'wide', when: wide }] };
    let fired = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.tuple(...big.questions.map((q) => fc.constantFrom(...q.choices.map((c) => c.id)))), (picked) => {
        const a = Object.fromEntries(big.questions.map((q, i) => [q.id, picked[i]!])) as Answers;
        const d = decide(big, a);
        const holds = evaluate(wide, a).ok;
        runs++;
        if (holds) fired++;
        expect(d.reasons.some((r) => r.rule === 'wide')).toBe(holds);
        expect(decideIds(big, choiceIndexes(big, a))).toEqual({ outcome: big.outcomes.indexOf(d.outcome), reasons: d.reasons.map((r) => r.rule), notes: d.notes.map((n) => n.id) });
        expect(outcomeIndex(big, choiceIndexes(big, a))).toBe(big.outcomes.indexOf(d.outcome));
      }),
      { numRuns: 400, seed: 22 },
    );
    // Seen both ways.
    expect(fired).toBeGreaterThan(0);
    expect(fired).toBeLessThan(runs);
  });
});

describe('the whole answer space', () => {
  const all = [...answerSpace(rules)];
  const declared = new Set(rules.sources.map((s) => s.file));
  // The principle, stated independently of the engine's weights.
  const needsVm = (a: Answers) =>
    a['workload-os'] === 'other' ||
    (a['workload-os'] === 'windows' && a['host-os'] !== 'windows') ||
    a['custom-kernel'] === 'yes' ||
    a['hardware-emulation'] === 'yes' ||
    a.isolation !== 'standard';
  const anyContainerFact = (a: Answers) =>
    a.delivery === 'yes' || a.density === 'yes' || a.startup === 'fast' || a.lifecycle === 'ephemeral' || a.portability === 'yes';

  it('has 3,456 combinations', () => expect(all).toHaveLength(3456));

  it('gives exactly one known outcome, the same twice, citing only declared sources', () => {
    for (const a of all) {
      const d1 = decide(rules, a);
      const d2 = decide(rules, a);
      expect(['vm', 'container', 'containers-in-vm']).toContain(d1.outcome.id);
      expect(d2).toEqual(d1);
      for (const item of [...d1.reasons, ...d1.notes]) {
        expect(item.sources.length).toBeGreaterThan(0);
        for (const s of item.sources) expect(declared.has(s)).toBe(true);
      }
    }
  });

  // The two families of VM requirement: the workload itself needs a guest (its OS, a custom
  // kernel, emulated hardware), or it needs a wall around it (strong or multi-tenant isolation).
  const needsGuest = (a: Answers) =>
    a['workload-os'] === 'other' || (a['workload-os'] === 'windows' && a['host-os'] !== 'windows') || a['custom-kernel'] === 'yes' || a['hardware-emulation'] === 'yes';
  const needsWall = (a: Answers) => a.isolation !== 'standard';

  it('follows the principle in every combination', () => {
    let changedByRefinement = 0;
    for (const a of all) {
      const got = decide(rules, a).outcome.id;
      let want: string;
      // 1. Nothing needs a VM: a container, unless nothing favours one and the machine is kept.
      if (!needsVm(a)) want = !anyContainerFact(a) && a.lifecycle === 'long-lived' ? 'vm' : 'container';
      // 2. An OS no container runtime serves is its own guest.
      else if (a['workload-os'] === 'other') want = 'vm';
      // 3. Shipped through a pipeline: containers inside the VM, whichever requirement.
      else if (a.delivery === 'yes') want = 'containers-in-vm';
      // 4. Not shipped as images and the workload itself needs the guest: the workload is the guest.
      else if (needsGuest(a)) want = 'vm';
      // 5. Only a wall is needed: dense, short-lived instances become containers inside it.
      else if (needsWall(a) && a.density === 'yes' && a.lifecycle === 'ephemeral') want = 'containers-in-vm';
      else want = 'vm';
      if (needsGuest(a) && needsWall(a) === false && a.delivery === 'no' && a.density === 'yes' && a.lifecycle === 'ephemeral') changedByRefinement++;
      expect({ a, got }).toEqual({ a, got: want });
    }
    // The refinement matters: dense, ephemeral guests not shipped as images were containers-in-vm before.
    expect(changedByRefinement).toBeGreaterThan(0);
  });

  it('outcomeIndex (the lean path for walking answer spaces) agrees with decide everywhere', () => {
    for (const a of all) expect(rules.outcomes[outcomeIndex(rules, choiceIndexes(rules, a))]!.id).toBe(decide(rules, a).outcome.id);
  });

  it('decideIds (portfolio mode\'s path) gives decide\'s outcome, fired rules and notes everywhere', () => {
    for (const a of all) {
      const d = decide(rules, a, { trace: false });
      const ids = decideIds(rules, choiceIndexes(rules, a));
      expect({ a, ids }).toEqual({ a, ids: { outcome: rules.outcomes.indexOf(d.outcome), reasons: d.reasons.map((r) => r.rule), notes: d.notes.map((n) => n.id) } });
    }
  });

  it('deciding without a trace gives the same decision, minus the trace', () => {
    for (const a of all) {
      const { trace, ...rest } = decide(rules, a);
      expect(trace).toBeDefined();
      expect(decide(rules, a, { trace: false })).toEqual(rest);
    }
  });

  it('decides the same before its conditions become truth tables and after', () => {
    // A single run tests each condition by its compiled function; many decisions on one rules object build the tables.
    const warm = { ...rules };
    for (let i = 0; !decidesByTables(warm); i++) {
      expect(i).toBeLessThan(1000);
      decide(warm, all[i]!);
    }
    for (const a of all) {
      const first = { ...rules }; // a new object: compiled afresh
      expect({ a, d: decide(first, a, { trace: false }) }).toEqual({ a, d: decide(warm, a, { trace: false }) });
      expect(decidesByTables(first)).toBe(false);
    }
  });

  it('never answers container when a VM requirement holds', () => {
    for (const a of all) {
      const d = decide(rules, a);
      expect(d.requirement).toBe(needsVm(a));
      if (d.requirement) expect(d.outcome.id).not.toBe('container');
    }
  });
});

describe('every sentence holds for the answer it is shown with', () => {
  const all = [...answerSpace(rules)];
  const strict = (a: Answers) => a.isolation !== 'standard';
  const needsVm = (a: Answers) =>
    a['workload-os'] === 'other' || (a['workload-os'] === 'windows' && a['host-os'] !== 'windows') || a['custom-kernel'] === 'yes' || a['hardware-emulation'] === 'yes' || strict(a);
  const anyContainerFact = (a: Answers) =>
    a.delivery === 'yes' || a.density === 'yes' || a.startup === 'fast' || a.lifecycle === 'ephemeral' || a.portability === 'yes';
  type Premise = (a: Answers, outcome: string) => boolean;

  // What each sentence claims, stated here as data, apart from the conditions in the rules file.
  const SUMMARIES: Record<string, Premise> = {
    // "The host's kernel can run it ... directly on the host."
    'container/': (a) => a['host-os'] === 'linux' && a['workload-os'] === 'linux',
    'container/linux-on-windows-host': (a) => a['host-os'] === 'windows' && a['workload-os'] === 'linux',
    'container/linux-on-macos-host': (a) => a['host-os'] === 'macos' && a['workload-os'] === 'linux',
    'container/windows-on-windows-host': (a) => a['host-os'] === 'windows' && a['workload-os'] === 'windows',
    // "Something here needs a VM, and the workload ships as container images."
    'containers-in-vm/': (a) => needsVm(a) && a.delivery === 'yes',
    // "Its isolation needs a VM boundary, and it ships as container images."
    'containers-in-vm/isolation-wall': (a) => strict(a) && a.delivery === 'yes',
    // "It needs a Windows kernel that this host cannot lend, and it ships as container images."
    'containers-in-vm/windows-kernel': (a) => a['workload-os'] === 'windows' && a['host-os'] !== 'windows' && a.delivery === 'yes',
    // "It needs a kernel of its own ... and it ships as container images."
    'containers-in-vm/own-kernel': (a) => a['custom-kernel'] === 'yes' && a.delivery === 'yes',
    // "It needs an emulated board ... and it ships as container images."
    'containers-in-vm/emulated-board': (a) => a['hardware-emulation'] === 'yes' && a.delivery === 'yes',
    // "Its isolation needs a VM boundary, and its instances are many and short-lived."
    'containers-in-vm/sandboxed-instances': (a) => strict(a) && a.density === 'yes' && a.lifecycle === 'ephemeral' && a.delivery === 'no',
    // "Give the workload its own guest kernel": something here needs it.
    'vm/': (a) => needsVm(a),
    // "Nothing here needs a VM, and nothing favours a container either; a long-lived system ..."
    'vm/kept-machine': (a) => !needsVm(a) && !anyContainerFact(a) && a.lifecycle === 'long-lived',
  };
  const NOTES: Record<string, Premise> = {
    'linux-containers-on-windows': (a, o) => a['workload-os'] === 'linux' && a['host-os'] === 'windows' && o === 'container',
    'linux-containers-on-windows-server': (a, o) => a['workload-os'] === 'linux' && a['host-os'] === 'windows' && o !== 'vm',
    'linux-containers-on-macos': (a, o) => a['workload-os'] === 'linux' && a['host-os'] === 'macos' && o === 'container',
    'desktop-vm-is-shared': (a, o) => a['workload-os'] === 'linux' && a['host-os'] !== 'linux' && strict(a) && o === 'containers-in-vm',
    'windows-containers-mode': (a, o) => a['workload-os'] === 'windows' && a['host-os'] === 'windows' && o === 'container',
    'windows-containers-in-the-vm': (a, o) => a['workload-os'] === 'windows' && o === 'containers-in-vm',
    'hyper-v-isolation': (a, o) => a['workload-os'] === 'windows' && a['host-os'] === 'windows' && strict(a) && o !== 'container',
    'two-layers': (_, o) => o === 'containers-in-vm',
    'soc-emulation': (a, o) => a['hardware-emulation'] === 'yes' && o === 'containers-in-vm',
    // QEMU user mode runs Linux programs and is no security boundary.
    'user-mode-emulation': (a) => a['hardware-emulation'] === 'yes' && a['workload-os'] === 'linux' && !strict(a),
    'windows-on-linux-is-hard': (a) => a['workload-os'] === 'windows' && a['host-os'] === 'linux',
    // "... can still run in containers on this Linux host".
    'other-os-tooling': (a) => a['workload-os'] === 'other' && a['host-os'] === 'linux',
    // Per-tenant VMs, wherever multi-tenant work gets a VM.
    'per-tenant-vms': (a, o) => a.isolation === 'multi-tenant' && o !== 'container',
    // A VM boundary that must also start fast or pack densely.
    'fast-vm-boundary': (a, o) => strict(a) && o !== 'container' && (a.startup === 'fast' || a.density === 'yes'),
    // Windows images as containers: on the host, or in the VM.
    'windows-image-versions': (a, o) => a['workload-os'] === 'windows' && o !== 'vm',
    // A long-lived workload that still gets containers.
    'long-lived-in-containers': (a, o) => a.lifecycle === 'long-lived' && o !== 'vm',
  };

  it('states a premise for every summary and note of the rules file', () => {
    const summaries = rules.outcomes.flatMap((o) => [`${o.id}/`, ...(o.summaries ?? []).map((s) => `${o.id}/${s.id}`)]);
    expect(summaries.sort()).toEqual(Object.keys(SUMMARIES).sort());
    expect(rules.notes.map((n) => n.id).sort()).toEqual(Object.keys(NOTES).sort());
  });

  /** Every place a summary or note is shown against its premise, and what was never shown. */
  function check(r: Rules): { violations: string[]; neverShown: string[] } {
    const shown = new Set<string>();
    const violations: string[] = [];
    for (const a of all) {
      const d = decide(r, a, { trace: false });
      const key = `${d.outcome.id}/${d.summary.id ?? ''}`;
      shown.add(key);
      if (!SUMMARIES[key]?.(a, d.outcome.id)) violations.push(`summary ${key} for ${JSON.stringify(a)}`);
      for (const n of d.notes) {
        shown.add(n.id);
        if (!NOTES[n.id]?.(a, d.outcome.id)) violations.push(`note ${n.id} with ${d.outcome.id} for ${JSON.stringify(a)}`);
      }
    }
    // containers-in-vm's own summary is the one shown when which variant applies hangs on an unsure answer
    // (see "summaries under unsure answers"); with every answer given, a variant always applies.
    const fallbackOnly = new Set(['containers-in-vm/']);
    return { violations, neverShown: [...Object.keys(SUMMARIES), ...Object.keys(NOTES)].filter((k) => !shown.has(k) && !fallbackOnly.has(k)) };
  }

  it('shows a summary and notes only where their premise holds, and each of them somewhere', () => {
    const { violations, neverShown } = check(rules);
    expect(violations.slice(0, 5)).toEqual([]);
    expect(neverShown).toEqual([]);
  });

  it('the check can fail: the two-layers note shown on its old condition (strict isolation) is caught on plain VM answers', () => {
    const old = structuredClone(rules);
    old.notes.find((n) => n.id === 'two-layers')!.when = { isolation: ['strong', 'multi-tenant'] };
    expect(check(old).violations.some((v) => v.startsWith('note two-layers with vm'))).toBe(true);
  });
});

describe('the situations the refined principle and notes were written for', () => {
  const notes = (over: Partial<Answers>) => decideWith(over).notes.map((n) => n.id);
  it('a kernel test rig run as many short-lived copies, not shipped as images -> vm: the workload is the guest', () => {
    const d = decideWith({ 'custom-kernel': 'yes', density: 'yes', lifecycle: 'ephemeral' });
    expect(d.outcome.id).toBe('vm');
    expect(d.reasons.map((r) => r.rule)).toContain('guest-is-the-workload');
  });
  it('a Windows workload on Linux, dense and ephemeral but not shipped as images -> vm; shipped through a pipeline -> containers-in-vm', () => {
    expect(outcome({ 'workload-os': 'windows', density: 'yes', lifecycle: 'ephemeral' })).toBe('vm');
    expect(outcome({ 'workload-os': 'windows', delivery: 'yes' })).toBe('containers-in-vm');
  });
  it('untrusted code runners (multi-tenant, dense, ephemeral, no pipeline) -> containers-in-vm, summed up as sandboxed instances', () => {
    const d = decideWith({ isolation: 'multi-tenant', density: 'yes', lifecycle: 'ephemeral' });
    expect(d.outcome.id).toBe('containers-in-vm');
    expect(d.summary.id).toBe('sandboxed-instances');
    expect(d.summary.text).not.toMatch(/ships as container images|shipped/);
  });
  it('strong isolation plus a custom kernel, dense and ephemeral, no pipeline -> vm: the guest need wins', () => {
    expect(outcome({ isolation: 'strong', 'custom-kernel': 'yes', density: 'yes', lifecycle: 'ephemeral' })).toBe('vm');
  });
  it('a Linux container on a Windows or macOS host is not said to run directly on the host', () => {
    for (const host of ['windows', 'macos']) {
      const d = decideWith({ 'host-os': host, delivery: 'yes' });
      expect(d.outcome.id).toBe('container');
      expect(d.summary.text).not.toMatch(/directly on the host/);
      expect(d.summary.text).toMatch(/Linux VM/);
    }
  });
  it('a Windows VM on a Mac or Linux host running Windows containers gets the Windows containers note', () => {
    for (const host of ['macos', 'linux']) {
      const n = notes({ 'workload-os': 'windows', 'host-os': host, delivery: 'yes' });
      expect(n).toContain('windows-containers-in-the-vm');
      expect(n).not.toContain('windows-containers-mode');
    }
  });
  it('Linux containers on a Windows server: the Linux VM is the operator\'s to run', () => {
    expect(notes({ 'host-os': 'windows', delivery: 'yes' })).toContain('linux-containers-on-windows-server');
    expect(notes({ 'host-os': 'windows', isolation: 'strong', delivery: 'yes' })).toContain('linux-containers-on-windows-server');
  });
  it('strict isolation on a Windows or macOS host: Docker Desktop\'s one VM is not a per-workload wall', () => {
    for (const host of ['windows', 'macos']) expect(notes({ 'host-os': host, isolation: 'multi-tenant', delivery: 'yes' })).toContain('desktop-vm-is-shared');
    expect(notes({ 'host-os': 'linux', isolation: 'multi-tenant', delivery: 'yes' })).not.toContain('desktop-vm-is-shared');
  });
  it('no two-layers note on a plain VM answer, no Docker Desktop note where no container runs', () => {
    expect(decideWith({ isolation: 'strong' }).outcome.id).toBe('vm');
    expect(notes({ isolation: 'strong' })).not.toContain('two-layers');
    expect(decideWith({ 'host-os': 'windows' }).outcome.id).toBe('vm');
    expect(notes({ 'host-os': 'windows' })).not.toContain('linux-containers-on-windows');
    expect(notes({ 'workload-os': 'windows', 'host-os': 'windows', lifecycle: 'long-lived' })).not.toContain('windows-containers-mode');
  });
  it('emulation: the board note only where containers run on it; user-mode emulation said wherever emulation is asked', () => {
    expect(outcome({ 'hardware-emulation': 'yes' })).toBe('vm');
    expect(notes({ 'hardware-emulation': 'yes' })).toEqual(expect.arrayContaining(['user-mode-emulation']));
    expect(notes({ 'hardware-emulation': 'yes' })).not.toContain('soc-emulation');
    expect(notes({ 'hardware-emulation': 'yes', delivery: 'yes' })).toContain('soc-emulation');
    const reason = decideWith({ 'hardware-emulation': 'yes' }).reasons.find((r) => r.rule === 'hardware-emulation-needs-vm')!.text;
    expect(reason).not.toMatch(/only a VM|containers see the real machine/i);
  });
  it('an OS no runtime serves: no claim that containers cannot help at all, and a note on the tooling', () => {
    const d = decideWith({ 'workload-os': 'other', delivery: 'yes' });
    expect(d.outcome.id).toBe('vm');
    expect(d.reasons.map((r) => r.text).join(' ')).not.toMatch(/containers cannot help/i);
    expect(d.notes.map((n) => n.id)).toContain('other-os-tooling');
  });
  it('no sentence leans on one before it ("either", "too", "also" with nothing before)', () => {
    for (const n of rules.notes) expect(n.text, n.id).not.toMatch(/\b(either|as well)\b[.;,]?/i);
  });
});
