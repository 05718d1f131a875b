/**
 * The entry of vmvc as one script (scripts/bundle-whole.mjs): the whole CLI,
 * its libraries and the built-in rules, needing no node_modules and no other
 * file. Node runs it from inside its own binary in the single executable
 * (`npm run build:sea`), and the GitHub Action from action/vmvc.cjs.
 */
import { allWritten, main, stop } from './cli.js';
import { runCli } from './entry.js';

runCli({ main: () => main(), allWritten, stop });
