/**
 * Kernel work: a module built with the kernel's own build system (Kbuild,
 * `obj-m` in a Makefile, a `.ko` target, `make -C <kernel tree> M=...`) or
 * packaged for DKMS needs a kernel of its own to load into. Written from the
 * kernel's "Building External Modules" guide and the dkms manual.
 */
import type { Detector, Finding } from '../types.js';
import { isComment, linesOf, shown } from './lines.js';

const MAKEFILE = /^(?:GNUmakefile|makefile|Makefile|Kbuild|.+\.mk)$/;
/** Lines of a Makefile that build a loadable kernel module (each test linear in the line's length). */
const MODULE_BUILD: Array<[(line: string) => boolean, string]> = [
  [(l) => /^\s*obj-m\s*[+:]?=/.test(l), 'obj-m: it builds a loadable kernel module'],
  [(l) => /^[^\s#=:]+\.ko\s*:(?!=)/.test(l), 'a rule that makes a .ko file, a loadable kernel module'],
  // make -C <kernel tree> M=<this folder>: the kernel's build system building an external module.
  [(l) => /\s-C\s/.test(l) && /\sM=/.test(l) && /\/lib\/modules|KERNEL|KDIR|kernel/i.test(l), "it builds against a kernel tree with the kernel's own build system"],
];

export const kernel: Detector = {
  id: 'kernel',
  title: 'Kernel modules: Kbuild, obj-m or .ko rules in a Makefile, dkms.conf',
  docs: ['https://docs.kernel.org/kbuild/modules.html', 'https://github.com/dell/dkms/blob/master/dkms.8.in'],
  wants: (_path, name) => MAKEFILE.test(name) || name === 'dkms.conf',
  read(path, text) {
    const name = path.split('/').at(-1)!;
    const lines = linesOf(text);
    if (name === 'dkms.conf') {
      const at = lines.findIndex((l) => /^\s*(?:BUILT_MODULE_NAME|PACKAGE_NAME)/.test(l));
      return [{ question: 'custom-kernel', value: 'yes', line: at + 1 || 1, found: shown(lines[Math.max(at, 0)] ?? 'dkms.conf'), why: 'a DKMS package: a kernel module rebuilt for each installed kernel' }];
    }
    const findings: Finding[] = [];
    lines.forEach((line, i) => {
      if (isComment(line)) return;
      const hit = MODULE_BUILD.find(([test]) => test(line));
      if (hit && !findings.length) findings.push({ question: 'custom-kernel', value: 'yes', line: i + 1, found: shown(line), why: hit[1] });
    });
    if (name === 'Kbuild' && !findings.length) findings.push({ question: 'custom-kernel', value: 'yes', line: 1, found: 'Kbuild', why: "a Kbuild file: code built by the kernel's own build system" });
    return findings;
  },
};
