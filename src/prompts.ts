/** The only module that imports the prompt library; loaded only when vmvc asks questions. */
import { select } from '@inquirer/prompts';
import { UNSURE, type Answers, type Question } from './rules/types.js';
import { oneLine } from './sanitize.js';

/** The shape of one select prompt, so tests can drive a real prompt on fake streams. */
export interface SelectConfig {
  message: string;
  choices: Array<{ value: string; name: string; description: string }>;
  default: string;
}
export type AskOne = (config: SelectConfig) => Promise<string>;

/** Whether a question may still change the answer, given what was answered before it. */
export type MayMatter = (question: Question, answered: Readonly<Answers>) => boolean;

/** What a session produced: the answers given (some may be `unsure`) and the questions skipped. */
export interface Session {
  answers: Answers;
  /** Questions not asked because no answer to them could change the recommendation. */
  notAsked: string[];
}

/**
 * Asks each question in order with an arrow-key select, default preselected,
 * help shown beneath and "Not sure" last. A question for which `mayMatter`
 * says no is not asked.
 */
export async function askQuestions(questions: readonly Question[], askOne: AskOne = (c) => select(c), mayMatter: MayMatter = () => true): Promise<Session> {
  const answers: Answers = {};
  const notAsked: string[] = [];
  for (const q of questions) {
    if (!mayMatter(q, answers)) {
      notAsked.push(q.id);
      continue;
    }
    answers[q.id] = await askOne(selectConfig(q));
  }
  return { answers, notAsked };
}

/** The select prompt for a question; its words come from a rules file, so they are cleaned for the terminal. */
export function selectConfig(q: Question): SelectConfig {
  return {
    message: oneLine(q.prompt),
    choices: [
      ...q.choices.map((c) => ({ value: c.id, name: oneLine(c.label), description: oneLine(q.help) })),
      { value: UNSURE, name: 'Not sure', description: 'Any of these: vmvc uses the default and tells you whether the answer depends on it.' },
    ],
    default: q.default,
  };
}
