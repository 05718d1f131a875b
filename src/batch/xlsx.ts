/**
 * Reading an `.xlsx` workbook as an inventory: the sheet named vInfo (RVTools'
 * sheet of VMs, wherever it stands in the workbook), else the only sheet. Rows
 * become the same rows a CSV gives (header = line 1). This module, and the
 * spreadsheet library with it, is imported only for an .xlsx input, so every
 * other input and command starts as before.
 */
import { statSync } from 'node:fs';
import readXlsxFile from 'read-excel-file/node';
import { UsageError, unreadable } from '../errors.js';
import type { InputFacts, InventoryRow } from './rows.js';

/** The largest workbook read (it is unzipped whole): an RVTools export of tens of thousands of VMs fits. */
export const MAX_XLSX_BYTES = 200 * 1024 * 1024;

/** The sheet read, by name, when the workbook has more than one. */
const SHEET = 'vInfo';

/** A cell as text, as it reads in a CSV export (dates as ISO dates). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

export async function* xlsxBatches(path: string, facts: InputFacts): AsyncGenerator<InventoryRow[]> {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UsageError(`--input ${path} is not a file; a workbook is read from a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read --input ${path}: ${unreadable(error)}`);
  }
  if (size > MAX_XLSX_BYTES) throw new UsageError(`--input ${path} is ${Math.round(size / 1048576)} MB; a workbook is read whole, up to ${MAX_XLSX_BYTES / 1048576} MB (save the sheet as CSV to stream it)`);
  let sheets: Array<{ sheet: string; data: unknown[][] }>;
  try {
    sheets = (await readXlsxFile(path)) as Array<{ sheet: string; data: unknown[][] }>;
  } catch (error) {
    throw new UsageError(`cannot read --input ${path} as an .xlsx workbook: ${(error as Error).message}`);
  }
  const chosen = sheets.find((s) => s.sheet.toLowerCase() === SHEET.toLowerCase()) ?? (sheets.length === 1 ? sheets[0] : undefined);
  if (!chosen) throw new UsageError(`--input ${path}: no sheet named ${SHEET}, and ${sheets.length} sheets (${sheets.map((s) => JSON.stringify(s.sheet)).join(', ')}); save the one to read as CSV`);
  const [header = [], ...rows] = chosen.data;
  facts.format = 'csv';
  facts.header = header.map(cellText);
  const batch: InventoryRow[] = [];
  rows.forEach((cells, i) => {
    const texts = cells.map(cellText);
    if (texts.every((t) => t.trim() === '')) return;
    facts.nonBlank++;
    batch.push({ line: i + 2, values: Object.fromEntries(facts.header!.map((name, k) => [name, texts[k] ?? ''])) });
  });
  facts.nonBlank += 1;
  yield batch;
}
