/** `vmvc advise`: gather answers, decide, print, and gate on --expect. */
import { STDOUT_PATHS, appendToFile, readSmallFile, readSmallStream, writeAnswersFile } from '../files.js';
import { toAdvice, type Advice } from '../advice.js';
import { switchedOn } from '../switches.js';
import { answersFromData, answersFromEnv, attributeOf, checkOneOf, commandLines, givenValue, reproduceCommand, requireAnswered, givenAnswer, resolveAnswers, unknownVariables, type AnswerLayers, type ResolvedAnswers } from '../answers.js';
import { decide } from '../engine.js';
import { EXIT, ExitError, UsageError } from '../errors.js';
import { COLUMN_TARGETS, type InputFormat } from '../batch/types.js';
import { formats, formatsFor, type FormatFor, type FormatName, type RecordFormat } from '../format/index.js';
import type { CommandContext, Invocation, Io } from '../io.js';
import type { Config } from '../config.js';
import { clean, oneLine, workflowData, workflowProperty } from '../sanitize.js';
import { UNSURE, type Answers, type Question, type Rules } from '../rules/types.js';
import { answersFileYaml } from '../format/answers-file.js';
import type { ScanResult } from '../scan/types.js';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

export interface AdviseFlags {
  format: FormatName | RecordFormat;
  /** Whether --format was given (portfolio mode defaults to jsonl). */
  formatGiven?: boolean;
  /** --input FILE: portfolio mode. */
  inputFile?: string;
  inputFormat?: InputFormat;
  /** false when --no-input was given: never prompt. (Commander keeps --input FILE and --no-input in one key; they are read apart here.) */
  mayPrompt: boolean;
  /** Answers given as flags, already checked against their choices. */
  flagAnswers: Partial<Answers>;
  /** --answers FILE, or "-" for stdin. */
  answers?: string;
  /** false when --no-defaults was given. */
  defaults: boolean;
  expect?: string;
  /** Where --expect came from when the config file gave it (`FILE:LINE:COL`), for the message when it fails. */
  expectFrom?: string;
  /** --expect-firm: exit 1 when the recommendation depends on an unsure or assumed answer. */
  expectFirm?: boolean;
  /** --fail-on-drift (with --input): exit 1 when a row runs elsewhere than advised. */
  failOnDrift?: boolean;
  /** --columns FILE (with --input): inventory header -> question id, or one of COLUMN_TARGETS. */
  columns?: string;
  /** --keep-columns A,B (with --input): metadata columns carried into the records. */
  keep?: string[];
  stepSummary?: boolean;
  explain?: boolean;
  /** --detect: answer host-os from this machine and add notes on what was found. */
  detect?: boolean;
  /** --scan [DIR]: the folder to read answers from; false for --no-scan; undefined when neither was given. */
  scan?: string | false;

  /** --save-answers FILE: write the answers used as an answers file. */
  saveAnswers?: string;
  /** -q, --quiet: print only the recommendation id. */
  quiet?: boolean;
  /** --title: the workload's name, for headings. */
  title?: string;
  /** The global --rules files, for the command that reproduces a session. */
  rulesPaths?: string[];
}

/**
 * Whether vmvc may prompt: --no-input is absent, CI is not set, stdin is a
 * terminal and so is stdout or stderr (with stdout redirected, the questions
 * are asked on stderr and only the result goes to stdout).
 */
export function canPrompt(opts: Pick<AdviseFlags, 'mayPrompt' | 'answers'>, io: Io): boolean {
  const inCi = switchedOn(io.env.CI);
  // `--answers -` has read stdin to its end (Ctrl-D at a terminal): nothing is left to answer prompts with.
  return opts.mayPrompt && opts.answers !== '-' && !inCi && io.stdinIsTTY && (io.stdoutIsTTY || io.stderrIsTTY);
}

