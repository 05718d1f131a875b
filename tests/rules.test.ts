// Rules files (src/rules/): the built-in file, located problems, overlays,
// `vmvc rules validate` and `vmvc rules schema`.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultRulesPath } from '../src/rules/builtin.js';
import { formatProblem, loadRulesFile, readRulesFile, builtinBase, loadRuleFiles } from '../src/rules/load.js';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { render } from '@inquirer/testing';
import { Chalk } from 'chalk';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { rulesJsonSchema } from '../src/rules/json-schema.js';
import { wizard } from '../src/prompts.js';
import { ROOT, adviceJson, vmvc } from './support/cli.js';
import { tempDir } from './support/temp.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/rules/${name}`, import.meta.url));
const problemsOf = (name: string) => readRulesFile(fixture(name)).problems.map((p) => formatProblem({ ...p, file: name }));

const REGULATED = 'rules/examples/regulated-data.yaml';
const EDGE = 'rules/examples/edge-fleet.yaml';
const invalid = (name: string) => `tests/fixtures/rules/invalid/${name}`;

describe('the built-in rules file', () => {
  const rules = loadRulesFile(defaultRulesPath());
  it('is valid and holds the ten contract questions in seed 002 order', () => {
    expect(rules.questions.map((q) => q.id)).toEqual([
      'host-os', 'workload-os', 'custom-kernel', 'isolation', 'delivery', 'density', 'startup', 'lifecycle',
      'hardware-emulation', 'portability',
    ]);
  });
  it('declares the five articles, and practice sources marked as such with their documentation', () => {
    expect(rules.sources.filter((s) => s.kind !== 'practice').map((s) => s.file).sort()).toEqual([
      '000_6dbfc1640b097832.txt', '001_f76c452e976cd76c.txt', '002_ff82260aaafd54dd.txt',
      '003_fde604e472e27e5d.txt', '004_4f0745fd68c6b767.txt',
    ]);
    for (const s of rules.sources.filter((s) => s.kind === 'practice')) {
      expect(s.file, 'a practice source is not named like an article').not.toMatch(/^\d{3}_/);
      expect(s.url, s.file).toMatch(/^https:\/\//);
    }
  });
  it('cites at least one source for every question, rule, note, summary and comparison row', () => {
    const summaries = rules.outcomes.flatMap((o) => [{ id: o.id, sources: o.sources }, ...(o.summaries ?? [])]);
    for (const item of [...rules.questions, ...rules.rules, ...rules.notes, ...summaries, ...rules.comparison]) {
      expect(item.sources.length, item.id).toBeGreaterThan(0);
    }
  });
  it('cites no article for a sentence about macOS: none of the articles mentions it', () => {
    const articles = new Set(rules.sources.filter((s) => s.kind !== 'practice').map((s) => s.file));
    const sentences = [
      ...rules.rules.map((r) => ({ id: r.id, text: r.reason, sources: r.sources })),
      ...rules.notes,
      ...rules.outcomes.flatMap((o) => [{ id: o.id, text: o.summary, sources: o.sources }, ...(o.summaries ?? [])]),
      ...rules.comparison.map((r) => ({ id: r.id, text: `${r.vm} ${r.container}`, sources: r.sources })),
    ];
    const aboutMac = sentences.filter((s) => /mac ?os|\bmac\b/i.test(s.text));
    expect(aboutMac.length).toBeGreaterThan(0);
    for (const s of aboutMac) expect(s.sources.filter((f) => articles.has(f)), s.id).toEqual([]);
  });
  it('has the comparison rows the issue names, with both sides cited where the articles disagree', () => {
    const ids = rules.comparison.map((r) => r.id);
    for (const id of ['isolation', 'kernel', 'startup', 'size', 'overhead', 'density', 'portability', 'lifecycle', 'purpose']) {
      expect(ids).toContain(id);
    }
    const startup = rules.comparison.find((r) => r.id === 'startup')!;
    expect(new Set(startup.claims!.filter((c) => c.side === 'vm').map((c) => c.says)).size).toBeGreaterThan(1);
  });
  it('the compiled form in dist/ equals what the loader produces from the source', () => {
    const compiled = fileURLToPath(new URL('../dist/default-rules.json', import.meta.url));
    if (!existsSync(compiled)) throw new Error('dist/default-rules.json is missing: run npm run build (npm test does)');
    expect(JSON.parse(readFileSync(compiled, 'utf8'))).toEqual(rules);
  });
});

describe('a broken rules file is rejected with its position', () => {
  it('accepts a minimal valid file whose question cites nothing', () => {
    expect(problemsOf('minimal.yaml')).toEqual([]);
  });
  it('unknown question in a rule', () => {
    expect(problemsOf('standalone-unknown-question.yaml')).toEqual([
      'standalone-unknown-question.yaml:16:7 rules[0].when.secret-dta: unknown question "secret-dta"; did you mean "secret-data"?; questions are secret-data',
    ]);
  });
  it('duplicate id', () => {
    expect(problemsOf('standalone-duplicate-id.yaml')).toEqual([
      'standalone-duplicate-id.yaml:19:5 rules[1].id: duplicate id "secrets-need-vm" (first at rules[0])',
    ]);
  });
  it('citation of an undeclared source', () => {
    expect(problemsOf('standalone-undeclared-source.yaml')).toContain(
      'standalone-undeclared-source.yaml:18:26 notes[0].sources[1]: cites "wiki.md", which is not declared in sources',
    );
  });
  it('YAML syntax error with its position', () => {
    const [first] = problemsOf('syntax-error.yaml');
    expect(first).toMatch(/^syntax-error\.yaml:\d+:\d+ \(root\): syntax error: /);
  });
  it('loadRulesFile throws one line naming the file and the first problem', () => {
    expect(() => loadRulesFile(fixture('standalone-duplicate-id.yaml'))).toThrow(/^invalid rules: .*standalone-duplicate-id\.yaml:19:5 rules\[1\]\.id: duplicate id/);
  });
  it('a missing file is a usage error, not a crash', () => {
    expect(() => loadRulesFile('/nonexistent/rules.yaml')).toThrow('cannot read rules file /nonexistent/rules.yaml: no such file');
  });
});

describe('vmvc rules validate', () => {
  it('the built-in rules: one summary line, exit 0', () => {
    const r = vmvc(['rules', 'validate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('ok: 10 questions, 13 rules, 10 comparison rows (all 3456 answer combinations checked)\n');
  });
  it('the example overlays are valid, each on top of the built-in rules', () => {
    const r = vmvc(['rules', 'validate', EDGE, REGULATED]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `${EDGE}: ok: 11 questions, 13 rules, 11 comparison rows (all 10368 answer combinations checked)\n` +
        `${REGULATED}: ok: 11 questions, 14 rules, 10 comparison rows (all 6912 answer combinations checked)\n`,
    );
  });
  // One fixture per class of problem, with its exact message and position.
  it.each([
    ['syntax.yaml', 'syntax.yaml:3:1 (root): syntax error: Flow map in block collection must be sufficiently indented and end with a }'],
    ['syntax.json', `syntax.json:1:36 (root): JSON syntax error: Unexpected token '}', ..."notes": [ } " is not valid JSON`],
    ['wrong-type.yaml', 'wrong-type.yaml:5:34 rules[0].effect.weight: Invalid input: expected number, received string'],
    ['unknown-key.yaml', 'unknown-key.yaml:4:5 notes[0].wehn: unknown key "wehn"; did you mean "when"?'],
    ['misspelt-key.yaml', 'misspelt-key.yaml:2:1 rulez: unknown key "rulez"; did you mean "rules"?'],
    ['misspelt-question.yaml', 'misspelt-question.yaml:4:13 rules[0].when.isolaton: unknown question "isolaton"; did you mean "isolation"?; questions are host-os, workload-os, custom-kernel, isolation, delivery, density, startup, lifecycle, hardware-emulation, portability'],
    ['unknown-question.yaml', 'unknown-question.yaml:4:13 rules[0].when.secret-data: unknown question "secret-data"; questions are host-os, workload-os, custom-kernel, isolation, delivery, density, startup, lifecycle, hardware-emulation, portability'],
    ['unknown-choice.yaml', 'unknown-choice.yaml:4:13 rules[0].when.isolation: "paranoid" is not a choice of isolation; choices are standard, strong, multi-tenant'],
    ['undeclared-source.yaml', 'undeclared-source.yaml:6:15 notes[0].sources[0]: cites "wiki/containers.md", which is not declared in sources'],
    ['duplicate-id.yaml', 'duplicate-id.yaml:9:5 questions[1].id: duplicate id "team" (first at questions[0])'],
    ['never-fires.yaml', 'never-fires.yaml:4:5 rules[0].when: rule "contradiction" can never fire: none of the 3456 combinations of answers satisfies its condition'],
    [
      'unreachable-outcome.yaml',
      'unreachable-outcome.yaml:3:5 outcomes[0]: outcome "containers-in-vm" is never reached: none of the 3456 combinations of answers leads to it; rules excluded it (guest-is-the-workload 1392, other-os-needs-vm 1152); its gate failed: it needs a VM requirement and none held (in 128), it needs a container lead of +100 and fell short (in 1216; the most was +16)',
    ],
    [
      'shadowed-outcome.yaml',
      'shadowed-outcome.yaml:4:5 outcomes[0]: outcome "microvm" is never reached: none of the 3456 combinations of answers leads to it; its gate failed: it needs no VM requirement and one held (in 3328), it needs a container lead of +0 and fell short (in 4; the most was -1); an earlier outcome was chosen first though its gate held too (container 124): move it before them, or narrow their gates',
    ],
    ['never-shown.yaml', 'never-shown.yaml:4:5 notes[0].when: note "container-for-other-os" is never shown: none of the 3456 combinations of answers satisfies its condition with the outcome it names'],
    ['outcome-in-rule.yaml', 'outcome-in-rule.yaml:4:13 rules[0].when.outcome: "outcome" can only be named in a note\'s condition: rules decide the outcome, and a summary belongs to one already'],
    ['unknown-outcome-in-note.yaml', 'unknown-outcome-in-note.yaml:4:13 notes[0].when.outcome: "container-in-vm" is not an outcome; did you mean "containers-in-vm"?; outcomes are container, containers-in-vm, vm'],
    ['remove-missing.yaml', 'remove-missing.yaml:2:10 remove[0]: nothing with id "no-such-rule" to remove'],
    ['remove-missing.yaml', 'remove-missing.yaml:2:24 remove[1]: "density" is in questions and comparison; write "questions:density" or "comparison:density"'],
    ['bad-extends.yaml', 'bad-extends.yaml:1:1 extends: extends must be "default" (or leave it out for a file that stands alone)'],
    ['custom-tag.yaml', 'custom-tag.yaml:5:11 (root): unsupported tag: Unresolved tag: tag:yaml.org,2002:js/function; rules files are plain data'],
    ['alias-bomb.yaml', 'alias-bomb.yaml:1:1 (root): expands to more than 200000 nodes through its aliases; write it out plainly'],
    ['no-outcomes.yaml', 'no-outcomes.yaml:1:1 outcomes: every outcome was removed; the rules need at least one (the last, with no gate, is the fallback)'],
  ])('%s -> exit 2 with "%s"', (name, line) => {
    const r = vmvc(['rules', 'validate', invalid(name)]);
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n')).toContain(`tests/fixtures/rules/invalid/${line}`);
    expect(r.stderr).toBe('error: 1 of 1 rules file invalid\n');
  });
  it('one pass: shape problems and reference problems of one file are all reported, in file order', () => {
    const r = vmvc(['rules', 'validate', invalid('shape-and-reference.yaml')]);
    expect(r.code).toBe(2);
    const f = 'tests/fixtures/rules/invalid/shape-and-reference.yaml';
    expect(r.stdout).toBe(
      [
        `${f}:5:5 rules[0].effect: weight only makes sense with favour`,
        `${f}:12:15 rules[1].sources[0]: cites "wiki/nowhere.md", which is not declared in sources`,
        `${f}:14:5 notes[0]: missing "when"`,
        `${f}:15:5 notes[0].wehn: unknown key "wehn"; did you mean "when"?`,
        '',
      ].join('\n'),
    );
  });
  it('nesting deeper than 64 levels is refused', () => {
    const r = vmvc(['rules', 'validate', invalid('deep.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^tests\/fixtures\/rules\/invalid\/deep\.yaml:4:\d+ notes\[0\]\.when(\.not)+: nested deeper than 64 levels\n$/);
  });
  it('a file over 1 MB is refused before parsing', () => {
    const file = join(tempDir('vmvc-'), 'huge.yaml');
    writeFileSync(file, `extends: default\n# ${'x'.repeat(1024 * 1024)}\n`);
    const r = vmvc(['rules', 'validate', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(`rules file ${file} is over 1048576 bytes (1 MB), the limit\n`);
    expect(r.stderr).toBe('error: 1 of 1 rules file invalid\n');
    const asOverlay = vmvc(['--rules', file, 'table']);
    expect(asOverlay.code).toBe(2);
    expect(asOverlay.stderr).toBe(`error: rules file ${file} is over 1048576 bytes (1 MB), the limit\n`);
  });
  it('lists every problem of a broken file', () => {
    const r = vmvc(['rules', 'validate', invalid('remove-missing.yaml')]);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
  });
  it('a broken --rules file stops advise with one line and exit 2', () => {
    const r = vmvc(['advise', '--rules', invalid('unknown-choice.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: invalid rules: tests/fixtures/rules/invalid/unknown-choice.yaml:4:13 rules[0].when.isolation: "paranoid" is not a choice of isolation; choices are standard, strong, multi-tenant\n',
    );
  });
});

describe('overlays', () => {
  it('a question added by a rules file is a flag, an env variable and a --no-defaults requirement', async () => {
    expect((await adviceJson(['--rules', REGULATED, '--handles-card-data', 'yes'])).recommendation).toBe('vm');
    expect((await adviceJson(['--rules', REGULATED, '--handles-card-data', 'yes', '--delivery', 'yes'])).recommendation).toBe('containers-in-vm');
    const viaEnv = await adviceJson(['--rules', REGULATED], { env: { VMVC_HANDLES_CARD_DATA: 'yes' } });
    expect(viaEnv.recommendation).toBe('vm');
    expect(viaEnv.answerOrigins['handles-card-data']).toBe('env');
    expect(viaEnv.notes.map((n: { id: string }) => n.id)).toContain('card-data-segment');
    const bad = vmvc(['advise', '--rules', REGULATED, '--handles-card-data', 'maybe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: --handles-card-data must be one of no, yes (or unsure) (got "maybe")\n');
    expect(vmvc(['advise', '--handles-card-data', 'yes']).stderr).toMatch(/^error: unknown option '--handles-card-data'/);
  });
  it('the added question shows in `vmvc questions` and in bash completion; --help points there', () => {
    expect(vmvc(['--rules', REGULATED, 'questions']).stdout).toContain('--handles-card-data');
    expect(vmvc(['advise', '--help', '--rules', REGULATED]).stdout).toContain(`\n  $ vmvc --rules ${REGULATED} questions\n`);
    const script = vmvc(['completion', 'bash', '--rules', REGULATED]).stdout;
    const file = join(tempDir('vmvc-'), 'c.bash');
    writeFileSync(file, script);
    const out = execFileSync('bash', ['--norc', '--noprofile', '-c', `source "$1"; COMP_WORDS=(vmvc advise --handles-card-data ''); COMP_CWORD=3; _vmvc_complete; echo "\${COMPREPLY[*]}"`, 'bash', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out.trim()).toBe('no yes unsure');
  });
  it('the added question is asked as a prompt', async () => {
    const rules = loadRuleFiles([join(ROOT, REGULATED)], builtinBase(loadRuleFiles([defaultRulesPath()]), defaultRulesPath()));
    const question = rules.questions.find((q) => q.id === 'handles-card-data')!;
    const { answer, events, getScreen } = await render(wizard, { questions: [question], chalk: new Chalk({ level: 0 }), review: false });
    expect(getScreen()).toContain('Does the workload store, process or transmit payment card data?');
    events.keypress('down');
    events.keypress('enter');
    const { answers } = await answer;
    expect(answers).toEqual({ 'handles-card-data': 'yes' });
  });
  it('edge overlay: foreign architecture needs an emulated board, and remove drops a built-in rule', async () => {
    const out = await adviceJson(['--rules', EDGE, '--target-arch', 'arm64', '--delivery', 'yes', '--lifecycle', 'long-lived']);
    expect(out.recommendation).toBe('containers-in-vm');
    expect(out.reasons.map((r: { rule: string }) => r.rule)).not.toContain('long-lived-favours-vm');
    expect((await adviceJson(['--rules', EDGE, '--target-arch', 'same', '--lifecycle', 'long-lived'])).recommendation).toBe('container');
  });
  it('overlays apply in order, and rules show prints the effective rules', () => {
    const shown = parseYaml(vmvc(['--rules', EDGE, '--rules', REGULATED, 'rules', 'show']).stdout);
    expect(shown.questions.map((q: { id: string }) => q.id)).toEqual(expect.arrayContaining(['target-arch', 'handles-card-data']));
    expect(shown.rules.map((r: { id: string }) => r.id)).not.toContain('long-lived-favours-vm');
    expect(shown.comparison.at(-1).id).toBe('field-updates');
    const asJson = JSON.parse(vmvc(['rules', 'show', '--format', 'json']).stdout);
    expect(asJson).toEqual(JSON.parse(readFileSync(join(ROOT, 'dist/default-rules.json'), 'utf8')));
  });
  it('a standalone file replaces the built-in rules', async () => {
    const out = await adviceJson(['--rules', 'tests/fixtures/rules/minimal.yaml', '--secret-data', 'yes']);
    expect(out.recommendation).toBe('vm');
    expect(Object.keys(out.answers)).toEqual(['secret-data']);
  });
});

describe('vmvc rules schema', () => {
  const schema = rulesJsonSchema();
  it('is committed as schema/rules.schema.json for the yaml-language-server comment', () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'schema/rules.schema.json'), 'utf8'))).toEqual(schema);
    expect(JSON.parse(vmvc(['rules', 'schema']).stdout)).toEqual(schema);
  });
  it('accepts the built-in rules and the examples, and rejects a wrong type', () => {
    const validate = new Ajv2020({ strict: false }).compile(schema);
    for (const file of ['rules/default.yaml', REGULATED, EDGE]) {
      expect(validate(parseYaml(readFileSync(join(ROOT, file), 'utf8'))), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(validate(parseYaml(readFileSync(join(ROOT, invalid('wrong-type.yaml')), 'utf8')))).toBe(false);
  });
});

describe('validation suggests what was meant', () => {
  it('a misspelt key gets a key that object takes (or the one required key it lacks), never itself; an unknown outcome gets the near one', async () => {
    const { composeRules } = await import('../src/rules/load.js');
    const text = [
      'extends: default',
      'questions:',
      '  - id: gpu',
      '    text: Does it need a GPU?',
      '    help: x',
      '    choices: [{ id: "no", label: "No" }, { id: "yes", label: "Yes" }]',
      '    default: "no"',
      '    sources: []',
      '  - id: tpu',
      '    prompt: Does it need a TPU?',
      '    hepl: x',
      '    choices: [{ id: "no", label: "No" }, { id: "yes", label: "Yes" }]',
      '    default: "no"',
      '    sources: []',
      'rules:',
      '  - id: r1',
      '    when: { delivery: "yes" }',
      '    effect: { exclude: [containers-in-vms] }',
      '    reason: x',
      '    sources: [002_ff82260aaafd54dd.txt]',
      '',
    ].join('\n');
    const { builtinBase } = await import('../src/rules/load.js');
    const { builtinRules, defaultRulesPath } = await import('../src/rules/builtin.js');
    const messages = composeRules([{ file: 'o.yaml', text }], builtinBase(await builtinRules(), defaultRulesPath())).problems.map((p) => p.message);
    expect(messages).toContain('unknown key "text"; did you mean "prompt"?');
    expect(messages).toContain('unknown key "hepl"; did you mean "help"?');
    expect(messages).toContain('unknown outcome "containers-in-vms"; did you mean "containers-in-vm"?; outcomes are container, containers-in-vm, vm');
    for (const m of messages) expect(m).not.toMatch(/unknown key "(\w+)"; did you mean "\1"/);
  });
});

describe('an overlay places outcomes and questions with before: ID', () => {
  const base = () => builtinBase(loadRulesFile(defaultRulesPath()), defaultRulesPath());
  const overlay = (text: string) => {
    const file = join(tempDir('vmvc-before-'), 'o.yaml');
    writeFileSync(file, text);
    return file;
  };
  const outcome = (id: string, before: string) =>
    `outcomes:\n  - { id: ${id}, label: ${id}, headline: Run it so, summary: A gated outcome., requirement: true, min-margin: 2, before: ${before}, sources: [000_6dbfc1640b097832.txt] }\n`;
  it('a new outcome goes just before the one named; a question too; an existing one moves', () => {
    const rules = loadRuleFiles(
      [overlay(`extends: default\n${outcome('micro-vm', 'vm')}questions:\n  - { id: isolation, prompt: How strict?, help: Isolation., choices: [{ id: standard, label: Standard }, { id: strong, label: Strong }, { id: multi-tenant, label: Multi-tenant }], default: standard, sources: [000_6dbfc1640b097832.txt], before: host-os }\n`)],
      base(),
    );
    expect(rules.outcomes.map((o) => o.id)).toEqual(['container', 'containers-in-vm', 'micro-vm', 'vm']);
    expect(rules.questions[0]!.id).toBe('isolation');
    expect(rules.questions.filter((q) => q.id === 'isolation')).toHaveLength(1);
    expect('before' in rules.outcomes[2]!).toBe(false);
  });
  it('before an id that is not there is a located error with a suggestion', () => {
    const r = vmvc(['rules', 'validate', overlay(`extends: default\n${outcome('micro-vm', 'vmm')}`)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/o\.yaml:3:\d+ outcomes\[0\]\.before: no outcome "vmm" to go before; did you mean "vm"\?\n/);
  });
});
