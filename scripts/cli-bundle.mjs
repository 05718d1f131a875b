// How vmvc's CLI bundles are built, shared by scripts/build.mjs (dist/cli.cjs
// and dist/cold.cjs, the built-in rules inside, which the single executable
// copies) and scripts/build-sea.mjs: the vendor libraries kept apart, the
// wrapping src/start.ts and src/sea-start.ts compile, and what the build says
// of itself.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url);

/** Libraries kept out of the main bundle: package -> what its vendor file exports. */
export const VENDOR = {
  '@inquirer/core': "export { createPrompt, isDownKey, isEnterKey, isUpKey, useEffect, useKeypress, usePagination, useState } from '@inquirer/core';",
  yaml: "export * from 'yaml';",
  zod: "export * from 'zod';",
  'cli-table3': "module.exports = require('cli-table3');",
  'csv-parse/sync': "export { parse } from 'csv-parse/sync';",
  'csv-stringify/sync': "export { stringify } from 'csv-stringify/sync';",
  // Loaded only for an .xlsx inventory.
  'read-excel-file/node': "module.exports = require('read-excel-file/node').default;",
};
export const vendorFile = (name) => `vendor/${name.replace(/[@/]/g, (c) => (c === '/' ? '-' : ''))}.cjs`;


export const common = {
  absWorkingDir: new URL('.', root).pathname,
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: !process.env.VMVC_NO_MINIFY, // VMVC_NO_MINIFY=1 keeps names readable for profiling
  legalComments: 'none',
  logLevel: 'warning',
};

/**
 * dist/cli.cjs and dist/vendor/*.cjs are written already wrapped the way Node
 * wraps a CommonJS module, as one function expression, which src/start.ts
 * compiles as it is. Wrapping at run time copied the whole source into a new
 * string on every start (127 KB for cli.cjs, 600 KB for the prompt library),
 * all of it garbage for the collector. These files are therefore loaded only
 * through dist/start.cjs, never required.
 */
export const WRAPPED = { js: '(function (exports, require, module, __filename, __dirname) {' };
export const WRAPPED_END = { js: '})' };

/**
 * Points imports of the vendor libraries at their files in dist/vendor, gives
 * vmvc commander's classes without commander's index, and hands commander a
 * stand-in for child_process (which it loads eagerly, only to run external
 * subcommands, which vmvc has none of) and io.ts one for chalk, each loading
 * the real module on first use, and commander the process object itself for
 * node:process.
 */
export const cliPlugin = {
  name: 'vmvc-cli',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.path in VENDOR) return { path: `./${vendorFile(args.path)}`, external: true };
      if (/^(node:)?child_process$/.test(args.path) && args.importer.includes('node_modules/commander')) {
        return { path: 'lazy-child-process', namespace: 'vmvc' };
      }
      // node:process is the process object; requiring it loads a module of Node's the first time (~0.1 ms).
      if (/^(node:)?process$/.test(args.path) && args.importer.includes('node_modules/commander')) return { path: 'the-process', namespace: 'vmvc' };
      // vmvc computes the colour level itself (src/color.ts) and hands it to chalk, so chalk's own
      // terminal detection, which loads node:tty and node:os at start-up, is never consulted.
      if (args.path === '#supports-color' && args.importer.includes('node_modules/chalk')) {
        return { path: 'no-supports-color', namespace: 'vmvc' };
      }
      // io.ts makes a chalk instance only when output is drawn with colour codes (JSON never is):
      // chalk itself is then set up on first use, not on every start (its styles are ~100 KB of objects).
      if (args.path === 'chalk' && /src[\\/]io\.ts$/.test(args.importer)) return { path: 'lazy-chalk', namespace: 'vmvc' };
      // commander's index makes a program of its own as it loads, which vmvc never uses: vmvc takes the classes from their files.
      if (args.path === 'commander' && /[\\/]src[\\/]/.test(args.importer)) return { path: 'commander-classes', namespace: 'vmvc' };
      return undefined;
    });
    b.onLoad({ filter: /^lazy-child-process$/, namespace: 'vmvc' }, () => ({
      contents: "let m; const load = () => (m ??= require('node:child_process')); module.exports = new Proxy({}, { get: (_, key) => load()[key] });",
      loader: 'js',
    }));
    b.onLoad({ filter: /^lazy-chalk$/, namespace: 'vmvc' }, () => ({
      contents: "let m; export class Chalk { constructor(options) { m ??= require('chalk'); return new m.Chalk(options); } }",
      loader: 'js',
      resolveDir: new URL('.', root).pathname,
    }));
    b.onLoad({ filter: /^the-process$/, namespace: 'vmvc' }, () => ({ contents: 'module.exports = process;', loader: 'js' }));
    b.onLoad({ filter: /^commander-classes$/, namespace: 'vmvc' }, () => ({
      contents: ['command', 'error', 'help', 'option'].map((f) => `Object.assign(exports, require('./node_modules/commander/lib/${f}.js'));`).join('\n'),
      loader: 'js',
      resolveDir: new URL('.', root).pathname,
    }));
    b.onLoad({ filter: /^no-supports-color$/, namespace: 'vmvc' }, () => ({
      contents: 'export default { stdout: false, stderr: false };',
      loader: 'js',
    }));
  },
};


