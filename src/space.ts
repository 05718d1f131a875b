/**
 * The answer space: the combinations of choices a list of questions allows, as
 * mixed-radix digits (the first question most significant, the last varying
 * fastest). The one owner of how vmvc walks, samples, encodes and decodes
 * answer combinations, of the limits on a walk, and of the bit width that
 * bounds choices, outcomes and comparison rows. Plain arithmetic, no I/O.
 */
import { mulberry32 } from './random.js';

/** Choice, outcome and comparison-row positions are bits of a 32-bit integer (the sign bit spare): at most this many of each. */
export const MAX_BITS = 31;
/** Up to this many combinations are walked one by one; past it, a seeded sample of SAMPLES is taken. */
export const EXHAUSTIVE_LIMIT = 100_000;
/** How many combinations a sample holds. */
export const SAMPLES = 20_000;
/**
 * The most rule checks one walk may make (decisions made x rules each weighs):
 * past it a walk samples fewer combinations, so no rules file within the size
 * limits (src/rules/schema.ts) makes an answer take more than about a second.
 */
export const WORK_LIMIT = 20_000_000;

/** How many of `wanted` steps fit in `limit` rule checks when each step costs `cost` (at least one step). */
export function stepsWithin(wanted: number, cost: number, limit = WORK_LIMIT): number {
  return Math.max(1, Math.min(wanted, Math.floor(limit / Math.max(1, cost))));
}

/** How many combinations `radix` (the choices of each question) allows. */
export function sizeOf(radix: ArrayLike<number>): number {
  let n = 1;
  for (let k = 0; k < radix.length; k++) n *= radix[k]!;
  return n;
}

/** Steps `digits` to the next combination in place (last digit fastest); false after the last, when they are all 0 again. */
export function step(digits: Int32Array | number[], radix: ArrayLike<number>): boolean {
  let k = digits.length - 1;
  while (k >= 0 && ++digits[k]! === radix[k]!) digits[k--] = 0;
  return k >= 0;
}

/** The place of `digits` in the walk's order: the inverse of `digitsAt`. */
export function indexOf(digits: ArrayLike<number>, radix: ArrayLike<number>): number {
  let at = 0;
  for (let k = 0; k < radix.length; k++) at = at * radix[k]! + digits[k]!;
  return at;
}

/** The digits of the combination at place `index`, written into `into` (or a new array). */
export function digitsAt(index: number, radix: ArrayLike<number>, into: number[] | Int32Array = new Array<number>(radix.length)): number[] | Int32Array {
  let rest = index;
  for (let k = radix.length - 1; k >= 0; k--) {
    into[k] = rest % radix[k]!;
    rest = Math.floor(rest / radix[k]!);
  }
  return into;
}

/** A seeded source of random combinations: each call fills `into` with one. The same seed gives the same combinations. */
export function sampler(seed: number, radix: ArrayLike<number>): (into: number[] | Int32Array) => void {
  const random = mulberry32(seed);
  return (into) => {
    for (let k = 0; k < radix.length; k++) into[k] = Math.floor(random() * radix[k]!);
  };
}

/**
 * Calls `visit` with every combination in order when there are at most
 * `limit`, else with `samples` (SAMPLES) seeded random ones; says which it did. `visit`
 * gets the same array each time: copy it to keep it. Returning false stops the walk.
 */
export function walkSpace(
  radix: ArrayLike<number>,
  visit: (digits: number[]) => boolean | void,
  { seed, limit = EXHAUSTIVE_LIMIT, samples = SAMPLES }: { seed: number; limit?: number; samples?: number },
): { exhaustive: boolean; visited: number } {
  const digits = new Array<number>(radix.length).fill(0);
  const size = sizeOf(radix);
  let visited = 0;
  if (size <= limit) {
    for (let i = 0; i < size; i++) {
      visited++;
      if (visit(digits) === false) break;
      step(digits, radix);
    }
    return { exhaustive: true, visited };
  }
  const next = sampler(seed, radix);
  for (let s = 0; s < samples; s++) {
    next(digits);
    visited++;
    if (visit(digits) === false) break;
  }
  return { exhaustive: false, visited };
}

/** How many choices each question has: the radix of the rules' answer space. */
export function radixOf(questions: ReadonlyArray<{ choices: readonly unknown[] }>): number[] {
  return questions.map((q) => q.choices.length);
}

/** Questions as the walk needs them (the rule model's, without importing it: this module sits below it). */
type Questions = { questions: ReadonlyArray<{ id: string; choices: ReadonlyArray<{ id: string }> }> };

/** Every combination of choices the questions allow, as answers (question id -> choice id), in the walk's order. */
export function* answerSpace(rules: Questions): Generator<Record<string, string>> {
  const qs = rules.questions;
  const radix = radixOf(qs);
  const digits = new Array<number>(qs.length).fill(0);
  do yield answersAt(rules, digits);
  while (step(digits, radix));
}

/** The answers a combination's digits stand for. */
export function answersAt(rules: Questions, digits: ArrayLike<number>): Record<string, string> {
  return Object.fromEntries(rules.questions.map((q, i) => [q.id, q.choices[digits[i]!]!.id]));
}
