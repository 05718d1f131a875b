/** `vmvc questions`: every question with its flag, env variable, choices, default and sources. */
import { EXIT } from '../errors.js';
import { questionsIn, type FormatFor } from '../format/index.js';
import type { CommandContext, Invocation } from '../io.js';

export async function run({ opts }: Invocation, { rules, io }: CommandContext): Promise<number> {
  await io.out(await questionsIn(opts.format as FormatFor<'questions'>, rules, io.style));
  return EXIT.ok;
}
