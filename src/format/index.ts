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

/** What each --format draws: one workload's advice, the comparison table, the question list. */
interface Formatter {
  advice: AdviceFormatter;
  comparison: RulesFormatter;
  questions: RulesFormatter;
}

/** `--format NAME` -> its formatter module. */
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
} satisfies Record<string, () => Promise<Formatter>>;

export type FormatName = keyof typeof formats;
/** The names `--format` accepts. */
export const FORMAT_NAMES = Object.keys(formats) as FormatName[];

/** `--format` values for portfolio mode (`--input`); the writers live in records.ts. */
export const RECORD_FORMATS = ['jsonl', 'csv', 'markdown', 'text', 'html'] as const;
export type RecordFormat = (typeof RECORD_FORMATS)[number];

/** Every value `vmvc advise --format` accepts: one workload's formats, then the portfolio's others. */
export const ADVISE_FORMAT_NAMES: readonly string[] = [...new Set<string>([...FORMAT_NAMES, ...RECORD_FORMATS])];
