/**
 * The advice object's type, written out so the published declarations need no
 * schema library. src/advice.ts checks at compile time that it is exactly the
 * type inferred from the zod schema (src/advice-schema.ts), so they cannot drift.
 */

import type { AnswerOrigin } from './answers.js';

/** Where an answer came from (ORIGINS in answers.ts). */
export type AnswerOriginName = AnswerOrigin;

/** What a rule that fired does. */
export interface AdviceEffect {
  require?: 'vm';
  favour?: 'container' | 'vm';
  weight?: number;
  exclude?: string[];
}

/** `vmvc advise --format json`: the advice for one workload. */
/** The outcome ids of the built-in rules. */
export type BuiltinOutcome = 'container' | 'containers-in-vm' | 'vm';

/**
 * Advice whose recommendation is one of `Outcome`: the built-in ids for advice
 * from the built-in rules (so a misspelt id in a comparison is a type error),
 * any string for rules of your own.
 */
export interface Advice<Outcome extends string = string> {
  schemaVersion: 5;
  /** outcome id: vm, container or containers-in-vm with the built-in rules */
  recommendation: Outcome;
  headline: string;
  summary: string;
  /** the rules that fired, in rules-file order */
  reasons: Array<{ rule: string; text: string; sources: string[]; effect: AdviceEffect; assumed?: string[] }>;
  notes: Array<{ id: string; text: string; sources: string[] }>;
  /** with --scan: question id -> the lines of the repository that bear on it (file relative to the folder scanned) */
  evidence?: Record<string, Array<{ file: string; line: number; found: string; why: string }>>;
  /** the workload, as named by --title */
  title?: string;
  /** the project config file in effect */
  config?: string;
  /** question id -> choice id used */
  answers: Record<string, string>;
  /** question id -> where its answer came from */
  answerOrigins: Record<string, AnswerOriginName>;
  /** question ids nobody answered, so the default was used */
  assumed: string[];
  /** question ids answered "unsure" (any choice); a stand-in is used for each (standIns) */
  unsure: string[];
  /** question ids the wizard did not ask because no answer to them could change the recommendation */
  notAsked: string[];
  /** for each unsure answer, the choice that stood in: the careful side the rules declare, else the default */
  standIns: Array<{ question: string; choice: string; why: 'careful' | 'default' }>;
  /** firm: holds for every combination of the unsure and assumed answers; depends: some combination changes it */
  confidence: 'firm' | 'depends';
  /** each unsure or assumed question the recommendation hangs on, in question order */
  dependsOn: Array<{ question: string; answer: string; origin: 'unsure' | 'assumed'; outcomes: string[]; byChoice: Record<string, string> }>;
  /** how the confidence was established */
  confidenceCheck: { combinations: number; checked: number; exhaustive: boolean };
  /** every single-answer change that changes the recommendation, in question order */
  flips: Array<{ question: string; from: string; to: string; recommendation: string; assuming?: Array<{ question: string; choice: string }> }>;
  scores: { container: number; vm: number; margin: number };
  vmRequirement: { holds: boolean; rules: string[] };
  /** comparison row ids the fired rules lean on */
  decidingRows: string[];
  /** comparison row ids only the rules that argue against the recommendation lean on: what it gives up */
  tradeOffRows: string[];
  rulesVersion: number;
  /** present with --explain: every rule and outcome with why it did or did not apply */
  trace?: {
    rules: Array<{ rule: string; fired: boolean; condition: string; failed?: string }>;
    outcomes: Array<{ outcome: string; status: 'chosen' | 'excluded' | 'gate-failed' | 'not-tried'; why: string }>;
  };
}
