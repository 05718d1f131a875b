// `vmvc scan` and `advise --scan`: answers read from a repository, each with
// its file and line. Fixture repositories under tests/fixtures/scan/ (one per
// case the issue names, and one per detector under detectors/) are scanned in
// process and through the built CLI; the precedence, the inventory's repo
// column, the wizard's review and a hostile tree are checked beside them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from '@inquirer/testing';
import fc from 'fast-check';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { defaultRulesPath } from '../src/rules/builtin.js';
import { loadRulesFile } from '../src/rules/load.js';
import { EVIDENCE_PER_QUESTION, combine, findingsIn, scanRepository } from '../src/scan/index.js';
import { DETECTORS } from '../src/scan/detectors/index.js';
import { imageOs, stages } from '../src/scan/detectors/dockerfile.js';
import { SCAN_LIMITS, walk } from '../src/scan/walk.js';
import { wizard } from '../src/prompts.js';
import { ROOT, vmvc } from './support/cli.js';
import { tempDir } from './support/temp.js';

const rules = loadRulesFile(defaultRulesPath());
const FIXTURES = join(ROOT, 'tests/fixtures/scan');
const scan = (dir: string) => scanRepository(join(FIXTURES, dir), rules, SCAN_LIMITS);
/** A scan as `question -> ["file:line", ...]`, the shape the table below is written in. */
const where = (dir: string) => Object.fromEntries(Object.entries(scan(dir).evidence).map(([q, list]) => [q, list.map((e) => `${e.file}:${e.line}`)]));

/** Each fixture repository: the answers it gives and the lines that say so. */
const REPOSITORIES: Array<[dir: string, answers: Record<string, string>, evidence: Record<string, string[]>]> = [
  ['windows-service', { 'workload-os': 'windows', delivery: 'yes' }, { 'workload-os': ['Dockerfile:9'], delivery: ['Dockerfile:3', '.github/workflows/release.yml:11', '.github/workflows/release.yml:12'] }],
  ['sandbox-deployment', { isolation: 'strong', delivery: 'yes', density: 'yes' }, { isolation: ['deploy/runner.yaml:19'], delivery: ['deploy/runner.yaml:22'], density: ['deploy/runner.yaml:12'] }],
  ['kernel-driver', { 'custom-kernel': 'yes' }, { 'custom-kernel': ['Kbuild:1', 'Makefile:4', 'dkms.conf:1'] }],
  ['freebsd-vagrant', { 'workload-os': 'other' }, { 'workload-os': ['Vagrantfile:3'] }],
  ['plain-readme', {}, {}],
  // One per detector.
  ['detectors/multistage', { 'workload-os': 'linux', delivery: 'yes' }, { 'workload-os': ['Containerfile:9'], delivery: ['Containerfile:2'] }],
  ['detectors/conflict', { 'workload-os': 'unsure', delivery: 'yes' }, { 'workload-os': ['api/Dockerfile:1', 'legacy/Dockerfile:1'], delivery: ['api/Dockerfile:1', 'legacy/Dockerfile:1'] }],
  ['detectors/unknown-base', { delivery: 'yes' }, { 'workload-os': ['Dockerfile:2', 'worker.Dockerfile:1'], delivery: ['Dockerfile:2', 'worker.Dockerfile:1'] }],
  ['detectors/devcontainer', {}, { 'workload-os': ['.devcontainer/Dockerfile:1'], delivery: ['.devcontainer/Dockerfile:1'] }],
  ['detectors/multiarch-ci', { delivery: 'yes' }, { delivery: ['.github/workflows/image.yml:9'] }],
  ['detectors/gitlab-kaniko', { delivery: 'yes' }, { delivery: ['.gitlab-ci.yml:3', '.gitlab-ci.yml:6'] }],
  ['detectors/helm-chart', { isolation: 'strong', delivery: 'yes', density: 'yes' }, { isolation: ['chart/values.yaml:5'], delivery: ['chart/templates/deployment.yaml:12'], density: ['chart/values.yaml:2'] }],
  ['detectors/statefulset', { delivery: 'yes', density: 'yes', lifecycle: 'long-lived' }, { delivery: ['k8s/db.yaml:11'], density: ['k8s/db.yaml:22'], lifecycle: ['k8s/db.yaml:2'] }],
  ['detectors/compose', { isolation: 'strong', delivery: 'yes' }, { isolation: ['docker-compose.yml:8'], delivery: ['docker-compose.yml:4'] }],
  ['detectors/packer-windows', { 'workload-os': 'windows' }, { 'workload-os': ['windows.pkr.hcl:2', 'windows.pkr.hcl:3'] }],
  ['detectors/packer-legacy', { 'workload-os': 'other' }, { 'workload-os': ['template.json:5', 'template.json:6'] }],
  ['detectors/appliances', { 'workload-os': 'other' }, { 'workload-os': ['legacy.vmx:3', 'router.ovf:4', 'router.ovf:6'] }],
  ['detectors/cloud-init', {}, { 'workload-os': ['user-data:1'] }],
  ['detectors/qemu-board', { 'hardware-emulation': 'yes' }, { 'hardware-emulation': ['scripts/run-pi.sh:4'] }],
  ['detectors/yocto', { 'hardware-emulation': 'yes' }, { 'hardware-emulation': ['build/conf/local.conf:2'] }],
  ['detectors/buildroot', { 'hardware-emulation': 'yes' }, { 'hardware-emulation': ['configs/acme_board_defconfig:2'] }],
];

