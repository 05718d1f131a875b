import { describe, expect, it } from 'vitest';
import { decide } from '../src/engine.js';
import { describeCondition, evaluate } from '../src/rules/conditions.js';
import { answerSpace } from '../src/rules/analyse.js';
import { loadRulesFile } from '../src/rules/load.js';
import { defaultRulesPath } from '../src/rules/builtin.js';
import type { Answers, Rules } from '../src/rules/types.js';
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
  it.each([
    ['windows-workload-off-windows', { 'workload-os': 'windows', 'host-os': 'macos' }],
    ['other-os-needs-vm', { 'workload-os': 'other' }],
    ['custom-kernel-needs-vm', { 'custom-kernel': 'yes' }],
    ['strict-isolation-needs-vm', { isolation: 'strong' }],
    ['hardware-emulation-needs-vm', { 'hardware-emulation': 'yes' }],
    ['delivery-favours-containers', { delivery: 'yes' }],
    ['density-favours-containers', { density: 'yes' }],
    ['fast-startup-favours-containers', { startup: 'fast' }],
    ['ephemeral-favours-containers', { lifecycle: 'ephemeral' }],
    ['long-lived-favours-vm', { lifecycle: 'long-lived' }],
    ['portability-favours-containers', { portability: 'yes' }],
  ] as Array<[string, Partial<Answers>]>)('%s', (id, over) => {
    expect(fires(over, id)).toBe(true);
  });
  it('covers every rule in the file', () => {
    const tested = new Set([
      'windows-workload-off-windows', 'other-os-needs-vm', 'custom-kernel-needs-vm', 'strict-isolation-needs-vm',
      'hardware-emulation-needs-vm', 'delivery-favours-containers', 'density-favours-containers',
      'fast-startup-favours-containers', 'ephemeral-favours-containers', 'long-lived-favours-vm',
      'portability-favours-containers',
    ]);
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

  it('follows the principle in every combination', () => {
    for (const a of all) {
      const got = decide(rules, a).outcome.id;
      let want: string;
      if (!needsVm(a)) want = !anyContainerFact(a) && a.lifecycle === 'long-lived' ? 'vm' : 'container';
      else if (a['workload-os'] === 'other') want = 'vm';
      else if (a.delivery === 'yes') want = 'containers-in-vm';
      else if (a.density === 'yes' && a.lifecycle === 'ephemeral') want = 'containers-in-vm';
      else want = 'vm';
      expect({ a, got }).toEqual({ a, got: want });
    }
  });

  it('deciding without a trace gives the same decision, minus the trace', () => {
    for (const a of all) {
      const { trace, ...rest } = decide(rules, a);
      expect(trace).toBeDefined();
      expect(decide(rules, a, { trace: false })).toEqual(rest);
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
