/** The only module that imports the prompt library; loaded only when vmvc asks questions. */
import { select } from '@inquirer/prompts';
import type { Answers, Question } from './rules/types.js';

/** The shape of one select prompt, so tests can drive a real prompt on fake streams. */
export interface SelectConfig {
  message: string;
  choices: Array<{ value: string; name: string; description: string }>;
  default: string;
}
export type AskOne = (config: SelectConfig) => Promise<string>;

/** Asks each question in order with an arrow-key select, default preselected, help shown beneath. */
export async function askQuestions(questions: readonly Question[], askOne: AskOne = (c) => select(c)): Promise<Answers> {
  const answers: Answers = {};
  for (const q of questions) {
    answers[q.id] = await askOne(selectConfig(q));
  }
  return answers;
}

/** The select prompt for a question. */
export function selectConfig(q: Question): SelectConfig {
  return {
    message: q.prompt,
    choices: q.choices.map((c) => ({ value: c.id, name: c.label, description: q.help })),
    default: q.default,
  };
}
