/** `vmvc rules diff BASE HEAD`: what a change to the rules does, over every combination of answers or over an inventory. */
import { EXIT, UsageError } from '../errors.js';
import type { CommandContext, Invocation } from '../io.js';
import { finish } from '../format/style.js';
import type { FormatFor } from '../format/index.js';
import { reservedQuestionId } from '../command-table.js';
import { defaultRulesPath } from '../rules/builtin.js';
import { builtinBase, loadRuleFiles } from '../rules/load.js';
import type { Rules } from '../rules/types.js';

/** The built-in rules for `default`, else a rules file on top of them (an overlay) or standing alone. */
function side(name: string, builtin: Rules, what: string): Rules {
  if (name === 'default') return builtin;
  try {
    return loadRuleFiles([name], builtinBase(builtin, defaultRulesPath()), reservedQuestionId);
  } catch (error) {
    throw new UsageError(`${what} ${(error as Error).message}`);
  }
}

export async function run({ args, opts }: Invocation, context: CommandContext): Promise<number> {
  const { io } = context;
  const { builtinRules } = await import('../rules/builtin.js');
  const builtin = await builtinRules();
  const [baseName, headName] = args as [string, string];
  const base = side(baseName, builtin, 'BASE:');
  const head = side(headName, builtin, 'HEAD:');
  const format = opts.format as FormatFor<'diff'>;
  const out = await import('../format/diff.js');
  if (typeof opts.input === 'string') {
    const { inventoryDiff } = await import('../batch/diff.js');
    const rows = await inventoryDiff(base, head, opts.input, io);
    await io.out(finish(out.inventoryDiffText(rows, { base: baseName, head: headName }, format), io.style));
    // A row neither side can decide compares nothing: as in portfolio mode, that is an input error.
    return rows.undecided.length ? EXIT.usage : rows.changed.length ? EXIT.expectationFailed : EXIT.ok;
  }
  const { diffRules } = await import('../policy/diff.js');
  const diff = diffRules(base, head);
  await io.out(finish(out.rulesDiffText(diff, { base: baseName, head: headName }, format), io.style));
  return diff.changed || diff.notes.length ? EXIT.expectationFailed : EXIT.ok;
}
