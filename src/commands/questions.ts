/** `vmvc questions`: every question with its flag, env variable, choices, default and sources. */
import { EXIT } from '../errors.js';
import { formats, type FormatName } from '../format/index.js';
import type { CommandContext, Invocation } from '../io.js';

export async function run({ opts }: Invocation, { rules, io }: CommandContext): Promise<number> {
  const formatter = await formats[opts.format as FormatName]();
  await io.out(formatter.questions(rules, io.style));
  return EXIT.ok;
}