describe('what a scan finds', () => {
  it.each(REPOSITORIES)('%s', (dir, answers, evidence) => {
    expect(scan(dir).answers).toEqual(answers);
    expect(where(dir)).toEqual(evidence);
  });

  it('says why for every line, and marks the weak ones as weak', () => {
    const unknown = scan('detectors/unknown-base');
    expect(unknown.weak).toEqual(['workload-os']);
    for (const e of unknown.evidence['workload-os']!) expect(e.why).toMatch(/^weak: /);
    expect(scan('detectors/devcontainer').weak).toEqual(['workload-os', 'delivery']);
    expect(scan('windows-service').evidence['workload-os']![0]).toEqual({
      file: 'Dockerfile',
      line: 9,
      found: 'FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022',
      why: 'a Windows base image: the workload needs a Windows kernel',
    });
  });

  it('conflicting evidence is unsure, with both sides shown', () => {
    const conflict = scan('detectors/conflict');
    expect(conflict.conflicts).toEqual(['workload-os']);
    expect(conflict.evidence['workload-os']!.map((e) => e.why)).toEqual([
      'a Linux base image: it runs on the Linux kernel',
      'a Windows base image: the workload needs a Windows kernel',
    ]);
  });

  it('QEMU user-mode emulation in CI is a note that cites its source, not an answer to hardware emulation', () => {
    const ci = scan('detectors/multiarch-ci');
    expect(ci.answers['hardware-emulation']).toBeUndefined();
    expect(ci.notes.map((n) => [n.id, n.sources, n.evidence.map((e) => e.line)])).toEqual([['scan-user-mode-emulation', ['practice-qemu-user-mode'], [7, 11]]]);
    for (const note of ci.notes) for (const s of note.sources) expect(rules.sources.map((x) => x.file)).toContain(s);
  });

  it('drops findings for questions or choices the rules in effect do not have, and keeps the first of each choice within the bound', () => {
    const finding = (question: string, value: string, line: number, weak = false) => ({ question, value, line, found: 'x', why: 'y', file: 'f', ...(weak ? { weak } : {}) });
    const combined = combine(rules, [finding('no-such-question', 'yes', 1), finding('delivery', 'maybe', 2), ...Array.from({ length: 12 }, (_, i) => finding('workload-os', 'linux', 10 + i)), finding('workload-os', 'windows', 40, true)]);
    expect(combined.answers).toEqual({ 'workload-os': 'linux' });
    expect(combined.evidence['workload-os']!.map((e) => e.line)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 40]);
    expect(Object.keys(combined.evidence)).toEqual(['workload-os']);
  });

  it('rules without a question get no answer to it from the scan', () => {
    const found = scanRepository(join(FIXTURES, 'windows-service'), { ...rules, questions: rules.questions.filter((q) => q.id !== 'delivery') }, SCAN_LIMITS);
    expect(found.answers).toEqual({ 'workload-os': 'windows' });
    expect(Object.keys(found.evidence)).toEqual(['workload-os']);
  });

  it('reads Dockerfiles as the reference describes: escape directive, continuations, comments, ARG defaults, stages', () => {
    const parsed = stages('# escape=`\nARG BASE=alpine:3.20\n# a comment\nFROM ${BASE} AS base\nFROM base AS app\nRUN echo `\n  # inside a continuation\n  done\nFROM --platform=$BUILDPLATFORM app\n');
    expect(parsed.map((s) => [s.image, s.name, s.line])).toEqual([['alpine:3.20', 'base', 4], ['base', 'app', 5], ['app', undefined, 9]]);
    expect(stages('FROM ${IMG:-mcr.microsoft.com/windows/nanoserver:ltsc2022}\n')[0]!.image).toBe('mcr.microsoft.com/windows/nanoserver:ltsc2022');
  });

  it.each([
    ['mcr.microsoft.com/windows/servercore:ltsc2019', undefined, 'windows', true],
    ['mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022', undefined, 'windows', true],
    ['mcr.microsoft.com/dotnet/aspnet:8.0', undefined, 'linux', true],
    ['python:3.12-slim', undefined, 'linux', true],
    ['docker.io/library/node:20', undefined, 'linux', true],
    ['ubuntu:24.04', undefined, 'linux', true],
    ['scratch', undefined, 'linux', true],
    ['registry.example/base:1', undefined, 'linux', false],
    ['registry.example/base:1', 'windows/amd64', 'windows', true],
    ['registry.example/base:1', 'linux/arm64', 'linux', true],
  ])('the image %s (platform %s) reads as %s (firm: %s)', (image, platform, os, firm) => {
    expect(imageOs(image, platform)).toMatchObject({ os, firm });
  });

  it.each([
    ['qemu-system-arm -M vexpress-a9 -kernel zImage', 'yes'],
    ['qemu-system-arm -machine type=raspi2b,accel=tcg', 'yes'],
    ['qemu-system-x86_64 -machine accel=kvm,type=q35', undefined],
    ['qemu-system-x86_64 -machine accel=kvm', undefined],
    ['qemu-system-aarch64 -M virt -cpu cortex-a57', undefined],
    ["<domain type='kvm'><os><type arch='armv7l' machine='vexpress-a15'>hvm</type></os>", 'yes'],
    ["<domain type='kvm'><os><type arch='x86_64' machine='pc-q35-8.2'>hvm</type></os>", undefined],
  ])('the QEMU line %j emulates a board: %s', (line, answer) => {
    const [finding] = DETECTORS.find((d) => d.id === 'devices')!.read('run.sh', `${line}\n`, { osOf: () => undefined });
    expect(finding?.value).toBe(answer);
  });

  it('no detector throws on any text, and every finding points at a line of the file', () => {
    // Lines built from the words the detectors look for, so the property reaches their branches.
    const words = ['FROM ', 'AS ', 'ARG ', '${', ':-', '}', 'kind: ', 'apiVersion: v1', '{{ .Values.x }}', 'replicas: ', '12', 'runtimeClassName: kata', 'image: x', 'volumes:', 'services:', '  image: y', 'obj-m += a.o', 'x.ko:', ' -C /lib/modules M=', 'config.vm.box = "', 'guestOS = "', '<OperatingSystemSection', 'osType="', '<Description>', 'qemu-system-arm', ' -M ', '-machine ', 'type=', '<type machine=', "'", '"', '\\', '`', '#', '---', '\n', ' ', 'windows', 'freebsd', 'MACHINE ?= "x"', 'BR2_x=y', '"builders": [', 'communicator = "winrm"'];
    const keys = ['kind:', 'apiVersion:', 'replicas:', 'maxReplicas:', 'replicaCount:', 'runtimeClassName:', '  image:', 'services:', '  runtime:', 'FROM', 'ARG', 'obj-m +=', 'guestOS =', 'MACHINE =', '  config.vm.box =', '  "guest_os_type":'];
    const values = ['{{ .Values.x }}', '"', "'", '12', 'kata', 'x', '', '${A}', 'windows', '--platform=windows/amd64 x', 'StatefulSet', 'Deployment'];
    const keyed = fc.tuple(fc.constantFrom(...keys), fc.constantFrom(' ', ''), fc.constantFrom(...values)).map((parts) => parts.join(''));
    const loose = fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
    const line = fc.oneof(keyed, loose);
    const text = fc.array(line, { maxLength: 20 }).map((lines) => lines.join('\n'));
    const paths = ['Dockerfile', '.github/workflows/ci.yml', 'k8s/app.yaml', 'chart/values.yaml', 'compose.yaml', 'Makefile', 'Kbuild', 'dkms.conf', 'Vagrantfile', 'a.pkr.hcl', 'old.json', 'x.vmx', 'x.ovf', 'user-data', 'run.sh', 'conf/local.conf', 'configs/b_defconfig', 'oe-init-build-env', 'external.desc'];
    const context = { osOf: (t: string) => (/windows/i.test(t) ? 'windows' : /bsd/i.test(t) ? 'other' : undefined) };
    fc.assert(
      fc.property(fc.constantFrom(...paths), text, (path, body) => {
        const lines = body.split(/\r?\n|\r/).length;
        for (const d of DETECTORS) {
          if (!d.wants(path, path.split('/').at(-1)!)) continue;
          for (const f of d.read(path, body, context)) {
            expect(f.line).toBeGreaterThanOrEqual(1);
            expect(f.line).toBeLessThanOrEqual(lines);
            expect(f.question ?? f.note).toBeTypeOf('string');
          }
        }
      }),
      { numRuns: Number(process.env.VMVC_FUZZ_RUNS ?? 2000) },
    );
  });

  it('every detector names the documentation it is written from, and docs/scan.md describes each one', () => {
    const doc = readFileSync(join(ROOT, 'docs/scan.md'), 'utf8');
    for (const d of DETECTORS) {
      expect(d.docs.length, d.id).toBeGreaterThan(0);
      expect(doc, d.id).toContain(`| \`${d.id}\` |`);
    }
  });
});

