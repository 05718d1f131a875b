/** A row's answers as one mixed-radix key (the memo's key), read from its cells in one pass. */
import { checkChoice, choiceText, resolveAnswers, standInFor, type AnswerLayers } from '../answers.js';
import { UNSURE, type Rules } from '../rules/types.js';
import { digitsAt, sizeOf } from '../space.js';
import { LABELS, columnNames } from './columns.js';

/**
 * A row's answers as one key: per question, its choice's position and its state
 * (0 answered, 1 assumed, 2 unsure), in mixed radix. A number when every
 * combination fits in a double exactly (always with the built-in rules), else
 * the same digits as a string. Equal answers give equal keys, so the key is
 * what the memo looks up, and it decodes back into the answers on a miss.
 */
export type RowKey = number | string;

/** The mixed-radix layout of row keys for the rules' questions. */
export function keyLayout(rules: Rules) {
  const radix = rules.questions.map((q) => q.choices.length * 3);
  return { radix, numeric: sizeOf(radix) <= Number.MAX_SAFE_INTEGER };
}

/** A key back into its digits: per question, choice position * 3 + state. */
export function keyDigits(radix: readonly number[], key: RowKey): ArrayLike<number> {
  return typeof key === 'string' ? key.split(',').map(Number) : digitsAt(key, radix);
}

/**
 * Answers for a row: the row's own value, else the answer every row shares
 * (resolveAnswers over the layers, so the same precedence as one workload),
 * else the default (assumed).
 * Columns that are neither questions nor labels are reported to `warnColumn`.
 */
export function rowAnswers(
  rules: Rules,
  layers: AnswerLayers,
  warnColumn: (key: string, line: number) => void,
): (values: Record<string, unknown>, line: number) => RowKey {
  const questions = rules.questions;
  const byName = columnNames(rules);
  // Key -> question position; labels are -1.
  const columnOf = new Map<string, number>([...questions.map((q, i) => [q.id, i] as const), ...[...LABELS].map((l) => [l, -1] as const)]);
  const raws: unknown[] = new Array(questions.length);
  const shared = resolveAnswers(rules, layers);
  const position = questions.map((q) => new Map(q.choices.map((c, i) => [c.id, i])));
  // The digit a row gets for a question it leaves empty: the shared answer, or the default (assumed, 1); a shared unsure is 2.
  const fallback = questions.map((q, i) => {
    const state = shared.unsure.includes(q.id) ? 2 : shared.assumed.includes(q.id) ? 1 : 0;
    return position[i]!.get(shared.answers[q.id]!)! * 3 + state;
  });
  const unsureDigit = questions.map((q, i) => position[i]!.get(standInFor(q))! * 3 + 2);
  // Per question, its choice ids: a row's value is found among these few by a plain scan.
  const ids = questions.map((q) => q.choices.map((c) => c.id));
  const { radix, numeric } = keyLayout(rules);
  return (given, line) => {
    // Keys as written (the common case) are read in one pass over the row; others are matched without regard to case.
    for (let i = 0; i < raws.length; i++) raws[i] = undefined;
    for (const key in given) {
      const at = columnOf.get(key);
      if (at === undefined) {
        const values = byName(given, line, warnColumn);
        for (let i = 0; i < questions.length; i++) raws[i] = values[questions[i]!.id];
        break;
      }
      if (at >= 0) raws[at] = given[key];
    }
    let numericKey = 0;
    let textKey = '';
    for (let i = 0; i < questions.length; i++) {
      const raw = raws[i];
      let digit: number;
      if (raw === '' || raw === null || raw === undefined) digit = fallback[i]!;
      else {
        // A choice id as written is the common case: one lookup. Anything else is read as flags are.
        const choices = ids[i]!;
        let at = choices.length;
        if (typeof raw === 'string') for (at = 0; at < choices.length && choices[at] !== raw; at++);
        if (at < choices.length) digit = at * 3;
        else {
          const value = checkChoice(questions[i]!, choiceText(raw), questions[i]!.id);
          digit = value === UNSURE ? unsureDigit[i]! : position[i]!.get(value)! * 3;
        }
      }
      if (numeric) numericKey = numericKey * radix[i]! + digit;
      else textKey += i ? `,${digit}` : String(digit);
    }
    return numeric ? numericKey : textKey;
  };
}

