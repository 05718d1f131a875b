// The library as users meet it (the built dist/index.js): every bad argument
// is vmvc's own UsageError naming the argument, never a TypeError or a
// RangeError, and an uncaught one prints a readable stack trace.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NEUTRAL_ANSWERS, ROOT } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const lib = pathToFileURL(join(ROOT, 'dist/index.js')).href;
type Lib = typeof import('../../src/index.js');

describe('bad arguments to the library', async () => {
  const v = (await import(lib)) as Lib;
  const advice = await v.advise({});
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['an undefined answer', () => v.advise({ 'host-os': undefined } as never), /^advise\(\) answers: host-os is undefined/],
    ['answers that are null', () => v.advise(null as never), /^advise\(\): answers must be an object .*\(got null\)/],
    ['answers that are an array', () => v.advise([] as never), /^advise\(\): answers must be an object .*\(got an array\)/],
    ['an unknown choice', () => v.advise({ 'host-os': 'solaris' }), /^advise\(\) answers: host-os must be one of/],
    ['rules as one string', () => v.advise({}, { rules: 'file.yaml' as never }), /^advise\(\): options\.rules must be an array .*write rules: \["file\.yaml"\]/],
    ['rules as an empty object', () => v.advise({}, { rules: {} as never }), /^advise\(\): the rules are not a valid rules object: /],
    ['rules listing a number', () => v.advise({}, { rules: [3] as never }), /^advise\(\): options\.rules must list rules file paths/],
    ['an object title', () => v.advise({}, { title: { a: 1 } as never }), /^advise\(\): options\.title must be a string \(got an object\)/],
    ['an unknown option', () => v.advise({}, { titel: 'x' } as never), /^advise\(\): unknown option "titel"; options are rules, defaults, explain, title/],
    ['options that are a string', () => v.advise({}, 'x' as never), /^advise\(\): options must be an object/],
    ['an unknown format', () => v.formatAdvice(advice, 'pdf' as never), /^formatAdvice\(\): format must be one of text, json, markdown, html \(got the string "pdf"\)/],
    ['a huge width', () => v.formatAdvice(advice, 'text', { width: 1e9 }), /^formatAdvice\(\): options\.width must be a whole number of columns from 20 to 1000/],
    ['a negative width', () => v.formatAdvice(advice, 'text', { width: -5 }), /^formatAdvice\(\): options\.width must be/],
    ['something that is not advice', () => v.formatAdvice({} as never, 'text'), /^formatAdvice\(\): advice is not an advice object/],
    ['decide with an empty rules object', () => v.decide({} as never, {}), /^decide\(\): the rules are not a valid rules object/],
    ['decide with no answers', async () => v.decide(await v.builtinRules(), null as never), /^decide\(\): answers must be an object/],
    ['decide with an answer missing', async () => v.decide(await v.builtinRules(), {}), /^decide\(\) answers: host-os must be one of linux, windows, macos \(got undefined\); decide takes a choice for every question/],
  ];
  it.each(cases)('%s: a UsageError (exit code 2) naming the argument', async (_, call, message) => {
    const error = await Promise.resolve()
      .then(call)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(v.UsageError);
    expect((error as InstanceType<Lib['UsageError']>).name).toBe('UsageError');
    expect((error as InstanceType<Lib['UsageError']>).code).toBe(2);
    expect((error as Error).message).toMatch(message);
  });
  it('good arguments still work', async () => {
    expect((await v.formatAdvice(advice, 'text', { width: 60 })).split('\n').every((l) => [...l].length <= 60)).toBe(true);
    expect(v.decide(await v.builtinRules(), NEUTRAL_ANSWERS).outcome.id).toBe('container');
  });
});

describe('an uncaught library error', () => {
  it('prints a short, readable stack with vmvc own function names', () => {
    const file = join(tempDir('vmvc-library-'), 'uncaught.mjs');
    writeFileSync(file, `import { advise } from ${JSON.stringify(lib)};\nawait advise({ 'host-os': 'solaris' });\n`);
    const r = spawnSync(process.execPath, [file], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('UsageError: advise() answers: host-os must be one of linux, windows, macos (or unsure) (got "solaris")');
    expect(r.stderr).toMatch(/\n {4}at advise \(/);
    // The source line Node shows above the trace is one line of readable code, not minified source.
    expect(r.stderr.length).toBeLessThan(2000);
  });
});
