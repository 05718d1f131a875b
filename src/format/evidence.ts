/** The repository's evidence as the advice formats show it (text, markdown, HTML): one walk, the same words. */
import type { Advice } from '../advice.js';
import type { AnswerOrigin } from '../answers.js';
import { WEAK } from '../scan/types.js';

export interface FoundAnswer {
  question: string;
  /** `--workload-os windows` when the scan's answer was used; else which answer won, in words. */
  heading: string;
  used: boolean;
  evidence: NonNullable<Advice['evidence']>[string];
}

/** Each question the scan found evidence for, in the advice's order, with whether its answer was used. */
export function foundAnswers(advice: Advice): FoundAnswer[] {
  return Object.entries(advice.evidence ?? {}).map(([question, evidence]) => {
    const origin = advice.answerOrigins[question];
    const used = origin === 'scanned';
    const value = advice.unsure.includes(question) ? 'unsure' : advice.answers[question];
    // A question only weak signs point to was not answered by the scan, whatever answered it instead.
    const weak = evidence.every((e) => e.why.startsWith(WEAK));
    const heading = used ? `--${question} ${value}` : weak ? `--${question}: weak signs only, not used` : `--${question}: the answer from ${origin ? ORIGIN_WORDS[origin] : 'elsewhere'} wins`;
    return { question, heading, used, evidence };
  });
}

/** Each origin (ORIGINS in answers.ts) as a phrase, for "the answer from ... wins"; the compiler asks for a new one's. */
const ORIGIN_WORDS: Record<AnswerOrigin, string> = { flag: 'its flag', env: 'its VMVC_* variable', file: '--answers', config: 'the config file', scanned: 'the scan', detected: '--detect', prompt: 'the prompt', default: 'the default' };
