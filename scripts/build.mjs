// Builds vmvc: bundles src/ into dist/ with esbuild (commands and heavy modules
// become lazily loaded chunks), then validates rules/default.yaml once and
// writes it as dist/default-rules.json so start-up needs neither YAML nor zod.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
rmSync(new URL('dist', root), { recursive: true, force: true });

await build({
  entryPoints: ['src/cli.ts', 'src/index.ts'],
  absWorkingDir: new URL('.', root).pathname,
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  define: { __VMVC_VERSION__: JSON.stringify(pkg.version) },
  // Bundled CommonJS dependencies call require(); give ESM chunks a real one.
  banner: { js: "import { createRequire as __vmvcCreateRequire } from 'node:module'; const require = __vmvcCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

const { readRulesFile, formatProblem } = await import(new URL('dist/index.js', root).href);
const source = new URL('rules/default.yaml', root).pathname;
const { rules, problems } = readRulesFile(source);
if (!rules) {
  for (const p of problems) console.error(formatProblem(p));
  console.error(`build: ${source} is invalid (${problems.length} problem(s))`);
  process.exit(1);
}
writeFileSync(new URL('dist/default-rules.json', root), JSON.stringify(rules));
