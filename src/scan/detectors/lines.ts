/** Small helpers the detectors share for reading text line by line. */

/** The text's lines (any line ending). */
export const linesOf = (text: string): string[] => text.split(/\r?\n|\r/);

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

/** YAML files: the formats of workflows, manifests and compose files. */
export const isYaml = (name: string) => ['yml', 'yaml'].includes(extensionOf(name));
