/**
 * Where is this running? Reads the files systemd-detect-virt and virt-what
 * look at (and a few more that sandboxed guests still expose) and reports
 * every virtualisation layer found, outermost first, each with its evidence
 * and how sure the finding is. File reads only: no subprocess, no network.
 */
import type { Reader } from './reader.js';

export type Confidence = 'high' | 'medium' | 'low';

/** One layer: a hypervisor (`vm`) or a container runtime or sandbox (`container`). */
export interface Layer {
  kind: 'vm' | 'container';
  /** systemd-detect-virt's name where it has one: kvm, qemu, vmware, microsoft, xen, docker, podman, wsl, ... */
  name: string;
  confidence: Confidence;
  evidence: string[];
}

export interface Detection {
  layers: Layer[];
  os: { platform: string; name?: string; version?: string; kernel?: string; arch: string };
  vms: { canStart: boolean; kvm: 'absent' | 'present' | 'usable'; cpuFlags: string[]; nested?: boolean; evidence: string[] };
  containers: { canStart: boolean; engines: string[]; evidence: string[] };
  /** What could not be known here, e.g. on a platform whose files vmvc does not read. */
  unknown: string[];
}

export interface ProbeInput {
  reader: Reader;
  platform: NodeJS.Platform;
  arch: string;
  env: NodeJS.ProcessEnv;
}

/** DMI vendor/product strings -> hypervisor, as systemd matches them (lower-cased substrings). */
const DMI_VENDORS: Array<[string, string]> = [
  ['kvm', 'kvm'],
  ['amazon ec2', 'amazon'],
  ['qemu', 'qemu'],
  ['vmware', 'vmware'],
  ['innotek gmbh', 'oracle'],
  ['virtualbox', 'oracle'],
  ['oracle corporation', 'oracle'],
  ['xen', 'xen'],
  ['bochs', 'bochs'],
  ['parallels', 'parallels'],
  ['bhyve', 'bhyve'],
  ['google', 'google'],
  ['openstack', 'kvm'],
  ['apple virtualization', 'apple'],
];
// In systemd's order: the first file that names a hypervisor decides.
const DMI_FILES = ['product_name', 'sys_vendor', 'board_vendor', 'bios_vendor', 'product_version'];

const CONTAINER_NAMES: Record<string, string> = {
  docker: 'docker',
  podman: 'podman',
  lxc: 'lxc',
  'lxc-libvirt': 'lxc-libvirt',
  'systemd-nspawn': 'systemd-nspawn',
  oci: 'container-other',
  wsl: 'wsl',
  rkt: 'rkt',
  openvz: 'openvz',
};

function text(reader: Reader, path: string): string | undefined {
  const r = reader.read(path);
  return r.ok ? r.text.trim() : undefined;
}

/** Keeps one layer per kind+name, merging evidence and taking the highest confidence. */
function addLayer(layers: Layer[], layer: Layer): void {
  const same = layers.find((l) => l.kind === layer.kind && l.name === layer.name);
  if (!same) {
    layers.push(layer);
    return;
  }
  same.evidence.push(...layer.evidence);
  const rank = { low: 0, medium: 1, high: 2 };
  if (rank[layer.confidence] > rank[same.confidence]) same.confidence = layer.confidence;
}

function cpuFlags(reader: Reader): string[] {
  const cpuinfo = text(reader, '/proc/cpuinfo');
  const line = cpuinfo?.split('\n').find((l) => /^(flags|Features)\s*:/.test(l));
  return line ? line.split(':')[1]!.trim().split(/\s+/) : [];
}

