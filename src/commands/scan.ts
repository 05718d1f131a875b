/** `vmvc scan [DIR]`: the answers a repository gives, each with the file and line that says so. */
import { EXIT } from '../errors.js';
import type { CommandContext, Invocation } from '../io.js';
import type { FormatFor } from '../format/index.js';

export async function run({ args, opts }: Invocation, { io, rules }: CommandContext): Promise<number> {
  const dir = args[0] ?? '.';
  const [{ scanRepository, stoppedWarning }, { SCAN_LIMITS }] = await Promise.all([import('../scan/index.js'), import('../scan/walk.js')]);
  const scan = scanRepository(dir, rules, SCAN_LIMITS);
  const stopped = stoppedWarning(scan, dir);
  if (stopped) io.err(stopped);
  const draw: Record<FormatFor<'scan'>, () => Promise<string>> = {
    json: async () => (await import('../format/json.js')).scanJson(scan),
    text: async () => {
      const [{ scanText }, { finish }] = await Promise.all([import('../format/text.js'), import('../format/style.js')]);
      return finish(scanText(scan, dir, io.style), io.style);
    },
  };
  await io.out(await draw[opts.format as FormatFor<'scan'>]());
  return EXIT.ok;
}
