// Rules files within the size limit that ask for unbounded work: too many
// items is a located validation error; what is allowed costs a bounded number
// of rule checks (WORK_LIMIT), whatever the shape; help and the version read no
// overlay at all.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decisionCost } from '../../src/engine.js';
import { diffRules } from '../../src/policy/diff.js';
import { builtinBase, composeRules } from '../../src/rules/load.js';
import { builtinRules, defaultRulesPath } from '../../src/rules/builtin.js';
import { MAX_ITEMS } from '../../src/rules/schema.js';
import type { Rules } from '../../src/rules/types.js';
import { confidenceOf, holdsForAll } from '../../src/sensitivity.js';
import { WORK_LIMIT } from '../../src/space.js';
import { vmvc } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const SOURCES = ['000_6dbfc1640b097832.txt'];

/** An overlay of `questions` questions of `choices` choices each, and `rules` rules that each read two of them (every choice read when rules > questions). */
function overlay(questions: number, rules: number, choices = 3): string {
  const qs = Array.from({ length: questions }, (_, i) => ({
    id: `q${i}`,
    prompt: `Question ${i}?`,
    help: 'A generated question.',
    choices: Array.from({ length: choices }, (_, c) => ({ id: `c${c}`, label: `Choice ${c}` })),
    default: 'c0',
    sources: SOURCES,
  }));
  const rs = Array.from({ length: rules }, (_, i) => ({
    id: `r${i}`,
    when: { all: [{ [`q${i % questions}`]: `c${1 + (Math.floor(i / questions) % (choices - 1))}` }, { [`q${(i * 7) % questions}`]: `c${1 + ((i * 3) % (choices - 1))}` }] },
    effect: { favour: i % 2 ? 'vm' : 'container', weight: 1 },
    reason: 'A generated rule.',
    sources: SOURCES,
  }));
  return JSON.stringify({ extends: 'default', questions: qs, rules: rs });
}

async function compose(text: string): Promise<{ rules?: Rules; problems: Array<{ message: string }> }> {
  return composeRules([{ file: 'big.json', text }], builtinBase(await builtinRules(), defaultRulesPath()));
}

describe('too many items is a validation error naming what was too big', () => {
  it.each(Object.entries(MAX_ITEMS))('more than the most %s', async (section, max) => {
    const builtin = (await builtinRules())[section as keyof typeof MAX_ITEMS].length;
    const extra = max - builtin + 1;
    const text =
      section === 'questions'
        ? overlay(extra, 1)
        : section === 'rules'
          ? overlay(2, extra)
          : JSON.stringify({ extends: 'default', notes: Array.from({ length: extra }, (_, i) => ({ id: `n${i}`, when: { 'host-os': 'linux' }, text: 'A generated note.', sources: SOURCES })) });
    const { rules, problems } = await compose(text);
    expect(rules).toBeUndefined();
    expect(problems.map((p) => p.message)).toContain(`too many ${section}: at most ${max} (overlays included); there are ${max + 1}`);
  });
});

describe('what is allowed costs a bounded number of rule checks', () => {
  it('confidence over 50 open questions of a 1,900-rule overlay samples no more than the work limit allows', async () => {
    const { rules } = await compose(overlay(50, 1900));
    const answers = Object.fromEntries(rules!.questions.map((q) => [q.id, q.default]));
    const open = rules!.questions.filter((q) => q.id.startsWith('q')).map((q) => ({ question: q.id, origin: 'assumed' as const }));
    const c = confidenceOf(rules!, answers, open, 'container');
    expect(c.exhaustive).toBe(false);
    // Each sample decides once, then once per other choice class of each open answer (two here).
    const perSample = (1 + open.length * 2) * decisionCost(rules!);
    expect(c.checked).toBe(Math.floor(WORK_LIMIT / perSample));
  });
  it("each flip's check of the unsure answers takes only its share of the work", async () => {
    const { rules } = await compose(overlay(50, 1900));
    const answers = Object.fromEntries(rules!.questions.map((q) => [q.id, q.default]));
    const open = rules!.questions.filter((q) => q.id.startsWith('q')).map((q) => q.id);
    let calls = 0;
    const held = holdsForAll(rules!, answers, open, () => (calls++, true), 100 * decisionCost(rules!));
    expect(held).toBe(true);
    expect(calls).toBe(100);
  });
  it('a rules diff of a 1,900-rule overlay samples within the work limit', async () => {
    const { rules } = await compose(overlay(50, 1900));
    const base = await builtinRules();
    const d = diffRules(base, rules!);
    expect(d.exhaustive).toBe(false);
    expect(d.checked).toBe(Math.floor(WORK_LIMIT / (2 * (decisionCost(base) + decisionCost(rules!)))));
  });
});

describe('help and the version read no overlay', () => {
  it('--version and advise --help work beside an overlay that is not even valid, and say it was not read', () => {
    const file = join(tempDir('vmvc-budget-'), 'broken.yaml');
    writeFileSync(file, 'extends: default\nquestions: [ {\n');
    const version = vmvc(['--rules', file, '--version']);
    expect(version.stderr).toBe('');
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(new RegExp(`\\nrules version 1 \\(built in\\); overlays \\(not read for --version\\): ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n$`));
    const help = vmvc(['advise', '--help', '--rules', file]);
    expect(help.stderr).toBe('');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`\nThe question options above are the built-in rules' (help reads no overlay). With the overlays named, every question and its flag:\n  $ vmvc --rules ${file} questions\n`);
  });
});
