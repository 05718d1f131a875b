// The GitHub Action's advise step (action.yml): runs `vmvc advise` with the
// action's inputs as one list of words (no shell splitting, no glob expansion),
// sets the outputs from its JSON, and on any failure leaves a step summary and
// an ::error:: annotation that say why.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const env = process.env;
// The committed bundle (npm run build:action): the action needs no install and no build.
const bin = fileURLToPath(new URL('../action/vmvc.cjs', import.meta.url));

/**
 * An input's words: split on white space across every line (a YAML `|` block
 * included); "..." or '...' keep spaces inside one word. Nothing is expanded.
 */
export function words(text = '') {
  const out = [];
  for (const m of text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** Flags `args` may not carry: they would make the step print no advice, or not as JSON. */
const REFUSED = { '--help': 'prints help, not advice', '-h': 'prints help, not advice', '--version': 'prints the version, not advice', '-V': 'prints the version, not advice', '--format': 'the action reads JSON', '-o': 'the action reads JSON', '--quiet': 'the action reads JSON', '-q': 'the action reads JSON', '--input': 'name the inventory with the inventory input' };

/** Text safe in a workflow command's message: no control characters, and %, CR and LF escaped. */
// eslint-disable-next-line no-control-regex
const data = (text) => text.replace(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '').replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** An ::error:: annotation on the run. */
function annotate(message) {
  process.stdout.write(`::error title=vmvc${env.INPUT_TITLE ? ` (${data(env.INPUT_TITLE)})` : ''}::${data(message)}\n`);
}

/** Ends the step as failed: an ::error:: line and a step summary saying why. */
function fail(message, code) {
  annotate(message);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `## vmvc${env.INPUT_TITLE ? `: ${env.INPUT_TITLE}` : ''}: no advice\n\n> [!CAUTION]\n> ${message}\n\n`);
  process.exit(code);
}

const extra = words(env.INPUT_ARGS);
for (const word of extra) {
  const flag = word.replace(/=.*$/, '');
  if (flag in REFUSED) fail(`args: ${flag} cannot be used in the action (${REFUSED[flag]}); use the action's inputs`, 2);
}
const rulesFlags = words(env.INPUT_RULES).flatMap((rules) => ['--rules', rules]);

// An inventory: SARIF to a file (the `sarif` output) and a portfolio step summary.
if (env.INPUT_INVENTORY) {
  if (env.INPUT_EXPECT) fail('expect applies to one workload; with an inventory, args: --fail-on-drift fails the step when a row runs elsewhere than advised', 2);
  const sarif = join(env.RUNNER_TEMP || tmpdir(), `vmvc-${randomUUID()}.sarif`);
  const command = [bin, ...rulesFlags, 'advise', '--no-input', '--input', env.INPUT_INVENTORY, '--format', 'sarif', '--step-summary'];
  if (env.INPUT_ANSWERS) command.push('--answers', env.INPUT_ANSWERS);
  if (env.INPUT_TITLE) command.push('--title', env.INPUT_TITLE);
  command.push(...extra);
  const run = spawnSync(process.execPath, command, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 512 * 1024 * 1024 });
  process.stderr.write(run.stderr ?? '');
  if (!run.stdout?.startsWith('{')) {
    const why = (run.stderr ?? '').split('\n').find((l) => l.startsWith('error: '))?.slice('error: '.length) ?? `vmvc exited with ${run.status ?? run.signal}`;
    fail(why, run.status || 1);
  }
  writeFileSync(sarif, run.stdout);
  appendFileSync(env.GITHUB_OUTPUT, `sarif=${sarif}\n`);
  if (run.status === 2) annotate(`some rows of ${env.INPUT_INVENTORY} could not be decided (see the summary)`);
  if (run.status === 1) annotate(`some workloads of ${env.INPUT_INVENTORY} run elsewhere than advised (see the summary)`);
  process.exit(run.status ?? 1);
}
const command = [bin, ...rulesFlags, 'advise', '--no-input', '--format', 'json', '--step-summary'];
if (env.INPUT_ANSWERS) command.push('--answers', env.INPUT_ANSWERS);
if (env.INPUT_EXPECT) command.push('--expect', env.INPUT_EXPECT);
if (env.INPUT_TITLE) command.push('--title', env.INPUT_TITLE);
command.push(...extra);

const run = spawnSync(process.execPath, command, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
process.stderr.write(run.stderr ?? '');
let advice;
try {
  advice = JSON.parse(run.stdout);
} catch {
  // No advice: a usage error (a bad answer, flag or rules file), or worse. vmvc's own message says which.
  const why = (run.stderr ?? '').split('\n').find((l) => l.startsWith('error: '))?.slice('error: '.length) ?? `vmvc exited with ${run.status ?? run.signal}`;
  fail(why, run.status || 1);
}
// The outputs are set whenever there is advice, also when --expect failed.
const delimiter = `vmvc_${randomUUID()}`;
appendFileSync(env.GITHUB_OUTPUT, `recommendation=${advice.recommendation}\nconfidence=${advice.confidence}\njson<<${delimiter}\n${JSON.stringify(advice)}\n${delimiter}\n`);
process.exit(run.status ?? 1);
