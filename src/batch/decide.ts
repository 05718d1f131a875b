/**
 * Deciding rows: each distinct set of answers once (a memo keyed by the row
 * key), with a budget for the confidence walk that keeps time linear.
 */
import { requireAnswered, type AnswerLayers } from '../answers.js';
import { decideIds } from '../engine.js';
import { UsageError } from '../errors.js';
import type { Rules } from '../rules/types.js';
import { dependence } from '../sensitivity.js';
import type { columnReader } from './columns.js';
import { keyDigits, keyLayout, rowReader, type RowKey, type RowScan } from './key.js';
import type { InventoryRow } from './rows.js';
import type { BatchRecord } from './types.js';

/**
 * How much of a row's open answers is walked to tell firm from depends (choices
 * no rule tells apart count once): every combination up to 4,096, else a
 * seeded sample of 256. Each distinct set of answers is walked once; an
 * inventory with more than 500 distinct sets (say, random rows under a large
 * overlay) walks the rest with a smaller budget, so time stays linear.
 */
const ROW_BUDGET = { exhaustive: 4096, samples: 256 };
const ROW_BUDGET_PAST = { exhaustive: 256, samples: 8 };
const GENEROUS_ROWS = 500;

/** Distinct answer sets remembered per batch; the built-in questions allow 3,456 in all. */
const MEMO_LIMIT = 50_000;

/** What every row with the same answers shares. */
type RowResult = Required<Pick<BatchRecord, 'recommendation' | 'confidence' | 'dependsOn' | 'reasons' | 'assumed' | 'unsure' | 'notes' | 'answers'>>;

/**
 * Decides each distinct set of row answers once (inventories repeat themselves;
 * the answer space is small), applying the same --no-defaults check as single advice.
 */
export function memoisedDecide(rules: Rules, defaults: boolean): (key: RowKey) => RowResult {
  const questions = rules.questions;
  const { radix } = keyLayout(rules);
  const memo = new Map<RowKey, RowResult>();
  // Most rows of a large inventory are a new set of answers: the record's answers are made in one plain loop.
  const answersOf = (choice: Int32Array) => {
    const out: Record<string, string> = {};
    for (let i = 0; i < questions.length; i++) out[questions[i]!.id] = questions[i]!.choices[choice[i]!]!.id;
    return out;
  };
  let distinct = 0;
  return (key) => {
    let result = memo.get(key);
    if (result) return result;
    // The answers as choice indexes, and which are open (assumed or unsure): all the engine needs.
    const digits = keyDigits(radix, key);
    const choice = new Int32Array(questions.length);
    const assumed: string[] = [];
    const unsure: string[] = [];
    const open: number[] = [];
    for (let i = 0; i < questions.length; i++) {
      const state = digits[i]! % 3;
      choice[i] = (digits[i]! - state) / 3;
      if (state === 0) continue;
      (state === 1 ? assumed : unsure).push(questions[i]!.id);
      open.push(i);
    }
    requireAnswered(assumed, defaults, 'columns, flags, VMVC_* variables or in --answers');
    const decision = decideIds(rules, choice);
    const { firm, dependsOn } = dependence(rules, choice, open, decision.outcome, ++distinct <= GENEROUS_ROWS ? ROW_BUDGET : ROW_BUDGET_PAST);
    result = {
      recommendation: rules.outcomes[decision.outcome]!.id,
      confidence: firm ? 'firm' : 'depends',
      dependsOn: dependsOn.map((i) => questions[i]!.id),
      reasons: decision.reasons,
      assumed,
      unsure,
      notes: decision.notes,
      answers: answersOf(choice),
    };
    if (memo.size < MEMO_LIMIT) memo.set(key, result);
    return result;
  };
}

/** A whole batch's row decider: a record for every row, with an error instead of a decision where it cannot decide. */
export function rowDecider(rules: Rules, opts: { layers: AnswerLayers; defaults: boolean; scanRow?: RowScan }, reader: ReturnType<typeof columnReader>): (row: InventoryRow) => BatchRecord {
  const rows = rowReader(rules, opts.layers, reader, opts.scanRow);
  const decideOnce = memoisedDecide(rules, opts.defaults);
  // A record is made whole by one literal (a label the row lacks is undefined), so decided records share one shape.
  return (row) => {
    if ('error' in row) return { line: row.line, ...rows.labels(row.values), error: row.error };
    try {
      const { key, id, name, current, repo, evidence, powerState, template, kept } = rows.read(row.values);
      const r = decideOnce(key);
      const record: BatchRecord = { line: row.line, id, name, recommendation: r.recommendation, confidence: r.confidence, dependsOn: r.dependsOn, reasons: r.reasons, assumed: r.assumed, unsure: r.unsure, notes: r.notes, answers: r.answers };
      if (current !== undefined) {
        record.current = current;
        record.drift = current !== r.recommendation;
      }
      if (repo !== undefined) {
        record.repo = repo;
        record.evidence = evidence ?? {};
      }
      if (powerState !== undefined) record.powerState = powerState;
      if (template) record.template = true;
      if (kept) record.kept = kept;
      return record;
    } catch (error) {
      if (error instanceof UsageError) return { line: row.line, ...rows.labels(row.values), error: error.message };
      throw error;
    }
  };
}
