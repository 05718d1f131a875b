/**
 * `vmvc scan`: answers read from a repository, each with the file and line
 * that says so. `findingsIn` is the I/O (a bounded walk, see walk.ts);
 * `combine` turns findings into answers and is pure: one strong finding
 * answers a question, findings that disagree make it `unsure`, and weak ones
 * never answer on their own.
 */
import { choicesMatching } from '../answers.js';
import { oneLine } from '../sanitize.js';
import { UNSURE, type Rules } from '../rules/types.js';
import { DETECTORS } from './detectors/index.js';
import { SCAN_NOTES } from './notes.js';
import { WEAK, type DetectorContext, type Evidence, type Finding, type ScanLimits, type ScanResult } from './types.js';
import { walk } from './walk.js';

export type { ScanResult, Evidence } from './types.js';
export { WEAK } from './types.js';

/** The most evidence kept for one question (the first of each choice always among it). */
export const EVIDENCE_PER_QUESTION = 10;

/** What a detector may ask of the rules: the workload-os choice an OS name points to, through the choices' `matches`. */
export function contextOf(rules: Rules): DetectorContext {
  const os = rules.questions.find((q) => q.id === 'workload-os');
  return {
    osOf(text) {
      const matched = os ? choicesMatching(os, text) : [];
      return matched.length === 1 ? matched[0]!.id : undefined;
    },
  };
}

/** Every finding under `root`, with its file, from every detector that wants the file, and what the walk skipped. */
export function findingsIn(root: string, rules: Rules, limits: ScanLimits) {
  const context = contextOf(rules);
  const findings: Array<Finding & { file: string }> = [];
  // Kept per question (or note), choice and strength: no more than combine() can show, however many lines say it.
  const kept = new Map<string, number>();
  // Each file is read by every detector that wants it as the walk reaches it, and not kept.
  const failed: Array<{ file: string; why: string }> = [];
  const walked = walk(root, (path, name) => DETECTORS.some((d) => d.wants(path, name)), limits, (file) => {
    for (const detector of DETECTORS) {
      if (!detector.wants(file.path, file.name)) continue;
      let found: Finding[];
      try {
        found = detector.read(file.path, file.text, context);
      } catch (error) {
        // One file a detector cannot read costs that file, not the scan (the property test in tests/scan.test.ts keeps this rare).
        if (failed.length < 5) failed.push({ file: file.path, why: `the ${detector.id} detector failed on it (${error instanceof Error ? error.message : String(error)}); please report it` });
        continue;
      }
      for (const f of found) {
        const group = `${f.question ?? f.note}\u0000${f.value}\u0000${f.weak === true}`;
        const count = kept.get(group) ?? 0;
        if (count >= EVIDENCE_PER_QUESTION) continue;
        kept.set(group, count + 1);
        findings.push({ ...f, file: file.path });
      }
    }
  });
  return { findings, read: walked.read, skipped: [...walked.skipped, ...failed], stopped: walked.stopped };
}

/** Scans `root` and combines what it found (see `combine`). */
export function scanRepository(root: string, rules: Rules, limits: ScanLimits): ScanResult {
  const { findings, read, skipped, stopped } = findingsIn(root, rules, limits);
  return { ...combine(rules, findings), read, skipped, ...(stopped ? { stopped } : {}) };
}

/** The warning for stderr (whatever the format) when a bound ended the scan before it had read everything. */
export function stoppedWarning(scan: Pick<ScanResult, 'stopped'>, dir: string): string | undefined {
  return scan.stopped ? oneLine(`vmvc: warning: the scan of ${dir} ${scan.stopped}; its answers rest on what it had read`) : undefined;
}

/** A finding as evidence; a weak one's `why` always begins `weak: ` (WEAK), which is how the reports tell it apart. */
const evidenceOf = (f: Finding & { file: string }): Evidence => ({ file: f.file, line: f.line, found: f.found, why: f.weak && !f.why.startsWith(WEAK) ? `${WEAK}${f.why}` : f.why });

/**
 * Findings as answers: for each question of the rules (in the rules' order),
 * the one choice its strong findings point to, or `unsure` when they point to
 * more than one; a question with only weak findings stays unanswered. A finding
 * for a question or choice the rules do not have is dropped.
 */
export function combine(rules: Rules, findings: ReadonlyArray<Finding & { file: string }>): Pick<ScanResult, 'schemaVersion' | 'answers' | 'evidence' | 'weak' | 'conflicts' | 'notes'> {
  const answers: Record<string, string> = {};
  const evidence: Record<string, Evidence[]> = {};
  const weak: string[] = [];
  const conflicts: string[] = [];
  for (const q of rules.questions) {
    const mine = findings.filter((f) => f.question === q.id && q.choices.some((c) => c.id === f.value));
    if (!mine.length) continue;
    const firm = [...new Set(mine.filter((f) => !f.weak).map((f) => f.value!))];
    if (!firm.length) weak.push(q.id);
    else if (firm.length === 1) answers[q.id] = firm[0]!;
    else {
      answers[q.id] = UNSURE;
      conflicts.push(q.id);
    }
    // The first finding of each choice, then the rest, in the order found, up to the bound.
    const firsts = new Set([...new Set(mine.map((f) => f.value))].map((v) => mine.find((f) => f.value === v)!));
    const kept = [...firsts, ...mine.filter((f) => !firsts.has(f))].slice(0, EVIDENCE_PER_QUESTION);
    evidence[q.id] = mine.filter((f) => kept.includes(f)).map(evidenceOf);
  }
  const notes = Object.entries(SCAN_NOTES).flatMap(([id, note]) => {
    const raised = findings.filter((f) => f.note === id);
    return raised.length ? [{ id, ...note, evidence: raised.slice(0, EVIDENCE_PER_QUESTION).map(evidenceOf) }] : [];
  });
  return { schemaVersion: 1, answers, evidence, weak, conflicts, notes };
}
