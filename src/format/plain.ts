/**
 * Styles for output without colour (colour level 0, the usual case when
 * output is not a terminal): every chalk style, chain of styles and colour
 * model returns its text as chalk does at level 0, unchanged, so chalk itself
 * need not be loaded to draw plain text. tests/color.test.ts holds it to
 * chalk at level 0 over every style chalk names.
 */
import type { ChalkInstance } from 'chalk';

/** chalk's colour models, which take a colour and return a style. */
const MODELS = new Set(['rgb', 'hex', 'ansi256', 'bgRgb', 'bgHex', 'bgAnsi256']);

/** What a style does with its arguments at level 0: one is made a string, several are joined with spaces. */
const asText = (texts: unknown[]) => (texts.length === 1 ? `${texts[0] as string}` : texts.join(' '));

/**
 * A style: `call` turns its arguments into text, and every style or model
 * chained after it is `next()` (a style after `visible` stays empty, as in chalk).
 */
function styler(call: (texts: unknown[]) => string, next: () => ChalkInstance): ChalkInstance {
  return new Proxy(() => undefined, {
    apply: (_target, _this, texts: unknown[]) => call(texts),
    get: (_target, key) => {
      if (typeof key === 'symbol' || key === 'then') return undefined;
      if (key === 'level') return 0;
      if (key === 'visible') return hidden;
      return MODELS.has(key) ? () => next() : next();
    },
  }) as unknown as ChalkInstance;
}

const hidden: ChalkInstance = styler(() => '', () => hidden);
const style: ChalkInstance = styler(asText, () => style);
/** The instance: called itself, it joins its arguments with spaces, as chalk's does. */
export const plain: ChalkInstance = styler((texts) => texts.join(' '), () => style);
