/**
 * The project config file: `vmvc.config.yaml` (or `.vmvc.yaml`, or `.json` of
 * either) in the current folder or a parent, up to the repository root. It
 * names overlays, answers and defaults for `--format` and `--expect`, so a
 * team's settings need not be passed as flags on every call.
 */
import { statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { UsageError, unreadable } from './errors.js';
import { readSmallFile, somethingAt } from './files.js';
import { formatPath } from './rules/problem.js';

/** The names looked for in each folder, in this order. */
export const CONFIG_NAMES = ['vmvc.config.yaml', 'vmvc.config.yml', 'vmvc.config.json', '.vmvc.yaml', '.vmvc.yml', '.vmvc.json'];

export interface Config {
  /** The file it was read from, as found (absolute). */
  file: string;
  /** Overlays, resolved against the config file's folder. */
  rules: string[];
  /** Question id -> choice, as written (checked against the rules in effect when used). */
  answers: Record<string, unknown>;
  format?: string;
  expect?: string;
  /** advise --scan by default: true for the config file's folder, or a folder relative to it. */
  scan?: boolean | string;
  /** Inventory header -> question id, or one of COLUMN_TARGETS in batch/types.ts (portfolio mode). */
  columns?: Record<string, string>;
  /** `FILE:LINE:COL`: where a key of the file is, for messages about its value. */
  where: (...path: Array<string | number>) => string;
}

/**
 * The config file for a run started in `cwd`: the first of CONFIG_NAMES in
 * `cwd` or a parent, stopping after the folder that holds `.git` (the
 * repository root, even when `.git` is a link to nothing) or at the filesystem
 * root. As git does with safe.directory, a file found this way that is owned
 * by neither this user nor root is passed over (another user could have
 * planted it in a shared parent folder) and reported to `warn`.
 */
export function findConfig(cwd: string, warn: (message: string) => void = () => {}): string | undefined {
  const me = process.getuid?.();
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) {
      const path = join(dir, name);
      const stat = fileStat(path);
      if (!stat) continue;
      if (me !== undefined && stat.uid !== me && stat.uid !== 0) {
        warn(`vmvc: warning: ignoring ${path}: it is owned by another user (uid ${stat.uid}); pass it with --config to use it`);
        continue;
      }
      return path;
    }
    if (somethingAt(join(dir, '.git')) || dirname(dir) === dir) return undefined;
  }
}

/** The stat of a regular file at `path`, or undefined. (Most paths asked about do not exist: that is answered without an exception, which costs far more.) */
function fileStat(path: string): Stats | undefined {
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    return stat?.isFile() ? stat : undefined;
  } catch {
    return undefined;
  }
}


/** Which config applies: --no-config, --config FILE, VMVC_CONFIG, or the one found from `cwd`. */
export function configPath(opts: { config?: string | false }, env: NodeJS.ProcessEnv, cwd: () => string, warn?: (message: string) => void): string | undefined {
  if (opts.config === false) return undefined;
  if (typeof opts.config === 'string') return opts.config;
  if (env.VMVC_CONFIG) return env.VMVC_CONFIG;
  return findConfig(cwd(), warn);
}

/** Reads and checks a config file; problems are one line with the file, line and column. */
export async function loadConfig(path: string, formats: readonly string[]): Promise<Config> {
  const text = readSmallFile(path, 'config file');
  const [{ parseFile, formatProblem }, { configSchema }] = await Promise.all([import('./rules/load.js'), import('./config-schema.js')]);
  const { parsed, problems } = parseFile(text, path);
  if (!parsed) throw new UsageError(formatProblem(problems[0]!));
  const data = parsed.data ?? {};
  const schema = configSchema(formats);
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path_ = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const unknown = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const at = unknown !== undefined ? [...path_, unknown] : path_;
    const keys = Object.keys(schema.shape).filter((k) => k !== '$schema');
    const message = unknown !== undefined ? `unknown key "${unknown}"; a config file holds ${keys.slice(0, -1).join(', ')} and ${keys.at(-1)}` : issue.message;
    throw new UsageError(formatProblem({ file: path, ...parsed.locate(at), path: at, message }));
  }
  const config = result.data;
  const here = dirname(resolve(path));
  const rules = typeof config.rules === 'string' ? [config.rules] : (config.rules ?? []);
  const where = (...key: Array<string | number>) => {
    const { line, col } = parsed.locate(key);
    return `${path}:${line}:${col}`;
  };
  const resolved = rules.map((r) => (isAbsolute(r) ? r : relative(process.cwd(), join(here, r)) || '.'));
  // An overlay the config names that cannot be read is the config's problem: say where it is named.
  resolved.forEach((file, i) => {
    const key = typeof config.rules === 'string' ? ['rules'] : ['rules', i];
    const named = `${where(...key)} ${formatPath(key)}`;
    try {
      if (!statSync(file).isFile()) throw new UsageError(`${named}: ${file} is not a regular file`);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`${named}: cannot read the overlay ${file}: ${unreadable(error)}`);
    }
  });
  return { file: path, rules: resolved, answers: config.answers ?? {}, format: config.format, expect: config.expect, scan: config.scan, columns: config.columns, where };
}