describe('vmvc scan', () => {
  it('prints JSON with answers, evidence and the files read, and exits 0', () => {
    const r = vmvc(['scan', 'tests/fixtures/scan/sandbox-deployment', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ schemaVersion: 1, answers: { isolation: 'strong', delivery: 'yes', density: 'yes' }, read: 1, skipped: [] });
    expect(json.evidence.density).toEqual([{ file: 'deploy/runner.yaml', line: 12, found: 'replicas: 40', why: '40 copies run at once (10 or more share the hosts)' }]);
    expect(r.stderr).toBe('');
  });

  it('says "No answers found" and exits 0 for a repository with nothing to go on', () => {
    const r = vmvc(['scan', 'tests/fixtures/scan/plain-readme']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'Scanned tests/fixtures/scan/plain-readme (0 files read): no answers found\n', '']);
  });

  it('refuses what is not a folder, naming it (exit 2, one line)', () => {
    expect(vmvc(['scan', '']).stderr).toBe("error: cannot scan an empty path; give the repository's folder (or none, for this one)\n");
    for (const [dir, why] of [['no/such/folder', 'no such file'], ['README.md', 'it is not a folder']]) {
      const r = vmvc(['scan', dir!]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`error: cannot scan ${dir}: ${why}${why === 'it is not a folder' ? "; give the repository's folder" : ''}\n`);
    }
  });
});

