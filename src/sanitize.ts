/**
 * Making outside text safe to show. Text from a rules file, an answers file, an
 * inventory, a flag or the environment passes through `clean` before it reaches
 * a terminal or a report, so a shared file cannot drive the reader's terminal.
 */
import { stripVTControlCharacters } from 'node:util';

/**
 * Removes escape sequences (colour, cursor moves, OSC 52 clipboard writes, ...)
 * and other control characters, keeping tabs and newlines.
 */
export function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return stripVTControlCharacters(text).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}