/** The commit the sources are at, when they are a git checkout; else ''. */
export function gitCommit() {
  const commit = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: new URL('.', root), encoding: 'utf8' });
  return commit.status === 0 ? commit.stdout.trim() : '';
}

/** The compiled built-in rules (dist/default-rules.json, which `npm run build` writes), for bundles that carry them inside. */
export const builtInRules = () => ({ __VMVC_RULES__: JSON.stringify(readFileSync(new URL('dist/default-rules.json', root), 'utf8')) });

/**
 * What the build says of itself: the version, the commit it was built from (`commit`, by default
 * the checkout's), where to report a bug and where vmvc lives (package.json). See src/version.ts.
 */
export function buildFacts({ commit = gitCommit() } = {}) {
  const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
  return {
    __VMVC_VERSION__: JSON.stringify(pkg.version),
    __VMVC_COMMIT__: JSON.stringify(commit),
    __VMVC_BUGS__: JSON.stringify(pkg.bugs?.url ?? ''),
    __VMVC_HOME__: JSON.stringify(pkg.homepage ?? ''),
    __VMVC_BUILT__: 'true',
  };
}

/**
 * Modules the CLI reaches only through `await import()` that stay in
 * dist/cli.cjs all the same, since most runs use them: the commands and the
 * formats of a plain answer or table, and the prompts. Every other module
 * reached that way (scanning, inventories, policy tests, the other formats and
 * commands) goes to dist/cold.cjs, which a run reads only when it reaches one.
 * A start pays for every function a bundle declares, run or not (V8 reads each
 * one's description from the code cache), so the cold half costs nothing on
 * the common paths.
 */
export const HOT = ['src/commands/advise.ts', 'src/commands/table.ts', 'src/commands/questions.ts', 'src/format/text.ts', 'src/format/json.ts', 'src/prompts.ts', 'src/sensitivity.ts'];

const rootPath = fileURLToPath(root);
/** A module's path from the repository's root, with forward slashes: `src/io.ts`. */
const moduleId = (file) => relative(rootPath, file).split(sep).join('/');
const RESOLVING = Symbol('resolving');

/**
 * Turns imports of modules (vmvc's own or a package's) for which
 * `elsewhere(id, kind)` names the other bundle into requires of `./BUNDLE#id`
 * (see src/bundle-loader.ts), and notes each such id in `seen`.
 */
