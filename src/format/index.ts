/**
 * One module per --format value; this record maps names to them. Each is
 * imported only when chosen, so `--format json` never loads the table library.
 */
import type { Advice } from '../advice.js';
import type { Rules } from '../rules/types.js';
import { finish, type Style, type View } from './style.js';

export type { View };

export type AdviceFormatter = (advice: Advice, rules: Rules, style: Style, view: View) => string;
export type RulesFormatter = (rules: Rules, style: Style) => string;

export { FORMATS, formatsFor, type Drawing, type FormatFor, type FormatName, type RecordFormat } from './names.js';
import type { FormatFor } from './names.js';

/** What each page format draws: one workload's advice, the comparison table, the question list. */
interface Formatter {
  advice: AdviceFormatter;
  comparison: RulesFormatter;
  questions: RulesFormatter;
}

/** `--format NAME` -> its formatter module, for the formats that draw one workload's advice. */
export const formats = {
  text: async (): Promise<Formatter> => {
    const m = await import('./text.js');
    // --ascii and TERM=dumb: the text, whatever the rules' words hold, is pure ASCII.
    return {
      advice: (advice, rules, style, view) => finish(m.adviceText(advice, rules, style, view), style),
      comparison: (rules, style) => finish(m.comparisonText(rules, style), style),
      questions: (rules, style) => finish(m.questionsText(rules, style), style),
    };
  },
  json: async (): Promise<Formatter> => {
    const m = await import('./json.js');
    return {
      advice: (advice, _rules, _style, view) => m.adviceJson(advice, view),
      comparison: (rules) => m.comparisonJson(rules),
      questions: (rules) => m.questionsJson(rules),
    };
  },
  markdown: async (): Promise<Formatter> => {
    const m = await import('./markdown.js');
    return {
      advice: (advice, rules, _style, view) => m.adviceMarkdown(advice, rules, view),
      comparison: (rules) => m.comparisonMarkdown(rules),
      questions: (rules) => m.questionsMarkdown(rules),
    };
  },
  html: async (): Promise<Formatter> => {
    const m = await import('./html.js');
    return { advice: (advice, rules) => m.adviceHtml(advice, rules), comparison: (rules) => m.comparisonHtml(rules), questions: (rules) => m.questionsHtml(rules) };
  },
} satisfies Record<FormatFor<'advice' | 'comparison'>, () => Promise<Formatter>>;

/** The question list in any format that draws it: the page formats, or an answers file to fill in (yaml). */
export async function questionsIn(format: FormatFor<'questions'>, rules: Rules, style: Style): Promise<string> {
  // An answers file at the defaults, to fill in and pass to --answers.
  if (format === 'yaml') return (await import('./answers-file.js')).questionsYaml(rules);
  return (await formats[format]()).questions(rules, style);
}
