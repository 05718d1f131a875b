/** Drift between where workloads run and where vmvc advises them, said the same way by every output. */
import type { Rules } from '../rules/types.js';

/** "3 of 20 rows run elsewhere than advised: 2 run as container where vm is advised, 1 ..." */
export function driftText(summary: { drift: Record<string, number>; placed: number }, rules: Rules): string {
  const label = (id: string) => rules.outcomes.find((o) => o.id === id)?.label ?? id;
  const moves = Object.entries(summary.drift).sort((a, b) => b[1] - a[1]);
  const n = moves.reduce((a, [, k]) => a + k, 0);
  if (!n) return `all ${summary.placed} row${summary.placed === 1 ? '' : 's'} that say where they run are where vmvc advises`;
  const parts = moves.map(([move, k]) => {
    const [from, to] = move.split(' -> ') as [string, string];
    return `${k} run${k === 1 ? 's' : ''} as ${label(from)} where ${label(to)} is advised`;
  });
  return `${n} of ${summary.placed} row${summary.placed === 1 ? '' : 's'} that say where they run ${n === 1 ? 'runs' : 'run'} elsewhere than advised: ${parts.join('; ')}`;
}

/** Rows that said where they run, and those that run elsewhere than advised by "current -> recommended". */
export interface DriftTally {
  drift: Record<string, number>;
  placed: number;
}

/** Counts a record into `tally` (records that do not say where they run are not counted). */
export function tallyDrift(tally: DriftTally, r: { current?: string; recommendation?: string; drift?: boolean }): void {
  if (r.current === undefined) return;
  tally.placed++;
  if (!r.drift) return;
  const move = `${r.current} -> ${r.recommendation}`;
  tally.drift[move] = (tally.drift[move] ?? 0) + 1;
}
