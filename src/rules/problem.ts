/** A problem found in a rules, cases or config file, and how its place is written. */

/** One problem: where in the document (a path of keys and indexes) and what is wrong. */
export interface Problem {
  path: Array<string | number>;
  message: string;
}

/** Renders a path the way users write it: `rules[3].when.isolation`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}
