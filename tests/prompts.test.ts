// The interactive session (src/prompts.ts): the real prompt driven on fake
// streams with @inquirer/testing, and the walk it follows.
import { render } from '@inquirer/testing';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { resolveAnswers } from '../src/answers.js';
import { decide } from '../src/engine.js';
import { defaultRulesPath } from '../src/rules/builtin.js';
import { loadRulesFile } from '../src/rules/load.js';
import { UNSURE, type Question } from '../src/rules/types.js';
import { walker, wizard, type WizardConfig } from '../src/prompts.js';

const rules = loadRulesFile(defaultRulesPath());
const plain = new Chalk({ level: 0 });
const q = (id: string) => rules.questions.find((x) => x.id === id)!;

/** Starts the real prompt over `questions`; returns its controls. */
async function session(questions: readonly Question[], extra: Partial<WizardConfig> = {}) {
  return render(wizard, { questions, chalk: plain, ...extra });
}

/** The prompt's title line: "? 3/10 Which ...". */
const title = (screen: string) => screen.split('\n').find((l) => l.startsWith('? ')) ?? '';

describe('the interactive session', () => {
  it('shows progress over the questions that will be asked, the highlighted choice and its help', async () => {
    const { events, getScreen, answer } = await session(rules.questions, { review: false });
    expect(title(getScreen())).toBe('? 1/10 Which operating system runs on the machine that will host the workload?');
    expect(getScreen()).toContain('❯ Linux');
    expect(getScreen()).toContain(q('host-os').choices[0]!.help!);
    events.keypress('down');
    // The hint follows the highlighted choice.
    expect(getScreen()).toContain(q('host-os').choices[1]!.help!);
    expect(getScreen()).toMatch(/↑↓ choose • ⏎ select$/m);
    events.keypress('enter');
    expect(title(getScreen())).toMatch(/^\? 2\/10 Which operating system or kernel/);
    expect(getScreen()).toMatch(/esc back$/m);
    // A choice without help of its own shows the question's help.
    for (let i = 0; i < 2; i++) events.keypress('enter');
    expect(title(getScreen())).toMatch(/How strict/);
    for (let i = 0; i < 7; i++) events.keypress('enter');
    const { answers } = await answer;
    expect(answers['host-os']).toBe('windows');
  });

  it('skips the questions that can no longer matter, and says so in the progress', async () => {
    const { events, getScreen, answer } = await session(rules.questions, { review: false, mayMatter: (x, answered) => !(x.id === 'custom-kernel' && answered['workload-os'] === 'windows') });
    events.keypress('enter'); // host-os linux
    events.keypress('down');
    events.keypress('enter'); // workload-os windows: custom-kernel can no longer matter
    expect(title(getScreen())).toMatch(/^\? 4\/10 \(1 not needed\) How strict/);
    for (let i = 0; i < 7; i++) events.keypress('enter');
    const { answers, notAsked } = await answer;
    expect(notAsked).toEqual(['custom-kernel']);
    expect(Object.keys(answers)).toHaveLength(9);
  });

  it('Esc and Backspace go back with the answer preselected; back at the first question does nothing', async () => {
    const { events, getScreen, answer } = await session(rules.questions.slice(0, 3), { review: false });
    events.keypress('escape');
    expect(title(getScreen())).toMatch(/^\? 1\/3 /);
    events.keypress('down');
    events.keypress('down');
    events.keypress('enter'); // macos
    events.keypress('down');
    events.keypress('enter'); // workload windows
    expect(title(getScreen())).toMatch(/^\? 3\/3 /);
    events.keypress('backspace');
    expect(title(getScreen())).toMatch(/^\? 2\/3 /);
    expect(getScreen()).toContain('❯ Windows');
    events.keypress('escape');
    expect(getScreen()).toContain('❯ macOS');
    events.keypress('up');
    events.keypress('enter'); // windows host
    events.keypress('enter'); // workload stays windows (preselected)
    events.keypress('enter');
    expect((await answer).answers).toEqual({ 'host-os': 'windows', 'workload-os': 'windows', 'custom-kernel': 'no' });
  });

  it('reviews the answers before the verdict, and a changed answer returns to the review', async () => {
    const { events, getScreen, answer } = await session(rules.questions.slice(0, 2));
    events.keypress('enter');
    events.keypress('enter');
    expect(getScreen()).toContain('Review your answers');
    expect(getScreen()).toContain('❯ These are right: show the advice');
    expect(getScreen()).toContain('  Host OS: Linux');
    expect(getScreen()).toContain('  Workload OS: Linux');
    events.keypress('down');
    events.keypress('down');
    events.keypress('enter'); // change workload-os
    expect(title(getScreen())).toMatch(/Which operating system or kernel/);
    events.keypress('down');
    events.keypress('enter');
    expect(getScreen()).toContain('  Workload OS: Windows');
    events.keypress('enter');
    const { answers } = await answer;
    expect(answers).toEqual({ 'host-os': 'linux', 'workload-os': 'windows' });
    // What stays on screen: each question with its answer.
    expect(getScreen()).toContain('✔ Which operating system or kernel does the workload itself need? Windows');
  });

  it('"Not sure" is offered last and answers unsure; --ascii marks are plain', async () => {
    const { events, getScreen, answer } = await session([q('isolation')], { review: false, ascii: true });
    expect(getScreen()).toMatch(/^> Standard/m);
    expect(getScreen()).toContain('up/down choose, enter select');
    for (let i = 0; i < 3; i++) events.keypress('down');
    expect(getScreen()).toMatch(/^> Not sure$/m);
    events.keypress('enter');
    expect((await answer).answers).toEqual({ isolation: UNSURE });
    expect(getScreen()).toMatch(/^v How strict/);
  });

  it('a choice made with the arrow keys reaches the decision', async () => {
    const { events, answer } = await session(rules.questions, { review: false });
    const downs: Record<string, number> = { 'workload-os': 1, isolation: 2, delivery: 1 };
    for (const x of rules.questions) {
      for (let i = 0; i < (downs[x.id] ?? 0); i++) events.keypress('down');
      events.keypress('enter');
    }
    const { answers } = await answer;
    expect(answers).toMatchObject({ 'workload-os': 'windows', isolation: 'multi-tenant', delivery: 'yes' });
    expect(decide(rules, resolveAnswers(rules, { prompt: answers }).answers).outcome.id).toBe('containers-in-vm');
  });
});

