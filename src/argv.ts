/**
 * The one walk over vmvc's arguments before anything is built: the values of
 * --rules and of --config or --no-config (in order), and every other word, up
 * to `--`. `prescan` (src/program.ts) reads from it what the program needs
 * before it is built; a start (src/bundle-loader.ts's `cacheKind`) which code
 * cache to load, before the CLI itself is loaded.
 */
export function walkArgs(args: readonly string[]): { rulesPaths: string[]; configs: Array<string | false>; words: string[] } {
  const rulesPaths: string[] = [];
  const configs: Array<string | false> = [];
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (arg === '--rules' && i + 1 < args.length) rulesPaths.push(args[++i]!);
    else if (arg.startsWith('--rules=')) rulesPaths.push(arg.slice('--rules='.length));
    else if (arg === '--config' && i + 1 < args.length) configs.push(args[++i]!);
    else if (arg.startsWith('--config=')) configs.push(arg.slice('--config='.length));
    else if (arg === '--no-config') configs.push(false);
    else words.push(arg);
  }
  return { rulesPaths, configs, words };
}

/** The first word that is not an option: the command commander runs. */
export const commandWord = (words: readonly string[]): string | undefined => words.find((w) => !w.startsWith('-'));
