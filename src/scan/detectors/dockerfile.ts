/**
 * Dockerfiles and Containerfiles: the base image of the stage that ships (the
 * last one, following `FROM <earlier stage>` back to its image) says which
 * kernel the workload needs, and a file that builds an image says it ships as one.
 * Written from the Dockerfile reference (parser directives, line continuation,
 * ARG before FROM, multi-stage builds).
 */
import type { Detector, Finding } from '../types.js';
import { linesOf, shown } from './lines.js';

/** `Dockerfile`, `Containerfile`, `Dockerfile.prod`, `api.Dockerfile`, any case. */
const NAME = /^(?:(?:docker|container)file(?:\..+)?|.+\.(?:docker|container)file)$/i;

/** Marks of a Windows base image: Microsoft's Windows repositories, Server Core and Nano Server tags, .NET Framework. */
const WINDOWS_IMAGE = /mcr\.microsoft\.com\/(?:windows|dotnet\/framework)\b|(?:^|[/:._-])(?:windows|servercore|windowsservercore|nanoserver)(?:[/:._-]|$)|ltsc20\d\d/i;

/** Linux distributions and their release names, as they appear in image names and tags. */
const LINUX_WORDS = /(?:^|[/:._-])(?:alpine|debian|ubuntu|centos|fedora|rockylinux|almalinux|amazonlinux|oraclelinux|opensuse|sles|ubi\d*|busybox|distroless|wolfi|archlinux|photon|bookworm|bullseye|buster|trixie|jammy|noble|focal|bionic|slim|linux)(?:[/:._-]|\d|$)/i;

/** Docker Official Images and Microsoft's .NET images whose default tags are Linux images. */
const LINUX_OFFICIAL = new Set([
  'node', 'python', 'golang', 'openjdk', 'eclipse-temurin', 'amazoncorretto', 'ruby', 'php', 'perl', 'rust', 'gcc', 'nginx',
  'httpd', 'redis', 'postgres', 'mysql', 'mariadb', 'mongo', 'rabbitmq', 'tomcat', 'maven', 'gradle', 'haproxy', 'traefik',
  'caddy', 'memcached', 'bash', 'docker', 'elixir', 'erlang', 'haskell', 'julia', 'swift', 'clojure', 'groovy', 'kong',
  'mcr.microsoft.com/dotnet/sdk', 'mcr.microsoft.com/dotnet/aspnet', 'mcr.microsoft.com/dotnet/runtime', 'mcr.microsoft.com/dotnet/runtime-deps',
]);

interface Stage {
  image: string;
  name?: string;
  platform?: string;
  line: number;
  text: string;
}