/** Hypervisors, strongest evidence first. */
function detectVms(reader: Reader, flags: string[], unknown: string[]): Layer[] {
  const layers: Layer[] = [];

  // 1. DMI (firmware tables): what systemd-detect-virt reads first.
  let dmiDenied = false;
  for (const file of DMI_FILES) {
    const path = `/sys/class/dmi/id/${file}`;
    const r = reader.read(path);
    if (!r.ok) {
      if (r.code === 'EACCES' || r.code === 'EPERM') dmiDenied = true;
      continue;
    }
    const value = r.text.trim();
    const lower = value.toLowerCase();
    // Microsoft makes hardware too: only its "Virtual Machine" product is Hyper-V.
    const hyperv = lower.includes('microsoft') && text(reader, '/sys/class/dmi/id/product_name')?.toLowerCase().includes('virtual');
    const name = hyperv ? 'microsoft' : DMI_VENDORS.find(([needle]) => lower.includes(needle))?.[1];
    if (name) {
      addLayer(layers, { kind: 'vm', name, confidence: 'high', evidence: [`${path} is "${value}"`] });
      break;
    }
  }
  if (dmiDenied) unknown.push('DMI (/sys/class/dmi/id) is not readable here; the hypervisor was judged from other signals');

  // 2. Xen and device tree.
  const hvType = text(reader, '/sys/hypervisor/type');
  if (hvType) addLayer(layers, { kind: 'vm', name: hvType === 'xen' ? 'xen' : hvType, confidence: 'high', evidence: [`/sys/hypervisor/type is "${hvType}"`] });
  if (reader.exists('/proc/xen')) addLayer(layers, { kind: 'vm', name: 'xen', confidence: 'medium', evidence: ['/proc/xen exists'] });
  const dtHv = text(reader, '/proc/device-tree/hypervisor/compatible')?.replace(/\0/g, ' ');
  if (dtHv) {
    const name = dtHv.includes('kvm') ? 'kvm' : dtHv.includes('xen') ? 'xen' : dtHv.includes('vmware') ? 'vmware' : 'vm-other';
    addLayer(layers, { kind: 'vm', name, confidence: 'high', evidence: [`/proc/device-tree/hypervisor/compatible is "${dtHv.trim()}"`] });
  }
  const dtCompat = text(reader, '/proc/device-tree/compatible')?.replace(/\0/g, ' ');
  if (dtCompat?.includes('qemu')) addLayer(layers, { kind: 'vm', name: 'qemu', confidence: 'medium', evidence: [`/proc/device-tree/compatible names "${dtCompat.trim()}"`] });

  // 3. What sandboxed guests without DMI still show: clock sources, buses, drivers, the boot command line.
  if (!layers.length) {
    const clock = text(reader, '/sys/devices/system/clocksource/clocksource0/current_clocksource');
    const available = (text(reader, '/sys/devices/system/clocksource/clocksource0/available_clocksource') ?? '').split(/\s+/);
    const clocks: Array<[string, string]> = [
      ['kvm-clock', 'kvm'],
      ['hyperv_clocksource_tsc_page', 'microsoft'],
      ['hyperv_clocksource', 'microsoft'],
      ['xen', 'xen'],
    ];
    for (const [source, name] of clocks) {
      if (clock === source) addLayer(layers, { kind: 'vm', name, confidence: 'medium', evidence: [`the clock source in use is ${source}`] });
      else if (available.includes(source)) addLayer(layers, { kind: 'vm', name, confidence: 'medium', evidence: [`the clock source ${source} is available`] });
    }
    if (reader.list('/sys/bus/vmbus/devices').length) addLayer(layers, { kind: 'vm', name: 'microsoft', confidence: 'medium', evidence: ['Hyper-V VMBus devices under /sys/bus/vmbus'] });
    const pciDrivers = reader.list('/sys/bus/pci/drivers');
    const vmw = pciDrivers.filter((d) => /^vmw|^vmxnet/.test(d));
    if (vmw.length) addLayer(layers, { kind: 'vm', name: 'vmware', confidence: 'medium', evidence: [`VMware drivers loaded: ${vmw.join(', ')}`] });
    if (pciDrivers.includes('vboxguest')) addLayer(layers, { kind: 'vm', name: 'oracle', confidence: 'medium', evidence: ['the VirtualBox guest driver (vboxguest) is loaded'] });
    const cmdline = text(reader, '/proc/cmdline') ?? '';
    if (/firecracker/i.test(cmdline)) addLayer(layers, { kind: 'vm', name: 'kvm', confidence: 'medium', evidence: ['the kernel command line names Firecracker, a KVM-based microVM'] });
    const virtio = reader.list('/sys/bus/virtio/devices');
    if (!layers.length && virtio.length) {
      addLayer(layers, { kind: 'vm', name: 'kvm', confidence: 'low', evidence: [`${virtio.length} virtio devices (KVM or QEMU paravirtual hardware)`] });
    }
    if (layers.length && flags.includes('hypervisor')) for (const l of layers) l.evidence.push('the CPU reports the "hypervisor" flag');
  }

  // 4. Only the CPU flag: some hypervisor, name unknown.
  if (!layers.length && flags.includes('hypervisor')) {
    addLayer(layers, { kind: 'vm', name: 'vm-other', confidence: 'low', evidence: ['the CPU reports the "hypervisor" flag, but nothing readable names the hypervisor'] });
  }
  return layers;
}

