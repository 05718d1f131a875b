// Every built-in citation of an article is to something that article says.
// The claims each article supports are written here, from reading the five
// articles (an index is in ../shared/seeds/README.md); each item of the
// built-in rules that cites an article must make at least one of that
// article's claims. Practice sources are checked apart (tests/engine.test.ts).
import { describe, expect, it } from 'vitest';
import { loadRulesFile } from '../src/rules/load.js';
import { defaultRulesPath } from '../src/rules/builtin.js';

const rules = loadRulesFile(defaultRulesPath());

/** What each article says, as the words a sentence resting on it uses. */
const CLAIMS: Record<string, Array<[claim: string, words: RegExp]>> = {
  '000_6dbfc1640b097832.txt': [
    ['Windows images need a Windows kernel; Docker Desktop has a Windows containers mode', /windows (kernel|containers|images|container image)|windows-based/],
    ['Docker on Windows runs in the Linux kernel WSL 2 provides', /wsl ?2|docker desktop/],
    ['there is no lightweight way to give Linux a Windows kernel', /lend|no lightweight way/],
    ['the comparison: full OS vs shared kernel, GBs vs MBs, minutes vs seconds, strong vs moderate isolation, near-native speed', /full os|guest os|own kernel|host('s)? kernel|\bgbs?\b|\bmbs?\b|gigabytes|megabytes|minutes|seconds|isolation|near-native|boot/],
    ['hypervisors of type 1 and type 2', /hypervisor|type 1|type 2/],
  ],
  '001_f76c452e976cd76c.txt': [
    ['VMs virtualize the machine down to the hardware; containers only the software layers above the OS', /hardware|software layers|virtuali[sz]e/],
    ['each VM carries a guest OS and is heavy; containers share the host OS and boot in seconds', /guest (os|operating system)|own operating system|whole operating system|heavy|seconds|boot|lightweight/],
    ['applications that need other OS flavours need VMs; a VM runs Linux on Windows and the reverse', /different (os|operating system)|other operating systems|another os|windows|guest/],
    ['containers inside VMs give two levels of isolation, which is why so many workloads run on VMs', /two (levels|boundaries|layers)|layers two|inside (a |the )?(windows )?vms?|in vms/],
    ['one kernel shared by containers is a risk; a hypervisor isolates more', /kernel flaw|share (its|the same|one) kernel|hypervisor boundary|stronger wall|isolation|breach/],
    ['resources are not reserved for containers, and scaling and duplicating them is easy', /reserv|follow the load|scal|instances|fit on one host|per instance/],
    ['a container needs a compatible host kernel; a Linux container cannot run on Windows without a virtualization layer; Windows containers need a Windows kernel', /portab|compatible kernel|moves?\b|linux (image|container)|windows (kernel|container)|kernel to lend|lend/],
    ['Hyper-V containers carry their own kernel, like lightweight VMs', /hyper-v/],
    ['a VM can emulate a board (Raspberry Pi, BeagleBone) and run containers on it', /raspberry|beaglebone|board|system-on-chip|emulat/],
    ['containers come in hundreds, under orchestrators; an image holds the libraries and dependencies', /hundreds|orchestrat|image|dependencies/],
  ],
  '002_ff82260aaafd54dd.txt': [
    ['a VM virtualizes hardware; a container, the view a process has of the OS', /hardware|cpu|virtuali[sz]e|view a process/],
    ['a VM has its own guest kernel; a container shares the host kernel', /own (guest )?kernel|guest kernel|kernel of its own|shares? (its|the host's|the host|one|a) kernel|host's kernel/],
    ['start-up tens of seconds to minutes vs milliseconds to seconds; several GB vs MBs; hypervisor overhead vs near-native', /seconds|minutes|\bgb\b|\bmb\b|gigabytes|megabytes|overhead|near-native|boot/],
    ['a kernel flaw can let a container break out; strong isolation and multi-tenant boundaries call for a VM', /kernel flaw|escape|breakout|wall|tenant|isolation|single kernel|one kernel/],
    ['a VM can run a different OS (Windows on Linux)', /windows|different os|another os|other operating systems|this os/],
    ['namespaces and cgroups', /namespaces|cgroups/],
    ['containers fit packaging and shipping, microservices and CI/CD, and dense packing', /packag|ship|pipeline|ci\/cd|microservices|dens|fit on one host|many/],
    ['kernel modules and testing the OS itself call for a VM', /kernel modules|testing|custom kernel|kernel of its own|bring a kernel/],
    ['is the host kernel enough? a different OS or custom kernel? how strict is isolation?', /host('s)? kernel|how strict|separation/],
    ['the common cloud pattern is containers inside a VM: the VM the wall, the containers light', /inside (a |the )?vms?|run (its|each instance as a) containers? inside|stack|combine/],
  ],
  '003_fde604e472e27e5d.txt': [
    ['containers are immutable and disposable; VMs are long-lived, configured and cared for', /immutable|disposable|discarded|replac|non-persistent|long-lived|configured|patched|kept|look after/],
    ['VMs are virtualization; containers are application delivery', /deliver|ship|deployable|pipeline|purpose/],
    ['houses and apartments', /house|apartment/],
  ],
  '004_4f0745fd68c6b767.txt': [
    ['the comparison: isolation strong vs process level; minutes vs seconds; GBs vs MBs; high vs low overhead; portability good vs excellent', /isolation|process level|minutes|seconds|\bgbs?\b|\bmbs?\b|gigabytes|megabytes|overhead|portab|excellent|hypervisor|kernel flaw|wall/],
    ['each VM has its own complete OS; containers share the host kernel', /own (complete )?operating system|shares? .*kernel|guest os|move/],
  ],
};

/** Every built-in item that cites sources, with its words. */
function items(): Array<{ where: string; text: string; sources: string[] }> {
  return [
    ...rules.rules.map((r) => ({ where: `rule ${r.id}`, text: r.reason, sources: r.sources })),
    ...rules.notes.map((n) => ({ where: `note ${n.id}`, text: n.text, sources: n.sources })),
    ...rules.outcomes.flatMap((o) => [
      { where: `outcome ${o.id}`, text: `${o.headline} ${o.summary}`, sources: o.sources },
      ...(o.summaries ?? []).map((s) => ({ where: `summary ${o.id}/${s.id}`, text: s.text, sources: s.sources })),
    ]),
    ...rules.comparison.map((r) => ({ where: `row ${r.id}`, text: `${r.aspect} ${r.vm} ${r.container}`, sources: r.sources })),
    ...rules.questions.map((q) => ({ where: `question ${q.id}`, text: [q.prompt, q.help, ...q.choices.flatMap((c) => [c.label, c.help ?? ''])].join(' '), sources: q.sources })),
  ];
}

/** The citations of articles that the article's claims do not cover. */
function unsupported(list: ReturnType<typeof items>): string[] {
  return list.flatMap(({ where, text, sources }) =>
    sources.filter((s) => s in CLAIMS && !CLAIMS[s]!.some(([, words]) => words.test(text.toLowerCase()))).map((s) => `${where} cites ${s}`),
  );
}

describe('citations hold', () => {
  it('every built-in citation of an article is to one of the claims that article supports', () => {
    expect(unsupported(items())).toEqual([]);
  });
  it('every article cited is one of the five, and each is cited', () => {
    const cited = new Set(items().flatMap((i) => i.sources).filter((s) => !s.startsWith('practice-')));
    expect([...cited].sort()).toEqual(Object.keys(CLAIMS).sort());
  });
  it('the VM density cell gives no count of guests, which no article gives', () => {
    expect(rules.comparison.find((r) => r.id === 'density')!.vm).not.toMatch(/handful|dozens|\d/i);
  });
  it('"a container layer would add nothing" is stated as vmvc\'s reasoning, not as an article\'s claim', () => {
    for (const r of rules.rules) expect(r.reason, r.id).not.toMatch(/would (add|give it) nothing/);
  });
  it('the check can fail: the old tooling note, citing 002 for containers running the tools around an OS, is caught', () => {
    const old = { where: 'note other-os-tooling', text: 'The workload itself needs its VM, but the tools around it (builds, tests, deployment scripts) can still run in containers on an ordinary Linux host.', sources: ['002_ff82260aaafd54dd.txt'] };
    expect(unsupported([old])).toEqual(['note other-os-tooling cites 002_ff82260aaafd54dd.txt']);
  });
});
