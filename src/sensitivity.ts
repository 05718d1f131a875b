/**
 * How firmly an answer holds, computed exactly where the answer space allows:
 * which single-answer changes would change the recommendation (flips), whether
 * it holds whatever the unsure and assumed answers are (confidence), which of
 * those it hangs on (dependsOn), and whether a question not yet asked can
 * still change it. Pure functions of the rules and answers, like the engine.
 */
import { choiceIndexes, decide, decisionCost, outcomeIndex } from './engine.js';
import { conditionLeaves } from './rules/conditions.js';
import type { Answers, Rules } from './rules/types.js';
import { EXHAUSTIVE_LIMIT, SAMPLES, WORK_LIMIT, sampler, sizeOf, step, stepsWithin, walkSpace } from './space.js';

export { UNSURE } from './rules/types.js';

/** How much of the unsure answers' space `holdsForAll` walks. */
const HOLDS_BUDGET = { limit: 4096, samples: 512 };

/** One answer changed, and the recommendation that change gives. */
export interface Flip {
  question: string;
  from: string;
  to: string;
  recommendation: string;
  /**
   * Present when the change gives that recommendation only with some unsure
   * answers at the choices that stood in for them: those answers and choices.
   */
  assuming?: Array<{ question: string; choice: string }>;
}

/**
 * Every single-answer change that changes the recommendation, in question
 * order, then choice order. With `unsure` answers (their stand-ins in
 * `answers`), a change that gives its recommendation whatever they are is
 * stated plainly; one that does so only at the stand-ins says so (`assuming`).
 */
export function flips(rules: Rules, answers: Answers, unsure: readonly string[] = []): Flip[] {
  // Each change is one choice index changed in place: only outcomes are compared here.
  const choice = choiceIndexes(rules, answers);
  const current = outcomeIndex(rules, choice);
  const out: Array<{ flip: Flip; changed: Answers }> = [];
  rules.questions.forEach((q, qi) => {
    const from = choice[qi]!;
    q.choices.forEach((c, ci) => {
      if (ci === from) return;
      choice[qi] = ci;
      const outcome = outcomeIndex(rules, choice);
      if (outcome !== current) {
        const flip = { question: q.id, from: answers[q.id]!, to: c.id, recommendation: rules.outcomes[outcome]!.id };
        out.push({ flip, changed: { ...answers, [q.id]: c.id } });
      }
    });
    choice[qi] = from;
  });
  // Every flip's check shares one WORK_LIMIT: many flips each check fewer combinations.
  const share = Math.floor(WORK_LIMIT / Math.max(1, out.length));
  for (const { flip, changed } of out) {
    const others = unsure.filter((id) => id !== flip.question);
    if (others.length && !holdsForAll(rules, changed, others, (outcome) => outcome === flip.recommendation, share)) {
      flip.assuming = others.map((id) => ({ question: id, choice: answers[id]! }));
    }
  }
  return out.map((f) => f.flip);
}

/**
 * Whether `holds(outcome id, summary id)` is true for every combination of the
 * `open` questions' choices, the other answers as in `answers`. It runs once per
 * flip shown, so it walks at most HOLDS_BUDGET combinations (every one up to
 * 4,096, else a seeded sample of 512), and at most `work` rule checks: a huge
 * overlay with many unsure answers costs a bounded time.
 */
export function holdsForAll(rules: Rules, answers: Answers, open: readonly string[], holds: (outcome: string, summary: string | undefined) => boolean, work = WORK_LIMIT): boolean {
  const questions = open.map((id) => rules.questions.find((q) => q.id === id)!);
  const radix = questions.map((q) => q.choices.length);
  const cost = decisionCost(rules);
  const trial = { ...answers };
  let ok = true;
  walkSpace(
    radix,
    (digits) => {
      for (let k = 0; k < questions.length; k++) trial[questions[k]!.id] = questions[k]!.choices[digits[k]!]!.id;
      const d = decide(rules, trial, { trace: false });
      return (ok = holds(d.outcome.id, d.summary.id));
    },
    { seed: 0x686f6c64, limit: sizeOf(radix) * cost <= work ? HOLDS_BUDGET.limit : 0, samples: stepsWithin(HOLDS_BUDGET.samples, cost, work) },
  );
  return ok;
}

