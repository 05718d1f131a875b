/** Small helpers the detectors share for reading text line by line. */

/**
 * The most of a line the detectors look at: real configuration lines are far
 * shorter, and it bounds the work of every pattern on a file of one huge line.
 */
export const MAX_LINE = 4096;

/** The text's lines (any line ending), each cut at MAX_LINE characters. */
export const linesOf = (text: string): string[] => text.split(/\r?\n|\r/).map((line) => (line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line));

/** A found line as shown: trimmed, runs of space as one, at most 120 characters. */
export function shown(text: string): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}

/** A line that is only a comment in shell, YAML, Makefile, Ruby, HCL or Dockerfile syntax. */
export const isComment = (line: string) => /^\s*(#|\/\/)/.test(line);

/** The file's extension, lower case, without the dot (`yml`), or ''. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * JSON files no detector has anything to read in: package manifests, lock files, compiler and
 * linter settings (a JavaScript repository holds thousands, which would use up the files bound).
 */
export const isToolingJson = (name: string) => /^(?:package(?:-lock)?|composer|bower|lerna|nx|turbo|renovate|\.?eslintrc|\.?prettierrc|\.?babelrc|[jt]sconfig(?:\..+)?)\.json$|\.(?:lock|min|map|schema)\.json$/i.test(name);

/** YAML files: the formats of workflows, manifests and compose files. */
export const isYaml = (name: string) => ['yml', 'yaml'].includes(extensionOf(name));
