/** `vmvc questions`: every question with its flag, env variable, choices, default and sources. */
import { envOf, flagOf } from '../answers.js';
import { EXIT } from '../errors.js';
import { clean } from '../format/style.js';
import { mdEscape } from '../format/markdown.js';
import type { CommandContext } from '../io.js';

export async function run(opts: { format: 'text' | 'json' | 'markdown' }, { rules, io }: CommandContext): Promise<number> {
  const rows = rules.questions.map((q) => ({
    id: q.id,
    flag: flagOf(q),
    env: envOf(q),
    prompt: q.prompt,
    help: q.help,
    choices: q.choices,
    default: q.default,
    sources: q.sources,
  }));
  let out: string;
  if (opts.format === 'json') {
    out = JSON.stringify({ questions: rows }, null, 2) + '\n';
  } else if (opts.format === 'markdown') {
    out = ['| flag | env | choices | default | asks | sources |', '|---|---|---|---|---|---|']
      .concat(
        rows.map(
          (r) =>
            `| \`${r.flag}\` | \`${r.env}\` | ${r.choices.map((c) => mdEscape(c.id)).join(', ')} | ${mdEscape(r.default)} | ${mdEscape(r.prompt)} | ${r.sources.map(mdEscape).join(', ')} |`,
        ),
      )
      .join('\n') + '\n';
  } else {
    const { chalk } = io.style;
    out = rows
      .map((r) =>
        [
          `${chalk.bold(r.flag)} ${chalk.dim(`(${r.env})`)}`,
          `  ${clean(r.prompt)}`,
          `  ${chalk.dim(clean(r.help))}`,
          `  choices: ${r.choices.map((c) => (c.id === r.default ? `${clean(c.id)} (default)` : clean(c.id))).join(', ')}`,
          `  sources: ${r.sources.length ? r.sources.map(clean).join(', ') : 'none'}`,
        ].join('\n'),
      )
      .join('\n\n') + '\n';
  }
  await io.out(out);
  return EXIT.ok;
}
