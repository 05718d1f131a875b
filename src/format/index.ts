/** One formatter per --format value; the CLI looks them up here. */
import type { Advice } from '../advice.js';
import type { Rules } from '../rules/types.js';
import { adviceJson, comparisonJson } from './json.js';
import { adviceMarkdown, comparisonMarkdown } from './markdown.js';
import type { Style } from './style.js';
import { adviceText, comparisonText } from './text.js';

export type AdviceFormatter = (advice: Advice, rules: Rules, style: Style) => string;
export type ComparisonFormatter = (rules: Rules, style: Style) => string;

/** `vmvc advise --format NAME` */
export const adviceFormats = {
  text: adviceText,
  json: (advice) => adviceJson(advice),
  markdown: (advice, rules) => adviceMarkdown(advice, rules),
} satisfies Record<string, AdviceFormatter>;

/** `vmvc table --format NAME` */
export const comparisonFormats = {
  text: (rules, style) => comparisonText(rules, style),
  json: (rules) => comparisonJson(rules),
  markdown: (rules) => comparisonMarkdown(rules),
} satisfies Record<string, ComparisonFormatter>;

export type AdviceFormat = keyof typeof adviceFormats;
export type ComparisonFormat = keyof typeof comparisonFormats;
