// The HTML report in a real browser: Debian's Chromium driven by playwright-core
// (no browser download). Skips, saying why, where /usr/bin/chromium is missing;
// .ci/run installs it.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, vmvc } from './support/cli.js';
import { tempDir } from './support/temp.js';

const CHROMIUM = process.env.VMVC_CHROMIUM ?? '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present) console.log(`browser tests skipped: ${CHROMIUM} is not installed (apt-get install chromium)`);

const XSS = '<img src=x onerror=alert(1)>';
const OUTCOMES = ['vm', 'container', 'containers-in-vm'];

/** An inventory of `n` rows: every question varied, one hostile name, one bad row every 500. */
function inventory(n: number): string {
  const lines = ['id,name,host-os,workload-os,isolation,delivery,density,lifecycle'];
  const pick = <T,>(xs: T[], i: number) => xs[i % xs.length]!;
  for (let i = 0; i < n; i++) {
    const name = i === 3 ? `"${XSS}"` : `Service ${i}`;
    const isolation = i % 500 === 7 ? 'hihg' : pick(['standard', 'strong', 'multi-tenant', 'standard'], i);
    lines.push([`svc-${i}`, name, pick(['linux', 'windows', 'linux'], i), pick(['linux', 'windows', 'other', 'linux', 'linux'], i), isolation, pick(['yes', 'no'], i >> 1), pick(['no', 'yes', 'no'], i), pick(['ephemeral', 'long-lived'], i >> 2)].join(','));
  }
  return lines.join('\n') + '\n';
}

