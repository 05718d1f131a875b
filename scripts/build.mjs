// Builds vmvc into dist/. Start-up time is the point (see bench/startup.mjs):
// 1. dist/cli.cjs: what a start reaches of vmvc's own code, plus commander and
//    chalk, in one CommonJS file, which Node loads faster than ES modules, with
//    the compiled rules (4.) inside; dist/cold.cjs: the rest of vmvc's code
//    (scanning, inventories, policy tests, the other commands and formats),
//    read only by a run that reaches it (see HOT in scripts/cli-bundle.mjs).
//    Modules reached only through `await import()` are wrapped by esbuild and
//    initialised on first use.
// 2. dist/vendor/*.cjs: the heavy libraries (prompt library, YAML parser, zod,
//    table library), each its own file, required only by the paths that use
//    them, so `advise --format json` never reads them from disk.
// 3. dist/index.js: the library surface (ESM) for `import { decide } from 'vmvc'`.
// 4. dist/default-rules.json: rules/default.yaml validated once, so start-up
//    needs neither YAML nor zod.
// 5. dist/cache/*.cache: V8 code caches, so start-up skips most compiling.
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { vendorFixes } from './vendor-fixes.mjs';
import { spawnSync } from 'node:child_process';
import { VENDOR, WRAPPED, WRAPPED_END, buildCliBundle, buildFacts, builtInRules, common, vendorFile } from './cli-bundle.mjs';

const root = new URL('..', import.meta.url);
rmSync(new URL('dist', root), { recursive: true, force: true });
mkdirSync(new URL('dist/vendor', root), { recursive: true });

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
  define: buildFacts(),
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

// 1. The CLI carries the compiled rules inside, as the single executable does: a start reads no
// rules file (the library, dist/index.js, reads dist/default-rules.json).
await buildCliBundle('dist/cli.cjs', builtInRules());

// The loader bin/vmvc.js calls, which compiles through V8's code cache (see src/start.ts).
await build({ ...common, entryPoints: ['src/start.ts'], outfile: 'dist/start.cjs', format: 'cjs' });

// 5. V8 code caches for the start-up path, made by running it (src/bundle-loader.ts's WARM_RUNS).
createRequire(import.meta.url)(new URL('dist/start.cjs', root).pathname).makeAllCodeCaches();
