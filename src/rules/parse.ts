/** YAML/JSON parsing with vmvc's safety settings; kept apart from the schema so it loads without zod. */
import { parseDocument, stringify } from 'yaml';
import { UsageError } from '../errors.js';

/**
 * Parses a small YAML or JSON document (an answers file, say) with the same
 * safety settings as rules files: no custom tags, unique keys, few aliases.
 */
export function parseData(text: string, label: string): unknown {
  const doc = parseDocument(text, { schema: 'core', customTags: [], uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    throw new UsageError(`${label}: not valid YAML or JSON: ${doc.errors[0]!.message.split('\n')[0]}`);
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new UsageError(`${label}: cannot expand the document: ${(error as Error).message}`);
  }
}


/** Data as YAML, long lines kept whole. */
export function toYaml(data: unknown): string {
  return stringify(data, { lineWidth: 0 });
}
