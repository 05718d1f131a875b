/**
 * Devices: QEMU started with a board's machine type (`-M raspi3b`, `-machine
 * vexpress-a9`, a libvirt domain's `machine=`), or a Yocto or Buildroot tree,
 * which builds a system for a board, means the workload is tried on an
 * emulated board. The generic machine types (pc, q35, virt, microvm) are an
 * ordinary VM, not a board. Written from QEMU's system emulation docs, the
 * Yocto Project reference manual and the Buildroot manual.
 */
import type { Detector, Finding } from '../types.js';
import { extensionOf, isComment, isToolingJson, linesOf, shown } from './lines.js';

/** Files a QEMU command line or a libvirt domain is written in. */
const SCRIPTS = ['sh', 'bash', 'zsh', 'ps1', 'bat', 'cmd', 'mk', 'yml', 'yaml', 'json', 'toml', 'conf', 'cfg', 'xml', 'py', 'just'];
const SCRIPT_NAMES = ['Makefile', 'GNUmakefile', 'makefile', 'justfile', 'Justfile', 'Taskfile', 'Rakefile'];
/** QEMU machine types that are a generic virtual machine rather than a board. */
const GENERIC_MACHINE = /^(?:pc|q35|isapc|microvm|none|virt|pc-(?:i440fx|q35)[\w.-]*|virt-[\w.-]+|pseries[\w.-]*|s390-ccw-virtio[\w.-]*|\?|help)$/i;
/** The machine option of a QEMU command line: `-M raspi3b`, `-machine type=vexpress-a9,accel=tcg`. */
const MACHINE = /(?:^|\s)(?:-M|-machine|--machine)(?:\s+|=)["']?([\w.,=-]+)/;
/** The machine type in a -machine value: its `type=`, else its first part unless that is another property (`accel=kvm`). */
function machineType(spec: string): string | undefined {
  const parts = spec.split(',');
  return parts.find((p) => p.startsWith('type='))?.slice(5) ?? (parts[0]!.includes('=') ? undefined : parts[0]);
}
/** A libvirt domain's `<type ... machine='...'>`, found by position so a line of many `<type` stays linear. */
function libvirtMachine(line: string): string | undefined {
  const at = line.indexOf('<type');
  if (at < 0) return undefined;
  const end = line.indexOf('>', at);
  return /\bmachine=["']([\w.-]+)["']/.exec(line.slice(at, end < 0 ? undefined : end))?.[1];
}

const YOCTO = (path: string, name: string) => name === 'oe-init-build-env' || /(^|\/)conf\/(?:local|layer)\.conf$/.test(path);
const BUILDROOT = (path: string, name: string) => /(^|\/)configs\/[^/]+_defconfig$/.test(path) || name === 'external.desc';

export const devices: Detector = {
  id: 'devices',
  title: 'Emulated boards: QEMU board machine types, libvirt domains, Yocto and Buildroot trees',
  docs: [
    'https://www.qemu.org/docs/master/system/targets.html',
    'https://docs.yoctoproject.org/ref-manual/variables.html#term-MACHINE',
    'https://buildroot.org/downloads/manual/manual.html',
  ],
  wants: (path, name) => (SCRIPTS.includes(extensionOf(name)) && !isToolingJson(name)) || SCRIPT_NAMES.includes(name) || YOCTO(path, name) || BUILDROOT(path, name),
  read(path, text) {
    const name = path.split('/').at(-1)!;
    const lines = linesOf(text);
    if (name === 'oe-init-build-env') return [{ question: 'hardware-emulation', value: 'yes', line: 1, found: 'oe-init-build-env', why: 'a Yocto Project tree: it builds a Linux system for a board, tried on the board or an emulation of it' }];
    const conf = /(^|\/)conf\/(local|layer)\.conf$/.exec(path);
    if (conf) {
      const at = lines.findIndex((l) => (conf[2] === 'local' ? /^\s*MACHINE\s*\??\??=/ : /^\s*BBFILE_COLLECTIONS\b/).test(l));
      return at < 0 ? [] : [{ question: 'hardware-emulation', value: 'yes', line: at + 1, found: shown(lines[at]!), why: `Yocto's ${conf[2]}.conf: a build of a system for a board` }];
    }
    if (BUILDROOT(path, name)) {
      const at = lines.findIndex((l) => /^\s*BR2_\w+=/.test(l));
      const why = 'a Buildroot configuration: it builds a system for a board, tried on the board or an emulation of it';
      if (name === 'external.desc') return [{ question: 'hardware-emulation', value: 'yes', line: 1, found: shown(lines[0] ?? name), why }];
      return at < 0 ? [] : [{ question: 'hardware-emulation', value: 'yes', line: at + 1, found: shown(lines[at]!), why }];
    }
    // A machine option counts only in a file that starts QEMU or is a libvirt domain.
    if (!/qemu-system-|<domain\b/.test(text)) return [];
    const findings: Finding[] = [];
    lines.forEach((line, i) => {
      if (isComment(line) || findings.length) return;
      const spec = MACHINE.exec(line)?.[1];
      const machine = spec !== undefined ? machineType(spec) : libvirtMachine(line);
      if (machine && !GENERIC_MACHINE.test(machine)) findings.push({ question: 'hardware-emulation', value: 'yes', line: i + 1, found: shown(line), why: `QEMU emulates the ${machine} board, hardware the workload is made for` });
    });
    return findings;
  },
};