/** The command line's options as advise reads them. */
export function adviseOptions({ opts, given, program }: Invocation, rules: Rules): AdviseFlags {
  const flagAnswers: Partial<Answers> = {};
  for (const q of rules.questions) {
    const value = opts[attributeOf(q)];
    if (typeof value === 'string') flagAnswers[q.id] = value;
  }
  return {
    format: opts.format as AdviseFlags['format'],
    formatGiven: given('format'),
    mayPrompt: opts.input !== false,
    inputFile: typeof opts.input === 'string' ? opts.input : undefined,
    inputFormat: opts.inputFormat as InputFormat | undefined,
    defaults: opts.defaults !== false,
    flagAnswers,
    answers: opts.answers as string | undefined,
    expect: opts.expect as string | undefined,
    expectFirm: opts.expectFirm === true,
    failOnDrift: opts.failOnDrift === true,
    columns: opts.columns as string | undefined,
    keep: typeof opts.keepColumns === 'string' ? opts.keepColumns.split(',').map((k) => k.trim()).filter(Boolean) : undefined,
    stepSummary: opts.stepSummary === true,
    explain: opts.explain === true,
    detect: opts.detect === true,
    scan: opts.scan === true ? '.' : (opts.scan as string | false | undefined),
    saveAnswers: opts.saveAnswers as string | undefined,
    quiet: opts.quiet === true,
    title: opts.title as string | undefined,
    rulesPaths: (program.opts().rules as string[] | undefined) ?? [],
  };
}

export async function run(invocation: Invocation, context: CommandContext): Promise<number> {
  const opts = adviseOptions(invocation, context.rules);
  const { config } = context;
  // The config file's defaults apply where the command line says nothing, and where they make sense:
  // a format for this mode (one workload, or --input), an expect for one workload.
  const portfolio = opts.inputFile !== undefined;
  const ignored: string[] = [];
  if (config?.format !== undefined && !opts.formatGiven && !opts.quiet) {
    if ((formatsFor(portfolio ? 'records' : 'advice') as string[]).includes(config.format)) Object.assign(opts, { format: config.format, formatGiven: true });
    else ignored.push(`format ${config.format} (not a format ${portfolio ? 'of --input' : 'for one workload'})`);
  }
  if (config?.expect !== undefined && opts.expect === undefined) {
    if (portfolio) ignored.push(`expect ${config.expect} (for one workload, not --input)`);
    else {
      opts.expectFrom = config.where('expect');
      opts.expect = checkOneOf(config.expect, context.rules.outcomes.map((o) => o.id), `${opts.expectFrom} expect`);
    }
  }
  // `scan: true` reads the config file's own folder (the repository it sits in); `scan: DIR`, DIR relative to it.
  if (config?.scan !== undefined && config.scan !== false && opts.scan === undefined) {
    if (portfolio) ignored.push('scan (it reads one repository; an inventory names each row\'s in a repo column)');
    else {
      const here = relative(process.cwd(), dirname(resolve(config.file))) || '.';
      opts.scan = config.scan === true ? here : isAbsolute(config.scan) ? config.scan : join(here, config.scan);
    }
  }
  if (ignored.length) context.io.err(oneLine(`vmvc: note: ${config!.file}: ignoring ${ignored.join(' and ')}`));
  opts.rulesPaths = [...(context.rulesPaths ?? opts.rulesPaths ?? [])];
  return advise(opts, context);
}

/**
 * Advises and returns the exit code.
 * 1. Collect answers: flags > VMVC_* environment > --answers file; prompt for the rest when a person is there.
 * 2. With --no-defaults, refuse to assume anything.
 * 3. Decide, write the step summary if asked, print, then check --expect.
 */
