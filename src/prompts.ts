/**
 * The interactive session: one prompt that walks the open questions, with
 * progress, a way back, per-choice help and a review before the verdict. The
 * only module that imports the prompt library; loaded only when vmvc asks.
 */
import { createPrompt, isDownKey, isEnterKey, isUpKey, useEffect, useKeypress, usePagination, useState } from '@inquirer/core';
import type { ChalkInstance } from 'chalk';
import { UNSURE, type Answers, type Question } from './rules/types.js';
import { oneLine } from './sanitize.js';

/** Whether a question may still change the answer, given what was answered before it. */
export type MayMatter = (question: Question, answered: Readonly<Answers>) => boolean;

/** What a session produced: the answers given (some may be `unsure`) and the questions skipped. */
export interface Session {
  answers: Answers;
  /** Questions not asked because no answer to them could change the recommendation. */
  notAsked: string[];
}

export interface WizardConfig {
  /** The questions still open, in the rules' order. */
  questions: readonly Question[];
  mayMatter?: MayMatter;
  /** List the answers and let the person change one before finishing (default true). */
  review?: boolean;
  chalk: ChalkInstance;
  /** Plain ASCII marks (--ascii, TERM=dumb). */
  ascii?: boolean;
  /** Answers found in the repository, each with where (`Dockerfile:9`), shown on the review screen as the answers are. */
  found?: ReadonlyArray<{ question: Question; value: string; where: string }>;
  /** The terminal drawn on: a resize clears it and draws the question again (the terminal rewrapped the old lines). */
  screen?: NodeJS.WritableStream & { on?: (event: 'resize', listener: () => void) => unknown };
}

/** Where the walk is: a question (by its index in `questions`) or the review. */
interface Place {
  at: number | 'review';
  /** Questions answered, in the order they were first asked (indexes). */
  asked: number[];
  answers: Answers;
  /** The highlighted line. */
  active: number;
  /** "3/10" for the question shown: its place among the questions open when the session began. */
  progress: string;
}

/** A walk that is over: the questions answered, in the order asked, and the answers. */
export interface Finished {
  done: true;
  asked: number[];
  answers: Answers;
}

const REVIEW_DONE = '\u0000done';

/** How an answer reads on screen: its choice's label, or "Not sure". */
const labelOf = (q: Question, value: string) => (value === UNSURE ? 'Not sure' : (q.choices.find((c) => c.id === value)?.label ?? value));
/** A question and its answer as the review lists them: `Workload OS: Windows`. */
const answerLine = (q: Question, value: string) => `${oneLine(q.label ?? q.prompt)}: ${oneLine(labelOf(q, value))}`;

