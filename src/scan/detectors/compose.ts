/**
 * Compose files: services run from images (pulled or built) say the workload
 * ships as images; a sandboxed `runtime` asks for VM-grade isolation. Written
 * from the Compose file reference (services, image, build, runtime).
 */
import type { Detector, Finding } from '../types.js';
import { isComment, linesOf, shown } from './lines.js';

/** `compose.yaml`, `docker-compose.yml`, `docker-compose.prod.yml`, ... */
export const isCompose = (name: string) => /^(?:docker-)?compose(?:\.[\w.-]+)?\.ya?ml$/i.test(name);

export const compose: Detector = {
  id: 'compose',
  title: 'Compose files (compose.yaml, docker-compose.yml and their variants)',
  docs: ['https://docs.docker.com/reference/compose-file/services/'],
  wants: (_path, name) => isCompose(name),
  read(_path, text) {
    const findings: Finding[] = [];
    let inServices = false;
    let delivery = false;
    linesOf(text).forEach((line, i) => {
      if (isComment(line) || !line.trim()) return;
      // A top-level key starts or ends the services map.
      if (/^\S/.test(line)) inServices = /^services\s*:/.test(line);
      if (!inServices) return;
      if (!delivery && /^\s+(?:image|build)\s*:/.test(line)) {
        delivery = true;
        findings.push({ question: 'delivery', value: 'yes', line: i + 1, found: shown(line), why: 'its services run from container images' });
      }
      const runtime = /^\s+runtime\s*:\s*["']?([\w.-]+)/.exec(line);
      if (runtime && /kata|gvisor|runsc|firecracker/i.test(runtime[1]!)) {
        findings.push({ question: 'isolation', value: 'strong', line: i + 1, found: shown(line), why: `the ${runtime[1]} runtime runs each container in its own VM or user-space kernel` });
      }
    });
    return findings;
  },
};
