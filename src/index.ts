/** The library surface: decide programmatically, load and check rules, format results. */
export { decide, type Decision, type Reason, type RuleTrace, type OutcomeTrace, type Scores } from './engine.js';
export { evaluate, describeCondition, conditionLeaves, type Evaluation } from './rules/conditions.js';
export { resolveAnswers, checkChoice, flagOf, envOf, type ResolvedAnswers, type AnswerOrigin } from './answers.js';
export { toAdvice, ADVICE_SCHEMA_VERSION, type Advice } from './advice.js';
export { adviceSchema, adviceJsonSchema } from './advice-schema.js';
export { loadRulesFile, readRulesFile, parseRulesText, formatProblem, type LocatedProblem } from './rules/load.js';
export { checkRules, rulesSchema, formatPath, type Problem } from './rules/schema.js';
export { builtinRules, defaultRulesPath } from './rules/builtin.js';
export { formats, FORMAT_NAMES, type FormatName } from './format/index.js';
export { ExitError, UsageError, EXIT } from './errors.js';
export type * from './rules/types.js';
