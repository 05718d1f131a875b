// The whole CLI in one CommonJS script (src/sea.ts with every library and the
// compiled built-in rules inside): the GitHub Action's committed bundle
// (build-action.mjs), and the script of build-sea.mjs's snapshot variant.
// Needs dist/default-rules.json, which `npm run build` writes.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { vendorFixes } from './vendor-fixes.mjs';

const root = new URL('..', import.meta.url);

/** Writes the bundle to `outfile`; `commit` is what `--version` names (empty for a bundle that must not change with every commit). */
export async function bundleWhole(outfile, { commit = '' } = {}) {
  const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
  await build({
    absWorkingDir: fileURLToPath(root),
    entryPoints: ['src/sea.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [vendorFixes],
    define: {
      __VMVC_VERSION__: JSON.stringify(pkg.version),
      __VMVC_COMMIT__: JSON.stringify(commit),
      __VMVC_BUGS__: JSON.stringify(pkg.bugs?.url ?? ''),
      __VMVC_HOME__: JSON.stringify(pkg.homepage ?? ''),
      __VMVC_BUILT__: 'true',
      __VMVC_RULES__: JSON.stringify(readFileSync(new URL('dist/default-rules.json', root), 'utf8')),
      'import.meta.url': '__vmvcImportMetaUrl',
    },
    // The script's own URL: the executable's inside a single executable, this file's in the Action.
    banner: { js: "var __vmvcImportMetaUrl = require('node:url').pathToFileURL(typeof __filename === 'string' ? __filename : process.execPath).href;" },
  });
}