/** An open answer (unsure, or assumed) the recommendation hangs on. */
export interface Dependence {
  question: string;
  /** The answer the recommendation was computed with (the question's default). */
  answer: string;
  origin: 'unsure' | 'assumed';
  /** Outcomes other than the recommendation that changing this answer can switch to (alone or with the other open answers). */
  outcomes: string[];
  /** For each choice, the recommendation with every other answer as used. */
  byChoice: Record<string, string>;
}

/** Whether the recommendation holds whatever the open answers are, and what it hangs on. */
export interface Confidence {
  confidence: 'firm' | 'depends';
  dependsOn: Dependence[];
  /** Combinations of the open answers, and how many were checked (all of them unless sampled). */
  combinations: number;
  checked: number;
  exhaustive: boolean;
}

/**
 * What a walk found, with sets of outcomes as bit masks of their positions in
 * rules.outcomes (validated rules have at most MAX_BITS): every outcome reached, and
 * for each open question (in the order given), the outcomes on either side of
 * a change of its answer that changes the outcome (the rest of the open answers free).
 */
interface Pivots {
  outcomes: number;
  pivots: number[];
  combinations: number;
  checked: number;
  exhaustive: boolean;
}

/** How much of an answer space a walk may take: all of it up to `exhaustive` combinations, else `samples` of them. */
export interface Budget {
  exhaustive: number;
  samples: number;
}
const FULL: Budget = { exhaustive: EXHAUSTIVE_LIMIT, samples: SAMPLES };

/**
 * What walking a rules file's answer space needs, worked out once per rules
 * object (rules are not changed once in use; see engine.ts). `classes`: for each
 * question, one representative choice per class of choices that no rule tells
 * apart (every rule condition accepts all of a class or none of it). Choices of
 * one class always lead to the same outcome, so walking the representatives is
 * exact, and a large overlay's 31-choice question named by two rules costs
 * three steps, not 31.
 */
interface Space {
  classes: number[][];
  /** question id -> its position in rules.questions */
  position: Map<string, number>;
  /** Outcome ids in rules order, as outcomeIndex numbers them. */
  outcomes: string[];
  /** Per question, the positions of the rules whose conditions read it. */
  readBy: Array<Set<number>>;
}

const spaces = new WeakMap<Rules, Space>();
function spaceOf(rules: Rules): Space {
  let space = spaces.get(rules);
  if (space) return space;
  const ruleLeaves = rules.rules.map((r) => conditionLeaves(r.when));
  const leaves = ruleLeaves.flat();
  const classes = rules.questions.map((q) => {
    const mine = leaves.filter((l) => l.question === q.id);
    const seen = new Set<string>();
    const reps: number[] = [];
    q.choices.forEach((c, i) => {
      const signature = mine.map((l) => (l.choices.includes(c.id) ? '1' : '0')).join('');
      if (!seen.has(signature)) {
        seen.add(signature);
        reps.push(i);
      }
    });
    return reps;
  });
  const readBy = rules.questions.map((q) => new Set(ruleLeaves.flatMap((mine, i) => (mine.some((l) => l.question === q.id) ? [i] : []))));
  space = { classes, position: new Map(rules.questions.map((q, i) => [q.id, i])), outcomes: rules.outcomes.map((o) => o.id), readBy };
  spaces.set(rules, space);
  return space;
}

/**
 * Walks the combinations of the open questions' choice classes (`at`: their
 * positions; the others fixed as in `base`, answers as choice indexes): every
 * one when there are at most `budget.exhaustive`, else a seeded sample, each
 * with every single change of each open answer.
 */
