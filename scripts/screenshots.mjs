// Makes the README's pictures: docs/report.png (the HTML report for
// examples/portfolio.csv, one row expanded) and docs/bars.png (the terminal
// score bars). Needs a build and Debian's Chromium: node scripts/screenshots.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const vmvc = (...args) => spawnSync(process.execPath, [join(root, 'bin/vmvc.js'), ...args], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH } }).stdout;
const dir = mkdtempSync(join(tmpdir(), 'vmvc-shots-'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });

const report = join(dir, 'report.html');
writeFileSync(report, vmvc('advise', '--input', 'examples/portfolio.csv', '--format', 'html'));
let page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
await page.goto(pathToFileURL(report).href);
await page.getByText('Customer code sandboxes').click();
await page.screenshot({ path: join(root, 'docs/report.png') });

const text = vmvc('advise', '--no-input', '--isolation', 'multi-tenant', '--delivery', 'yes', '--density', 'yes').split('\n').slice(0, 8).join('\n');
const escaped = text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);
writeFileSync(join(dir, 'bars.html'), `<!doctype html><meta charset="utf-8"><body style="margin:0;background:#1e1e1e"><pre style="margin:0;padding:16px;color:#e6e6e6;font:14px/1.35 'DejaVu Sans Mono',monospace">$ vmvc advise --isolation multi-tenant --delivery yes --density yes\n${escaped}</pre>`);
page = await browser.newPage({ viewport: { width: 1100, height: 220 } });
await page.goto(pathToFileURL(join(dir, 'bars.html')).href);
await page.screenshot({ path: join(root, 'docs/bars.png') });
await browser.close();
console.log('wrote docs/report.png and docs/bars.png');