/** What the person sees and what the keys do; pure functions of the walk, so they can be tested apart from the terminal. */
export function walker(config: Pick<WizardConfig, 'questions' | 'mayMatter' | 'review' | 'found'>) {
  const { questions } = config;
  const mayMatter = config.mayMatter ?? (() => true);
  const answeredOf = (asked: readonly number[], answers: Answers): Answers => {
    const out: Answers = {};
    for (const i of asked) out[questions[i]!.id] = answers[questions[i]!.id]!;
    return out;
  };
  /** The questions still to come after `from` that may be asked, given the answers so far. */
  const ahead = (from: number, asked: readonly number[], answers: Answers): number[] => {
    const answered = answeredOf(asked, answers);
    const out: number[] = [];
    for (let j = from + 1; j < questions.length; j++) if (!asked.includes(j) && mayMatter(questions[j]!, answered)) out.push(j);
    return out;
  };
  const choicesOf = (q: Question) => [...q.choices.map((c) => c.id), UNSURE];
  /** Goes to question `i`, highlighting its answer (or default), with its place among the questions open at the start. */
  const goTo = (i: number, asked: number[], answers: Answers): Place => {
    const q = questions[i]!;
    const choice = answers[q.id] ?? q.default;
    // Each question's place among those open when the session began: it only moves forward as you go on
    // (past questions that can no longer matter, counted as "not needed"), never shrinks.
    const skipped = questions.slice(0, i).filter((_, j) => !asked.includes(j)).length;
    const progress = `${i + 1}/${questions.length}${skipped ? ` (${skipped} not needed)` : ''}`;
    return { at: i, asked, answers, active: Math.max(0, choicesOf(q).indexOf(choice)), progress };
  };
  const review = (asked: number[], answers: Answers): Place => ({ at: 'review', asked, answers, active: 0, progress: '' });
  /** After question `from` (or from the start, with -1): the next one to ask, or the review, or null when finished. */
  const next = (from: number, asked: number[], answers: Answers): Place | null => {
    const [j] = ahead(from, asked, answers);
    if (j !== undefined) return goTo(j, asked, answers);
    // One answer needs no review: it is on screen as it was given.
    // (Unless the repository answered others: the review is where they are shown.)
    return config.review === false || asked.length < (config.found?.length ? 1 : 2) ? null : review(asked, answers);
  };
  return {
    start: (): Place | null => next(-1, [], {}),
    /** The lines to choose from at a place: a question's choices then "Not sure", or the review's. */
    items(place: Place): Array<{ value: string; name: string; help: string }> {
      if (place.at === 'review') {
        const order = [...place.asked].sort((a, b) => a - b);
        return [
          { value: REVIEW_DONE, name: 'These are right: show the advice', help: 'Or pick an answer to change it.' },
          ...order.map((i) => {
            const q = questions[i]!;
            return { value: String(i), name: answerLine(q, place.answers[q.id]!), help: oneLine(q.prompt) };
          }),
        ];
      }
      const q = questions[place.at]!;
      return [
        ...q.choices.map((c) => ({ value: c.id, name: oneLine(c.label), help: oneLine(c.help ?? q.help) })),
        { value: UNSURE, name: 'Not sure', help: 'Any of these: vmvc uses the default and tells you whether the answer depends on it.' },
      ];
    },
    /** Enter: answer the question (or act on the review line): the next place, or the finished walk. */
    choose(place: Place, value: string): Place | Finished {
      if (place.at === 'review') {
        if (value === REVIEW_DONE) return { done: true, asked: place.asked, answers: place.answers };
        return goTo(Number(value), place.asked, place.answers);
      }
      const i = place.at;
      const answers = { ...place.answers, [questions[i]!.id]: value };
      const asked = place.asked.includes(i) ? place.asked : [...place.asked, i];
      // After a change from the review, ask only what the change made relevant, then review again.
      return next(i, asked, answers) ?? { done: true, asked, answers };
    },
    /** Esc or Backspace: the question answered last, its answer highlighted; nothing at the first question. */
    back(place: Place): Place {
      const last = place.at === 'review' ? place.asked.at(-1) : place.asked.filter((j) => j < (place.at as number)).at(-1);
      if (last === undefined) return place;
      return goTo(last, place.asked.filter((j) => j !== last), place.answers);
    },
    canGoBack: (place: Place) => (place.at === 'review' ? place.asked.length > 0 : place.asked.some((j) => j < (place.at as number))),
    session(final: Finished): Session {
      const answers = answeredOf(final.asked, final.answers);
      return { answers, notAsked: questions.filter((q) => !(q.id in answers)).map((q) => q.id) };
    },
  };
}

/**
 * The whole session as one prompt, so going back redraws the question in place
 * rather than leaving finished prompts behind. Resolves with the session.
 */