export async function advise(opts: AdviseFlags, { rules, io, config }: CommandContext): Promise<number> {
  if (opts.inputFile !== undefined) return runPortfolio(opts, { rules, io, config });
  for (const [given, flag] of [[opts.failOnDrift, '--fail-on-drift'], [opts.columns, '--columns'], [opts.keep, '--keep-columns']] as const) {
    if (given) throw new UsageError(`${flag} applies to an inventory; use it with --input`);
  }
  if (opts.quiet && opts.formatGiven) throw new UsageError('--quiet prints only the recommendation id; leave out --format, or leave out --quiet');
  if (opts.quiet && opts.explain) throw new UsageError('--quiet prints only the recommendation id and cannot show --explain; leave one out');
  const single = formatsFor('advice');
  if (!(single as string[]).includes(opts.format)) {
    throw new UsageError(`--format ${opts.format} is for --input (portfolio mode); for one workload use ${single.join(', ')}`);
  }
  const summaryPath = opts.stepSummary ? stepSummaryPath(io) : undefined;

  // 1.
  const layers = await givenLayers(opts, rules, io, config);
  let scan: ScanResult | undefined;
  if (opts.scan) {
    const [{ scanRepository, stoppedWarning }, { SCAN_LIMITS }] = await Promise.all([import('../scan/index.js'), import('../scan/walk.js')]);
    scan = scanRepository(opts.scan, rules, SCAN_LIMITS);
    const stopped = stoppedWarning(scan, opts.scan);
    if (stopped) io.err(stopped);
    layers.scanned = scan.answers;
  }
  let detectedNotes: Array<{ id: string; text: string; sources: string[] }> = [];
  if (opts.detect) {
    const { detectHere } = await import('../detect/here.js');
    const { detectionNotes, hostOsOf } = await import('../detect/probe.js');
    const detection = detectHere(io.env);
    const host = hostOsOf(detection);
    const hostQuestion = rules.questions.find((q) => q.id === 'host-os');
    if (host && hostQuestion?.choices.some((c) => c.id === host)) layers.detected = { 'host-os': host };
    detectedNotes = detectionNotes(detection);
  }
  let notAsked: string[] = [];
  let prompted = false;
  if (canPrompt(opts, io)) {
    const session = await promptForTheRest(rules, layers, io, scan);
    layers.prompt = session.answers;
    notAsked = session.notAsked;
    prompted = Object.keys(session.answers).length > 0;
  }
  const resolved = resolveAnswers(rules, layers);

  // 2.
  requireAnswered(resolved.assumed.filter((id) => !notAsked.includes(id)), opts.defaults !== false);

  // 3.
  // The trace feeds the score bars, the flowchart and --explain; JSON shows it only with --explain.
  const decision = decide(rules, resolved.answers, { trace: opts.format !== 'json' || opts.explain === true || opts.stepSummary === true });
  const advice = toAdvice(rules, resolved, decision, true, notAsked);
  if (config) advice.config = config.file;
  if (opts.title !== undefined) advice.title = opts.title;
  // After questions at a terminal, the answer is drawn last so it is what stays on screen.
  const view = { explain: opts.explain === true, answerLast: prompted && io.stdoutIsTTY };
  advice.notes.push(...detectedNotes);
  if (scan) {
    advice.evidence = scan.evidence;
    advice.notes.push(...scan.notes.map(({ id, text, sources }) => ({ id, text, sources })));
  }
  if (summaryPath) {
    const summaryView = { ...view, answerLast: false, summary: { title: opts.title, expect: opts.expect } };
    appendToFile(summaryPath, (await formats.markdown()).advice(advice, rules, io.style, summaryView) + '\n', '--step-summary');
  }
  if (opts.quiet) {
    await io.out(`${advice.recommendation}\n`);
    // The id alone cannot show it: say on stderr what the config file decided with.
    const fromConfig = Object.fromEntries(rules.questions.filter((q) => resolved.origin[q.id] === 'config').map((q) => [q.id, givenValue(resolved, q.id)]));
    const trace = configTrace(config, fromConfig);
    if (trace) io.err(`vmvc: note: ${trace}`);
  }
  else await io.out((await formats[opts.format as FormatFor<'advice'>]()).advice(advice, rules, io.style, view));
  if (opts.expect && advice.recommendation !== opts.expect) {
    // In GitHub Actions, also an annotation on the run.
    if (io.env.GITHUB_ACTIONS === 'true') io.err(`::error title=vmvc${opts.title ? ` (${workflowProperty(opts.title)})` : ''}::${workflowData(`--expect ${opts.expect} not met: expected ${opts.expect}, got ${advice.recommendation}`)}`);
    throw new ExitError(`${opts.expectFrom ? `expect ${opts.expect} (${opts.expectFrom})` : `--expect ${opts.expect}`} not met: vmvc recommends ${advice.recommendation}`, EXIT.expectationFailed);
  }
  if (opts.expectFirm && advice.confidence === 'depends') {
    const on = advice.dependsOn.map((d) => `--${d.question} (${d.origin})`).join(', ');
    throw new ExitError(`--expect-firm not met: ${advice.recommendation} depends on ${on}; answer ${advice.dependsOn.length === 1 ? 'it' : 'them'} to make it firm`, EXIT.expectationFailed);
  }
  // Only a run that succeeded saves its answers; `-` and /dev/stdout mean stdout, after the advice.
  let savedTo: string | undefined;
  if (opts.saveAnswers) {
    const yaml = answersFileYaml(rules, resolved, notAsked);
    if (STDOUT_PATHS.includes(opts.saveAnswers)) await io.out(yaml);
    else writeAnswersFile((savedTo = opts.saveAnswers), yaml);
  }
  // After questions, the last lines are the verdict and how to have it again without them.
  if (prompted && !opts.quiet) io.err(await sessionEnd(advice, rules, resolved, opts, io, config !== undefined, savedTo));
  else if (savedTo) io.err(`vmvc: answers saved to ${clean(savedTo)}`);
  return EXIT.ok;
}

