/**
 * Static checks on valid rules that need the engine: which rules can never
 * fire and which outcomes no answers reach. The answer space is usually small
 * enough to walk completely; past a limit it is sampled, and the result says so.
 */
import { decide, gateMiss, type Decision } from '../engine.js';
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

/** Why an outcome was not chosen, counted over the combinations tried. */
interface Blocked {
  /** Earlier outcomes chosen while this one's gate held too (the order took it). */
  first: Map<string, number>;
  /** Rules that excluded it. */
  excludedBy: Map<string, number>;
  /** Its gate failed (see gateMiss): it needs a VM requirement and none held / it needs none and one held / the lead fell short. */
  noneHeld: number;
  oneHeld: number;
  margin: number;
  /** The highest container lead seen where only the lead failed it. */
  bestMargin: number;
}

/** Counts why `outcome` lost to the one decided (see Blocked). */
function whyNot(outcome: Rules['outcomes'][number], d: Decision, into: Blocked): void {
  const excluders = d.reasons.filter((r) => r.effect.exclude?.includes(outcome.id));
  if (excluders.length) {
    for (const r of excluders) into.excludedBy.set(r.rule, (into.excludedBy.get(r.rule) ?? 0) + 1);
    return;
  }
  const miss = gateMiss(outcome, d.requirement, d.scores.margin);
  if (miss === 'no-requirement') into.noneHeld++;
  else if (miss === 'requirement') into.oneHeld++;
  else if (miss === 'margin') {
    into.margin++;
    into.bestMargin = Math.max(into.bestMargin, d.scores.margin);
  } else into.first.set(d.outcome.id, (into.first.get(d.outcome.id) ?? 0) + 1);
}

/** What blocked an outcome, most frequent first: its gate, earlier outcomes (the order), exclusions, each with its count. */
function blockedText(outcome: Rules['outcomes'][number], b: Blocked): string {
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, n) => a + n, 0);
  const list = (m: Map<string, number>) => [...m].sort((x, y) => y[1] - x[1]).map(([id, n]) => `${id} ${n}`).join(', ');
  const sign = (n: number) => `${n >= 0 ? '+' : ''}${n}`;
  const gate: string[] = [];
  if (b.noneHeld) gate.push(`it needs a VM requirement and none held (in ${b.noneHeld})`);
  if (b.oneHeld) gate.push(`it needs no VM requirement and one held (in ${b.oneHeld})`);
  if (b.margin) gate.push(`it needs a container lead of ${sign(outcome['min-margin']!)} and fell short (in ${b.margin}; the most was ${sign(b.bestMargin)})`);
  const parts: Array<[number, string]> = [];
  if (b.first.size) parts.push([sum(b.first), `an earlier outcome was chosen first though its gate held too (${list(b.first)}): move it before them, or narrow their gates`]);
  if (gate.length) parts.push([b.noneHeld + b.oneHeld + b.margin, `its gate failed: ${gate.join(', ')}`]);
  if (b.excludedBy.size) parts.push([sum(b.excludedBy), `rules excluded it (${list(b.excludedBy)})`]);
  return parts.sort((x, y) => y[0] - x[0]).map(([, text]) => text).join('; ');
}

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
  const blocked = rules.outcomes.map(() => ({ first: new Map<string, number>(), excludedBy: new Map<string, number>(), noneHeld: 0, oneHeld: 0, margin: 0, bestMargin: -Infinity }));
  const look = (answers: Answers) => {
    tried++;
    const d = decide(rules, answers, { trace: false });
    chosen.add(d.outcome.id);
    rules.outcomes.forEach((o, i) => (o.id === d.outcome.id ? undefined : whyNot(o, d, blocked[i]!)));
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
    if (!chosen.has(o.id)) problems.push({ path: ['outcomes', i], message: `outcome "${o.id}" is never reached: ${scope} leads to it; ${blockedText(o, blocked[i]!)}` });
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