describe('the walk', () => {
  it('progress never goes back and never shrinks: skipped questions are counted and said', () => {
    // Four questions; once the first is answered "windows", the third can no longer matter.
    const questions = rules.questions.slice(0, 4);
    const mayMatter = (q: (typeof questions)[number], answered: Record<string, string>) => !(q.id === questions[2]!.id && answered[questions[0]!.id] === 'windows');
    const walk = walker({ questions, mayMatter, review: false });
    const seen: string[] = [];
    let place = walk.start()!;
    for (const value of ['windows', questions[1]!.default, questions[3]!.default]) {
      seen.push(place.progress);
      const to = walk.choose(place, value);
      if ('done' in to) break;
      place = to;
    }
    expect(seen).toEqual(['1/4', '2/4', '4/4 (1 not needed)']);
  });
  it('back from the review reopens the last question answered', () => {
    const walk = walker({ questions: rules.questions.slice(0, 2) });
    const step = (from: NonNullable<ReturnType<typeof walk.start>>, value: string) => {
      const to = walk.choose(from, value);
      if ('done' in to) throw new Error('the walk ended early');
      return to;
    };
    let place = step(step(walk.start()!, 'linux'), 'linux');
    expect(place.at).toBe('review');
    place = walk.back(place);
    expect(place.at).toBe(1);
    expect(place.progress).toBe('2/2');
  });
  it('the review line "These are right" finishes the walk with the answers in the order asked', () => {
    const walk = walker({ questions: rules.questions.slice(0, 2) });
    let place = walk.start()!;
    for (const value of ['windows', 'linux']) {
      const to = walk.choose(place, value);
      if ('done' in to) throw new Error('the walk ended early');
      place = to;
    }
    const end = walk.choose(place, walk.items(place)[0]!.value);
    expect(end).toEqual({ done: true, asked: [0, 1], answers: { 'host-os': 'windows', 'workload-os': 'linux' } });
    expect(walk.session(end as Extract<typeof end, { done: true }>)).toEqual({ answers: { 'host-os': 'windows', 'workload-os': 'linux' }, notAsked: [] });
  });
});

describe('a paste into the wizard', () => {
  it('100,000 pasted characters are read past in linear time; the session goes on as before', async () => {
    const { events, getScreen, answer } = await session(rules.questions.slice(0, 2), { review: false });
    events.type('x'.repeat(100_000));
    events.keypress('down');
    events.keypress('enter');
    expect(title(getScreen())).toMatch(/^\? 2\/2 /);
    events.keypress('enter');
    const result = await answer;
    expect(result.answers[rules.questions[0]!.id]).toBe(rules.questions[0]!.choices[1]!.id);
  });
});
