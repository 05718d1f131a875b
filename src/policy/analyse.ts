/**
 * Static checks on valid rules that need the engine: which rules can never
 * fire and which outcomes no answers reach. The answer space is usually small
 * enough to walk completely; past a limit it is sampled, and the result says so.
 */
import { decide } from '../engine.js';
import type { Problem } from '../rules/schema.js';
import type { Answers, Rules } from '../rules/types.js';
import { EXHAUSTIVE_LIMIT, answersAt, radixOf, sizeOf, walkSpace } from '../space.js';

export interface Analysis {
  /** Combinations of answers the questions allow. */
  space: number;
  /** true when the exhaustive walk ran out of time and a sample was checked instead. */
  timedOut?: boolean;
  /** true when every combination was tried; false when `tried` were sampled. */
  exhaustive: boolean;
  tried: number;
  /** Definite problems (exhaustive) or warnings (sampled). */
  problems: Problem[];
}

/** How long the whole walk may take; past it the walk stops and what is left is sampled. */
export const TIME_BUDGET_MS = 5_000;

/** The seed of the sample taken when the space is too large to walk. */
const SEED = 0x766d7663;

/** Finds rules that never fire, outcomes never chosen, notes never shown and summaries never used. */
export function analyse(rules: Rules, budgetMs = TIME_BUDGET_MS): Analysis {
  const radix = radixOf(rules.questions);
  const space = sizeOf(radix);
  let timedOut = false;
  const fired = new Set<string>();
  const chosen = new Set<string>();
  const shown = new Set<string>();
  const summarised = new Set<string>();
  let tried = 0;
  const look = (answers: Answers) => {
    tried++;
    const d = decide(rules, answers, { trace: false });
    chosen.add(d.outcome.id);
    for (const r of d.reasons) fired.add(r.rule);
    for (const n of d.notes) shown.add(n.id);
    if (d.summary.id) summarised.add(`${d.outcome.id}/${d.summary.id}`);
  };
  const deadline = Date.now() + budgetMs;
  const walksAll = space <= EXHAUSTIVE_LIMIT;
  let { exhaustive } = walkSpace(
    radix,
    (digits) => {
      look(answersAt(rules, digits));
      // Thousands of large rules can make even 100,000 combinations slow: past the budget, sample instead.
      if (walksAll && (tried & 1023) === 0 && Date.now() > deadline) return !(timedOut = true);
    },
    { seed: SEED },
  );
  if (timedOut) {
    exhaustive = false;
    walkSpace(radix, (digits) => (Date.now() > deadline + budgetMs ? false : look(answersAt(rules, digits))), { seed: SEED, limit: 0 });
  }
  const scope = exhaustive
    ? `none of the ${tried} combinations of answers`
    : `none of ${tried} ${timedOut ? 'combinations checked in the time allowed' : 'sampled combinations'} (of ${space})`;
  const problems: Problem[] = [];
  rules.rules.forEach((r, i) => {
    if (!fired.has(r.id)) problems.push({ path: ['rules', i, 'when'], message: `rule "${r.id}" can never fire: ${scope} satisfies its condition` });
  });
  rules.outcomes.forEach((o, i) => {
    if (!chosen.has(o.id)) problems.push({ path: ['outcomes', i], message: `outcome "${o.id}" is never reached: ${scope} leads to it` });
    o.summaries?.forEach((s, j) => {
      if (chosen.has(o.id) && !summarised.has(`${o.id}/${s.id}`)) {
        problems.push({ path: ['outcomes', i, 'summaries', j, 'when'], message: `summary "${s.id}" of ${o.id} is never shown: ${scope} chooses ${o.id} with its condition holding (or an earlier summary takes it)` });
      }
    });
  });
  rules.notes.forEach((n, i) => {
    if (!shown.has(n.id)) problems.push({ path: ['notes', i, 'when'], message: `note "${n.id}" is never shown: ${scope} satisfies its condition with the outcome it names` });
  });
  return { space, exhaustive, tried, problems, ...(timedOut ? { timedOut } : {}) };
}