/** Containers and sandboxes, outermost first. */
function detectContainers(reader: Reader, env: NodeJS.ProcessEnv): Layer[] {
  const layers: Layer[] = [];
  const osrelease = text(reader, '/proc/sys/kernel/osrelease') ?? '';
  if (/microsoft|wsl/i.test(osrelease)) {
    addLayer(layers, { kind: 'container', name: 'wsl', confidence: 'high', evidence: [`the kernel release "${osrelease}" is a WSL kernel`] });
  }

  const inner: Layer[] = [];
  const systemdContainer = text(reader, '/run/systemd/container');
  if (systemdContainer) {
    inner.push({ kind: 'container', name: CONTAINER_NAMES[systemdContainer] ?? systemdContainer, confidence: 'high', evidence: [`/run/systemd/container is "${systemdContainer}"`] });
  }
  const environ = reader.read('/proc/1/environ');
  if (environ.ok) {
    const value = environ.text.split('\0').find((v) => v.startsWith('container='))?.slice('container='.length);
    if (value) inner.push({ kind: 'container', name: CONTAINER_NAMES[value] ?? value, confidence: 'high', evidence: [`PID 1 has container=${value} in its environment`] });
  }
  if (reader.exists('/.dockerenv')) inner.push({ kind: 'container', name: 'docker', confidence: 'high', evidence: ['/.dockerenv exists'] });
  if (reader.exists('/run/.containerenv')) inner.push({ kind: 'container', name: 'podman', confidence: 'high', evidence: ['/run/.containerenv exists'] });

  const cgroups = `${text(reader, '/proc/1/cgroup') ?? ''}\n${text(reader, '/proc/self/cgroup') ?? ''}`;
  const cgroupSignals: Array<[RegExp, string]> = [
    [/\/docker[/-]/, 'docker'],
    [/libpod|\/podman/, 'podman'],
    [/\/lxc[/.]|lxc\.payload/, 'lxc'],
    [/machine\.slice\/.*nspawn|systemd-nspawn/, 'systemd-nspawn'],
  ];
  for (const [pattern, name] of cgroupSignals) {
    const line = cgroups.split('\n').find((l) => pattern.test(l));
    if (line) inner.push({ kind: 'container', name, confidence: 'medium', evidence: [`cgroup path "${line.trim()}"`] });
  }

  // Kubernetes: a pod is a container whose runtime is usually containerd or CRI-O.
  const k8sEvidence: string[] = [];
  if (env.KUBERNETES_SERVICE_HOST) k8sEvidence.push('KUBERNETES_SERVICE_HOST is set');
  if (reader.exists('/var/run/secrets/kubernetes.io/serviceaccount')) k8sEvidence.push('a Kubernetes service account is mounted at /var/run/secrets/kubernetes.io/serviceaccount');
  const podLine = cgroups.split('\n').find((l) => /kubepods/.test(l));
  if (podLine) k8sEvidence.push(`cgroup path "${podLine.trim()}"`);
  if (k8sEvidence.length) {
    const runtime = /cri-containerd|containerd/.test(cgroups) ? 'containerd' : /crio/.test(cgroups) ? 'cri-o' : /docker/.test(cgroups) ? 'docker' : undefined;
    inner.push({
      kind: 'container',
      name: 'kubernetes',
      confidence: k8sEvidence.length > 1 ? 'high' : 'medium',
      evidence: runtime ? [...k8sEvidence, `pod runtime: ${runtime}`] : k8sEvidence,
    });
  }
  for (const l of inner) addLayer(layers, l);
  // Kubernetes pods run inside their runtime's container: list the pod last (innermost).
  layers.sort((a, b) => Number(a.name === 'kubernetes') - Number(b.name === 'kubernetes'));
  return layers;
}

function parseOsRelease(textValue: string | undefined): { name?: string; version?: string } {
  if (!textValue) return {};
  const get = (key: string) => {
    const line = textValue.split('\n').find((l) => l.startsWith(`${key}=`));
    return line?.slice(key.length + 1).replace(/^"(.*)"$/, '$1');
  };
  return { name: get('NAME'), version: get('VERSION_ID') ?? get('VERSION') };
}

