/** `vmvc advise`: gather answers (flags, then prompts when interactive), decide, print. */
import { toAdvice } from '../advice.js';
import { resolveAnswers } from '../answers.js';
import { decide } from '../engine.js';
import { adviceFormats, type AdviceFormat } from '../format/index.js';
import type { CommandContext } from '../io.js';
import type { Answers } from '../rules/types.js';
import { EXIT } from '../errors.js';

export interface AdviseOptions {
  format: AdviceFormat;
  /** false when --no-input was given. */
  input: boolean;
  /** Answers given as flags, already checked against their choices. */
  flagAnswers: Partial<Answers>;
}

/** Whether vmvc may prompt: both ends are terminals, --no-input is absent and CI is not set. */
export function canPrompt(opts: Pick<AdviseOptions, 'input'>, io: CommandContext['io']): boolean {
  const ci = io.env.CI;
  const inCi = ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
  return opts.input !== false && !inCi && io.stdinIsTTY && io.stdoutIsTTY;
}

/** Runs the command and returns its exit code. */
export async function run(opts: AdviseOptions, { rules, io }: CommandContext): Promise<number> {
  // 1. answers from flags; 2. prompts for the rest when a person is there; 3. defaults.
  let prompted: Partial<Answers> = {};
  if (canPrompt(opts, io)) {
    const open = rules.questions.filter((q) => opts.flagAnswers[q.id] === undefined);
    if (open.length) {
      const { askQuestions } = await import('../prompts.js');
      prompted = await askQuestions(open);
    }
  }
  const resolved = resolveAnswers(rules, [
    { origin: 'flag', answers: opts.flagAnswers },
    { origin: 'prompt', answers: prompted },
  ]);
  const decision = decide(rules, resolved.answers);
  const advice = toAdvice(rules, resolved, decision);
  await io.out(adviceFormats[opts.format](advice, rules, io.style));
  return EXIT.ok;
}
