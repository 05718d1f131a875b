/** The shape of a config file, for checking it and for `vmvc schema config`. */
import { z } from 'zod';

/** `formats` are the values --format accepts (passed in, so this module needs no formatter). */
export function configSchema(formats: readonly string[]) {
  return z.strictObject({
    $schema: z.string().optional(),
    rules: z
      .union([z.string().min(1), z.array(z.string().min(1))])
      .optional()
      .describe('overlay files, relative to this file, applied before VMVC_RULES and --rules'),
    answers: z
      .record(z.string(), z.union([z.string(), z.boolean(), z.number()]))
      .optional()
      .describe('question id -> choice; flags, VMVC_* variables and --answers win over these'),
    format: z
      .enum(formats as [string, ...string[]])
      .optional()
      .describe('the --format to use when none is given'),
    expect: z.string().optional().describe('the --expect to use when none is given (an outcome id)'),
    scan: z
      .union([z.boolean(), z.string().min(1)])
      .optional()
      .describe('read answers from the repository (advise --scan): true for the folder this file is in, or a folder relative to it; --no-scan turns it off'),
    columns: z
      .record(z.string(), z.string())
      .optional()
      .describe('inventory header -> question id, or name, id, current or ignore (with --input; --columns FILE wins)'),
  });
}

/** The JSON Schema of a config file. */
export function configJsonSchema(formats: readonly string[]): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema(formats), { target: 'draft-2020-12' }),
    $id: 'urn:vmvc:schema:config:v1',
    title: 'vmvc project config (vmvc.config.yaml, .vmvc.yaml)',
  };
}
