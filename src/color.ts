/** Decides whether to colour output, in vmvc's documented order (chalk's own order differs). */

export type ColorLevel = 0 | 1 | 2 | 3;

/**
 * Highest precedence first: --no-color; NO_COLOR (non-empty); FORCE_COLOR
 * (0/false turn colour off, 1-3 or empty or true turn it on, even into a pipe);
 * TERM=dumb; whether stdout is a TTY.
 */
export function colorLevel(opts: { flag: boolean; env: NodeJS.ProcessEnv; isTTY: boolean }): ColorLevel {
  const { env } = opts;
  if (!opts.flag) return 0;
  if (env.NO_COLOR) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force.toLowerCase() === 'false') return 0;
    if (force === '2') return 2;
    if (force === '3') return 3;
    return 1;
  }
  if (env.TERM === 'dumb') return 0;
  if (!opts.isTTY) return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  if (env.TERM?.includes('256')) return 2;
  return 1;
}
