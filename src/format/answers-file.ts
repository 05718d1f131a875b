/**
 * Answers files as YAML for people to keep: each question's prompt as a
 * comment above its answer. `--save-answers` writes the answers a run used;
 * `vmvc questions --format yaml` writes a template at the defaults. Both are
 * read back by `--answers FILE`.
 */
import { givenValue, type ResolvedAnswers } from '../answers.js';
import { UNSURE, type Question, type Rules } from '../rules/types.js';
import { oneLine } from '../sanitize.js';

/** A choice id as a YAML value: quoted where a YAML 1.1 reader would take it for a boolean, a number or null. */
function scalar(value: string): string {
  return /^[a-z][a-z0-9-]*$/.test(value) && !/^(y|n|yes|no|on|off|true|false|null)$/.test(value) ? value : JSON.stringify(value);
}

/** One question: its prompt and choices as comments, any remark, then `id: value`. */
function entry(q: Question, value: string, remark?: string): string {
  return [
    `# ${oneLine(q.prompt)}`,
    `# ${q.choices.map((c) => oneLine(c.id)).join(', ')}, or ${UNSURE}`,
    ...(remark ? [`# ${remark}`] : []),
    // An assumed answer stays assumed when the file is read back: it is written commented out.
    `${remark ? '# ' : ''}${q.id}: ${scalar(value)}`,
  ].join('\n');
}

const HEADER = (rules: Rules, what: string, assumed = false) =>
  [
    `# vmvc answers: ${what}`,
    `# Use with: vmvc advise --answers FILE --no-input (add --no-defaults once every answer is given)`,
    ...(assumed ? ['# Answers nobody gave are commented out, so they stay assumed; uncomment one to give it.'] : []),
    `# Rules version ${rules.version}`,
  ].join('\n');

/** The answers a run used; those nobody gave are written at their default, marked as assumed. */
export function answersFileYaml(rules: Rules, resolved: ResolvedAnswers, notAsked: readonly string[]): string {
  const entries = rules.questions.map((q) => {
    const remark = resolved.assumed.includes(q.id)
      ? notAsked.includes(q.id)
        ? 'assumed: not asked, since no answer could change the recommendation (the default)'
        : 'assumed: nobody answered, so this is the default'
      : undefined;
    return entry(q, givenValue(resolved, q.id), remark);
  });
  return [HEADER(rules, 'the answers one run used', resolved.assumed.length > 0), ...entries].join('\n\n') + '\n';
}

/** Every question at its default: a template to edit. */
export function questionsYaml(rules: Rules): string {
  return [HEADER(rules, 'a template with every question at its default; edit the values'), ...rules.questions.map((q) => entry(q, q.default))].join('\n\n') + '\n';
}
