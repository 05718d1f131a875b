import { render } from '@inquirer/testing';
import { select } from '@inquirer/prompts';
import { describe, expect, it } from 'vitest';
import { resolveAnswers } from '../src/answers.js';
import { decide } from '../src/engine.js';
import { defaultRulesPath } from '../src/rules/builtin.js';
import { loadRulesFile } from '../src/rules/load.js';
import { askQuestions, type AskOne } from '../src/prompts.js';

const rules = loadRulesFile(defaultRulesPath());

/** Drives the real select prompt: presses the keys given per question, then Enter; records the screens. */
function keyboard(keys: Record<string, string[]>, screens: string[]): AskOne {
  return async (config) => {
    const { answer, events, getScreen } = await render(select, config);
    screens.push(getScreen());
    const question = rules.questions.find((q) => q.prompt === config.message)!;
    for (const key of keys[question.id] ?? []) events.keypress(key);
    events.keypress('enter');
    return (await answer) as string;
  };
}

describe('interactive prompts', () => {
  it('ask only the open questions, with the default preselected and the help line shown', async () => {
    const screens: string[] = [];
    const open = rules.questions.filter((q) => q.id !== 'host-os');
    const { answers } = await askQuestions(open, keyboard({}, screens));
    expect(Object.keys(answers)).toEqual(open.map((q) => q.id));
    for (const q of open) expect(answers[q.id]).toBe(q.default);
    expect(screens).toHaveLength(9);
    expect(screens[0]).toMatch(/Which operating system or kernel does the workload itself need\?/);
    expect(screens[0]).toMatch(/❯ Linux/);
    expect(screens[0]).toMatch(/Containers borrow the host's kernel/);
  });

  it('a choice made with the arrow keys reaches the decision', async () => {
    // workload-os: Linux -> Windows (down once); isolation: standard -> strong -> multi-tenant; delivery: No -> Yes.
    const { answers } = await askQuestions(
      rules.questions,
      keyboard({ 'workload-os': ['down'], isolation: ['down', 'down'], delivery: ['down'] }, []),
    );
    expect(answers).toMatchObject({ 'workload-os': 'windows', isolation: 'multi-tenant', delivery: 'yes' });
    const resolved = resolveAnswers(rules, [{ origin: 'prompt', answers }]);
    expect(decide(rules, resolved.answers).outcome.id).toBe('containers-in-vm');
  });
});
