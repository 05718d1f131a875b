/** Detection on the machine vmvc runs on, shared by `vmvc detect` and `vmvc advise --detect`. */
import { probe, type Detection } from './probe.js';
import { rootReader } from './reader.js';

/** Probes the real machine; VMVC_DETECT_ROOT points it at another tree (used by tests). */
export function detectHere(env: NodeJS.ProcessEnv): Detection {
  return probe({ reader: rootReader(env.VMVC_DETECT_ROOT || '/'), platform: process.platform, arch: process.arch, env });
}
