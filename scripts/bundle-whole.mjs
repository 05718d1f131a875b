// The whole CLI in one CommonJS script (src/sea.ts with every library and the
// compiled built-in rules inside): the GitHub Action's committed bundle
// (build-action.mjs), and the script of build-sea.mjs's snapshot variant.
// Needs dist/default-rules.json, which `npm run build` writes.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { buildFacts, builtInRules, common } from './cli-bundle.mjs';
import { vendorFixes } from './vendor-fixes.mjs';

const root = new URL('..', import.meta.url);

/** Writes the bundle to `outfile`; `commit` is what `--version` names (none for a bundle that must not change with every commit). */
export async function bundleWhole(outfile, { commit = '' } = {}) {
  await build({
    ...common,
    absWorkingDir: fileURLToPath(root),
    entryPoints: ['src/sea.ts'],
    outfile,
    format: 'cjs',
    // Always minified, whatever VMVC_NO_MINIFY says: the Action's committed bundle must not depend on it.
    minify: true,
    plugins: [vendorFixes],
    define: { ...buildFacts({ commit }), ...builtInRules(), 'import.meta.url': '__vmvcImportMetaUrl' },
    // The script's own URL: the executable's inside a single executable, this file's in the Action.
    banner: { js: "var __vmvcImportMetaUrl = require('node:url').pathToFileURL(typeof __filename === 'string' ? __filename : process.execPath).href;" },
  });
}
