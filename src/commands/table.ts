/** `vmvc table`: the VM-vs-container comparison with its sources. */
import { EXIT } from '../errors.js';
import { comparisonFormats, type ComparisonFormat } from '../format/index.js';
import type { CommandContext } from '../io.js';

export async function run(opts: { format: ComparisonFormat }, { rules, io }: CommandContext): Promise<number> {
  await io.out(comparisonFormats[opts.format](rules, io.style));
  return EXIT.ok;
}
