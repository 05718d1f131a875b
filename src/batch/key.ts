/** A row's answers as one mixed-radix key (the memo's key), read from its cells in one pass. */
import { cellChoice, cellWord, choiceText, resolveAnswers, standInFor, type AnswerLayers } from '../answers.js';
import { UsageError, closest } from '../errors.js';
import { UNSURE, type Rules } from '../rules/types.js';
import { digitsAt, sizeOf } from '../space.js';
import type { Column, columnReader } from './columns.js';
import type { ScanResult } from '../scan/types.js';

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

/** What a row says besides its answers' key: its labels, where it runs today, and (RVTools) its state. */
export interface RowFacts {
  key: RowKey;
  id?: string;
  name?: string;
  /** The outcome id its `current` or `placement` column names. */
  current?: string;
  /** The folder its `repo` column names, and what its scan found there (see `RowScan`). */
  repo?: string;
  evidence?: RowScanResult['evidence'];
  powerState?: string;
  template?: boolean;
  kept?: Record<string, string>;
}

/** What a row's repository gave: answers (choice ids or `unsure`) and their evidence. */
export type RowScanResult = Pick<ScanResult, 'answers' | 'evidence'>;
/** Scans the folder a row's `repo` column names (I/O, passed in); throws a UsageError when it cannot. */
export type RowScan = (repo: string) => RowScanResult;

/** The most distinct cell texts remembered per question (inventories repeat a few OS strings). */
const CELL_MEMO = 10_000;
/** The most distinct headers remembered. */
const HEADER_MEMO = 50_000;

const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

/**
 * Reads a row: its answers as a key (the row's own cell, else the answer every
 * row shares, from resolveAnswers over the layers with the same precedence as
 * one workload, else the default, assumed), and its labels. Each header is
 * resolved once (see columnReader); each distinct cell text once per question.
 */