describe('advise --scan', () => {
  const json = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const r = vmvc(['advise', '--no-input', '--format', 'json', ...args], { env });
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };
  const repo = 'tests/fixtures/scan/windows-service';

  it('answers from the repository, says scanned, and carries the evidence', () => {
    const advice = json(['--scan', repo, '--host-os', 'linux']);
    expect(advice.answers['workload-os']).toBe('windows');
    expect(advice.answerOrigins).toMatchObject({ 'workload-os': 'scanned', delivery: 'scanned', 'host-os': 'flag', isolation: 'default' });
    expect(advice.evidence['workload-os']).toEqual([{ file: 'Dockerfile', line: 9, found: 'FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022', why: 'a Windows base image: the workload needs a Windows kernel' }]);
    expect(advice.recommendation).toBe('containers-in-vm');
  });

  it('stays below flags, variables, --answers and the config', () => {
    expect(json(['--scan', repo, '--workload-os', 'linux']).answerOrigins['workload-os']).toBe('flag');
    expect(json(['--scan', repo], { VMVC_WORKLOAD_OS: 'linux' }).answerOrigins['workload-os']).toBe('env');
    const dir = tempDir('vmvc-scan-precedence-');
    writeFileSync(join(dir, 'answers.yaml'), 'workload-os: linux\n');
    expect(json(['--scan', repo, '--answers', join(dir, 'answers.yaml')]).answerOrigins['workload-os']).toBe('file');
    writeFileSync(join(dir, 'vmvc.config.yaml'), 'answers:\n  workload-os: linux\n');
    const fromConfig = json(['--config', join(dir, 'vmvc.config.yaml'), '--scan', repo]);
    expect([fromConfig.answerOrigins['workload-os'], fromConfig.answers['workload-os'], fromConfig.answerOrigins.delivery]).toEqual(['config', 'linux', 'scanned']);
  });

  it('scan: true in the config scans the config file\'s folder; --no-scan turns it off', () => {
    const dir = tempDir('vmvc-scan-config-');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n');
    writeFileSync(join(dir, 'vmvc.config.yaml'), 'scan: true\n');
    const config = ['--config', join(dir, 'vmvc.config.yaml')];
    expect(json(config).answerOrigins['workload-os']).toBe('scanned');
    const off = json([...config, '--no-scan']);
    expect([off.answerOrigins['workload-os'], off.evidence]).toEqual(['default', undefined]);
    writeFileSync(join(dir, 'vmvc.config.yaml'), 'scan: elsewhere\n');
    mkdirSync(join(dir, 'elsewhere'));
    writeFileSync(join(dir, 'elsewhere', 'Kbuild'), 'obj-m += x.o\n');
    expect(json(config).evidence).toEqual({ 'custom-kernel': [{ file: 'Kbuild', line: 1, found: 'obj-m += x.o', why: 'obj-m: it builds a loadable kernel module' }] });
  });

  it('a conflict is unsure: the advice says what it depends on', () => {
    const advice = json(['--scan', 'tests/fixtures/scan/detectors/conflict']);
    expect(advice.unsure).toEqual(['workload-os']);
    expect(advice.answerOrigins['workload-os']).toBe('scanned');
    expect(advice.evidence['workload-os']).toHaveLength(2);
  });

  it('says so when the repository answered nothing, and JSON carries an empty evidence', () => {
    const text = vmvc(['advise', '--no-input', '--scan', 'tests/fixtures/scan/plain-readme']);
    expect(text.stdout).toContain('\nFound in the repository (--scan)\n  nothing that answers a question\n');
    expect(json(['--scan', 'tests/fixtures/scan/plain-readme']).evidence).toEqual({});
    expect(vmvc(['advise', '--no-input', '--scan', 'tests/fixtures/scan/plain-readme', '--format', 'markdown']).stdout).toContain('### Found in the repository\n\nNothing that answers a question.\n');
    expect(vmvc(['advise', '--no-input', '--scan', 'tests/fixtures/scan/plain-readme', '--format', 'html']).stdout).toContain('<h2>Found in the repository</h2><p class="meta">none</p>');
    // Without --scan there is no such section.
    expect(vmvc(['advise', '--no-input']).stdout).not.toContain('Found in the repository');
  });

  it('names why a finding was not used: weak signs, or an answer from above the scan', () => {
    const text = vmvc(['advise', '--no-input', '--scan', 'tests/fixtures/scan/detectors/devcontainer', '--workload-os', 'linux']).stdout;
    expect(text).toContain('  --workload-os: weak signs only, not used\n');
    expect(text).toContain('  --delivery: weak signs only, not used\n');
    const overridden = vmvc(['advise', '--no-input', '--scan', 'tests/fixtures/scan/windows-service', '--workload-os', 'linux']).stdout;
    expect(overridden).toContain('  --workload-os: the answer from its flag wins\n');
    expect(overridden).toContain('  --delivery yes\n');
  });

  it('is refused with --input, which scans a repo column instead', () => {
    const r = vmvc(['advise', '--scan', '--input', 'tests/fixtures/portfolio/mixed.csv']);
    expect([r.code, r.stderr]).toEqual([2, 'error: --scan reads one repository; for an inventory, give each row its folder in a repo column\n']);
  });
});

