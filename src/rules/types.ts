/** The shapes of a validated rules file. Plain types so the engine never loads zod. */

/** A declared article or policy page that citations point at. */
export interface Source {
  /** The name citations use: an article's file name, or an id for a practice source. */
  file: string;
  title: string;
  url?: string;
  /**
   * `article` (the default): one of the articles vmvc's knowledge comes from.
   * `practice`: public documentation of well-known practice that no article
   * states, declared so a sentence resting on it can say so.
   */
  kind?: 'article' | 'practice';
}

export interface Choice {
  id: string;
  label: string;
  /** What this choice means in practice, shown under the prompt while it is highlighted. */
  help?: string;
  /** Other words for it that flags, variables and files accept (`darwin` for `macos`). */
  aliases?: string[];
  /**
   * Text that marks an inventory cell as this choice when the cell contains it,
   * ignoring case: operating-system names as inventories write them
   * (`Microsoft Windows Server 2019 (64-bit)` contains `windows`).
   */
  matches?: string[];
}

/** One fact vmvc asks about; it becomes a flag, an env variable and a prompt. */
export interface Question {
  id: string;
  prompt: string;
  /** A short name for the question ("Host OS"), where the whole prompt is too long: the review screen, tables. */
  label?: string;
  /** Other inventory column headers that answer it ("HW Emulation"); matched like its id, ignoring case, spaces, `_` and `-`. */
  column?: string[];
  help: string;
  choices: Choice[];
  default: string;
  /**
   * The choice that stands in when the answer is `unsure`: the careful side
   * (strong isolation, say). Without it, the default stands in.
   */
  'if-unsure'?: string;
  sources: string[];
  /**
   * The step of the decision this question belongs to, as that step's question
   * ("Is the host kernel enough?"). Questions with the same stage are drawn as
   * one step of the flowchart, in the order the stages first appear.
   */
  stage?: string;
}

/**
 * A condition on answers: every question key must match one of its choices,
 * and `all` / `any` / `not` combine nested conditions. In a note's condition
 * the key `outcome` names the recommendations the note fits.
 */
export interface Condition {
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
  [questionId: string]: string | string[] | Condition[] | Condition | undefined;
}

/** What a rule does when its condition holds. */
export interface Effect {
  /** `vm`: the workload needs a VM boundary, which rules out outcomes gated on `requirement: false`. */
  require?: 'vm';
  favour?: 'container' | 'vm';
  weight?: number;
  exclude?: string[];
}

export interface Rule {
  id: string;
  when: Condition;
  effect: Effect;
  reason: string;
  sources: string[];
  rows?: string[];
}

export interface Note {
  id: string;
  when: Condition;
  text: string;
  sources: string[];
}

/** One way of summing up an outcome, used when its condition holds for the answers. */
export interface Summary {
  id: string;
  when: Condition;
  text: string;
  sources: string[];
}

/** A possible answer and the gate it must pass to be chosen. */
export interface Outcome {
  id: string;
  label: string;
  headline: string;
  /** The summary when none of `summaries` holds. */
  summary: string;
  /** Summaries for particular answers, tried in order; the first whose condition holds is shown. */
  summaries?: Summary[];
  requirement?: boolean;
  'min-margin'?: number;
  sources: string[];
}

export interface Claim {
  side: 'vm' | 'container';
  says: string;
  sources: string[];
}

export interface ComparisonRow {
  id: string;
  aspect: string;
  vm: string;
  container: string;
  sources: string[];
  claims?: Claim[];
}

/** A whole, validated rules file. */
export interface Rules {
  version: number;
  sources: Source[];
  outcomes: Outcome[];
  questions: Question[];
  rules: Rule[];
  notes: Note[];
  comparison: ComparisonRow[];
}

/** The answer every question accepts besides its choices: "any of them". Never a choice id itself. */
export const UNSURE = 'unsure';

/** A complete set of answers: question id -> choice id. */
export type Answers = Record<string, string>;

/** Why a question id is taken by a layer above the rule model (a command-line option), or undefined. */
export type ReservedIds = (id: string) => string | undefined;
