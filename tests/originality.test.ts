// Our rules and README must say things in our own words: no run of eight or
// more consecutive words may match one of the source articles. The articles
// live in ../shared/seeds beside a CI checkout, not in the project; a clone on
// its own skips this file and says why.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SEEDS = fileURLToPath(new URL('../../shared/seeds/', import.meta.url));
const RUN = 8;
const present = existsSync(SEEDS);
if (!present) console.log(`originality check skipped: ${SEEDS} is absent (only CI has the source articles beside the clone)`);

const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/[’']/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** Every run of RUN consecutive words in `text`, joined by spaces. */
function runs(text: string): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  for (let i = 0; i + RUN <= w.length; i++) out.add(w.slice(i, i + RUN).join(' '));
  return out;
}

// The articles' own titles are quoted, not our wording: the declared article sources' titles are left out.
const titles = [...readFileSync(fileURLToPath(new URL('../rules/default.yaml', import.meta.url)), 'utf8').matchAll(/- file: \d{3}_\w+\.txt\n\s+title: "(.+)"/g)].map(
  (m) => m[1]!,
);

describe.skipIf(!present)('no eight-word run copied from a source article', () => {
  const seedRuns = new Set<string>();
  if (present) {
    for (const f of readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))) {
      for (const r of runs(readFileSync(SEEDS + f, 'utf8'))) seedRuns.add(r);
    }
  }
  const docs = readdirSync(fileURLToPath(new URL('../docs', import.meta.url))).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
  it.each(['rules/default.yaml', 'README.md', ...docs])('%s', (file) => {
    // Article titles are citations, not prose: leave them out.
    let text = readFileSync(fileURLToPath(new URL(`../${file}`, import.meta.url)), 'utf8');
    for (const title of titles) text = text.split(title).join(' ');
    const copied = [...runs(text)].filter((r) => seedRuns.has(r));
    expect(copied).toEqual([]);
  });
  it('knows the five titles it leaves out', () => expect(titles).toHaveLength(5));
  it('the check can fail: a copied sentence is caught', () => {
    const copied = [...runs('A container shares the host kernel and isolates a process with namespaces')].filter((r) => seedRuns.has(r));
    expect(copied.length).toBeGreaterThan(0);
  });
});