function walk(rules: Rules, base: Int32Array, at: readonly number[], budget: Budget): Pivots {
  const { classes } = spaceOf(rules);
  const n = at.length;
  // Digits walk the classes; `reps[k]` maps digit k to its representative choice index.
  const reps: number[][] = [];
  const radix: number[] = [];
  let walked = 1;
  let combinations = 1;
  for (const qi of at) {
    reps.push(classes[qi]!);
    radix.push(classes[qi]!.length);
    walked *= classes[qi]!.length;
    combinations *= rules.questions[qi]!.choices.length;
  }
  const pivots: number[] = new Array<number>(n).fill(0);
  let outcomes = 0;
  // The answers, rewritten in place for each combination.
  const choice = base.slice();
  const digits = new Int32Array(n);
  const outcomeOf = (): number => {
    for (let k = 0; k < n; k++) choice[at[k]!] = reps[k]![digits[k]!]!;
    return outcomeIndex(rules, choice);
  };

  const cost = decisionCost(rules);
  if (walked <= budget.exhaustive && walked * cost <= WORK_LIMIT) {
    // Mixed radix: the last open question varies fastest; stride[k] is how far one step of digit k moves the index.
    const stride: number[] = new Array<number>(n);
    for (let k = n - 1, step = 1; k >= 0; step *= radix[k]!, k--) stride[k] = step;
    const results = new Int16Array(walked);
    for (let i = 0; i < walked; i++) {
      results[i] = outcomeOf();
      outcomes |= 1 << results[i]!;
      step(digits, radix);
    }
    // Comparing each combination with the next value of one digit (cyclically) visits every group of
    // combinations that differ only in that question; an outcome that varies within a group differs somewhere in the cycle.
    for (let k = 0; k < n; k++) {
      for (let i = 0; i < walked; i++) {
        const d = Math.floor(i / stride[k]!) % radix[k]!;
        const j = i + (((d + 1) % radix[k]!) - d) * stride[k]!;
        if (results[i] !== results[j]) pivots[k]! |= (1 << results[i]!) | (1 << results[j]!);
      }
    }
    return { outcomes, pivots, combinations, checked: combinations, exhaustive: true };
  }

  // Each sampled combination is decided once, then once per other class of each open answer.
  let perSample = 1;
  for (const r of radix) perSample += r - 1;
  const samples = stepsWithin(budget.samples, perSample * cost);
  const sample = sampler(0x766d7663, radix);
  for (let s = 0; s < samples; s++) {
    sample(digits);
    const here = outcomeOf();
    outcomes |= 1 << here;
    for (let k = 0; k < n; k++) {
      const own = digits[k]!;
      for (let v = 0; v < radix[k]!; v++) {
        if (v === own) continue;
        digits[k] = v;
        const there = outcomeOf();
        outcomes |= 1 << there;
        if (there !== here) pivots[k]! |= (1 << here) | (1 << there);
      }
      digits[k] = own;
    }
  }
  return { outcomes, pivots, combinations, checked: samples, exhaustive: false };
}

/**
 * Whether `recommendation` (decided on `answers`) holds whatever the open
 * answers are. `open` lists the unsure and assumed questions in question
 * order, each with why it is open; their answers in `answers` are the defaults used.
 */