export function rowReader(rules: Rules, layers: AnswerLayers, reader: ReturnType<typeof columnReader>, scanRow?: RowScan) {
  const questions = rules.questions;
  // Headers seen, each resolved once (a JSONL input could name a new key on every row: the cache is bounded).
  const columnOf = new Map<string, Column>();
  const column = (header: string) => {
    let c = columnOf.get(header);
    if (!c) {
      c = reader.resolve(header);
      if (columnOf.size < HEADER_MEMO) columnOf.set(header, c);
    }
    return c;
  };
  const values: unknown[] = new Array(questions.length);
  const froms: string[] = new Array(questions.length);
  const ranks = new Int8Array(questions.length);
  const shared = resolveAnswers(rules, layers);
  const position = questions.map((q) => new Map(q.choices.map((c, i) => [c.id, i])));
  // The digit a row gets for a question it leaves empty: the shared answer, or the default (assumed, 1); a shared unsure is 2.
  const fallback = questions.map((q, i) => {
    const state = shared.unsure.includes(q.id) ? 2 : shared.assumed.includes(q.id) ? 1 : 0;
    return position[i]!.get(shared.answers[q.id]!)! * 3 + state;
  });
  const unsureDigit = questions.map((q, i) => position[i]!.get(standInFor(q))! * 3 + 2);
  // Per question, its choice ids (a value as written is found among these few by a plain scan), and the texts read before.
  const ids = questions.map((q) => q.choices.map((c) => c.id));
  const seen = questions.map(() => new Map<string, number>());
  const digitOf = (i: number, raw: unknown): number => {
    if (typeof raw === 'string') {
      const choices = ids[i]!;
      for (let at = 0; at < choices.length; at++) if (choices[at] === raw) return at * 3;
    }
    const cell = choiceText(raw);
    let digit = seen[i]!.get(cell);
    if (digit === undefined) {
      const value = cellChoice(questions[i]!, cell, questions[i]!.id);
      digit = value === UNSURE ? unsureDigit[i]! : position[i]!.get(value)! * 3;
      if (seen[i]!.size < CELL_MEMO) seen[i]!.set(cell, digit);
    }
    return digit;
  };
  const outcomeWords = new Map<string, string>();
  for (const o of rules.outcomes) for (const w of [o.id, o.label, o.headline]) outcomeWords.set(cellWord(w), o.id);
  const currentOf = (raw: unknown): string | undefined => {
    const t = text(raw)?.trim();
    if (!t) return undefined;
    const id = outcomeWords.get(cellWord(t));
    if (id) return id;
    const near = closest(t, rules.outcomes.map((o) => o.id));
    throw new UsageError(`current: ${JSON.stringify(t)} is not an outcome${near ? `; did you mean "${near}"?` : ''}; outcomes are ${rules.outcomes.map((o) => o.id).join(', ')}`);
  };
  const { radix, numeric } = keyLayout(rules);
  return {
    read(given: Record<string, unknown>): RowFacts {
      // Per question: the cell that answers it, the header it came from and that column's rank (-1: none yet).
      for (let i = 0; i < ranks.length; i++) ranks[i] = -1;
      let id: string | undefined;
      let name: string | undefined;
      let current: string | undefined;
      let repo: string | undefined;
      let powerState: string | undefined;
      let template: boolean | undefined;
      let kept: Record<string, string> | undefined;
      for (const header in given) {
        const c = column(header);
        const raw = given[header];
        switch (c.kind) {
          case 'question': {
            if (raw === '' || raw === null || raw === undefined) break;
            const at = c.at;
            if (ranks[at]! < 0 || ranks[at]! > c.rank) {
              values[at] = raw;
              froms[at] = header;
              ranks[at] = c.rank;
            } else if (ranks[at] === c.rank && choiceText(values[at]) !== choiceText(raw)) {
              throw new UsageError(`${JSON.stringify(froms[at])} and ${JSON.stringify(header)} both answer ${questions[at]!.id}, differently (${JSON.stringify(values[at])} and ${JSON.stringify(raw)})`);
            }
            break;
          }
          case 'id':
            id ??= text(raw) || undefined;
            break;
          case 'name':
            name ??= text(raw) || undefined;
            break;
          case 'current':
            current = currentOf(raw);
            break;
          case 'repo':
            repo = text(raw)?.trim() || undefined;
            break;
          case 'powerState':
            powerState = text(raw) || undefined;
            break;
          case 'template':
            template = /^(true|yes|1)$/i.test(text(raw) ?? '') || undefined;
            break;
          case 'keep':
            (kept ??= {})[c.as] = text(raw) ?? '';
            break;
        }
      }
      // The row's repository answers what its cells leave open and nothing shared answers (below the config, as for one workload).
      const scan = repo !== undefined && scanRow ? scanRow(repo) : undefined;
      let numericKey = 0;
      let textKey = '';
      for (let i = 0; i < questions.length; i++) {
        const found = scan && ranks[i]! < 0 && fallback[i]! % 3 === 1 ? scan.answers[questions[i]!.id] : undefined;
        const digit = found !== undefined ? (found === UNSURE ? unsureDigit[i]! : position[i]!.get(found)! * 3) : ranks[i]! < 0 ? fallback[i]! : digitOf(i, values[i]);
        if (numeric) numericKey = numericKey * radix[i]! + digit;
        else textKey += i ? `,${digit}` : String(digit);
      }
      return { key: numeric ? numericKey : textKey, id, name, current, repo, evidence: scan?.evidence, powerState, template, kept };
    },
    /** A row's id and name, for a row that could not be read or decided; never throws. */
    labels(given: Record<string, unknown> | undefined): { id?: string; name?: string } {
      const out: { id?: string; name?: string } = {};
      for (const header in given ?? {}) {
        let c: Column;
        try {
          c = column(header);
        } catch {
          continue;
        }
        if (c.kind === 'id' || c.kind === 'name') out[c.kind] ??= text(given![header]) || undefined;
      }
      return out;
    },
  };
}
