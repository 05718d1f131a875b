// Start-up benchmark: how much time vmvc adds to bare `node`.
// Runs every case interleaved, RUNS rounds (default 40; each round runs every
// case once), and prints each case's median and the ratio of that median to
// the median of `node -e 0` (the figure the targets apply to). It also prints
// the median of the per-round ratios: each round's cases run back to back, so
// that figure moves less when the machine speeds up or slows down mid-run.
// Last, the time until the first prompt is on screen under a pseudo-terminal
// (util-linux `script`), against bare node printing one character there.
// Two floors are measured in the same rounds, to show what any command must
// pay: bare node writing one character to stdout, and node reading and
// compiling vmvc's bundle through the code cache, running no command, then
// writing one character. Both write as vmvc does when stdout is a file or
// /dev/null, as here: straight to the descriptor, without Node's stream. Rows
// without a target show advise and table writing into a socket pair (how
// Node's child processes pipe), which keeps Node's stream, and into a shell's
// pipe, which on Linux does not (see src/io.ts), against `node -e 0` into the
// same kind of pipe. A command's ratio to the second is
// what vmvc's own work adds. The first prompt has a floor of its own, measured
// under the same pseudo-terminal: the bundle and the prompt library read and
// compiled through their code caches and the terminal's stdin opened in raw
// mode (what any prompt needs before it draws), then one character printed.
// Usage: npm run bench   (or: RUNS=60 node bench/startup.mjs)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.RUNS ?? 40);
const bin = fileURLToPath(new URL('../bin/vmvc.js', import.meta.url));
const node = process.execPath;
const ALL_FLAGS = [
  '--host-os', 'linux', '--workload-os', 'linux', '--custom-kernel', 'no', '--isolation', 'standard',
  '--delivery', 'yes', '--density', 'no', '--startup', 'fast', '--lifecycle', 'ephemeral',
  '--hardware-emulation', 'no', '--portability', 'yes',
];
const out = fileURLToPath(new URL('out', import.meta.url));
mkdirSync(out, { recursive: true });
const bundleFloor = `${out}/bundle-floor.cjs`;
writeFileSync(
  bundleFloor,
  `require(${JSON.stringify(fileURLToPath(new URL('../dist/start.cjs', import.meta.url)))}).load(${JSON.stringify(fileURLToPath(new URL('../dist/cli.cjs', import.meta.url)))});\nrequire('node:fs').writeSync(1, 'x');\n`,
);
// The first prompt's floor: the bundle and the prompt library read and compiled through their code
// caches, the terminal's stdin opened (any prompt reads keys from it), one character printed.
const promptFloor = `${out}/prompt-floor.cjs`;
writeFileSync(
  promptFloor,
  `const start = require(${JSON.stringify(fileURLToPath(new URL('../dist/start.cjs', import.meta.url)))});\nstart.load(${JSON.stringify(fileURLToPath(new URL('../dist/cli.cjs', import.meta.url)))});\nstart.load(${JSON.stringify(fileURLToPath(new URL('../dist/vendor/inquirer-core.cjs', import.meta.url)))});\nprocess.stdin.setRawMode?.(true);\nprocess.stdout.write('?');\n`,
);
const FLOORS = ['floor: node writes one character (to the descriptor)', 'floor: node loads the bundle, writes one character', 'pty floor: bundle and prompt library loaded, stdin opened, one character'];
const cases = [
  { name: 'node -e 0', argv: ['-e', '0'] },
  { name: FLOORS[0], argv: ['-e', "require('node:fs').writeSync(1, 'x')"] },
  { name: FLOORS[1], argv: [bundleFloor] },
  { name: 'advise --no-input --format json (all ten flags)', argv: [bin, 'advise', '--no-input', '--format', 'json', ...ALL_FLAGS] },
  { name: 'table', argv: [bin, 'table'] },
  { name: '--help', argv: [bin, '--help'] },
  { name: 'advise (as above), stdout a socket pair', argv: [bin, 'advise', '--no-input', '--format', 'json', ...ALL_FLAGS], pipe: true, limit: null },
  { name: 'table, stdout a socket pair', argv: [bin, 'table'], pipe: true, limit: null },
];
// Into a shell's pipe (`vmvc ... | cat`), against bare node the same way; no target, the rows inform.
// The command reaches sh as its positional parameters, so nothing needs quoting.
const piped = (argv) => ({ file: 'sh', argv: ['-c', '"$0" "$@" | cat >/dev/null', node, ...argv] });
const shellCases = [
  { name: 'sh: node -e 0 | cat', ...piped(['-e', '0']) },
  { name: 'sh: advise (as above) | cat', ...piped([bin, 'advise', '--no-input', '--format', 'json', ...ALL_FLAGS]), limit: null },
  { name: 'sh: table | cat', ...piped([bin, 'table']), limit: null },
];
// The single executable (npm run build:sea), when built: the same commands, no Node start-up of its own to add.
const sea = fileURLToPath(new URL('../dist/sea/vmvc', import.meta.url));
const SEA_LIMIT = 1.05;
if (existsSync(sea)) {
  cases.push(
    { name: 'single executable: advise (as above)', file: sea, argv: ['advise', '--no-input', '--format', 'json', ...ALL_FLAGS], limit: SEA_LIMIT },
    { name: 'single executable: table', file: sea, argv: ['table'], limit: SEA_LIMIT },
  );
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function timeOnce(argv, file = node, pipe = false) {
  const t = process.hrtime.bigint();
  const r = spawnSync(file, argv, { stdio: ['ignore', pipe ? 'pipe' : 'ignore', 'pipe'], env: { ...process.env, CI: '' } });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Milliseconds from spawn until `marker` appears on the pseudo-terminal. */
function timeToScreen(command, marker) {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const child = spawn('script', ['-qfec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, CI: '', TERM: 'xterm' } });
    let seen = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no ${JSON.stringify(marker)} from ${command} within 10 s`));
    }, 10_000);
    child.stdout.on('data', (d) => {
      seen += d;
      if (seen.includes(marker)) {
        const ms = Number(process.hrtime.bigint() - t) / 1e6;
        clearTimeout(timer);
        child.kill('SIGKILL');
        resolve(ms);
      }
    });
  });
}

const times = new Map(cases.map((c) => [c.name, []]));
const shellTimes = new Map(shellCases.map((c) => [c.name, []]));
for (let i = 0; i < RUNS; i++) {
  for (const c of cases) times.get(c.name).push(timeOnce(c.argv, c.file, c.pipe));
  for (const c of shellCases) shellTimes.get(c.name).push(timeOnce(c.argv, c.file));
}

const hasScript = spawnSync('sh', ['-c', 'command -v script'], { stdio: 'ignore' }).status === 0;
const ptyCases = [
  { name: 'pty: node prints one character', command: `${node} -e "process.stdout.write('?')"`, marker: '?' },
  { name: FLOORS[2], command: `${node} ${promptFloor}`, marker: '?' },
  { name: 'pty: advise until the first prompt', command: `${node} ${bin} advise`, marker: 'Which operating system' },
];
const ptyTimes = new Map(ptyCases.map((c) => [c.name, []]));
if (hasScript) {
  for (let i = 0; i < Math.min(RUNS, 25); i++) for (const c of ptyCases) ptyTimes.get(c.name).push(await timeToScreen(c.command, c.marker));
}

/** A case's target: its own `limit` when it names one (null: none, the row only informs), else the group's. */
const targetOf = (c, limit) => (c && 'limit' in c ? (c.limit ?? undefined) : limit);

/** Median and ratios of each case against `baseline`, measured in the same rounds; `limit` is the target ratio; `floor` the case "over floor" is against. */
function summarise(all, baseline, limit, floor) {
  const base = all.get(baseline);
  return [...all].map(([name, xs]) => ({
    name,
    median: median(xs),
    ratio: median(xs) / median(base),
    paired: median(xs.map((x, i) => x / base[i])),
    limit: name === baseline || FLOORS.includes(name) ? undefined : targetOf([...cases, ...shellCases].find((c) => c.name === name), limit),
    overFloor: floor && name !== baseline && !FLOORS.includes(name) ? median(xs) / median(all.get(floor)) : undefined,
  }));
}
// The node path: advise and table within 1.20x of bare node (ratio of medians and per-round median).
const rows = summarise(times, 'node -e 0', 1.2, FLOORS[1]);
rows.push(...summarise(shellTimes, shellCases[0].name, null));
if (hasScript) rows.push(...summarise(ptyTimes, ptyCases[0].name, 1.3, FLOORS[2]));
const w = Math.max(...rows.map((r) => r.name.length));
console.log(`node ${process.version}, ${RUNS} interleaved rounds, medians`);
console.log(`${'case'.padEnd(w)}  median ms  ratio  per-round  over its floor  target (ratio to the first row of its group, and per-round)`);
for (const r of rows) {
  const met = r.ratio <= r.limit && r.paired <= r.limit;
  const target = r.limit === undefined ? '' : `<= ${r.limit.toFixed(2)} ${met ? 'met' : 'MISSED'}`;
  const over = r.overFloor === undefined ? '' : r.overFloor.toFixed(3);
  console.log(`${r.name.padEnd(w)}  ${r.median.toFixed(1).padStart(9)}  ${r.ratio.toFixed(3).padStart(5)}  ${r.paired.toFixed(3).padStart(9)}  ${over.padStart(14)}  ${target}`);
}
if (!hasScript) console.log('(pty case skipped: `script` from util-linux is not installed)');
