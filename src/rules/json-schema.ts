/** The JSON Schema of a rules file, generated from the zod schema (for editors and `vmvc rules schema`). */
import { z } from 'zod';
import { rulesFileSchema } from './schema.js';

export function rulesJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(rulesFileSchema, { target: 'draft-2020-12', unrepresentable: 'any' }),
    $id: 'urn:vmvc:schema:rules:v1',
    title: 'vmvc rules file (standalone, or an overlay with extends: default)',
  };
}