/**
 * The last lines of a session: the recommendation, then the command that gives
 * it again without questions (from the saved answers file, if one was written;
 * else every answer as a flag, with how to keep them in a file instead).
 */
async function sessionEnd(advice: Advice, rules: Rules, resolved: ResolvedAnswers, opts: AdviseFlags, io: Io, noConfig: boolean, savedTo: string | undefined): Promise<string> {
  const { wrap } = await import('../format/text.js');
  const { chalk } = io.promptStyle;
  const width = (io.promptOutput as { columns?: number }).columns || 80;
  const format = opts.formatGiven ? opts.format : undefined;
  const verdict = `${chalk.bold('Advice:')} ${advice.recommendation} (${oneLine(advice.headline)})${advice.confidence === 'depends' ? ', depending on answers assumed' : ''}`;
  const parts = reproduceCommand(rules, resolved, { invokedAs: io.invokedAs, rulesPaths: opts.rulesPaths ?? [], format, noConfig, answersFile: savedTo });
  const how = savedTo ? `Answers saved to ${clean(savedTo)}; the same advice again without questions:` : 'The same advice again without questions (for CI):';
  const keep = savedTo ? [] : ['(--save-answers FILE keeps these answers in a file for next time)'];
  const lines = (text: string) => wrap(text, width, '  ');
  return ['', ...lines(verdict), ...lines(how).map((l) => chalk.dim(l)), ...commandLines(parts, width).map(clean), ...keep.flatMap(lines).map((l) => chalk.dim(l))].join('\n');
}

/**
 * Asks the questions no flag, variable or file answered, in order, skipping
 * each one that can no longer change the recommendation: whatever it is
 * answered, and whatever the questions after it (and the unsure ones) are.
 */
async function promptForTheRest(rules: Rules, layers: AnswerLayers, io: Io, scan?: ScanResult) {
  const given = new Map<string, string>();
  for (const q of rules.questions) {
    const answer = givenAnswer(layers, q.id);
    if (answer) given.set(q.id, answer.value);
  }
  const toAsk = rules.questions.filter((q) => !given.has(q.id));
  if (!toAsk.length) return { answers: {}, notAsked: [] };
  const [{ wizard }, { canMatter }] = await Promise.all([import('../prompts.js'), import('../sensitivity.js')]);
  const { chalk, ascii } = io.promptStyle;
  const mayMatter = (question: Question, answered: Readonly<Answers>) => {
    const fixed: Partial<Answers> = {};
    const open: string[] = [];
    for (const q of rules.questions) {
      const value = given.get(q.id) ?? answered[q.id];
      // Open: this question, the ones after it, any skipped before it, and every unsure answer.
      if (value === undefined || value === UNSURE) open.push(q.id);
      else fixed[q.id] = value;
    }
    return canMatter(rules, fixed, open, question.id);
  };
  // The review shows what the repository answered (and was not overridden), with where it says so.
  const found = rules.questions.flatMap((q) => {
    const answer = givenAnswer(layers, q.id);
    const first = scan?.evidence[q.id]?.[0];
    return answer?.origin === 'scanned' && first ? [{ question: q, value: answer.value, where: `${first.file}:${first.line}` }] : [];
  });
  return wizard({ questions: toAsk, mayMatter, chalk, ascii, screen: io.promptOutput, found }, { input: io.stdin, output: io.promptOutput });
}

