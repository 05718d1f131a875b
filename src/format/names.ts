/**
 * The one list of output format names and what each draws. Plain data with no
 * imports, so the command table, the config schema and the library's types can
 * name formats without loading any formatter.
 */
/** What a format can draw. */
export type Drawing = 'advice' | 'comparison' | 'questions' | 'records' | 'detection' | 'cases' | 'diff' | 'rules' | 'scan';

/**
 * Every output format vmvc writes and what each one draws: the one list of
 * format names. Every command's `--format` choices, the config schema, the
 * library and the tests are derived from it, in this order; each command's
 * dispatch is a record typed by `FormatFor`, so the compiler refuses a format
 * listed here that a command cannot draw, or a writer for one not listed.
 */
export const FORMATS = {
  text: ['advice', 'comparison', 'questions', 'records', 'detection', 'cases', 'diff', 'scan'],
  json: ['advice', 'comparison', 'questions', 'detection', 'cases', 'diff', 'rules', 'scan'],
  markdown: ['advice', 'comparison', 'questions', 'records', 'diff'],
  html: ['advice', 'comparison', 'questions', 'records'],
  jsonl: ['records'],
  csv: ['records'],
  yaml: ['questions', 'rules'],
  junit: ['cases'],
  sarif: ['records', 'cases'],
} as const satisfies Record<string, readonly Drawing[]>;

export type FormatName = keyof typeof FORMATS;
/** The formats that draw `D`. */
export type FormatFor<D extends Drawing> = { [K in FormatName]: D extends (typeof FORMATS)[K][number] ? K : never }[FormatName];

/** The formats that draw any of `drawings`, in the registry's order. */
export function formatsFor<D extends Drawing>(...drawings: D[]): Array<FormatFor<D>> {
  return (Object.keys(FORMATS) as FormatName[]).filter((name) => (FORMATS[name] as readonly Drawing[]).some((d) => (drawings as Drawing[]).includes(d))) as Array<FormatFor<D>>;
}

/** The formats of portfolio mode (`--input`); the writers live in records.ts. */
export type RecordFormat = FormatFor<'records'>;

