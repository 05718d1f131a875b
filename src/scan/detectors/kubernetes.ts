/**
 * Kubernetes manifests and Helm charts: a sandboxed runtime class asks for
 * VM-grade isolation, many replicas for density, a StatefulSet with volumes
 * for a long-lived workload, and pod templates with images for delivery as
 * images. Line by line, one YAML document at a time, so Helm templates (YAML
 * with `{{ }}` in it) are read as well as plain manifests. Written from the
 * Kubernetes API reference (RuntimeClass, Deployment, StatefulSet,
 * HorizontalPodAutoscaler), the Kata Containers, gVisor and Firecracker
 * guides to runtime classes, and Helm's chart documentation (values.yaml).
 */
import type { Detector, Finding } from '../types.js';
import { isComment, isYaml, linesOf, shown } from './lines.js';
import { isWorkflow } from './ci.js';
import { isCompose } from './compose.js';

/** Runtime classes that run each pod in a VM or a user-space kernel. */
const SANDBOX_RUNTIME = /kata|gvisor|runsc|firecracker/i;
/** From this many replicas, many copies of the workload share the hosts. */
export const MANY_REPLICAS = 10;
/** Kinds whose pods the `replicas` field counts. */
const REPLICATED = ['deployment', 'statefulset', 'replicaset', 'replicationcontroller', 'rollout'];
/** Kinds that run containers from images. */
const WORKLOADS = [...REPLICATED, 'pod', 'daemonset', 'job', 'cronjob'];

/** One YAML document's lines with their line numbers in the file. */
function documents(text: string): Array<Array<{ line: number; text: string }>> {
  const docs: Array<Array<{ line: number; text: string }>> = [[]];
  linesOf(text).forEach((line, i) => {
    if (/^---/.test(line)) docs.push([]);
    else if (!isComment(line)) docs.at(-1)!.push({ line: i + 1, text: line });
  });
  return docs.filter((d) => d.length);
}

/** `key: 40` (quoted or not, with a comment after or not) for each count key read, made once. */
const COUNT_KEYS = new Map(['replicas', 'maxReplicas', 'maxReplicaCount', 'replicaCount'].map((key) => [key, new RegExp(`^\\s*${key}:\\s*["']?(\\d+)["']?\\s*(?:#.*)?$`)]));
const numberAt = (line: string, key: string) => {
  const m = COUNT_KEYS.get(key)!.exec(line);
  return m ? Number(m[1]) : undefined;
};

/** Findings of a Helm chart's values.yaml: its defaults for replicas and runtime class. */
function chartValues(text: string): Finding[] {
  const findings: Finding[] = [];
  linesOf(text).forEach((line, i) => {
    if (isComment(line)) return;
    for (const key of ['replicaCount', 'replicas', 'maxReplicas']) {
      const n = numberAt(line, key);
      if (n !== undefined && n >= MANY_REPLICAS) findings.push({ question: 'density', value: 'yes', line: i + 1, found: shown(line), why: `the chart's default is ${n} copies (${MANY_REPLICAS} or more share the hosts)` });
    }
    const runtime = /^\s*runtimeClass(?:Name)?:\s*["']?([\w.-]+)/.exec(line);
    if (runtime && SANDBOX_RUNTIME.test(runtime[1]!)) findings.push({ question: 'isolation', value: 'strong', line: i + 1, found: shown(line), why: `the chart's default runtime class ${runtime[1]} runs each pod in its own VM or user-space kernel` });
  });
  return findings;
}

export const kubernetes: Detector = {
  id: 'kubernetes',
  title: 'Kubernetes manifests and Helm charts (templates and values.yaml)',
  docs: [
    'https://kubernetes.io/docs/concepts/containers/runtime-class/',
    'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/',
    'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/',
    'https://helm.sh/docs/chart_template_guide/values_files/',
    'https://github.com/kata-containers/kata-containers/blob/main/docs/how-to/run-kata-with-k8s.md',
    'https://gvisor.dev/docs/user_guide/containerd/quick_start/',
  ],
  wants: (path, name) => isYaml(name) && !isWorkflow(path, name) && !isCompose(name),
  read(path, text) {
    if (/^values\.ya?ml$/.test(path.split('/').at(-1)!)) return chartValues(text);
    const findings: Finding[] = [];
    for (const doc of documents(text)) {
      const kindLine = doc.find((l) => /^kind:\s*\S/.test(l.text));
      if (!kindLine || !doc.some((l) => /^apiVersion:/.test(l.text))) continue;
      // A templated kind (`kind: {{ .Values.kind }}`) says nothing this detector can use.
      const kind = /^kind:\s*["']?(\w+)/.exec(kindLine.text)?.[1]?.toLowerCase();
      if (kind === undefined) continue;
      let imageSeen = false;
      for (const { line, text: l } of doc) {
        const runtime = /^\s*runtimeClassName:\s*(.+)$/.exec(l);
        if (runtime && SANDBOX_RUNTIME.test(runtime[1]!)) {
          findings.push({ question: 'isolation', value: 'strong', line, found: shown(l), why: 'a sandboxed runtime class: each pod runs in its own VM or user-space kernel, a boundary stronger than namespaces' });
        }
        const replicas = REPLICATED.includes(kind) ? numberAt(l, 'replicas') : undefined;
        const most = kind === 'horizontalpodautoscaler' ? numberAt(l, 'maxReplicas') : kind === 'scaledobject' ? numberAt(l, 'maxReplicaCount') : undefined;
        const count = replicas ?? most;
        if (count !== undefined && count >= MANY_REPLICAS) {
          findings.push({ question: 'density', value: 'yes', line, found: shown(l), why: `${count} copies ${replicas !== undefined ? 'run' : 'may run'} at once (${MANY_REPLICAS} or more share the hosts)` });
        }
        if (!imageSeen && WORKLOADS.includes(kind) && /^\s*(?:-\s*)?image:\s*\S/.test(l)) {
          imageSeen = true;
          findings.push({ question: 'delivery', value: 'yes', line, found: shown(l), why: `the ${kindLine.text.slice(5).trim()} runs a container image` });
        }
      }
      if (kind === 'statefulset') {
        const volume = doc.find((l) => /^\s*(?:volumeClaimTemplates|volumes):/.test(l.text));
        if (volume) findings.push({ question: 'lifecycle', value: 'long-lived', line: kindLine.line, found: shown(kindLine.text), why: `a StatefulSet with volumes (line ${volume.line}): each pod keeps its identity and its data across restarts` });
      }
    }
    return findings;
  },
};
