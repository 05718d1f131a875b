/** `vmvc detect`: which VM and container layers this runs in, and what can be started here. */
import { EXIT } from '../errors.js';
import { safeJson } from '../sanitize.js';
import type { CommandContext, Invocation } from '../io.js';
import { detectHere } from '../detect/here.js';

export async function run({ opts }: Invocation, { io }: CommandContext): Promise<number> {
  const detection = detectHere(io.env);
  if (opts.format === 'json') {
    await io.out(safeJson({ schemaVersion: 1, ...detection }, 2) + '\n');
  } else {
    const [{ detectionText }, { finish }] = await Promise.all([import('../format/text.js'), import('../format/style.js')]);
    await io.out(finish(detectionText(detection, io.style), io.style));
  }
  return EXIT.ok;
}
