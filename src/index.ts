/**
 * The library surface. Start with `advise(answers, options?)`: the advice
 * `vmvc advise --format json` prints. Beneath it: `decide` (the engine),
 * loading and checking rules files, and the formatters.
 */
export { advise, decide, formatAdvice, adviceJsonSchema, type AdviseOptions, type AnswerInput, type FormatOptions, type AdviceFormat, ADVICE_FORMATS } from './api.js';
export { type Decision, type Reason, type RuleTrace, type OutcomeTrace, type Scores } from './engine.js';
export { evaluate, describeCondition, conditionLeaves, type Evaluation } from './rules/conditions.js';
export { resolveAnswers, checkChoice, flagOf, envOf, type ResolvedAnswers, type AnswerOrigin } from './answers.js';
export { toAdvice, ADVICE_SCHEMA_VERSION, type Advice, type BuiltinOutcome } from './advice.js';
export { loadRulesFile, readRulesFile, parseRulesText, formatProblem, type LocatedProblem } from './rules/load.js';
export { formatPath, type Problem } from './rules/problem.js';
export { builtinRules, defaultRulesPath } from './rules/builtin.js';
export { ExitError, UsageError, EXIT } from './errors.js';
export type * from './rules/types.js';
