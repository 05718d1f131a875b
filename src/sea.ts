/**
 * The entry of vmvc as one script (scripts/bundle-whole.mjs): the whole CLI,
 * its libraries and the built-in rules, needing no node_modules and no other
 * file. Node runs it from inside its own binary in the single executable
 * (`npm run build:sea`), and the GitHub Action from action/vmvc.cjs.
 *
 * Built with VMVC_SEA_SNAPSHOT=1, the single executable starts from a V8
 * start-up snapshot instead: this script runs once at build time, the modules
 * it loads are kept initialised in the snapshot, and each start only runs the
 * CLI (docs/performance.md says what that gave).
 */
import { startupSnapshot } from 'node:v8';
import { allWritten, main, stop } from './cli.js';
import { runCli } from './entry.js';

const start = () => runCli({ main: () => main(), allWritten, stop });
if (startupSnapshot?.isBuildingSnapshot()) startupSnapshot.setDeserializeMainFunction(start);
else start();
