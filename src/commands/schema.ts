/** `vmvc schema NAME`: the JSON Schema of an output. */
import { checkOneOf } from '../answers.js';
import { EXIT } from '../errors.js';
import type { CommandContext, Invocation } from '../io.js';

/** The outputs that have a schema. */
export const SCHEMAS = ['advice'] as const;

export async function run({ args }: Invocation, { io }: CommandContext): Promise<number> {
  checkOneOf(args[0] ?? '', SCHEMAS, 'schema name');
  const { adviceJsonSchema } = await import('../advice-schema.js');
  await io.out(JSON.stringify(adviceJsonSchema(), null, 2) + '\n');
  return EXIT.ok;
}
