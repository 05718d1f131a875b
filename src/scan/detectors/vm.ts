/**
 * VM definitions name their guest: a Vagrant box or `config.vm.guest`, a
 * Packer template's guest type, image or ISO, a VMware `.vmx` `guestOS`, an
 * OVF descriptor's operating system section. The OS words themselves are the
 * rules file's (`matches` on the workload-os choices), through the context;
 * this detector adds only the guest codes these formats use. A cloud-init
 * file configures a guest but does not name it: a weak sign of Linux.
 * Written from the Vagrant, Packer, VMware and DMTF OVF documentation and
 * cloud-init's user-data formats.
 */
import type { Detector, DetectorContext, Finding } from '../types.js';
import { extensionOf, isComment, isToolingJson, linesOf, shown } from './lines.js';

/** Guest codes of VMware, Packer builders and Vagrant that name no OS in words: `win2019`, `windows9srv-64`, `winNetStandard`. */
const WINDOWS_CODE = /(?:^|[^a-z])win(?:dows)?(?:\d|xp|vista|net|srv|longhorn)/i;

/** Keys of a Packer template whose values name the guest. */
const PACKER_KEYS = /^\s*"?(guest_os_type|os_type|guest_os|iso_url|iso_urls|source_image|source_image_family|source_image_name|image_name|image_family|image_offer|image_publisher|image_sku|box_name|vm_name|communicator)"?\s*[=:]\s*(.+)$/i;

function guest(text: string, context: DetectorContext): string | undefined {
  return context.osOf(text) ?? (WINDOWS_CODE.test(text) ? 'windows' : undefined);
}

const isPacker = (name: string) => /\.pkr\.(?:hcl|json)$/i.test(name);
/** A Packer template in the older JSON form (any `.json` name): a top-level `builders` list. */
const isLegacyPacker = (name: string, text: string) => /\.json$/i.test(name) && /^\s{0,4}"builders"\s*:\s*\[/m.test(text);

export const vm: Detector = {
  id: 'vm',
  title: 'VM definitions: Vagrantfile, Packer templates, VMware .vmx, OVF descriptors, cloud-init',
  docs: [
    'https://developer.hashicorp.com/vagrant/docs/vagrantfile/machine_settings',
    'https://developer.hashicorp.com/packer/docs/templates/hcl_templates',
    'https://www.dmtf.org/standards/ovf',
    'https://cloudinit.readthedocs.io/en/latest/explanation/format.html',
  ],
  wants: (_path, name) => name === 'Vagrantfile' || isPacker(name) || (/\.json$/i.test(name) && !isToolingJson(name)) || ['vmx', 'ovf'].includes(extensionOf(name)) || /^(?:user-data|cloud-init|cloud-config)(?:\.ya?ml)?$/i.test(name),
  read(path, text, context) {
    const name = path.split('/').at(-1)!;
    const lines = linesOf(text);
    const findings: Finding[] = [];
    const add = (line: number, raw: string, value: string | undefined, why: string) => {
      if (value) findings.push({ question: 'workload-os', value, line, found: shown(raw), why });
    };
    if (name === 'Vagrantfile') {
      lines.forEach((l, i) => {
        if (isComment(l)) return;
        const box = /\.vm\.box\s*=\s*["']([^"']+)["']/.exec(l);
        if (box) add(i + 1, l, guest(box[1]!, context), `the Vagrant box ${box[1]} is the guest this workload runs in`);
        const kind = /\.vm\.guest\s*=\s*:?["']?(\w+)/.exec(l);
        if (kind) add(i + 1, l, guest(kind[1]!, context), `Vagrant is told the guest is ${kind[1]}`);
      });
    } else if (isPacker(name) || isLegacyPacker(name, text)) {
      lines.forEach((l, i) => {
        const m = PACKER_KEYS.exec(l);
        if (!m || isComment(l)) return;
        if (m[1]!.toLowerCase() === 'communicator') add(i + 1, l, /winrm/i.test(m[2]!) ? 'windows' : undefined, 'Packer reaches the guest over WinRM, Windows remote management');
        else add(i + 1, l, guest(m[2]!, context), `the image Packer builds has this guest (${m[1]})`);
      });
    } else if (extensionOf(name) === 'vmx') {
      lines.forEach((l, i) => {
        const m = /^\s*guestOS\s*=\s*"([^"]*)"/i.exec(l);
        if (m) add(i + 1, l, guest(m[1]!, context), `the VMware VM's guest type is ${m[1]}`);
      });
    } else if (extensionOf(name) === 'ovf') {
      let inOs = false;
      lines.forEach((l, i) => {
        if (/<(?:\w+:)?OperatingSystemSection\b/.test(l)) inOs = true;
        const type = /osType="([^"]+)"/.exec(l);
        if (inOs && type) add(i + 1, l, guest(type[1]!, context), `the OVF appliance's guest type is ${type[1]}`);
        const described = /<(?:\w+:)?Description>([^<]+)</.exec(l);
        if (inOs && described && !type) add(i + 1, l, guest(described[1]!, context), `the OVF appliance's operating system is ${described[1]!.trim()}`);
        if (/<\/(?:\w+:)?OperatingSystemSection>/.test(l)) inOs = false;
      });
    } else if (/^#cloud-config\b/.test(lines[0] ?? '')) {
      findings.push({ question: 'workload-os', value: 'linux', line: 1, found: shown(lines[0]!), why: 'weak: cloud-init configures the guest; it runs on Linux and BSD guests and does not say which', weak: true });
    }
    return findings;
  },
};
