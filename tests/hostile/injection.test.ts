// Nothing injected: text from files, flags and the environment reaches no
// stream with escape sequences, control or invisible characters, forged lines,
// markdown links or mentions, or spreadsheet formulas.
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mdEscape } from '../../src/format/markdown.js';
import { csvCell } from '../../src/format/records.js';
import { clean, oneLine, safeJson } from '../../src/sanitize.js';
import { render } from '@inquirer/testing';
import { Chalk } from 'chalk';
import { wizard } from '../../src/prompts.js';
import { vmvc } from '../support/cli.js';
import { FORMATS, type Drawing } from '../../src/format/names.js';
import { runInProcess } from '../support/inprocess.js';
import { tempDir } from '../support/temp.js';

const RUNS = Number(process.env.VMVC_FUZZ_RUNS ?? 300);
/** Escape sequences, C0/C1 controls, bidi and zero-width characters, line breaks. */
const HOSTILE = ['\u001b]52;c;cHduZWQ=\u0007', '\u001b]8;;https://evil\u001b\\', '\u001b[2J', '\u009b31m', '\r', '\n', '\u0000', '\u0085', '\u202e', '\u2066', '\u200b', '\ufeff', '\u2028'];
/** Nothing a terminal or log would act on: no ESC, CSI, other controls but \n and \t, or invisible characters. */
// Written apart from src/sanitize.ts: controls, format characters, Unicode's Default_Ignorable code points, separators, the blank Braille pattern.
const DANGEROUS = /(?![\t\n])[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}\u2800]/u;
/** Invisible characters a reviewer found passing an older, listed filter: tag characters, Hangul fillers, the Mongolian vowel separator, the soft hyphen, the combining grapheme joiner, variation selectors, interlinear annotations, musical formatting, the blank Braille pattern. */
const HIDDEN = ['\u{E0041}', '\u{E007F}', '\u3164', '\u115F', '\u1160', '\uFFA0', '\u180E', '\u00AD', '\u034F', '\uFE0F', '\u{E0100}', '\uFFF9', '\uFFFB', '\u{1D173}', '\u{1D17A}', '\u2800'];

const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE, ...HIDDEN, '[x](https://e)', '![i](https://e/p.png)', '@team', 'www.evil.com', '|', '`', '::error::forged', '=1+1', '-2', '@SUM(A1)'), fc.string({ maxLength: 6 })), { maxLength: 8 })
  .map((parts) => parts.join(''));

