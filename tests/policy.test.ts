// Rules as policy: overlays, validation with positions, the rules and
// questions commands, --explain, and a question added by a rules file becoming
// a flag, an env variable, a prompt and a completion entry with no code change.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from '@inquirer/testing';
import { select } from '@inquirer/prompts';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { rulesJsonSchema } from '../src/rules/json-schema.js';
import { askQuestions } from '../src/prompts.js';
import { builtinBase, loadRuleFiles } from '../src/rules/load.js';
import { defaultRulesPath } from '../src/rules/builtin.js';
import { ROOT, vmvc } from './support/cli.js';

const REGULATED = 'rules/examples/regulated-data.yaml';
const EDGE = 'rules/examples/edge-fleet.yaml';
const invalid = (name: string) => `tests/fixtures/rules/invalid/${name}`;
const json = (args: string[], env?: NodeJS.ProcessEnv) => {
  const r = vmvc([...args, '--format', 'json'], { env });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};

describe('vmvc rules validate', () => {
  it('the built-in rules: one summary line, exit 0', () => {
    const r = vmvc(['rules', 'validate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('ok: 10 questions, 11 rules, 10 comparison rows (all 3456 answer combinations checked)\n');
  });
  it('the example overlays are valid, each on top of the built-in rules', () => {
    const r = vmvc(['rules', 'validate', EDGE, REGULATED]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `${EDGE}: ok: 11 questions, 11 rules, 11 comparison rows (all 10368 answer combinations checked)\n` +
        `${REGULATED}: ok: 11 questions, 12 rules, 10 comparison rows (all 6912 answer combinations checked)\n`,
    );
  });
  // One fixture per class of problem, with its exact message and position.
  it.each([
    ['syntax.yaml', 'syntax.yaml:3:1 (root): syntax error: Flow map in block collection must be sufficiently indented and end with a }'],
    ['syntax.json', `syntax.json:1:36 (root): JSON syntax error: Unexpected token '}', ..."notes": [ } " is not valid JSON`],
    ['wrong-type.yaml', 'wrong-type.yaml:5:34 rules[0].effect.weight: Invalid input: expected number, received string'],
    ['unknown-key.yaml', 'unknown-key.yaml:3:5 notes[0]: Unrecognized key: "wehn"'],
    ['unknown-question.yaml', 'unknown-question.yaml:4:13 rules[0].when.secret-data: unknown question "secret-data"; questions are host-os, workload-os, custom-kernel, isolation, delivery, density, startup, lifecycle, hardware-emulation, portability'],
    ['unknown-choice.yaml', 'unknown-choice.yaml:4:13 rules[0].when.isolation: "paranoid" is not a choice of isolation; choices are standard, strong, multi-tenant'],
    ['undeclared-source.yaml', 'undeclared-source.yaml:6:15 notes[0].sources[0]: cites "wiki/containers.md", which is not declared in sources'],
    ['duplicate-id.yaml', 'duplicate-id.yaml:9:5 questions[1].id: duplicate id "team" (first at questions[0])'],
    ['never-fires.yaml', 'never-fires.yaml:4:5 rules[0].when: rule "contradiction" can never fire: none of the 3456 combinations of answers satisfies its condition'],
    ['unreachable-outcome.yaml', 'unreachable-outcome.yaml:3:5 outcomes[0]: outcome "containers-in-vm" is never reached: none of the 3456 combinations of answers leads to it'],
    ['remove-missing.yaml', 'remove-missing.yaml:2:10 remove[0]: nothing with id "no-such-rule" to remove'],
    ['remove-missing.yaml', 'remove-missing.yaml:2:24 remove[1]: "density" is in questions and comparison; write "questions:density" or "comparison:density"'],
    ['bad-extends.yaml', 'bad-extends.yaml:1:1 extends: extends must be "default" (or leave it out for a file that stands alone)'],
    ['custom-tag.yaml', 'custom-tag.yaml:5:11 (root): unsupported tag: Unresolved tag: tag:yaml.org,2002:js/function; rules files are plain data'],
    ['alias-bomb.yaml', 'alias-bomb.yaml:1:1 (root): cannot expand the document: Excessive alias count indicates a resource exhaustion attack'],
  ])('%s -> exit 2 with "%s"', (name, line) => {
    const r = vmvc(['rules', 'validate', invalid(name)]);
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n')).toContain(`tests/fixtures/rules/invalid/${line}`);
    expect(r.stderr).toBe('error: 1 of 1 rules file invalid\n');
  });
  it('nesting deeper than 64 levels is refused', () => {
    const r = vmvc(['rules', 'validate', invalid('deep.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^tests\/fixtures\/rules\/invalid\/deep\.yaml:4:\d+ notes\[0\]\.when(\.not)+: nested deeper than 64 levels\n$/);
  });
  it('a file over 1 MB is refused before parsing', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vmvc-')), 'huge.yaml');
    writeFileSync(file, `extends: default\n# ${'x'.repeat(1024 * 1024)}\n`);
    const r = vmvc(['rules', 'validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: rules file ${file} is ${statSync(file).size} bytes; the limit is 1048576 (1 MB)\n`);
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
  it('a question added by a rules file is a flag, an env variable and a --no-defaults requirement', () => {
    expect(json(['advise', '--rules', REGULATED, '--handles-card-data', 'yes']).recommendation).toBe('vm');
    expect(json(['advise', '--rules', REGULATED, '--handles-card-data', 'yes', '--delivery', 'yes']).recommendation).toBe('containers-in-vm');
    const viaEnv = json(['advise', '--rules', REGULATED], { VMVC_HANDLES_CARD_DATA: 'yes' });
    expect(viaEnv.recommendation).toBe('vm');
    expect(viaEnv.answerOrigins['handles-card-data']).toBe('env');
    expect(viaEnv.notes.map((n: { id: string }) => n.id)).toContain('card-data-segment');
    const bad = vmvc(['advise', '--rules', REGULATED, '--handles-card-data', 'maybe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: --handles-card-data must be one of no, yes (got "maybe")\n');
    expect(vmvc(['advise', '--handles-card-data', 'yes']).stderr).toMatch(/^error: unknown option '--handles-card-data'/);
  });
  it('the added question shows in --help and in bash completion', () => {
    expect(vmvc(['advise', '--help', '--rules', REGULATED]).stdout).toContain('--handles-card-data <choice>');
    const script = vmvc(['completion', 'bash', '--rules', REGULATED]).stdout;
    const file = join(mkdtempSync(join(tmpdir(), 'vmvc-')), 'c.bash');
    writeFileSync(file, script);
    const out = execFileSync('bash', ['--norc', '--noprofile', '-c', `source "$1"; COMP_WORDS=(vmvc advise --handles-card-data ''); COMP_CWORD=3; _vmvc_complete; echo "\${COMPREPLY[*]}"`, 'bash', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out.trim()).toBe('no yes');
  });
  it('the added question is asked as a prompt', async () => {
    const rules = loadRuleFiles([join(ROOT, REGULATED)], builtinBase(loadRuleFiles([defaultRulesPath()]), defaultRulesPath()));
    const question = rules.questions.find((q) => q.id === 'handles-card-data')!;
    const answers = await askQuestions([question], async (config) => {
      const { answer, events, getScreen } = await render(select, config);
      expect(getScreen()).toContain('Does the workload store, process or transmit payment card data?');
      events.keypress('down');
      events.keypress('enter');
      return (await answer) as string;
    });
    expect(answers).toEqual({ 'handles-card-data': 'yes' });
  });
  it('edge overlay: foreign architecture needs an emulated board, and remove drops a built-in rule', () => {
    const out = json(['advise', '--rules', EDGE, '--target-arch', 'arm64', '--delivery', 'yes', '--lifecycle', 'long-lived']);
    expect(out.recommendation).toBe('containers-in-vm');
    expect(out.reasons.map((r: { rule: string }) => r.rule)).not.toContain('long-lived-favours-vm');
    expect(json(['advise', '--rules', EDGE, '--target-arch', 'same', '--lifecycle', 'long-lived']).recommendation).toBe('container');
  });
  it('overlays apply in order, and rules show prints the effective rules', () => {
    const shown = parseYaml(vmvc(['--rules', EDGE, '--rules', REGULATED, 'rules', 'show']).stdout);
    expect(shown.questions.map((q: { id: string }) => q.id)).toEqual(expect.arrayContaining(['target-arch', 'handles-card-data']));
    expect(shown.rules.map((r: { id: string }) => r.id)).not.toContain('long-lived-favours-vm');
    expect(shown.comparison.at(-1).id).toBe('field-updates');
    const asJson = JSON.parse(vmvc(['rules', 'show', '--format', 'json']).stdout);
    expect(asJson).toEqual(JSON.parse(readFileSync(join(ROOT, 'dist/default-rules.json'), 'utf8')));
  });
  it('a standalone file replaces the built-in rules', () => {
    const out = json(['advise', '--rules', 'tests/fixtures/rules/minimal.yaml', '--secret-data', 'yes']);
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

describe('vmvc questions', () => {
  it('text lists flag, env, choices, default and sources', () => {
    const r = vmvc(['questions']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--isolation (VMVC_ISOLATION)\n  How strict must the separation from other workloads be?');
    expect(r.stdout).toContain('  choices: standard (default), strong, multi-tenant\n');
  });
  it('json and markdown, including questions from an overlay', () => {
    const out = JSON.parse(vmvc(['questions', '--format', 'json', '--rules', REGULATED]).stdout);
    expect(out.questions.at(-1)).toMatchObject({ id: 'handles-card-data', flag: '--handles-card-data', env: 'VMVC_HANDLES_CARD_DATA', default: 'no' });
    const md = vmvc(['questions', '--format', 'markdown']).stdout;
    expect(md.split('\n')[0]).toBe('| flag | env | choices | default | asks | sources |');
    expect(md).toContain('| `--startup` | `VMVC_STARTUP` | any, fast | any |');
  });
});

describe('advise --explain', () => {
  it('text shows every rule, why unfired ones failed, the points and each outcome', () => {
    const r = vmvc(['advise', '--no-input', '--explain', '--isolation', 'strong']);
    expect(r.stdout).toContain('How this was decided');
    expect(r.stdout).toContain('  ✔ strict-isolation-needs-vm: isolation is strong or multi-tenant');
    expect(r.stdout).toContain('  ✘ delivery-favours-containers: delivery is yes (answer: no)');
    expect(r.stdout).toContain('  ✘ windows-workload-off-windows: needs workload-os is windows and host-os is linux or macos; failed on workload-os is windows (answer: linux)');
    expect(r.stdout).toContain('    containers-in-vm: gate-failed; container lead +2 is below the +6 it needs');
    expect(r.stdout).toContain('  → vm: chosen');
  });
  it('JSON carries a trace covered by the published schema', () => {
    const out = json(['advise', '--explain', '--workload-os', 'other', '--delivery', 'yes']);
    expect(out.trace.rules).toHaveLength(11);
    expect(out.trace.outcomes.find((o: { outcome: string }) => o.outcome === 'containers-in-vm')).toEqual({
      outcome: 'containers-in-vm',
      status: 'excluded',
      why: 'excluded by other-os-needs-vm',
    });
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'schema/advice.schema.json'), 'utf8')));
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('hostile text is neutralised before it reaches a terminal', () => {
  it('OSC 52 clipboard writes and cursor moves in a rules file are stripped from text output', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmvc-'));
    const file = join(dir, 'hostile.yaml');
    writeFileSync(
      file,
      [
        'extends: default',
        'notes:',
        '  - id: hostile',
        '    when: { delivery: "yes" }',
        '    text: "Harmless words\\e]52;c;ZWNobyBwd25lZA==\\a and more\\e[2J\\e[1;1H end"',
        '    sources: [002_ff82260aaafd54dd.txt]',
      ].join('\n'),
    );
    const r = vmvc(['advise', '--rules', file, '--delivery', 'yes', '--no-input']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Harmless words and more end');
    expect(r.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    const md = vmvc(['advise', '--rules', file, '--delivery', 'yes', '--format', 'markdown']).stdout;
    expect(md).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    // JSON keeps the data, escaped, so nothing raw reaches a terminal either.
    const raw = vmvc(['advise', '--rules', file, '--delivery', 'yes', '--format', 'json']).stdout;
    expect(raw).not.toMatch(/\x1b/);
    expect(raw).toContain('\\u001b]52;c;');
  });
  it.each(['__proto__', 'constructor', 'prototype'])('%s is refused as a question id', (id) => {
    const dir = mkdtempSync(join(tmpdir(), 'vmvc-'));
    const file = join(dir, 'proto.yaml');
    writeFileSync(file, `extends: default\nquestions:\n  - { id: ${JSON.stringify(id)}, prompt: P?, help: H, choices: [{ id: a, label: A }, { id: b, label: B }], default: a, sources: [] }\n`);
    const r = vmvc(['rules', 'validate', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/questions\[0\]\.id: /);
  });
});
