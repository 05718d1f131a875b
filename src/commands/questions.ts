/** `vmvc questions`: every question with its flag, env variable, choices, default and sources. */
import { EXIT } from '../errors.js';
import { formats, type FormatName } from '../format/index.js';
import type { CommandContext, Invocation } from '../io.js';

export async function run({ opts }: Invocation, { rules, io }: CommandContext): Promise<number> {
  if (opts.format === 'yaml') {
    // An answers file at the defaults, to fill in and pass to --answers.
    await io.out((await import('../format/answers-file.js')).questionsYaml(rules));
    return EXIT.ok;
  }
  const formatter = await formats[opts.format as FormatName]();
  await io.out(formatter.questions(rules, io.style));
  return EXIT.ok;
}
