/** YAML/JSON parsing with vmvc's safety settings; kept apart from the schema so it loads without zod. */
import { parseDocument, stringify, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { UsageError } from '../errors.js';

/** Alias expansions allowed in one document (YAML "billion laughs" guard). */
export const MAX_ALIASES = 100;

/** How every YAML or JSON input is parsed: the core schema, no custom tags, duplicate keys refused. */
export const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'core',
  customTags: [],
  uniqueKeys: true,
  prettyErrors: false,
};

/**
 * Parses a small YAML or JSON document (an answers file, say) with the same
 * safety settings as rules files: no custom tags, unique keys, few aliases.
 */
export function parseData(text: string, label: string): unknown {
  const doc = parseDocument(text, YAML_OPTIONS);
  if (doc.errors.length) {
    throw new UsageError(`${label}: not valid YAML or JSON: ${doc.errors[0]!.message.split('\n')[0]}`);
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    throw new UsageError(`${label}: cannot expand the document: ${(error as Error).message}`);
  }
}

/** Data as YAML, long lines kept whole. */
export function toYaml(data: unknown): string {
  return stringify(data, { lineWidth: 0 });
}