/** The instructions of a Dockerfile with the line each starts on: continuations joined, comments dropped. */
export function instructions(text: string): Array<{ line: number; text: string }> {
  const lines = linesOf(text);
  let escape = '\\';
  // Parser directives: comments of the form `# key=value` before anything else.
  for (const l of lines) {
    const directive = /^#\s*(\w+)\s*=\s*(\S+)\s*$/.exec(l);
    if (!directive) break;
    if (directive[1]!.toLowerCase() === 'escape' && (directive[2] === '`' || directive[2] === '\\')) escape = directive[2];
  }
  const out: Array<{ line: number; text: string }> = [];
  let current: { line: number; text: string } | undefined;
  lines.forEach((raw, i) => {
    if (/^\s*#/.test(raw)) return; // a comment, also inside a continuation
    const trimmed = raw.trimEnd();
    const continues = trimmed.endsWith(escape);
    const part = continues ? trimmed.slice(0, -1) : trimmed;
    if (current) current.text += ` ${part.trim()}`;
    else if (part.trim()) current = { line: i + 1, text: part.trim() };
    if (!continues && current) {
      out.push(current);
      current = undefined;
    }
  });
  if (current) out.push(current);
  return out;
}

/** The stages of a Dockerfile, with ARG defaults declared before the first FROM substituted. */
export function stages(text: string): Stage[] {
  const args = new Map<string, string>();
  const out: Stage[] = [];
  for (const { line, text: instruction } of instructions(text)) {
    const [keyword = '', ...rest] = instruction.split(/\s+/);
    const word = keyword.toUpperCase();
    if (word === 'ARG' && !out.length) {
      for (const a of rest) {
        const [name, value] = a.split('=', 2);
        if (name && value !== undefined) args.set(name, value.replace(/^["']|["']$/g, ''));
      }
    }
    if (word !== 'FROM') continue;
    let platform: string | undefined;
    const words = rest.filter((w) => {
      const flag = /^--platform=(.+)$/i.exec(w);
      if (flag) platform = flag[1];
      return !w.startsWith('--');
    });
    // An image is one short word; a longer one is cut, which bounds the substitution below.
    const expand = (s: string) => s.slice(0, 1024).replace(/\$\{(\w+)(?::-([^}]*))?\}|\$(\w+)/g, (whole, braced: string, fallback: string | undefined, bare: string) => args.get(braced ?? bare) ?? fallback ?? whole);
    const image = expand(words[0] ?? '');
    const name = words[1]?.toUpperCase() === 'AS' ? words[2]?.toLowerCase() : undefined;
    out.push({ image, name, platform: platform && expand(platform), line, text: instruction });
  }
  return out;
}

/** The image a stage rests on, following `FROM <stage>` back through earlier stages. */
function baseOf(stage: Stage, all: readonly Stage[]): Stage {
  let at = stage;
  for (let hops = 0; hops < all.length; hops++) {
    const earlier = all.slice(0, all.indexOf(at)).reverse().find((s) => s.name !== undefined && s.name === at.image.toLowerCase());
    if (!earlier) return at;
    at = earlier;
  }
  return at;
}

/** The OS an image name or platform points to, and whether that reading is firm. */
export function imageOs(image: string, platform?: string): { os: 'windows' | 'linux'; firm: boolean; why: string } | undefined {
  if (/\$/.test(image)) return undefined;
  if (platform?.toLowerCase().startsWith('windows/') || WINDOWS_IMAGE.test(image)) return { os: 'windows', firm: true, why: 'a Windows base image: the workload needs a Windows kernel' };
  if (platform?.toLowerCase().startsWith('linux/')) return { os: 'linux', firm: true, why: `built for the ${platform} platform: a Linux kernel` };
  const repository = image.toLowerCase().replace(/^docker\.io\//, '').replace(/^library\//, '').replace(/[:@].*$/, '');
  if (repository === 'scratch') return { os: 'linux', firm: true, why: 'an empty base image holding a static program for the Linux kernel' };
  if (LINUX_WORDS.test(image) || LINUX_OFFICIAL.has(repository)) return { os: 'linux', firm: true, why: 'a Linux base image: it runs on the Linux kernel' };
  return { os: 'linux', firm: false, why: 'weak: the image name does not say its OS; images without a Windows base are nearly always Linux, so another sign is needed' };
}

export const dockerfile: Detector = {
  id: 'dockerfile',
  title: 'Dockerfile and Containerfile (any name matching; multi-stage builds)',
  docs: ['https://docs.docker.com/reference/dockerfile/', 'https://learn.microsoft.com/virtualization/windowscontainers/manage-containers/container-base-images'],
  wants: (_path, name) => NAME.test(name),
  read(path, text) {
    const all = stages(text);
    const last = all.at(-1);
    if (!last) return [];
    const findings: Finding[] = [];
    const base = baseOf(last, all);
    const os = imageOs(base.image, base.platform ?? last.platform);
    const via = base === last ? '' : ` (the last stage builds on ${shown(base.image)}, line ${base.line})`;
    const devContainer = /(^|\/)\.devcontainer\//.test(path);
    if (!os) findings.push({ question: 'workload-os', value: 'linux', line: last.line, found: shown(last.text), why: 'weak: the base image is a build argument with no default here, so its OS is not known', weak: true });
    else if (devContainer) findings.push({ question: 'workload-os', value: os.os, line: last.line, found: shown(last.text), why: `weak: a development container's OS, which need not be the one the workload runs on`, weak: true });
    else findings.push({ question: 'workload-os', value: os.os, line: last.line, found: shown(last.text), why: `${os.why}${via}`, weak: !os.firm || undefined });
    findings.push(
      devContainer
        ? { question: 'delivery', value: 'yes', line: all[0]!.line, found: shown(all[0]!.text), why: 'weak: a development container, which says how people work on it rather than how it ships', weak: true }
        : { question: 'delivery', value: 'yes', line: all[0]!.line, found: shown(all[0]!.text), why: 'it builds a container image' },
    );
    return findings;
  },
};
