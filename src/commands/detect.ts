/** `vmvc detect`: which VM and container layers this runs in, and what can be started here. */
import { EXIT } from '../errors.js';
import type { CommandContext } from '../io.js';
import { probe, type Detection } from '../detect/probe.js';
import { rootReader } from '../detect/reader.js';

/** Probes the real machine; VMVC_DETECT_ROOT points it at another tree (used by tests). */
export function detectHere(env: NodeJS.ProcessEnv): Detection {
  return probe({ reader: rootReader(env.VMVC_DETECT_ROOT || '/'), platform: process.platform, arch: process.arch, env });
}

export async function run(opts: { format: 'text' | 'json' }, { io }: CommandContext): Promise<number> {
  const detection = detectHere(io.env);
  if (opts.format === 'json') {
    await io.out(JSON.stringify({ schemaVersion: 1, ...detection }, null, 2) + '\n');
  } else {
    const { detectionText } = await import('../format/text.js');
    await io.out(detectionText(detection, io.style));
  }
  return EXIT.ok;
}
