// HTML report benchmark (`npm run bench:report`). For 10,000 and 100,000 rows:
// writes an inventory, makes the report with `vmvc advise --input ... --format
// html` (timing it and reading its peak RSS), opens it in headless Chromium
// (Debian's, through playwright-core) and times, inside the page:
// - open: navigation start to the first rows painted (the frame after they exist);
// - filter: typing a search, and choosing an outcome, until the next frame;
// - sort: a click on a column heading until the next frame.
// Targets at 100,000 rows: open under 1.5 s, filter under 150 ms, sort under
// 300 ms, vmvc under 300 MB RSS. Usage: node bench/report.mjs (build first).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}bench/out`;
mkdirSync(out, { recursive: true });
const CHROMIUM = process.env.VMVC_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.error(`bench/report.mjs needs Chromium at ${CHROMIUM} (apt-get install chromium)`);
  process.exit(2);
}

/** A seeded inventory of `n` CSV rows covering every question, one bad row in 500. */
function inventory(n) {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const lines = ['id,name,host-os,workload-os,isolation,delivery,density,startup,lifecycle'];
  for (let i = 0; i < n; i++) {
    const isolation = i % 500 === 7 ? 'hihg' : pick(['standard', 'strong', 'multi-tenant', 'standard']);
    lines.push([`svc-${i}`, `Service ${i}`, pick(['linux', 'windows', 'macos', 'linux']), pick(['linux', 'windows', 'other', 'linux']), isolation, pick(['yes', 'no']), pick(['yes', 'no']), pick(['any', 'fast']), pick(['ephemeral', 'long-lived'])].join(','));
  }
  return lines.join('\n') + '\n';
}

/** Makes the report with vmvc: wall time, and peak RSS read from /proc (VmHWM, the high-water mark) while it runs. */
async function makeReport(rows) {
  const csv = `${out}/report-${rows}.csv`;
  const html = `${out}/report-${rows}.html`;
  writeFileSync(csv, inventory(rows));
  const t = process.hrtime.bigint();
  const child = spawn(process.execPath, [`${root}bin/vmvc.js`, 'advise', '--input', csv, '--format', 'html'], { stdio: ['ignore', openSync(html, 'w'), 'ignore'] });
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
      peakKb = Math.max(peakKb, kb);
    } catch {}
  }, 10);
  const status = await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(poll);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (status !== 2 && status !== 0) throw new Error(`vmvc exited ${status}`);
  return { html, ms, bytes: statSync(html).size, rssMb: peakKb / 1024 };
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
const results = [];
for (const rows of [10_000, 100_000]) {
  const made = await makeReport(rows);
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(pathToFileURL(made.html).href, { waitUntil: 'load' });
  // Navigation start to the frame after the first rows exist.
  const open = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const check = () => (document.querySelector('#workloads tr.row') ? requestAnimationFrame(() => resolve(performance.now())) : requestAnimationFrame(check));
        check();
      }),
  );
  const timed = (action) =>
    page.evaluate(
      (what) =>
        new Promise((resolve) => {
          const t = performance.now();
          if (what === 'search') {
            const input = document.getElementById('search');
            input.value = 'service 4';
            input.dispatchEvent(new Event('input'));
          } else if (what === 'outcome') {
            const select = document.getElementById('outcome');
            select.value = 'vm';
            select.dispatchEvent(new Event('change'));
          } else if (what === 'clear') {
            const input = document.getElementById('search');
            input.value = '';
            input.dispatchEvent(new Event('input'));
            const select = document.getElementById('outcome');
            select.value = '';
            select.dispatchEvent(new Event('change'));
          } else document.querySelector(`th button[data-sort="${what}"]`).click();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t)));
        }),
      action,
    );
  const search = await timed('search');
  const outcome = await timed('outcome');
  await timed('clear');
  const sortName = await timed('workload');
  const sortRec = await timed('recommendation');
  results.push({ rows, ...made, open, search, outcome, sort: Math.max(sortName, sortRec) });
  await page.close();
}
await browser.close();

const mark = (ok) => (ok ? 'met' : 'MISSED');
console.log(`node ${process.version}, ${CHROMIUM}`);
console.log('rows      file MB  vmvc ms  vmvc MB  open ms  search ms  outcome ms  sort ms');
for (const r of results) {
  console.log(
    `${String(r.rows).padEnd(9)} ${(r.bytes / 1e6).toFixed(1).padStart(7)}  ${r.ms.toFixed(0).padStart(7)}  ${r.rssMb.toFixed(0).padStart(7)}  ${r.open.toFixed(0).padStart(7)}  ${r.search.toFixed(0).padStart(9)}  ${r.outcome.toFixed(0).padStart(10)}  ${r.sort.toFixed(0).padStart(7)}`,
  );
}
const big = results.at(-1);
console.log(`100,000 rows: open ${big.open.toFixed(0)} ms <= 1500 ${mark(big.open <= 1500)}; filter ${Math.max(big.search, big.outcome).toFixed(0)} ms <= 150 ${mark(Math.max(big.search, big.outcome) <= 150)}; sort ${big.sort.toFixed(0)} ms <= 300 ${mark(big.sort <= 300)}; vmvc ${big.rssMb.toFixed(0)} MB RSS < 300 ${mark(big.rssMb < 300)}`);
