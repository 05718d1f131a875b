/** Detection on the machine vmvc runs on, shared by `vmvc detect` and `vmvc advise --detect`. */
import { probe, type Detection } from './probe.js';
import { rootReader } from './reader.js';
import { oneLine } from '../sanitize.js';

/**
 * Probes the real machine; VMVC_DETECT_ROOT points it at another tree (used by
 * tests). Everything it found is outside text (a container image sets PID 1's
 * environment, a guest its DMI strings), so every string is cleaned here, once,
 * for every output and every note built from it.
 */
export function detectHere(env: NodeJS.ProcessEnv): Detection {
  return cleaned(probe({ reader: rootReader(env.VMVC_DETECT_ROOT || '/'), platform: process.platform, arch: process.arch, env }));
}

/** A copy of `value` with every string on one line and free of escape sequences and invisible characters. */
function cleaned<T>(value: T): T {
  if (typeof value === 'string') return oneLine(value) as T;
  if (Array.isArray(value)) return value.map(cleaned) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleaned(v)])) as T;
  return value;
}