describe('the wizard with a scan', () => {
  it('does not ask what was scanned, and lists it with its file and line on the review screen', async () => {
    const plain = new Chalk({ level: 0 });
    const questions = rules.questions.filter((q) => ['host-os', 'isolation'].includes(q.id));
    const { events, getScreen, answer } = await render(wizard, { questions, chalk: plain, found: [{ question: rules.questions.find((q) => q.id === 'workload-os')!, value: 'windows', where: 'Dockerfile:9' }] });
    events.keypress('enter');
    events.keypress('enter');
    const review = getScreen();
    expect(review).toContain('Review your answers');
    expect(review).toContain('Found in the repository (--scan; a flag overrides):');
    expect(review).toContain('    Workload OS: Windows (Dockerfile:9)');
    events.keypress('enter');
    expect(Object.keys((await answer).answers)).toEqual(['host-os', 'isolation']);
  });
});

describe('the repo column of an inventory', () => {
  it('scans each row\'s folder (relative to the inventory), below the row\'s own cells, with evidence in the records', () => {
    const dir = tempDir('vmvc-scan-inventory-');
    execFileSync('cp', ['-r', join(FIXTURES, 'windows-service'), join(FIXTURES, 'kernel-driver'), dir]);
    writeFileSync(join(dir, 'inventory.csv'), 'name,repo,workload-os\nbilling,windows-service,\nbilling-linux,windows-service,linux\ndriver,kernel-driver,\nghost,missing,\nplain,,\n');
    const r = vmvc(['advise', '--input', join(dir, 'inventory.csv')]);
    expect(r.code).toBe(2);
    const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(records.map((x) => [x.name, x.repo, x.answers?.['workload-os'], x.answers?.delivery, x.answers?.['custom-kernel'], Object.keys(x.evidence ?? {}).join(' ')])).toEqual([
      ['billing', 'windows-service', 'windows', 'yes', 'no', 'workload-os delivery'],
      ['billing-linux', 'windows-service', 'linux', 'yes', 'no', 'workload-os delivery'],
      ['driver', 'kernel-driver', 'linux', 'no', 'yes', 'custom-kernel'],
      ['ghost', undefined, undefined, undefined, undefined, ''],
      ['plain', undefined, 'linux', 'no', 'no', ''],
    ]);
    expect(records[3].error).toBe(`cannot scan ${join(dir, 'missing')}: no such file`);
    expect(records[0].evidence['workload-os'][0]).toMatchObject({ file: 'Dockerfile', line: 9 });
    // The HTML report's details panel lists it for the row: the folder, then each question's first line.
    const html = vmvc(['advise', '--input', join(dir, 'inventory.csv'), '--format', 'html']).stdout;
    const lists = JSON.parse(html.match(/"lists":(\[[\s\S]*?\]\]),"outcomes"/)![1]!) as string[][];
    expect(lists).toContainEqual(['windows-service/', '--workload-os: Dockerfile:9 FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022', '--delivery: Dockerfile:3 FROM mcr.microsoft.com/dotnet/framework/sdk:4.8-windowsservercore-ltsc2022 AS build']);
    expect(html).toContain("section('Found in the repository '");
  });
});

