/**
 * The entry of vmvc's single executable (`npm run build:sea`): the whole CLI,
 * its libraries and the built-in rules in one script that Node runs from inside
 * its own binary, so no Node, no node_modules and no files are needed.
 */
import { allWritten, main, stop } from './cli.js';
import { runCli } from './entry.js';

runCli({ main: () => main(), allWritten, stop });
