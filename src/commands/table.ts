/** `vmvc table`: the VM-vs-container comparison with its sources. */
import { EXIT } from '../errors.js';
import { formats, type FormatFor } from '../format/index.js';
import type { CommandContext, Invocation } from '../io.js';

export async function run({ opts }: Invocation, { rules, io }: CommandContext): Promise<number> {
  const formatter = await formats[opts.format as FormatFor<'comparison'>]();
  await io.out(formatter.comparison(rules, io.style));
  return EXIT.ok;
}
