/** `vmvc detect`: which VM and container layers this runs in, and what can be started here. */
import { EXIT } from '../errors.js';
import { safeJson } from '../sanitize.js';
import type { CommandContext, Invocation } from '../io.js';
import { detectHere } from '../detect/here.js';
import type { FormatFor } from '../format/index.js';

export async function run({ opts }: Invocation, { io }: CommandContext): Promise<number> {
  const detection = detectHere(io.env);
  const draw: Record<FormatFor<'detection'>, () => Promise<string>> = {
    json: async () => safeJson({ schemaVersion: 1, ...detection }, 2) + '\n',
    text: async () => {
      const [{ detectionText }, { finish }] = await Promise.all([import('../format/text.js'), import('../format/style.js')]);
      return finish(detectionText(detection, io.style), io.style);
    },
  };
  await io.out(await draw[opts.format as FormatFor<'detection'>]());
  return EXIT.ok;
}