export const wizard = createPrompt<Session, WizardConfig>((config, done) => {
  const walk = walker(config);
  const { chalk, ascii } = config;
  const [place, setPlace] = useState<Place | null>(() => walk.start());
  const [finished, setFinished] = useState<Finished | null>(null);
  const [paused, setPaused] = useState(false);
  const [, setDraws] = useState(0);
  const items = place ? walk.items(place) : [];

  // Ctrl-Z: leave one line saying how to come back, show the cursor and stop; `fg` takes the keyboard
  // back (readline pauses it on continue) and draws the question again below the shell's lines.
  // A resize: the terminal rewrapped what was drawn, so old lines cannot be found to erase; start afresh.
  useEffect((rl) => {
    const screen = config.screen;
    const suspend = () => {
      setPaused(true);
      process.kill(process.pid, 'SIGSTOP');
    };
    const resume = () =>
      setImmediate(() => {
        rl.resume();
        setPaused(false);
      });
    let draws = 0;
    const resize = () => {
      screen?.write('\u001b[H\u001b[2J');
      setDraws(++draws);
    };
    process.on('SIGTSTP', suspend);
    process.on('SIGCONT', resume);
    screen?.on?.('resize', resize);
    return () => {
      process.off('SIGTSTP', suspend);
      process.off('SIGCONT', resume);
      (screen as NodeJS.EventEmitter | undefined)?.off?.('resize', resize);
    };
  }, []);

  useKeypress((key, rl) => {
    // Nothing here is typed text: drop what readline gathered, or a paste would grow its line and every
    // redraw would measure it again (quadratic: 32,000 pasted characters took 11 s, blocking signals).
    if (!isEnterKey(key)) rl.clearLine(0);
    if (!place || finished) return;
    if (isEnterKey(key)) {
      const after = walk.choose(place, items[place.active]!.value);
      if (!('done' in after)) return setPlace(after);
      setFinished(after);
      done(walk.session(after));
    } else if (isUpKey(key) || isDownKey(key)) {
      const step = isUpKey(key) ? -1 : 1;
      setPlace({ ...place, active: (place.active + step + items.length) % items.length });
    } else if (key.name === 'escape' || key.name === 'backspace') {
      setPlace(walk.back(place));
    }
  });

  const page = usePagination({
    items,
    active: place?.active ?? 0,
    renderItem: ({ item, isActive }) => (isActive ? chalk.cyan(`${ascii ? '>' : '❯'} ${item.name}`) : `  ${item.name}`),
    pageSize: 9,
    loop: false,
  });

  const mark = chalk.green(ascii ? 'v' : '✔');
  if (finished || !place) {
    // What stays on screen: each question asked, with its answer.
    const order = [...(finished?.asked ?? [])].sort((a, b) => a - b);
    if (!order.length) return `${mark} Nothing left to ask`;
    return order
      .map((i) => {
        const q = config.questions[i]!;
        return `${mark} ${chalk.bold(oneLine(q.prompt))} ${chalk.cyan(oneLine(labelOf(q, finished!.answers[q.id]!)))}`;
      })
      .join('\n');
  }
  if (paused) return `${chalk.green('?')} ${chalk.dim(`vmvc is paused at ${place.at === 'review' ? 'the review' : `question ${place.progress}`}: fg brings it back`)}\u001b[?25h`;
  const title =
    place.at === 'review'
      ? [chalk.bold('Review your answers'), ...(config.found?.length ? [chalk.dim('  Found in the repository (--scan; a flag overrides):'), ...config.found.map((f) => chalk.dim(`    ${answerLine(f.question, f.value)} (${oneLine(f.where)})`))] : [])].join('\n')
      : `${chalk.dim(place.progress)} ${chalk.bold(oneLine(config.questions[place.at]!.prompt))}`;
  const keys = [ascii ? 'up/down choose' : '↑↓ choose', ascii ? 'enter select' : '⏎ select', ...(walk.canGoBack(place) ? ['esc back'] : [])];
  const help = items[place.active]?.help ?? '';
  return [`${chalk.green('?')} ${title}`, page, ' ', chalk.cyan(help), chalk.dim(keys.join(ascii ? ', ' : ' • '))].join('\n') + '\u001b[?25l';
});
