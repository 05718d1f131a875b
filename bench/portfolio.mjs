// Portfolio-mode benchmark (`npm run bench:portfolio`). Prints, from one run:
// 1. vmvc deciding N JSONL rows (default 200,000) against the floor: a plain
//    Node script that reads the same file line by line, JSON.parses each line
//    and writes JSON.stringify of a small object. Target: within 1.3x (the
//    ratio of medians, and the median of each round's ratio).
// 2. vmvc's engine against json-rules-engine given the same rules translated
//    into its format, on the same rows, in one process. Target: at least 50x
//    its throughput. Both must reach the same outcome on every row.
// 3. Peak RSS of vmvc deciding 1,000,000 rows. Target: under 150 MB.
// 4. The same N rows with human headers (question labels) and values (choice
//    labels, OS names as inventories write them) against the rows in ids.
//    Target: within 1.5x.
// Usage: node bench/portfolio.mjs [N]   (build first: npm run build)
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { Engine } from 'json-rules-engine';

const N = Number(process.argv[2] ?? process.env.ROWS ?? 200_000);
const BIG = Number(process.env.BIG_ROWS ?? 1_000_000);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}bench/out`;
mkdirSync(out, { recursive: true });
const bin = `${root}bin/vmvc.js`;
const { builtinRules, decide, resolveAnswers } = await import(`${root}dist/index.js`);
const rules = await builtinRules();

// Rows: a seeded mix of every question's choices, some left unanswered.
function* rows(count) {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < count; i++) {
    const row = { id: `svc-${i}` };
    for (const q of rules.questions) if (random() < 0.9) row[q.id] = q.choices[Math.floor(random() * q.choices.length)].id;
    yield row;
  }
}
// The same rows as people write them: questions by their short labels, choices by their labels,
// and each workload's OS as an inventory names it.
const OS_NAMES = { linux: 'Red Hat Enterprise Linux 8 (64-bit)', windows: 'Microsoft Windows Server 2019 (64-bit)', other: 'FreeBSD 13 (64-bit)', macos: 'macOS 14' };
function human(row) {
  const out = { Application: row.id };
  for (const q of rules.questions) {
    if (!(q.id in row)) continue;
    const os = q.id.endsWith('-os');
    out[q.label ?? q.id] = os ? OS_NAMES[row[q.id]] : q.choices.find((c) => c.id === row[q.id]).label;
  }
  return out;
}
async function writeRows(file, count, shape = (row) => row) {
  const stream = createWriteStream(file);
  let chunk = '';
  for (const row of rows(count)) {
    chunk += JSON.stringify(shape(row)) + '\n';
    if (chunk.length > 1 << 16) {
      if (!stream.write(chunk)) await once(stream, 'drain');
      chunk = '';
    }
  }
  stream.end(chunk);
  await once(stream, 'finish');
}

const floor = `${out}/floor.mjs`;
writeFileSync(
  floor,
  `import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
