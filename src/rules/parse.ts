/** YAML/JSON parsing with vmvc's safety settings; kept apart from the schema so it loads without zod. */
import { Document as YamlDocument, Scalar, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { UsageError } from '../errors.js';
import { escapeHidden, hasHidden } from '../sanitize.js';

/** Alias expansions allowed in one document (YAML "billion laughs" guard). */
export const MAX_ALIASES = 100;

/** Nodes a document may hold once its aliases are expanded: a few aliases of a large anchor can otherwise cost gigabytes. */
export const MAX_EXPANDED_NODES = 200_000;

/**
 * How many nodes a document holds with every alias expanded, counted without
 * expanding anything (each anchored node's size is worked out once). Stops
 * counting past `limit`.
 */
/** @internal */
export function expandedSize(doc: Document, limit = MAX_EXPANDED_NODES): number {
  const sizes = new Map<unknown, number>();
  const size = (node: unknown, depth: number): number => {
    if (depth > 200) return limit + 1;
    if (isAlias(node)) {
      const target = node.resolve(doc);
      return target ? size(target, depth + 1) : 1;
    }
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let n = 1;
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        n += isPair(item) ? size(item.key, depth + 1) + size(item.value, depth + 1) : size(item, depth + 1);
        if (n > limit) break;
      }
    } else if (!isScalar(node)) n = 1;
    sizes.set(node, n);
    return n;
  };
  return size(doc.contents, 0);
}

/** How every YAML or JSON input is parsed: the core schema, no custom tags, duplicate keys refused. */
/** @internal */
export const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'core',
  customTags: [],
  uniqueKeys: true,
  prettyErrors: false,
};

/** Why a document is too big to read (too many values written out, or through its aliases), or undefined. */
/** @internal */
export function sizeProblem(doc: Document): string | undefined {
  if (expandedSize(doc) <= MAX_EXPANDED_NODES) return undefined;
  let aliases = false;
  visit(doc, {
    Alias: () => {
      aliases = true;
      return visit.BREAK;
    },
  });
  return aliases
    ? `expands to more than ${MAX_EXPANDED_NODES} nodes through its aliases; write it out plainly`
    : `holds more than ${MAX_EXPANDED_NODES} values (keys, items and scalars); no vmvc file needs that many`;
}

/**
 * Parses a small YAML or JSON document (an answers file, say) with the same
 * safety settings as rules files: no custom tags, unique keys, few aliases.
 */
export function parseData(text: string, label: string): unknown {
  const doc = parseDocument(text, YAML_OPTIONS);
  if (doc.errors.length) {
    throw new UsageError(`${label}: not valid YAML or JSON: ${doc.errors[0]!.message.split('\n')[0]}`);
  }
  const tooBig = sizeProblem(doc);
  if (tooBig) throw new UsageError(`${label}: ${tooBig}`);
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    throw new UsageError(`${label}: cannot expand the document: ${(error as Error).message}`);
  }
}

/** Data as YAML, long lines kept whole. */
export function toYaml(data: unknown): string {
  const doc = new YamlDocument(data);
  // A string with a C1 control or an invisible character is written double-quoted with it escaped, so the YAML
  // reads back the same and shows nothing hidden.
  let hidden = false;
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && hasHidden(node.value)) {
        node.type = Scalar.QUOTE_DOUBLE;
        hidden = true;
      }
    },
  });
  const text = doc.toString({ lineWidth: 0 });
  return hidden ? escapeHidden(text) : text;
}
