// How vmvc's CLI bundle is built, shared by scripts/build.mjs (dist/cli.cjs, for
// bin/vmvc.js) and scripts/build-sea.mjs (the single executable's copy, with the
// built-in rules inside): the vendor libraries kept apart, the wrapping
// src/start.ts and src/sea-start.ts compile, and what the build says of itself.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

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
 * Points imports of the vendor libraries at their files in dist/vendor, and
 * hands commander a stand-in for child_process (which it loads eagerly, only
 * to run external subcommands, which vmvc has none of) and io.ts one for chalk,
 * each loading the real module on first use.
 */
export const cliPlugin = {
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
      // io.ts makes a chalk instance only when output is drawn with colour codes (JSON never is):
      // chalk itself is then set up on first use, not on every start (its styles are ~100 KB of objects).
      if (args.path === 'chalk' && /src[\\/]io\.ts$/.test(args.importer)) return { path: 'lazy-chalk', namespace: 'vmvc' };
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

/** The CLI as one wrapped CommonJS bundle at `outfile` (relative to the repository), with `define` added to the build facts. */
export async function buildCliBundle(outfile, define = {}) {
  await build({
    ...common,
    entryPoints: ['src/cli.ts'],
    outfile,
    format: 'cjs',
    define: { ...buildFacts(), ...define, 'import.meta.url': '__vmvcImportMetaUrl' },
    banner: { js: `${WRAPPED.js}\nvar __vmvcImportMetaUrl = require('node:url').pathToFileURL(__filename).href;` },
    footer: WRAPPED_END,
    plugins: [cliPlugin],
  });
}
