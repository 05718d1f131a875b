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
import { vendorFixes } from './vendor-fixes.mjs';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
rmSync(new URL('dist', root), { recursive: true, force: true });
mkdirSync(new URL('dist/vendor', root), { recursive: true });

/** Libraries kept out of the main bundle: package -> what its vendor file exports. */
const VENDOR = {
  '@inquirer/core': "export { createPrompt, isDownKey, isEnterKey, isUpKey, useEffect, useKeypress, usePagination, useState } from '@inquirer/core';",
  yaml: "export * from 'yaml';",
  zod: "export * from 'zod';",
  'cli-table3': "module.exports = require('cli-table3');",
  'csv-parse/sync': "export { parse } from 'csv-parse/sync';",
  'csv-stringify/sync': "export { stringify } from 'csv-stringify/sync';",
  // Loaded only for an .xlsx inventory.
  'read-excel-file/node': "module.exports = require('read-excel-file/node').default;",
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

// What the build says of itself: the version, the commit it was built from (when built from a
// git checkout), where to report a bug and where vmvc lives (package.json). See src/version.ts.
const commit = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: new URL('.', root), encoding: 'utf8' });
const BUILD_FACTS = {
  __VMVC_VERSION__: JSON.stringify(pkg.version),
  __VMVC_COMMIT__: JSON.stringify(commit.status === 0 ? commit.stdout.trim() : ''),
  __VMVC_BUGS__: JSON.stringify(pkg.bugs?.url ?? ''),
  __VMVC_HOME__: JSON.stringify(pkg.homepage ?? ''),
  __VMVC_BUILT__: 'true',
};

// 1.
await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.cjs',
  format: 'cjs',
  define: { ...BUILD_FACTS, 'import.meta.url': '__vmvcImportMetaUrl' },
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
  // Not minified, names kept: an error a library user does not catch shows a stack trace with vmvc's
  // own function names and readable lines, not a page of minified source. (Start-up matters for the
  // CLI bundle, not here.)
  minify: false,
  keepNames: true,
  define: BUILD_FACTS,
  // Bundled CommonJS dependencies call require(); give the ESM output a real one.
  banner: { js: "import { createRequire as __vmvcCreateRequire } from 'node:module'; const require = __vmvcCreateRequire(import.meta.url);" },
});

// The library's declarations (dist/types), for `import { advise } from 'vmvc'` in TypeScript.
const tsc = spawnSync(process.execPath, [new URL('node_modules/typescript/bin/tsc', root).pathname, '-p', new URL('tsconfig.types.json', root).pathname], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

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
