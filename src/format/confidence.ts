/**
 * The words every format uses for how firm an answer is: what it depends on,
 * and what single change would change it. Plain text; each format escapes it.
 */
import type { Advice } from '../advice.js';

/** `--isolation strong -> containers-in-vm`, for each flip; `(if isolation is strong)` when it holds only at an unsure answer's stand-in. */
export function flipPhrases(advice: Pick<Advice, 'flips'>): string[] {
  return advice.flips.map((f) => `--${f.question} ${f.to} -> ${f.recommendation}${f.assuming ? ` (${assumingPhrase(f.assuming)})` : ''}`);
}

/** `if isolation is strong and density is no`: the unsure answers a flip assumes, at their stand-ins. */
export function assumingPhrase(assuming: ReadonlyArray<{ question: string; choice: string }>): string {
  return `if ${assuming.map((a) => `${a.question} is ${a.choice}`).join(' and ')}`;
}

/** `strong used: the careful side`: which choice stood in for an unsure answer, and why. */
export function standInPhrase(standIn: Advice['standIns'][number]): string {
  return `${standIn.choice} used: ${standIn.why === 'careful' ? 'the careful side' : 'the default'}`;
}

/** `(assumed: --lifecycle ephemeral)`: the answers nobody gave that a reason rests on. */
export function assumedPhrase(reason: Advice['reasons'][number], answers: Advice['answers']): string {
  return reason.assumed?.length ? `(assumed: ${reason.assumed.map((id) => `--${id} ${answers[id]}`).join(', ')})` : '';
}

/** What the "what would change it" line says. */
export function flipsSentence(advice: Pick<Advice, 'flips'>): string {
  return advice.flips.length ? flipPhrases(advice).join('; ') : 'no single answer would change it';
}

/**
 * One line per open answer the recommendation hangs on:
 * `Depends on --isolation (assumed standard): strong -> containers-in-vm, multi-tenant -> containers-in-vm`.
 */
export function dependenceLines(advice: Pick<Advice, 'dependsOn' | 'recommendation'>): string[] {
  return advice.dependsOn.map((d) => {
    const how = d.origin === 'unsure' ? `unsure, ${d.answer} used` : `assumed ${d.answer}`;
    const alone = Object.entries(d.byChoice).filter(([, outcome]) => outcome !== advice.recommendation);
    const changes = alone.length
      ? alone.map(([choice, outcome]) => `${choice} -> ${outcome}`).join(', ')
      : `with other open answers, can lead to ${d.outcomes.join(' or ')}`;
    return `Depends on --${d.question} (${how}): ${changes}`;
  });
}

/** A line for a firm answer resting on open answers, or for a check that was sampled; none when nothing is open. */
export function confidenceNote(advice: Pick<Advice, 'confidence' | 'confidenceCheck' | 'assumed' | 'unsure'>): string | undefined {
  const { combinations, checked, exhaustive } = advice.confidenceCheck;
  const sampled = exhaustive ? '' : `a seeded sample of ${checked} of the ${combinations} combinations was checked, not all of them`;
  if (advice.confidence === 'depends') return sampled ? `Checked by sample: ${sampled}.` : undefined;
  const open = [advice.assumed.length ? 'assumed' : '', advice.unsure.length ? 'unsure' : ''].filter(Boolean).join(' and ');
  return open ? `Firm: holds whatever the ${open} answers are${sampled ? ` (${sampled})` : ''}.` : undefined;
}