function split(elsewhere, seen) {
  return {
    name: 'vmvc-split',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === RESOLVING) return undefined;
        const found = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: RESOLVING });
        if (found.errors.length > 0 || found.external) return undefined;
        const id = moduleId(found.path);
        const bundle = elsewhere(id, args.kind);
        if (!bundle) return undefined;
        seen.add(id);
        return { path: `./${bundle}#${id}`, external: true };
      });
    },
  };
}

const ENTRY = 'bundle-entry.js';
/** An entry that lets the other bundle reach `ids` through `__vmvcModule(id)`, after `head`. */
const lookupEntry = (head, ids) => ({
  contents: `${head}\nconst modules = {\n${[...ids].sort().map((id) => `  ${JSON.stringify(id)}: () => require(${JSON.stringify(`./${id}`)}),`).join('\n')}\n};\nexport function __vmvcModule(id) { return modules[id](); }\n`,
  resolveDir: rootPath,
  sourcefile: ENTRY,
  loader: 'js',
});

/**
 * The CLI as two wrapped CommonJS bundles: `outfile` (relative to the
 * repository; what a start loads) and cold.cjs beside it (see HOT), with
 * `define` added to the build facts. Each module is in exactly one of them.
 */
export async function buildCliBundle(outfile, define = {}) {
  const coldFile = join(dirname(outfile), 'cold.cjs');
  const options = {
    ...common,
    format: 'cjs',
    // `import()` of the other bundle becomes a require the loader answers (native import() would bypass it).
    supported: { 'dynamic-import': false },
    // import.meta.url, worked out when first read (few runs do): making a URL of the path took ~0.3 ms of every start.
    define: { ...buildFacts(), ...define, 'import.meta.url': '__vmvcMeta.url' },
    banner: { js: `${WRAPPED.js}\nvar __vmvcMeta = { get url() { return require('node:url').pathToFileURL(__filename).href; } };` },
    footer: WRAPPED_END,
    metafile: true,
  };
  const modulesOf = (result) => new Set(Object.keys(Object.values(result.metafile.outputs)[0].inputs));
  // 1. What a start reaches: src/cli.ts, everything it imports, and the HOT modules with theirs. A
  // module first sent cold may turn out to be imported statically as well; then it stays.
  let core = new Set();
  let cold;
  for (let settled = false; !settled; ) {
    const sent = new Set();
    const result = await build({
      ...options,
      stdin: lookupEntry("export * from './src/cli.ts';", []),
      write: false,
      outfile,
      plugins: [split((id, kind) => (kind === 'dynamic-import' && !HOT.includes(id) && !core.has(id) ? 'cold.cjs' : undefined), sent), cliPlugin],
    });
    const reached = modulesOf(result);
    settled = [...reached].every((id) => core.has(id)) && [...sent].every((id) => !reached.has(id));
    core = reached;
    cold = sent;
  }
  // 2. The cold bundle: the modules sent there and all they import that a start does not reach.
  const fromCold = new Set();
  const coldResult = await build({ ...options, stdin: lookupEntry('', cold), outfile: coldFile, plugins: [split((id) => (core.has(id) ? 'cli.cjs' : undefined), fromCold), cliPlugin] });
  // 3. The start's bundle, lending the cold one the modules it imports.
  const sent = new Set();
  const result = await build({
    ...options,
    stdin: lookupEntry("export * from './src/cli.ts';", fromCold),
    outfile,
    plugins: [split((id, kind) => (kind === 'dynamic-import' && cold.has(id) ? 'cold.cjs' : undefined), sent), cliPlugin],
  });
  // Each module in exactly one bundle: one in both would be two modules, each with its own state.
  const reached = modulesOf(result);
  const both = [...modulesOf(coldResult)].filter((id) => reached.has(id) && id !== ENTRY);
  if (both.length > 0) throw new Error(`build: in both halves of the CLI: ${both.join(', ')}`);
  if ([...reached].some((id) => !core.has(id)) || sent.size !== cold.size) throw new Error('build: the split of the CLI bundle did not settle');
}