let n = 0, buf = '';
for await (const text of createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Infinity })) {
  n++;
  if (!text) continue;
  const row = JSON.parse(text);
  buf += JSON.stringify({ line: n, id: row.id, recommendation: 'container' }) + '\\n';
  if (buf.length > 65536) { process.stdout.write(buf); buf = ''; }
}
process.stdout.write(buf);
`,
);

/** Wall time and peak RSS (KiB, from GNU time) of a command with stdout to /dev/null. */
function measure(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  // GNU time prints "Command exited with non-zero status N" first when the command failed: a failed run is no measurement.
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
  const rss = Number(r.stderr.trim().split('\n').at(-1));
  return { ms, rss };
}

const file = `${out}/rows-${N}.jsonl`;
await writeRows(file, N);
const humanFile = `${out}/rows-${N}-human.jsonl`;
await writeRows(humanFile, N, human);
const floorRuns = [];
const vmvcRuns = [];
const humanRuns = [];
for (let i = 0; i < ROUNDS; i++) {
  floorRuns.push(measure([floor, file]).ms);
  vmvcRuns.push(measure([bin, 'advise', '--input', file, '--format', 'jsonl']).ms);
  humanRuns.push(measure([bin, 'advise', '--input', humanFile, '--format', 'jsonl']).ms);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const floorMs = median(floorRuns);
const vmvcMs = median(vmvcRuns);

// json-rules-engine: the same rules, as { conditions, event }.
const toJre = (cond) => {
  const all = [];
  for (const [key, value] of Object.entries(cond)) {
    if (key === 'all') all.push({ all: value.map(toJre) });
    else if (key === 'any') all.push({ any: value.map(toJre) });
    else if (key === 'not') all.push({ not: toJre(value) });
    else all.push({ fact: key, operator: 'in', value: Array.isArray(value) ? value : [value] });
  }
  return { all };
};
const engine = new Engine([], { allowUndefinedFacts: true });
for (const rule of rules.rules) engine.addRule({ conditions: toJre(rule.when), event: { type: rule.id, params: rule.effect } });
/** The same gates as vmvc's engine, applied to the events json-rules-engine fired. */
function outcomeFromEvents(events) {
  const scores = { container: 0, vm: 0 };
  let requirement = false;
  const excluded = new Set();
  for (const { params } of events) {
    if (params.require === 'vm') requirement = true;
    if (params.favour) scores[params.favour] += params.weight ?? 1;
    for (const o of params.exclude ?? []) excluded.add(o);
  }
  const margin = scores.container - scores.vm;
  for (const o of rules.outcomes) {
    if (excluded.has(o.id)) continue;
    if (o.requirement === false && requirement) continue;
    if (o.requirement === true && !requirement) continue;
    if (o['min-margin'] !== undefined && margin < o['min-margin']) continue;
    return o.id;
  }
}

const sample = [...rows(Math.min(N, 20_000))].map((row) => resolveAnswers(rules, [{ origin: 'file', answers: row }]).answers);
// Each engine first warms up on 2,000 rows, then decides the whole sample; vmvc's pass is
// repeated 5 times and the median taken (json-rules-engine's single pass takes seconds).
const warm = sample.slice(0, 2000);
for (const a of warm) decide(rules, a, { trace: false });
for (const a of warm) await engine.run(a);
let ours;
const oursRuns = [];
for (let round = 0; round < 5; round++) {
  const t = process.hrtime.bigint();
  ours = sample.map((a) => decide(rules, a, { trace: false }).outcome.id);
  oursRuns.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const oursMs = median(oursRuns);
let t = process.hrtime.bigint();
const theirs = [];
for (const a of sample) theirs.push(outcomeFromEvents((await engine.run(a)).events));
const theirsMs = Number(process.hrtime.bigint() - t) / 1e6;
const disagree = ours.filter((o, i) => o !== theirs[i]).length;

const bigFile = `${out}/rows-${BIG}.jsonl`;
await writeRows(bigFile, BIG);
const big = measure([bin, 'advise', '--input', bigFile, '--format', 'jsonl']);

const line = (name, value, target) => console.log(`${name.padEnd(52)} ${value.padStart(14)}  ${target}`);
console.log(`node ${process.version}; ${N} rows for timing (median of ${ROUNDS} rounds), ${sample.length} rows for the engines, ${BIG} rows for memory`);
line('floor: read, JSON.parse, write', `${floorMs.toFixed(0)} ms`, '');
line('vmvc advise --input (jsonl)', `${vmvcMs.toFixed(0)} ms`, '');
const verdict = (ok) => (ok ? 'met' : 'MISSED');
const perRound = median(vmvcRuns.map((v, i) => v / floorRuns[i]));
line('  ratio to the floor', `${(vmvcMs / floorMs).toFixed(2)}x`, `target <= 1.30x ${verdict(vmvcMs / floorMs <= 1.3)}`);
line('  per-round ratio (median)', `${perRound.toFixed(2)}x`, `target <= 1.30x ${verdict(perRound <= 1.3)}`);
const humanMs = median(humanRuns);
const humanRound = median(humanRuns.map((h, i) => h / vmvcRuns[i]));
line('vmvc, the same rows with human headers and values', `${humanMs.toFixed(0)} ms`, '');
line('  ratio to the same rows in ids', `${(humanMs / vmvcMs).toFixed(2)}x`, `target <= 1.50x ${verdict(humanMs / vmvcMs <= 1.5)}`);
line('  per-round ratio (median)', `${humanRound.toFixed(2)}x`, `target <= 1.50x ${verdict(humanRound <= 1.5)}`);
line('vmvc engine', `${Math.round(sample.length / (oursMs / 1000))} rows/s`, '');
line('json-rules-engine, same rules', `${Math.round(sample.length / (theirsMs / 1000))} rows/s`, '');
line('  vmvc throughput / json-rules-engine', `${(theirsMs / oursMs).toFixed(0)}x`, `target >= 50x ${verdict(theirsMs / oursMs >= 50)}`);
line('  rows where they disagree', `${disagree}`, `must be 0 ${verdict(disagree === 0)}`);
line(`peak RSS, ${BIG} rows`, `${(big.rss / 1024).toFixed(0)} MB`, `target < 150 MB ${verdict(big.rss / 1024 < 150)}`);
