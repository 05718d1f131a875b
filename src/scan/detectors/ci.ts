/**
 * CI workflows (GitHub Actions, GitLab CI): a job that builds or pushes an
 * image says the workload ships as one; QEMU set up for other processors is a
 * note (user-mode emulation runs foreign binaries as processes, not a VM).
 * Written from the GitHub Actions workflow syntax, the GitLab CI/CD YAML
 * reference, and the documentation of docker/build-push-action,
 * docker/setup-qemu-action, buildah, podman and kaniko.
 */
import type { Detector, Finding } from '../types.js';
import { isComment, isYaml, linesOf, shown } from './lines.js';

/** Commands and actions that build or push a container image. */
const BUILDS_IMAGE = /\bdocker\s+(?:buildx\s+)?(?:build|push)\b|\bdocker\/build-push-action\b|\bbuildah\s+(?:bud|build|push)\b|\bpodman\s+(?:build|push)\b|\bkaniko(?:-project)?\b|\/kaniko\/executor\b|\bredhat-actions\/(?:buildah-build|push-to-registry)\b/i;
/** QEMU's user-mode emulation registered with binfmt_misc. */
const USER_MODE_QEMU = /\bdocker\/setup-qemu-action\b|\bbinfmt\b|\bqemu-user-static\b/i;
/** A target platform other than the x86-64 runner's own, after `--platform` or `platforms:` (`linux/arm64`, `linux/amd64,linux/arm64`). */
const PLATFORM_KEY = /--platform|platforms?\s*:/i;
const OTHER_ARCH = /\blinux\/(?:arm64|arm\/v[5-8]|arm|aarch64|ppc64le|s390x|riscv64|386|mips64le)\b/i;
/** Two plain searches rather than one pattern, so a line of many `platforms:` cannot make the match slow. */
const otherPlatform = (line: string) => {
  const at = line.search(PLATFORM_KEY);
  return at >= 0 && OTHER_ARCH.test(line.slice(at));
};

/** `.github/workflows/*.yml` and `.gitlab-ci.yml` (and files a GitLab pipeline includes from `.gitlab/ci/`). */
export function isWorkflow(path: string, name: string): boolean {
  return (/(^|\/)\.github\/workflows\/[^/]+$/.test(path) && isYaml(name)) || /^\.gitlab-ci\.ya?ml$/.test(name) || (/(^|\/)\.gitlab\/ci\//.test(path) && isYaml(name));
}

export const ci: Detector = {
  id: 'ci',
  title: 'CI workflows: GitHub Actions (.github/workflows) and GitLab CI (.gitlab-ci.yml)',
  docs: [
    'https://docs.github.com/actions/reference/workflow-syntax-for-github-actions',
    'https://docs.gitlab.com/ci/yaml/',
    'https://github.com/docker/build-push-action',
    'https://github.com/docker/setup-qemu-action',
  ],
  wants: isWorkflow,
  read(_path, text) {
    const findings: Finding[] = [];
    linesOf(text).forEach((line, i) => {
      if (isComment(line)) return;
      if (BUILDS_IMAGE.test(line)) findings.push({ question: 'delivery', value: 'yes', line: i + 1, found: shown(line), why: 'the pipeline builds or pushes a container image' });
      if (USER_MODE_QEMU.test(line) || otherPlatform(line)) {
        findings.push({ note: 'scan-user-mode-emulation', line: i + 1, found: shown(line), why: 'images for other processors are built under QEMU user-mode emulation' });
      }
    });
    return findings;
  },
};
