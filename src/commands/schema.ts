/** `vmvc schema NAME`: the JSON Schema of an output. */
import { checkOneOf } from '../answers.js';
import { EXIT } from '../errors.js';
import type { CommandContext, Invocation } from '../io.js';
import { SCHEMA_NAMES } from '../command-table.js';

export async function run({ args }: Invocation, { io }: CommandContext): Promise<number> {
  const name = checkOneOf(args[0] ?? '', SCHEMA_NAMES, 'schema name');
  if (name === 'config') {
    const [{ configJsonSchema }, { formatsFor }] = await Promise.all([import('../config-schema.js'), import('../format/index.js')]);
    await io.out(JSON.stringify(configJsonSchema(formatsFor('advice', 'records')), null, 2) + '\n');
    return EXIT.ok;
  }
  const { adviceJsonSchema } = await import('../advice-schema.js');
  await io.out(JSON.stringify(adviceJsonSchema(), null, 2) + '\n');
  return EXIT.ok;
}