describe('every stream and format is cleaned', () => {
  it('every invisible character of the reviewer\'s list is removed by clean and oneLine, and escaped by safeJson', () => {
    for (const c of HIDDEN) {
      const t = `a${c}b`;
      expect(clean(t), c.codePointAt(0)!.toString(16)).toBe('ab');
      expect(oneLine(t)).toBe('ab');
      expect(safeJson(t)).not.toMatch(DANGEROUS);
      expect(JSON.parse(safeJson(t))).toBe(t);
    }
  });
  it('clean and safeJson: no dangerous character survives; safeJson round-trips the data', () => {
    fc.assert(
      fc.property(hostileText, (t) => {
        expect(clean(t)).not.toMatch(DANGEROUS);
        expect(safeJson({ t })).not.toMatch(DANGEROUS);
        expect(JSON.parse(safeJson({ t })).t).toBe(t);
      }),
      { numRuns: RUNS, seed: 17 },
    );
  });
  it('oneLine: one line, nothing dangerous; plain printable text passes through clean and oneLine as it is', () => {
    fc.assert(
      fc.property(hostileText, fc.stringMatching(/^[\x20-\x7e]*$/), (t, plain) => {
        expect(oneLine(t)).not.toMatch(DANGEROUS);
        expect(oneLine(t)).not.toMatch(/[\r\n\t]/);
        expect(oneLine(`${plain}\t${t}\n${plain}`)).not.toMatch(/[\r\n\t]/);
        // A tab between plain words becomes one space, with the spaces around it.
        expect(oneLine(`${plain}\t${plain}`)).toBe(`${plain.trimEnd()} ${plain.trimStart()}`);
        expect([clean(plain), oneLine(plain)]).toEqual([plain, plain]);
      }),
      { numRuns: RUNS, seed: 23 },
    );
  });
  it('markdown: no link, image, mention, bare address, table break or HTML from outside text', () => {
    fc.assert(
      fc.property(hostileText, (t) => {
        const md = mdEscape(t);
        expect(md).not.toMatch(DANGEROUS);
        expect(md).not.toMatch(/\n/);
        expect(md).not.toMatch(/(?<!\\)\]\(/); // [..](..) and ![..](..) need an unescaped ](
        expect(md).not.toMatch(/(?<!\\)\|/);
        expect(md).not.toMatch(/@[\w-]/);
        expect(md).not.toMatch(/:\/\/|www\./i);
        expect(md.replace(/<!-- -->/g, '')).not.toMatch(/<|(?<!\\)`/);
      }),
      { numRuns: RUNS, seed: 18 },
    );
  });
  it('CSV: a cell a spreadsheet would run as a formula is given a leading quote', () => {
    for (const t of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(t).startsWith("'") || !/^[=+\-@]/.test(clean(t))).toBe(true);
    expect(csvCell('=HYPERLINK("https://e")')).toBe('\'=HYPERLINK("https://e")');
    expect(csvCell('web')).toBe('web');
    fc.assert(
      fc.property(hostileText, (t) => {
        expect(csvCell(t)).not.toMatch(/^[=+\-@\t\r]/);
      }),
      { numRuns: RUNS, seed: 19 },
    );
  });
  it('prompts: a hostile rules text is cleaned before it reaches the terminal', async () => {
    const question = {
      id: 'q',
      prompt: 'Pick\u001b]52;c;eA==\u0007 one\u202e',
      help: 'help\u001b[2J\nmore',
      choices: [{ id: 'a', label: 'A\u009b31m', help: 'x\u001b]8;;https://evil\u001b\\y' }, { id: 'b', label: 'B' }],
      default: 'a',
      sources: [],
    };
    const { answer, events, getScreen } = await render(wizard, { questions: [question], chalk: new Chalk({ level: 0 }), review: false });
    const screen = getScreen({ raw: true });
    events.keypress('enter');
    await answer;
    expect(screen).toContain('Pick one');
    expect(screen).not.toMatch(/\u001b\]|\u009b|\u202e|\u001b\[2J/);
  });
});

describe('through the CLI, with a hostile overlay and a hostile inventory', () => {
  const dir = tempDir('vmvc-hostile-');
  const overlay = join(dir, 'hostile.yaml');
  const evil = 'Click [here](https://evil) ![i](https://e/i.png) @team \u001b]52;c;cHduZWQ=\u0007 \u202ereversed\u202c \u009b31m';
  writeFileSync(
    overlay,
    [
      'extends: default',
      'questions:',
      '  - id: team',
      `    prompt: ${JSON.stringify(`Which team? ${evil}`)}`,
      `    help: ${JSON.stringify(evil)}`,
      '    choices: [{ id: "a", label: "A" }, { id: "b", label: "B" }]',
      '    default: "a"',
      '    sources: []',
      'notes:',
      '  - id: hostile',
      '    when: { team: "b" }',
      `    text: ${JSON.stringify(`Note ${evil}`)}`,
      '    sources: [002_ff82260aaafd54dd.txt]',
      // An outcome label reaches the drift counts (stderr, markdown, HTML, the step summary).
      'outcomes:',
      '  - id: vm',
      `    label: ${JSON.stringify(`VM ${evil}`)}`,
      '    headline: Run it in a virtual machine',
      '    summary: Give the workload its own guest kernel.',
      '    sources: [002_ff82260aaafd54dd.txt]',
      '',
    ].join('\n'),
  );
  const inventory = join(dir, 'hostile.csv');
  writeFileSync(inventory, `id,name,team,current\nw1,${JSON.stringify(evil)},b,vm\n`);
  const cases = join(dir, 'hostile.test.yaml');
  writeFileSync(cases, `cases:\n  - name: ${JSON.stringify(`case ${evil}`)}\n    answers: { team: b }\n    expect: { recommendation: vm }\n`);
  // A repository whose folder names and lines carry the hostile text, for the scan.
  const repo = join(dir, 'repo');
  mkdirSync(join(repo, `svc ${evil.replace(/\//g, '')}`), { recursive: true });
  writeFileSync(join(repo, `svc ${evil.replace(/\//g, '')}`, 'Dockerfile'), `FROM mcr.microsoft.com/windows/nanoserver:${evil.replace(/\s/g, '')}\n`);
  writeFileSync(join(repo, 'compose.yaml'), `services:\n  web:\n    image: ${JSON.stringify(evil)}\n`);
  /** A command that draws each kind of output, so every format of the registry is run on what it draws. */
  const drawn: Record<Drawing, (format: string) => string[]> = {
    advice: (f) => ['advise', '--team', 'b', '--format', f],
    comparison: (f) => ['table', '--format', f],
    questions: (f) => ['questions', '--format', f],
    records: (f) => ['advise', '--input', inventory, '--format', f],
    detection: (f) => ['detect', '--format', f],
    cases: (f) => ['rules', 'test', cases, '--format', f],
    diff: (f) => ['rules', 'diff', 'default', overlay, '--format', f],
    rules: (f) => ['rules', 'show', '--format', f],
    scan: (f) => ['scan', repo, '--format', f],
  };
  const runs = Object.entries(FORMATS).flatMap(([format, drawings]) => drawings.map((d) => [format, d] as const));
  it.each(runs)('--format %s drawing %s carries no dangerous character, and markdown no link or mention', async (format, drawing) => {
    const r = await runInProcess(['--rules', overlay, ...drawn[drawing](format)], {});
    expect([0, 1], r.stderr).toContain(r.code);
    expect(r.stdout.length).toBeGreaterThan(0);
    expect(r.stdout).not.toMatch(DANGEROUS);
    expect(r.stderr).not.toMatch(DANGEROUS);
    if (format === 'markdown') {
      expect(r.stdout).not.toMatch(/(?<!\\)\]\(https/);
      expect(r.stdout).not.toMatch(/@team/);
    }
    if (format === 'json' && drawing === 'advice') expect(r.stdout).toContain('\\u009b31m');
  });
  it('--help, questions and completion scripts carry no dangerous character', async () => {
    for (const args of [['advise', '--help'], ['questions'], ['questions', '--format', 'markdown'], ['completion', 'bash'], ['completion', 'zsh'], ['completion', 'fish']]) {
      const r = await runInProcess(['--rules', overlay, ...args], {});
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).not.toMatch(DANGEROUS);
    }
  });
  it('an inventory key with escape sequences and line breaks is one clean note line, and cannot forge a CI command', () => {
    const key = 'x\u001b]52;c;eA==\u0007\n::error::forged\r\nvmvc: 0 rows read';
    const r = vmvc(['advise', '--input', '-', '--input-format', 'jsonl'], { input: `${JSON.stringify({ isolation: 'strong', [key]: 1 })}\n` });
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('vmvc: note: this column answers no question and is read as metadata: "x ::error::forged vmvc: 0 rows read"');
    expect(r.stderr).not.toMatch(DANGEROUS);
    expect(lines.filter((l) => l.startsWith('::'))).toEqual([]);
  });
  it('CSV output neutralises formula cells from an inventory', () => {
    const r = vmvc(['advise', '--input', '-', '--input-format', 'csv', '--format', 'csv'], { input: 'id,name,isolation\n=cmd|calc,@SUM(A1),strong\n' });
    expect(r.stdout.split('\n')[1]).toMatch(/^2,'=cmd\|calc,'@SUM\(A1\),/);
  });
});
