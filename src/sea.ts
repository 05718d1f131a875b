/**
 * The entry of vmvc as one script (scripts/bundle-whole.mjs): the whole CLI,
 * its libraries and the built-in rules, needing no node_modules and no other
 * file. The GitHub Action runs it from action/vmvc.cjs. (The single executable
 * starts from src/sea-start.ts instead.)
 *
 * `VMVC_SEA_SNAPSHOT=1 npm run build:sea` builds a single executable from this
 * script started from a V8 start-up snapshot, for comparison: it runs once at
 * build time, the modules it loads are kept initialised in the snapshot, and
 * each start only runs the CLI (docs/performance.md says what that gave).
 */
import { startupSnapshot } from 'node:v8';
import { allWritten, main, stop } from './cli.js';
import { runCli } from './entry.js';

const start = () => runCli({ main: () => main(), allWritten, stop });
if (startupSnapshot?.isBuildingSnapshot()) startupSnapshot.setDeserializeMainFunction(start);
else start();