/** Probes the machine (or a fixture tree) and reports what it found. */
export function probe({ reader, platform, arch, env }: ProbeInput): Detection {
  const unknown: string[] = [];
  if (platform !== 'linux') {
    unknown.push(
      `vmvc reads Linux files to find hypervisors and containers; on ${platform} it reports only the platform and CPU architecture`,
    );
    return {
      layers: [],
      os: { platform, arch },
      vms: { canStart: false, kvm: 'absent', cpuFlags: [], evidence: ['not checked on this platform'] },
      containers: { canStart: false, engines: [], evidence: ['not checked on this platform'] },
      unknown,
    };
  }

  const flags = cpuFlags(reader);
  const layers = [...detectVms(reader, flags, unknown), ...detectContainers(reader, env)];
  const osRelease = parseOsRelease(text(reader, '/etc/os-release') ?? text(reader, '/usr/lib/os-release'));
  const kernel = text(reader, '/proc/sys/kernel/osrelease');

  // Can VMs start here? /dev/kvm, CPU virtualisation flags, nested virtualisation.
  const vmEvidence: string[] = [];
  const kvm = reader.canOpen('/dev/kvm') ? 'usable' : reader.exists('/dev/kvm') ? 'present' : 'absent';
  vmEvidence.push(kvm === 'usable' ? '/dev/kvm exists and opens' : kvm === 'present' ? '/dev/kvm exists but cannot be opened (permissions?)' : '/dev/kvm is missing');
  const virtFlags = flags.filter((f) => f === 'vmx' || f === 'svm');
  vmEvidence.push(
    virtFlags.length
      ? `CPU virtualisation flags: ${virtFlags.join(', ')}`
      : kvm === 'usable'
        ? 'the CPU shows no vmx/svm flag to this system, yet /dev/kvm works: the hypervisor underneath offers KVM without showing the flags (common in microVMs and nested set-ups)'
        : 'the CPU shows no vmx/svm flag to this system',
  );
  let nested: boolean | undefined;
  for (const module of ['kvm_intel', 'kvm_amd']) {
    const value = text(reader, `/sys/module/${module}/parameters/nested`);
    if (value !== undefined) {
      nested = value === 'Y' || value === '1';
      vmEvidence.push(`${module} nested=${value}`);
    }
  }

  // Can containers start here? An engine socket, or an engine binary on PATH.
  const engines = new Set<string>();
  const ctEvidence: string[] = [];
  const sockets: Array<[string, string]> = [
    ['/var/run/docker.sock', 'docker'],
    ['/run/docker.sock', 'docker'],
    ['/run/containerd/containerd.sock', 'containerd'],
    ['/run/podman/podman.sock', 'podman'],
    ['/run/crio/crio.sock', 'cri-o'],
  ];
  if (env.XDG_RUNTIME_DIR) sockets.push([`${env.XDG_RUNTIME_DIR}/podman/podman.sock`, 'podman'], [`${env.XDG_RUNTIME_DIR}/docker.sock`, 'docker']);
  let socketFound = false;
  for (const [path, engine] of sockets) {
    if (reader.exists(path)) {
      socketFound = true;
      engines.add(engine);
      ctEvidence.push(`${path} exists`);
    }
  }
  const binaries = ['docker', 'podman', 'nerdctl', 'containerd', 'lxc-start', 'systemd-nspawn'];
  const onPath = new Set<string>();
  for (const dir of (env.PATH ?? '').split(':').filter(Boolean)) {
    for (const bin of binaries) {
      if (!onPath.has(bin) && reader.executable(`${dir}/${bin}`)) {
        onPath.add(bin);
        engines.add(bin);
        ctEvidence.push(`${dir}/${bin} is on PATH`);
      }
    }
  }
  if (!ctEvidence.length) ctEvidence.push('no container engine socket or binary found');
  else if (!socketFound) ctEvidence.push('an engine binary is installed, but no engine socket was found, so the engine may not be running');

  return {
    layers,
    os: { platform, ...osRelease, kernel, arch },
    vms: { canStart: kvm === 'usable', kvm, cpuFlags: virtFlags, nested, evidence: vmEvidence },
    containers: { canStart: socketFound, engines: [...engines], evidence: ctEvidence },
    unknown,
  };
}

/** The OS a workload started here would run on, as a host-os choice. */
export function hostOsOf(detection: Detection): 'linux' | 'windows' | 'macos' | undefined {
  return ({ linux: 'linux', win32: 'windows', darwin: 'macos' } as const)[detection.os.platform as 'linux'] ?? undefined;
}

/** Remarks for advise --detect about what was found. */
export function detectionNotes(detection: Detection): Array<{ id: string; text: string; sources: string[] }> {
  const notes: Array<{ id: string; text: string; sources: string[] }> = [];
  const containers = detection.layers.filter((l) => l.kind === 'container');
  const vms = detection.layers.filter((l) => l.kind === 'vm');
  if (containers.length) {
    notes.push({
      id: 'detected-inside-container',
      text: `vmvc is already running inside a container (${containers.map((l) => l.name).join(' in ')}); starting containers or VMs from here needs the outer host's help.`,
      sources: [],
    });
  }
  if (vms.length) {
    notes.push({ id: 'detected-inside-vm', text: `This machine is itself a VM (${vms.map((l) => l.name).join(', ')}); a VM started here would be nested.`, sources: [] });
  }
  if (detection.os.platform === 'linux' && !detection.vms.canStart) {
    notes.push({ id: 'detected-no-kvm', text: `VMs cannot be started here with hardware acceleration: ${detection.vms.evidence[0]}.`, sources: [] });
  }
  if (detection.os.platform === 'linux' && !detection.containers.canStart) {
    notes.push({ id: 'detected-no-engine', text: `No running container engine was found here (${detection.containers.evidence.at(-1)}).`, sources: [] });
  }
  return notes;
}