describe.skipIf(!present)('the HTML report in Chromium', () => {
  let browser: Browser;
  // Made when the tests run (not when they are collected, or skipped), and removed after them.
  let dir: string;
  const shots = join(ROOT, 'tests', '.tmp');

  beforeAll(async () => {
    dir = tempDir('vmvc-html-');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => browser?.close());

  /** Writes an inventory, runs vmvc on it, and returns the report's path and the JSONL records for the same input. */
  function report(rows: number) {
    const csv = join(dir, `inventory-${rows}.csv`);
    writeFileSync(csv, inventory(rows));
    const html = join(dir, `report-${rows}.html`);
    const r = vmvc(['advise', '--input', csv, '--format', 'html'], { env: { SOURCE_DATE_EPOCH: '1764892800' } });
    writeFileSync(html, r.stdout);
    const records = vmvc(['advise', '--input', csv]).stdout.trim().split('\n').map((l) => JSON.parse(l));
    return { html, records, stderr: r.stderr };
  }

  async function open(path: string) {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    page.on('request', (req) => requests.push(req.url()));
    await page.goto(pathToFileURL(path).href);
    return { page, dialogs, requests };
  }

  /** The line numbers of every row reachable by scrolling the table from top to bottom, in order. */
  async function scrolledLines(page: import('playwright-core').Page): Promise<number[]> {
    return page.evaluate(async () => {
      const scroller = document.getElementById('scroller')!;
      const seen = new Map<string, number>();
      const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
      scroller.scrollTop = 0;
      await frame();
      for (;;) {
        for (const tr of document.querySelectorAll('#workloads tr.row')) seen.set((tr as HTMLElement).dataset.row!, Number(tr.firstChild!.textContent));
        if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;
        scroller.scrollTop += scroller.clientHeight;
        await frame();
      }
      return [...seen.values()];
    });
  }

  it('every row is reachable by scrolling, filters by outcome and text, escapes hostile names, and makes no request', async () => {
    const { html, records, stderr } = report(600);
    expect(stderr).toMatch(/^vmvc: 600 rows read, 598 decided, 2 errors;/);
    const { page, dialogs, requests } = await open(html);
    expect(await page.locator('#shown').textContent()).toBe('showing 600 of 600');
    // The heading names the input and the day; each row shows its id and its name.
    expect(await page.locator('h1').textContent()).toBe('vmvc portfolio report: inventory-600.csv');
    expect(await page.locator('p.meta').first().textContent()).toBe('600 workloads · 2025-12-05 · rules version 1 · decided by vmvc');
    expect(await page.locator('#workloads tbody tr.row').nth(1).locator('td').allTextContents()).toEqual(['3', 'svc-1', 'Service 1', 'containers inside a VM', records[1].reasons.join(', ')]);
    // Only the rows in view are drawn, each exactly one row high, so the spacers stand in for the rest.
    const drawn = await page.locator('#workloads tbody tr.row').count();
    expect(drawn).toBeGreaterThan(10);
    expect(drawn).toBeLessThan(100);
    const heights = await page.locator('#workloads tbody tr.row').evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height));
    expect(new Set(heights)).toEqual(new Set([32]));
    expect(await scrolledLines(page)).toEqual(records.map((r) => r.line));
    for (const outcome of OUTCOMES) {
      await page.selectOption('#outcome', outcome);
      const want = records.filter((r) => r.recommendation === outcome);
      expect(await page.locator('#shown').textContent()).toBe(`showing ${want.length} of 600`);
      expect(await scrolledLines(page)).toEqual(want.map((r) => r.line));
    }
    await page.selectOption('#outcome', 'error');
    expect(await scrolledLines(page)).toEqual(records.filter((r) => r.error).map((r) => r.line));
    await page.selectOption('#outcome', '');
    await page.fill('#search', 'svc-599');
    expect(await page.locator('#shown').textContent()).toBe('showing 1 of 600');
    await page.fill('#search', 'delivery-favours');
    expect(await page.locator('#shown').textContent()).toBe(`showing ${records.filter((r) => r.reasons?.includes('delivery-favours-containers')).length} of 600`);
    await page.fill('#search', '');
    expect(await page.locator('#shown').textContent()).toBe('showing 600 of 600');
    await page.evaluate(() => (document.getElementById('scroller')!.scrollTop = 0));
    // The hostile name is text, not markup, and nothing ran.
    expect(await page.getByText(XSS, { exact: true }).count()).toBe(1);
    expect(await page.locator('#workloads img').count()).toBe(0);
    await page.getByText(XSS, { exact: true }).click();
    expect(await page.locator('#detail').textContent()).toContain('Reasons');
    expect(await page.locator('#detail img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([pathToFileURL(html).href]);
    // Sorting by recommendation keeps every row; errors last, then by line.
    await page.click('th button[data-sort="recommendation"]');
    const order = (r: { recommendation?: string; error?: string }) => (r.error ? 3 : ['container', 'containers-in-vm', 'vm'].indexOf(r.recommendation!));
    const sorted = [...records].sort((a, b) => order(a) - order(b) || a.line - b.line).map((r) => r.line);
    expect(await scrolledLines(page)).toEqual(sorted);
    mkdirSync(shots, { recursive: true });
    await page.evaluate(() => (document.getElementById('scroller')!.scrollTop = 0));
    // Opening a row's details leaves the row where it was (they open beside the table, not above it).
    const row = page.locator('#workloads tbody tr.row').nth(1);
    // The scroll above redraws the rows on the next frame: measure once it is drawn.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r))));
    await row.waitFor({ state: 'visible' });
    const before = await row.boundingBox();
    expect(before).not.toBeNull();
    await row.click();
    expect(await page.locator('#detail').isVisible()).toBe(true);
    expect(await row.boundingBox()).toEqual(before);
    await page.screenshot({ path: join(shots, 'report.png'), fullPage: false });
    await page.locator('#detail button.close').click();
    expect(await page.locator('#detail').isVisible()).toBe(false);
    await page.close();
  }, 60_000);

  it('100,000 rows open, scroll to the last row and filter (bench/report.mjs times it)', async () => {
    const { html, records } = report(100_000);
    const { page, dialogs } = await open(html);
    expect(await page.locator('#shown').textContent()).toBe('showing 100000 of 100000');
    expect(await page.locator('#workloads tbody tr.row').count()).toBeLessThan(100);
    await page.evaluate(() => {
      const scroller = document.getElementById('scroller')!;
      scroller.scrollTop = scroller.scrollHeight;
    });
    await page.waitForFunction(() => [...document.querySelectorAll('#workloads tr.row td:first-child')].some((td) => td.textContent === '100001'));
    const last = await page.locator('#workloads tr.row').last().locator('td').first().textContent();
    expect(last).toBe(String(records.at(-1).line));
    await page.selectOption('#outcome', 'vm');
    expect(await page.locator('#shown').textContent()).toBe(`showing ${records.filter((r) => r.recommendation === 'vm').length} of 100000`);
    await page.fill('#search', 'svc-99999');
    expect(await page.locator('#shown').textContent()).toBe(`showing ${records.filter((r) => r.id === 'svc-99999' && r.recommendation === 'vm').length} of 100000`);
    expect(dialogs).toEqual([]);
    await page.close();
  }, 120_000);

  it('a single answer as a page, with the comparison table and its sources', async () => {
    const html = join(dir, 'one.html');
    writeFileSync(html, vmvc(['advise', '--format', 'html', '--isolation', 'multi-tenant', '--delivery', 'yes']).stdout);
    const { page, requests } = await open(html);
    expect(await page.locator('h1').textContent()).toContain('Run it as containers inside a VM');
    expect(await page.locator('table tbody tr').count()).toBe(10);
    expect(await page.getByText('002_ff82260aaafd54dd.txt').count()).toBe(1);
    expect(requests).toHaveLength(1);
    await page.close();
  }, 60_000);

  it('the Mermaid flowchart parses with Mermaid itself and draws compactly (the whole decision, not one long path)', async () => {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ path: join(ROOT, 'node_modules/mermaid/dist/mermaid.min.js') });
    for (const args of [['--isolation', 'multi-tenant', '--delivery', 'yes'], ['--workload-os', 'other'], ['--rules', 'rules/examples/regulated-data.yaml', '--handles-card-data', 'yes']]) {
      const md = vmvc(['advise', '--format', 'markdown', ...args]).stdout;
      const chart = /```mermaid\n([^]*?)\n```/.exec(md)![1]!;
      const ok = await page.evaluate(async (text) => {
        const { mermaid } = window as unknown as { mermaid: { parse: (t: string) => Promise<unknown>; initialize: (o: object) => void; render: (id: string, t: string) => Promise<{ svg: string }> } };
        try {
          await mermaid.parse(text);
          mermaid.initialize({ startOnLoad: false });
          const { svg } = await mermaid.render('chart', text);
          document.body.innerHTML = svg;
          const box = document.querySelector('svg')!.getBoundingClientRect();
          return `ok ${Math.round(box.width)}x${Math.round(box.height)}`;
        } catch (error) {
          return String(error);
        }
      }, chart);
      expect(ok, chart).toMatch(/^ok \d+x\d+$/);
      // As drawn at its natural size: a PR comment shows it without scrolling far.
      const [width, height] = ok.slice(3).split('x').map(Number);
      console.log(`flowchart for ${args.join(' ')}: ${width}x${height} px`);
      expect(height).toBeLessThan(400);
      expect(width).toBeLessThan(1600);
    }
    await page.close();
  }, 60_000);
});
