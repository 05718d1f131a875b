/**
 * Making outside text safe to show. Text from a rules file, an answers file, an
 * inventory, a flag or the environment passes through `clean` before it reaches
 * a terminal, a log or a report, so a shared file cannot drive the reader's
 * terminal, forge lines in a CI log, or hide what it says (Trojan Source).
 */
import { stripVTControlCharacters } from 'node:util';

/**
 * A global Unicode regular expression made on first use: Unicode property
 * classes are costly to build, and most text never needs them (start-up pays
 * for every pattern made when the module loads).
 */
function lazyRegExp(source: string): () => RegExp {
  let made: RegExp | undefined;
  return () => (made ??= new RegExp(source, 'gu'));
}

/**
 * Control characters other than tab and newline (C0, DEL, C1), format
 * characters (bidirectional embeddings, overrides and isolates, zero-width
 * characters, the byte order mark, tag characters, interlinear annotations),
 * every code point Unicode marks Default_Ignorable (variation selectors, Hangul
 * fillers, the soft hyphen, ...), the line and paragraph separators, and the
 * blank Braille pattern: whatever can hide or reorder text. Unicode's own
 * properties, not a list, so new ones are covered as Node's Unicode grows.
 */
const INVISIBLE = lazyRegExp('(?![\\t\\n])[\\p{Cc}\\p{Cf}\\p{Default_Ignorable_Code_Point}\\p{Zl}\\p{Zp}\\u2800]');

/** Printable ASCII only: no escape, control or invisible character, and no line break or tab (most text is this). */
const PRINTABLE = /^[\x20-\x7e]*$/;

/** Removes escape sequences (colour, cursor moves, OSC 52 clipboard writes, OSC 8 links, ...) and invisible characters. */
export function clean(text: string): string {
  if (PRINTABLE.test(text)) return text;
  return stripVTControlCharacters(text).replace(INVISIBLE(), '');
}

/** `clean`, on one line: line breaks and tabs become spaces, so a value cannot start a line of its own. */
export function oneLine(text: string): string {
  if (PRINTABLE.test(text)) return text;
  return clean(text).replace(/\s*[\r\n\t]+\s*/g, ' ');
}

/** Characters JSON may carry but a reader should see escaped: the invisible ones above (JSON.stringify escapes C0 itself). */
const JSON_ESCAPE = lazyRegExp('(?![\\t\\n\\r])[\\p{Cc}\\p{Cf}\\p{Default_Ignorable_Code_Point}\\p{Zl}\\p{Zp}\\u2800]');
/** Printable ASCII, tab and line breaks: text JSON_ESCAPE finds nothing in (JSON.stringify's output, most often). */
const ASCII = /^[\t\n\r\x20-\x7e]*$/;

/**
 * JSON.stringify, with C1 controls and invisible characters written as \u
 * escapes: the data is unchanged for a parser, and nothing reaches a terminal
 * that shows the JSON raw. (JSON.stringify already escapes C0 controls.)
 */
export function safeJson(value: unknown, indent?: number): string {
  return escapeHidden(JSON.stringify(value, null, indent));
}

/** Whether text holds a C1 control or an invisible character (see JSON_ESCAPE). */
export function hasHidden(text: string): boolean {
  if (ASCII.test(text)) return false;
  const pattern = JSON_ESCAPE();
  pattern.lastIndex = 0;
  return pattern.test(text);
}

/** C1 controls and invisible characters as `\\uXXXX`: for the inside of a JSON string or a double-quoted YAML scalar. */
export function escapeHidden(text: string): string {
  // A character past U+FFFF is written as its two UTF-16 halves, as JSON spells it.
  if (ASCII.test(text)) return text;
  return text.replace(JSON_ESCAPE(), (c) => Array.from({ length: c.length }, (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''));
}

/** Text for a GitHub Actions workflow command's message (`::error::TEXT`): cleaned, with %, CR and LF escaped. */
export function workflowData(text: string): string {
  return clean(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Text for a workflow command's property (`file=`, `title=`): as data, with : and , escaped too. */
export function workflowProperty(text: string): string {
  return workflowData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Printable ASCII without quote or backslash: a JSON string of it is the text in quotes. */
const PLAIN_JSON = /^[ !#-[\]-~]*$/;

/** `safeJson` for one string, without its work for the common plain case (ids and names of inventory rows). */
export function jsonString(text: string): string {
  return PLAIN_JSON.test(text) ? `"${text}"` : safeJson(text);
}
