// Builds vmvc into dist/. Start-up time is the point (see bench/startup.mjs):
// 1. dist/cli.cjs: all of vmvc's own code plus commander and chalk in one
//    CommonJS file, which Node loads faster than ES modules. Modules reached
//    only through `await import()` (commands, formatters, the loader) are
//    wrapped by esbuild and initialised on first use.
// 2. dist/vendor/*.cjs: the heavy libraries (prompt library, YAML parser, zod,
//    table library), each its own file, required only by the paths that use
//    them, so `advise --format json` never reads them from disk.
// 3. dist/index.js: the library surface (ESM) for `import { decide } from 'vmvc'`.
// 4. dist/default-rules.json: rules/default.yaml validated once, so start-up
//    needs neither YAML nor zod.
// 5. dist/cache/*.cache: V8 code caches, so start-up skips most compiling.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
rmSync(new URL('dist', root), { recursive: true, force: true });
mkdirSync(new URL('dist/vendor', root), { recursive: true });

/** Libraries kept out of the main bundle: package -> what its vendor file exports. */
const VENDOR = {
  '@inquirer/prompts': "export { select } from '@inquirer/prompts';",
  yaml: "export * from 'yaml';",
  zod: "export * from 'zod';",
  'cli-table3': "module.exports = require('cli-table3');",
  'csv-parse/sync': "export { parse } from 'csv-parse/sync';",
  'csv-stringify/sync': "export { stringify } from 'csv-stringify/sync';",
};
const vendorFile = (name) => `vendor/${name.replace(/[@/]/g, (c) => (c === '/' ? '-' : ''))}.cjs`;

const common = {
  absWorkingDir: new URL('.', root).pathname,
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: !process.env.VMVC_NO_MINIFY, // VMVC_NO_MINIFY=1 keeps names readable for profiling
  legalComments: 'none',
  logLevel: 'warning',
};

/**
 * Measured fixes inside cli-table3 and its dependencies, applied to the vendor
 * bundle as text edits. Each is exact (same output) and was measured on a cold
 * `vmvc table`, where these libraries run once, in the interpreter:
 * - emoji-regex: string-width builds its very large pattern anew on every
 *   call; the pattern never changes, so hand out one instance (it is only used
 *   with String.replace, which resets a global regex before using it);
 * - string-width runs that pattern even over plain ASCII, whose width is its
 *   length; compiling the pattern was most of a table's first drawing;
 * - strip-ansi likewise builds its (small) pattern on every call;
 * - cli-table3's Cell.draw truncates the whole cell to 10 characters on every
 *   line it draws, only to feed a debug message that is off unless debugging
 *   is switched on; that truncation dominated the table's drawing time;
 * - cli-table3's setOption, run for 17 option names in every cell, re-derives
 *   each camelCase name by splitting strings, and its firstDefined copies and
 *   filters an argument array; together they were a third of a cold drawing;
 * - cli-table3's strlen strips colour codes, splits lines and measures every
 *   line twice even for a plain printable-ASCII string, whose width is its
 *   length (it runs several times for every line drawn);
 * - cli-table3's repeat builds an array of the wanted length to join it, for
 *   every border and padding run it draws; String.prototype.repeat does the
 *   same without the array (a fifth of a drawing's garbage);
 * - cli-table3's fillInTable looks for holes left by row and column spans by
 *   testing every position against every cell above it; a table without spans
 *   whose rows are all full has none.
 * An edit whose target text is missing fails the build, so an upgrade cannot
 * drop it silently.
 */
const PATCHES = [
  {
    file: 'emoji-regex/index.js',
    edits: [],
    append: 'const __build = module.exports; let __once; module.exports = () => (__once ??= __build());',
  },
  {
    file: 'string-width/index.js',
    edits: [["\tstring = string.replace(emojiRegex(), '  ');", "\tif (/^[\\x20-\\x7e]*$/.test(string)) {\n\t\treturn string.length;\n\t}\n\tstring = string.replace(emojiRegex(), '  ');"]],
  },
  {
    file: 'strip-ansi/index.js',
    edits: [["string.replace(ansiRegex(), '')", 'string.replace(__pattern, \'\')']],
    append: 'const __pattern = ansiRegex();',
  },
  {
    file: 'cli-table3/src/cell.js',
    edits: [
      ['let content = utils.truncate(this.content, 10, this.truncate);', "let content = '';"],
      [
        'function firstDefined(...args) {\n  return args.filter((v) => v !== undefined && v !== null).shift();\n}',
        'function firstDefined(a, b, c, d) {\n  return a ?? b ?? c ?? d ?? undefined;\n}',
      ],
      [
        "let nameA = nameB.split('-');\n  if (nameA.length > 1) {\n    nameA[1] = nameA[1].charAt(0).toUpperCase() + nameA[1].substr(1);\n    nameA = nameA.join('');",
        "let nameA = __camelNames.get(nameB);\n  if (nameA === undefined) {\n    const parts = nameB.split('-');\n    if (parts.length > 1) parts[1] = parts[1].charAt(0).toUpperCase() + parts[1].substr(1);\n    __camelNames.set(nameB, (nameA = parts.join('')));\n  }\n  if (nameA !== nameB) {",
      ],
    ],
    append: 'const __camelNames = new Map();',
  },
  {
    file: 'cli-table3/src/utils.js',
    edits: [
      [
        'function repeat(str, times) {\n',
        "function repeat(str, times) {\n  if (typeof str === 'string' && Number.isInteger(times) && times >= 0) return str.repeat(times);\n",
      ],
      ['function strlen(str) {\n', 'function strlen(str) {\n  if (typeof str === \'string\' && /^[\\x20-\\x7e]*$/.test(str)) return str.length;\n'],
      [
        '  return split.reduce(function (memo, s) {\n    return stringWidth(s) > memo ? stringWidth(s) : memo;\n  }, 0);',
        '  let widest = 0;\n  for (const s of split) widest = Math.max(widest, stringWidth(s));\n  return widest;',
      ],
    ],
  },
  {
    file: 'cli-table3/src/layout-manager.js',
    edits: [
      [
        '    debug(`Max rows: ${h_max}; Max cols: ${w_max}`);\n',
        '    debug(`Max rows: ${h_max}; Max cols: ${w_max}`);\n    if (table.every((row) => row.length === w_max && row.every((cell) => (cell.colSpan || 1) === 1 && (cell.rowSpan || 1) === 1))) return;\n',
      ],
    ],
  },
];
const vendorFixes = {
  name: 'vendor-fixes',
  setup(b) {
    for (const patch of PATCHES) {
      const filter = new RegExp(`node_modules[\\\\/]${patch.file.replace(/[.]/g, '\\.').replace(/\//g, '[\\\\/]')}$`);
      b.onLoad({ filter }, (args) => {
        let source = readFileSync(args.path, 'utf8');
        for (const [from, to] of patch.edits) {
          if (!source.includes(from)) throw new Error(`build: ${patch.file} changed upstream; review its patch in scripts/build.mjs`);
          source = source.replace(from, () => to);
        }
        return { contents: patch.append ? `${source}\n${patch.append}\n` : source, loader: 'js' };
      });
    }
  },
};