/** `--input`: every row of an inventory, with flags, env and --answers applying to each row. */
async function runPortfolio(opts: AdviseFlags, { rules, io, config }: CommandContext): Promise<number> {
  if (opts.scan) throw new UsageError('--scan reads one repository; for an inventory, give each row its folder in a repo column');
  for (const [given, flag] of [[opts.saveAnswers, '--save-answers'], [opts.quiet, '--quiet'], [opts.expect, '--expect'], [opts.expectFirm, '--expect-firm'], [opts.explain, '--explain'], [opts.detect, '--detect']] as const) {
    if (given) throw new UsageError(`${flag} applies to one workload and cannot be combined with --input`);
  }
  const format = opts.formatGiven ? opts.format : 'jsonl';
  const portfolio = formatsFor('records');
  if (!(portfolio as string[]).includes(format)) {
    throw new UsageError(`--format ${format} is for one workload; with --input use ${portfolio.join(', ')}`);
  }
  if (opts.answers === '-' && opts.inputFile === '-') throw new UsageError('--answers - and --input - cannot both read stdin');
  const layers = await givenLayers(opts, rules, io, config);
  const { runBatch } = await import('../batch/run.js');
  const stepSummary = opts.stepSummary ? { path: stepSummaryPath(io), title: opts.title } : undefined;
  // The config's answers that no flag, variable or --answers overrides: each row that leaves them empty takes them.
  const fromConfig = Object.fromEntries(Object.entries(layers.config ?? {}).filter(([q]) => [layers.flag, layers.env, layers.file].every((l) => l?.[q] === undefined)));
  const trace = configTrace(config, fromConfig as Record<string, string>);
  const provenance = trace && Object.keys(fromConfig).length ? `${trace}; a row's own cells win over them` : trace;
  const columns = await columnsMapping(rules, opts.columns, config);
  return runBatch({ input: opts.inputFile!, inputFormat: opts.inputFormat, format: format as RecordFormat, layers, defaults: opts.defaults, stepSummary, provenance, failOnDrift: opts.failOnDrift, columns, keep: opts.keep }, rules, io);
}

/** The config's `columns:`, then --columns FILE over it (header by header). */
async function columnsMapping(rules: Rules, file: string | undefined, config?: Config) {
  const { columnMapping } = await import('../batch/columns.js');
  const fromConfig = config?.columns ? columnMapping(rules, config.columns, (header) => `${config.where('columns', header)} columns`) : new Map();
  if (!file) return fromConfig;
  const { parseData } = await import('../rules/parse.js');
  const label = `--columns ${file}`;
  const data = parseData(readSmallFile(file, 'columns file'), label);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new UsageError(`${label}: expected a map of inventory header to question id (or ${COLUMN_TARGETS.join(', ')}), e.g. "HW Emulation: hardware-emulation"`);
  }
  return new Map([...fromConfig, ...columnMapping(rules, data as Record<string, unknown>, () => label)]);
}

/** Answers given before any prompt: flags, VMVC_* variables, --answers, the config file. */
async function givenLayers(opts: AdviseFlags, rules: Rules, io: Io, config?: Config): Promise<AnswerLayers> {
  for (const warning of unknownVariables(rules, io.env)) io.err(warning);
  return {
    flag: opts.flagAnswers,
    env: answersFromEnv(rules, io.env),
    file: opts.answers ? await readAnswersFile(rules, opts.answers, io) : {},
    // Each answer checked with the file, line and column it is written at.
    config: config ? Object.assign({}, ...Object.entries(config.answers).map(([q, v]) => answersFromData(rules, { [q]: v }, `${config.where('answers', q)} answers`))) : {},
  };
}

function stepSummaryPath(io: Io): string {
  const path = io.env.GITHUB_STEP_SUMMARY;
  if (!path) throw new UsageError('--step-summary needs GITHUB_STEP_SUMMARY to name a file (GitHub Actions sets it)');
  return path;
}

/** `--answers FILE`, or `-` for the Io's stdin. */
async function readAnswersFile(rules: Rules, path: string, io: Io): Promise<Partial<Answers>> {
  const label = path === '-' ? 'answers from stdin' : `answers file ${path}`;
  const text = path === '-' ? await readSmallStream(io.stdin, label) : readSmallFile(path, 'answers file');
  const { parseData } = await import('../rules/parse.js');
  return answersFromData(rules, parseData(text, label), label);
}

/**
 * What the config file supplied, as one sentence (`vmvc.config.yaml supplied
 * answers (--isolation strong) and rules (policy.yaml)`), or undefined when it
 * supplied nothing: outputs that carry no config section say it with this.
 */
function configTrace(config: Config | undefined, answers: Record<string, string>): string | undefined {
  if (!config) return undefined;
  const parts = [
    Object.keys(answers).length ? `answers (${Object.entries(answers).map(([q, v]) => `--${q} ${v}`).join(', ')})` : '',
    config.rules.length ? `rules (${config.rules.join(', ')})` : '',
  ].filter(Boolean);
  return parts.length ? clean(`${config.file} supplied ${parts.join(' and ')}`) : undefined;
}
