// Builds the GitHub Action's bundle (`npm run build:action`): action/vmvc.cjs,
// the whole CLI in one script, committed so that a job using the action runs
// no install and no build (the convention of JavaScript actions). It names no
// commit, so it changes only when the code does; tests/action.test.ts rebuilds
// it and fails when the committed file is stale.
import { fileURLToPath } from 'node:url';
import { bundleWhole } from './bundle-whole.mjs';

const out = process.argv[2] ?? fileURLToPath(new URL('../action/vmvc.cjs', import.meta.url));
await bundleWhole(out);