/**
 * dist/cli.cjs and dist/vendor/*.cjs are written already wrapped the way Node
 * wraps a CommonJS module, as one function expression, which src/start.ts
 * compiles as it is. Wrapping at run time copied the whole source into a new
 * string on every start (127 KB for cli.cjs, 600 KB for the prompt library),
 * all of it garbage for the collector. These files are therefore loaded only
 * through dist/start.cjs, never required.
 */
const WRAPPED = { js: '(function (exports, require, module, __filename, __dirname) {' };
const WRAPPED_END = { js: '})' };

// 2.
for (const [name, contents] of Object.entries(VENDOR)) {
  await build({
    ...common,
    stdin: { contents, resolveDir: new URL('.', root).pathname, loader: 'js' },
    format: 'cjs',
    outfile: `dist/${vendorFile(name)}`,
    plugins: [vendorFixes],
    banner: WRAPPED,
    footer: WRAPPED_END,
  });
}

/**
 * Points imports of the vendor libraries at their files in dist/vendor, and
 * hands commander a stand-in for child_process (which it loads eagerly, only
 * to run external subcommands, which vmvc has none of) that loads the real
 * module on first use.
 */
const cliPlugin = {
  name: 'vmvc-cli',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.path in VENDOR) return { path: `./${vendorFile(args.path)}`, external: true };
      if (/^(node:)?child_process$/.test(args.path) && args.importer.includes('node_modules/commander')) {
        return { path: 'lazy-child-process', namespace: 'vmvc' };
      }
      // vmvc computes the colour level itself (src/color.ts) and hands it to chalk, so chalk's own
      // terminal detection, which loads node:tty and node:os at start-up, is never consulted.
      if (args.path === '#supports-color' && args.importer.includes('node_modules/chalk')) {
        return { path: 'no-supports-color', namespace: 'vmvc' };
      }
      return undefined;
    });
    b.onLoad({ filter: /^lazy-child-process$/, namespace: 'vmvc' }, () => ({
      contents: "let m; const load = () => (m ??= require('node:child_process')); module.exports = new Proxy({}, { get: (_, key) => load()[key] });",
      loader: 'js',
    }));
    b.onLoad({ filter: /^no-supports-color$/, namespace: 'vmvc' }, () => ({
      contents: 'export default { stdout: false, stderr: false };',
      loader: 'js',
    }));
  },
};

// 1.
await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.cjs',
  format: 'cjs',
  define: { __VMVC_VERSION__: JSON.stringify(pkg.version), 'import.meta.url': '__vmvcImportMetaUrl' },
  banner: { js: `${WRAPPED.js}\nvar __vmvcImportMetaUrl = require('node:url').pathToFileURL(__filename).href;` },
  footer: WRAPPED_END,
  plugins: [cliPlugin],
});

// The loader bin/vmvc.js calls, which compiles through V8's code cache (see src/start.ts).
await build({ ...common, entryPoints: ['src/start.ts'], outfile: 'dist/start.cjs', format: 'cjs' });

// 3.
await build({
  ...common,
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.js',
  format: 'esm',
  define: { __VMVC_VERSION__: JSON.stringify(pkg.version) },
  // Bundled CommonJS dependencies call require(); give the ESM output a real one.
  banner: { js: "import { createRequire as __vmvcCreateRequire } from 'node:module'; const require = __vmvcCreateRequire(import.meta.url);" },
});

// 4.
const { readRulesFile, formatProblem } = await import(new URL('dist/index.js', root).href);
const source = new URL('rules/default.yaml', root).pathname;
const { rules, problems } = readRulesFile(source);
if (!rules) {
  for (const p of problems) console.error(formatProblem(p));
  console.error(`build: ${source} is invalid (${problems.length} problem(s))`);
  process.exit(1);
}
writeFileSync(new URL('dist/default-rules.json', root), JSON.stringify(rules));

// 5. V8 code caches for the start-up path, made by running it once.
const { makeCodeCache } = createRequire(import.meta.url)(new URL('dist/start.cjs', root).pathname);
await makeCodeCache();
