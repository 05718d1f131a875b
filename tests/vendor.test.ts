// The build edits cli-table3 and its dependencies for speed (scripts/vendor-fixes.mjs,
// PATCHES). Those edits must not change a single character of output: the
// bundle in dist/vendor is compared with the untouched packages on random tables.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli.js';

const require = createRequire(import.meta.url);
type TableCtor = new (options: object) => { push: (...rows: unknown[]) => void; toString: () => string };
// dist files are function expressions that only dist/start.cjs knows how to load.
const { load } = require(`${ROOT}/dist/start.cjs`) as { load: (file: string) => unknown };
const Patched = load(`${ROOT}/dist/vendor/cli-table3.cjs`) as TableCtor;
const Upstream = require('cli-table3') as TableCtor;
const RUNS = Number(process.env.VMVC_FUZZ_RUNS ?? 300);

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('plain words that wrap', 'line one\nline two', 'three\nlines of\nplain text that wraps', '\u001b[32mgreen\nstill green\u001b[39m after', '\u001b[1mbold\u001b[22m', '\u001b[32mgreen and long text\u001b[39m', 'wide 漢字 and ✔ marks', '👍🏽 emoji', ''),
);
// Border characters by either of the names cli-table3 reads (`top-left` or `topLeft`).
const chars = fc.dictionary(fc.constantFrom('top', 'top-mid', 'topMid', 'top-left', 'topLeft', 'top-right', 'bottom', 'bottom-left', 'left', 'left-mid', 'leftMid', 'mid', 'mid-mid', 'right', 'middle'), fc.constantFrom('', '*', '=', '||', '╬'));
const cell = fc.oneof(
  { weight: 4, arbitrary: text },
  // Column spans only: random row spans can send upstream cli-table3 itself into an endless loop.
  { weight: 1, arbitrary: fc.record({ content: text, colSpan: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ content: text, chars }) },
);
const options = fc.record(
  {
    colWidths: fc.array(fc.integer({ min: 3, max: 25 }), { minLength: 1, maxLength: 4 }),
    wordWrap: fc.boolean(),
    head: fc.array(text, { maxLength: 4 }),
    chars,
    style: fc.constantFrom({ head: [], border: [] }, { head: ['bold'], border: ['grey'] }, { 'padding-left': 0, 'padding-right': 2 }),
  },
  { requiredKeys: [] },
);

function render(Table: TableCtor, opts: object, rows: unknown[][]): string {
  try {
    const table = new Table(structuredClone(opts));
    table.push(...structuredClone(rows));
    return table.toString();
  } catch (error) {
    return `threw ${(error as Error).message}`;
  }
}

describe('vendor fixes', () => {
  it('draw exactly what the untouched cli-table3 draws', () => {
    fc.assert(
      fc.property(options, fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 6 }), (opts, rows) => {
        expect(render(Patched, opts, rows)).toBe(render(Upstream, opts, rows));
      }),
      { numRuns: RUNS, seed: 20261126 },
    );
  });

  it('draw row spans exactly as upstream', () => {
    const rows = [
      [{ rowSpan: 2, content: 'two rows' }, { rowSpan: 2, content: 'centred', vAlign: 'center' }, 'top'],
      ['below'],
      [{ colSpan: 2, rowSpan: 2, content: 'a block\nof text' }, 'x'],
      ['y'],
    ];
    const opts = { colWidths: [12, 12, 8], style: { head: [], border: [] } };
    expect(render(Patched, opts, rows)).toBe(render(Upstream, opts, rows));
    expect(render(Patched, opts, rows)).toContain('centred');
  });

  it('draw the full grids vmvc uses (the fast path) exactly as upstream', () => {
    const grid = fc.array(fc.array(text, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(grid, (rows) => {
        const opts = { head: ['Aspect', 'VM', 'Container', 'Sources'], colWidths: [14, 22, 22, 10], style: { head: [], border: [] } };
        expect(render(Patched, opts, rows)).toBe(render(Upstream, opts, rows));
      }),
      { numRuns: RUNS, seed: 7 },
    );
  });
});
