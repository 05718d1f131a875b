/**
 * The module that runs each command of the command table (src/command-table.ts),
 * imported only when that command runs, so unused commands cost no start-up.
 */
import type { CommandContext, Invocation } from '../io.js';

/** What a command module exports. */
export interface CommandModule {
  run: (invocation: Invocation, context: CommandContext) => Promise<number>;
}

/** Command path (`advise`, `rules validate`) -> its module. */
export const COMMAND_MODULES: Record<string, () => Promise<CommandModule>> = {
  advise: () => import('./advise.js'),
  detect: () => import('./detect.js'),
  questions: () => import('./questions.js'),
  table: () => import('./table.js'),
  scan: () => import('./scan.js'),
  schema: () => import('./schema.js'),
  completion: () => import('./completion.js'),
  'rules validate': async () => ({ run: (await import('./rules.js')).validate }),
  'rules schema': async () => ({ run: (await import('./rules.js')).schema }),
  'rules test': () => import('./rules-test.js'),
  'rules diff': () => import('./rules-diff.js'),
  'rules show': async () => ({ run: (await import('./rules.js')).show }),
};