describe('a hostile tree', () => {
  it('finishes within its bounds: links not followed, a huge Dockerfile skipped, 20,000 files, control characters cleaned', () => {
    const root = tempDir('vmvc-scan-hostile-');
    const outside = tempDir('vmvc-scan-outside-');
    writeFileSync(join(outside, 'Dockerfile'), 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n');
    const repo = join(root, 'repo');
    mkdirSync(join(repo, 'loop'), { recursive: true });
    symlinkSync('..', join(repo, 'loop', 'again'));
    symlinkSync(outside, join(repo, 'outside'));
    symlinkSync(join(outside, 'Dockerfile'), join(repo, 'linked.Dockerfile'));
    writeFileSync(join(repo, 'Dockerfile'), `FROM alpine:3.20\n${'RUN true\n'.repeat(30 * 1024 * 1024 / 9)}`);
    execFileSync('mkfifo', [join(repo, 'Containerfile')]);
    const evil = 'svc\u001b]52;c;cHduZWQ=\u0007\u202e\n::error::forged';
    mkdirSync(join(repo, evil));
    writeFileSync(join(repo, evil, 'Kbuild'), 'obj-m += \u001b[31mx.o\n');
    mkdirSync(join(repo, 'many'));
    for (let i = 0; i < 20_000; i++) writeFileSync(join(repo, 'many', `f${i}`), '');
    const r = vmvc(['scan', repo]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    // Nothing from outside, nothing through a link, nothing from the FIFO; the huge file named, not read.
    expect(r.stdout).not.toMatch(/windows|nanoserver/);
    expect(r.stdout).toContain('  Dockerfile: 30 MB, over the 1 MB a file may have; not read');
    // A name with a line break stays on its line: it cannot start a line of its own (a forged CI command).
    expect(r.stdout).toContain('  svc ::error::forged/Kbuild:1  obj-m += x.o');
    expect(r.stdout).toContain('--custom-kernel yes');
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(r.stdout).not.toMatch(/^::error::/m);
    const json = JSON.parse(vmvc(['scan', repo, '--format', 'json']).stdout);
    expect(json.answers).toEqual({ 'custom-kernel': 'yes' });
    expect(json.stopped).toBeUndefined();
  }, 60_000);

  it('a file of one huge line keeps every detector linear (no pattern backtracks over it)', () => {
    const repo = tempDir('vmvc-scan-lines-');
    const huge = (piece: string) => piece.repeat(Math.ceil((900 * 1024) / piece.length));
    mkdirSync(join(repo, '.github/workflows'), { recursive: true });
    writeFileSync(join(repo, '.github/workflows/build.yml'), `run: ${huge('platforms: x')}\n`);
    writeFileSync(join(repo, 'Makefile'), `all:\n\t${huge(' -C /lib/modules ')}\n`);
    writeFileSync(join(repo, 'domain.xml'), `<domain>${huge('<type arch=x ')}\nqemu-system-arm\n`);
    writeFileSync(join(repo, 'Dockerfile'), `FROM ${huge('${A:-')}\n`);
    writeFileSync(join(repo, 'values.yaml'), `${huge('replicaCount: ')}\n`);
    writeFileSync(join(repo, 'Vagrantfile'), `${huge('config.vm.box = "')}\n`);
    const found = scanRepository(repo, rules, SCAN_LIMITS);
    expect(found.read).toBe(6);
    expect(found.answers).toEqual({ delivery: 'yes' });
  });

  it('does not spend the files bound on package manifests, lock files and tool settings', () => {
    const repo = tempDir('vmvc-scan-json-');
    for (const name of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', '.eslintrc.json', 'composer.lock.json', 'data.schema.json']) writeFileSync(join(repo, name), '{}\n');
    writeFileSync(join(repo, 'template.json'), '{\n  "builders": [{\n    "guest_os_type": "Windows2019_64"\n  }]\n}\n');
    const found = scanRepository(repo, rules, SCAN_LIMITS);
    expect([found.read, found.answers]).toEqual([1, { 'workload-os': 'windows' }]);
  });

  it('keeps no more findings than it can show, however many lines say the same', () => {
    const repo = tempDir('vmvc-scan-many-');
    mkdirSync(join(repo, '.github/workflows'), { recursive: true });
    writeFileSync(join(repo, '.github/workflows/build.yml'), 'run: docker build .\n'.repeat(50_000));
    const { findings } = findingsIn(repo, rules, SCAN_LIMITS);
    expect(findings).toHaveLength(EVIDENCE_PER_QUESTION);
    expect(findings.map((f) => f.line)).toEqual(Array.from({ length: EVIDENCE_PER_QUESTION }, (_, i) => i + 1));
  });

  it('each bound stops the walk and says which: entries, files, total bytes, depth, time', () => {
    const repo = tempDir('vmvc-scan-bounds-');
    for (let i = 0; i < 5; i++) writeFileSync(join(repo, `Dockerfile.${i}`), 'FROM alpine\n');
    mkdirSync(join(repo, 'a/b/c'), { recursive: true });
    writeFileSync(join(repo, 'a/b/c/Dockerfile'), 'FROM alpine\n');
    const wants = () => true;
    const limits = { ...SCAN_LIMITS };
    expect(walk(repo, wants, { ...limits, entries: 3 }).stopped).toBe('stopped after 3 folder entries');
    expect(walk(repo, wants, { ...limits, files: 2 })).toMatchObject({ stopped: 'stopped after reading 2 files' });
    expect(walk(repo, wants, { ...limits, totalBytes: 30 }).stopped).toBe('stopped after reading 1 KB');
    expect(walk(repo, wants, { ...limits, depth: 2 }).skipped).toEqual([{ file: 'a/b/c', why: 'deeper than 2 folders' }]);
    let clock = 0;
    expect(walk(repo, wants, limits, undefined, () => (clock += 1000)).stopped).toBe('stopped after 5 s');
    const seen: string[] = [];
    expect(walk(repo, wants, limits, (file) => seen.push(file.path)).read).toBe(6);
    expect(seen).toEqual(['Dockerfile.0', 'Dockerfile.1', 'Dockerfile.2', 'Dockerfile.3', 'Dockerfile.4', 'a/b/c/Dockerfile']);
  });
});
