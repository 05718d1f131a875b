// The README is a front door and docs/ the manual: no dead relative link or
// anchor, and the lists they show agree with the one place each is defined.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ORIGINS } from '../src/answers.js';
import { COMMAND_TABLE } from '../src/command-table.js';
import { EXIT } from '../src/errors.js';
import { ROOT } from './support/cli.js';

const pages = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const read = (page: string) => readFileSync(join(ROOT, page), 'utf8');

/** Text outside fenced code blocks. */
const prose = (text: string) => text.replace(/^```[\s\S]*?^```/gm, '');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
const anchors = (page: string) => new Set([...prose(read(page)).matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));

/** Every relative link of a page: [text](target) and ![alt](target), outside code. */
function links(page: string): Array<{ target: string; anchor?: string }> {
  return [...prose(read(page)).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((t) => !/^[a-z]+:/i.test(t))
    .map((t) => {
      const [path, anchor] = t.split('#') as [string, string | undefined];
      return { target: path ? relative(ROOT, join(ROOT, dirname(page), path)) : page, anchor };
    });
}

describe('README and docs/', () => {
  it('the README stays a front door: at most 250 lines, with the two Quick start commands', () => {
    const readme = read('README.md');
    expect(readme.split('\n').length).toBeLessThanOrEqual(250);
    const quick = /## Quick start\n\n```sh\n([\s\S]*?)```/.exec(readme)![1]!.trim().split('\n');
    expect(quick).toEqual(['npm ci && npm run build && node bin/vmvc.js advise', 'npm ci && npm test']);
  });
  it.each(pages)('%s has no dead relative link or anchor', (page) => {
    for (const { target, anchor } of links(page)) {
      expect(existsSync(join(ROOT, target)), `${page} links to ${target}`).toBe(true);
      if (anchor && target.endsWith('.md')) expect([...anchors(target)], `${page} links to ${target}#${anchor}`).toContain(anchor);
    }
  });
  it('the link check finds a dead link and a dead anchor', () => {
    expect(existsSync(join(ROOT, 'docs/nothing.md'))).toBe(false);
    expect(anchors('docs/ci.md').has('no-such-heading')).toBe(false);
    expect(anchors('docs/ci.md').has('the-github-action')).toBe(true);
  });
  it('the README lists every command of the command table, and nothing else', () => {
    const listed = [...read('README.md').matchAll(/^\| `vmvc ([a-z ]+)` \|/gm)].map((m) => m[1]!);
    const commands = COMMAND_TABLE.filter((c) => !c.group).map((c) => (c.parent ? `${c.parent} ${c.name}` : c.name));
    expect([...listed].sort()).toEqual([...commands].sort());
  });
  it('docs/exit-codes.md lists every exit code vmvc defines, in order', () => {
    const listed = [...read('docs/exit-codes.md').matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]));
    expect(listed).toEqual(Object.values(EXIT).sort((a, b) => a - b));
  });
  it('docs/ci.md gives the answer origins in the order vmvc applies them', () => {
    const named = /in `answerOrigins` \(([^)]+)\)/.exec(read('docs/ci.md'))![1]!.match(/`([a-z]+)`/g)!.map((s) => s.slice(1, -1));
    expect(named).toEqual([...ORIGINS]);
  });
});