export function confidenceOf(
  rules: Rules,
  answers: Answers,
  open: ReadonlyArray<{ question: string; origin: 'unsure' | 'assumed' }>,
  recommendation: string,
  budget: Budget = FULL,
): Confidence {
  // Nothing open: the recommendation is the only one there is (the common case in portfolio mode).
  if (!open.length) return { confidence: 'firm', dependsOn: [], combinations: 1, checked: 1, exhaustive: true };
  const { position, outcomes: order } = spaceOf(rules);
  const choice = choiceIndexes(rules, answers);
  const walked = walk(rules, choice, open.map((o) => position.get(o.question)!), budget);
  const dependsOn: Dependence[] = [];
  open.forEach(({ question, origin }, k) => {
    const pivot = walked.pivots[k]!;
    if (!pivot) return;
    // Each choice of this question with every other answer as used: only the outcome is needed.
    const at = position.get(question)!;
    const own = choice[at]!;
    const byChoice: Record<string, string> = {};
    rules.questions[at]!.choices.forEach((c, i) => {
      choice[at] = i;
      byChoice[c.id] = order[outcomeIndex(rules, choice)]!;
    });
    choice[at] = own;
    dependsOn.push({
      question,
      answer: answers[question]!,
      origin,
      outcomes: order.filter((id, i) => id !== recommendation && pivot & (1 << i)),
      byChoice,
    });
  });
  // Firm: the recommendation is the only outcome reached.
  const firm = walked.outcomes === 1 << order.indexOf(recommendation);
  return {
    confidence: firm ? 'firm' : 'depends',
    dependsOn,
    combinations: walked.combinations,
    checked: walked.checked,
    exhaustive: walked.exhaustive,
  };
}

/**
 * Portfolio mode's part of `confidenceOf`, for answers as choice indexes and
 * open questions as positions (in question order): whether the outcome at
 * position `recommendation` is the only one the open answers can reach, and
 * the open questions whose answer can change it.
 */
export function dependence(rules: Rules, choice: Int32Array, open: readonly number[], recommendation: number, budget: Budget = FULL): { firm: boolean; dependsOn: number[] } {
  if (!open.length) return { firm: true, dependsOn: [] };
  const walked = walk(rules, choice, open, budget);
  return { firm: walked.outcomes === 1 << recommendation, dependsOn: open.filter((_, k) => walked.pivots[k]) };
}

/**
 * Whether some answer to `question` can still change the recommendation,
 * given the answers fixed so far and any combination of the `open` ones (which
 * include `question`). When the open answers are too many to walk, a sample
 * can only prove that it matters, so the answer is yes: a question is never
 * skipped on a guess.
 */
export function canMatter(rules: Rules, fixed: Partial<Answers>, open: readonly string[], question: string): boolean {
  const base: Answers = {};
  for (const q of rules.questions) base[q.id] = fixed[q.id] ?? q.default;
  const { classes, position, readBy } = spaceOf(rules);
  const target = position.get(question)!;
  const mine = classes[target]!;
  if (mine.length < 2) return false;
  // The other open questions, walked class by class; for each of their combinations, try every
  // class of `question` and stop at the first that changes the outcome (usually the first few).
  // Those read by a rule that also reads `question` vary fastest: a change is found sooner
  // (the walk is the same, in another order).
  const shares = (qi: number) => [...readBy[qi]!].some((r) => readBy[target]!.has(r));
  const ids = open.filter((id) => id !== question).map((id) => position.get(id)!);
  const others = [...ids.filter((qi) => !shares(qi)), ...ids.filter(shares)];
  const reps = others.map((qi) => classes[qi]!);
  const radix = reps.map((r) => r.length);
  const walked = sizeOf(radix);
  if (walked > EXHAUSTIVE_LIMIT || walked * mine.length * decisionCost(rules) > WORK_LIMIT) return true;
  const choice = choiceIndexes(rules, base);
  const digits = new Int32Array(radix.length);
  for (let i = 0; i < walked; i++) {
    for (let k = 0; k < others.length; k++) choice[others[k]!] = reps[k]![digits[k]!]!;
    choice[target] = mine[0]!;
    const first = outcomeIndex(rules, choice);
    for (let c = 1; c < mine.length; c++) {
      choice[target] = mine[c]!;
      if (outcomeIndex(rules, choice) !== first) return true;
    }
    step(digits, radix);
  }
  return false;
}
