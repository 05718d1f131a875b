// Every ```console example in the README and docs/ is run and its output
// compared, so the documentation shows what vmvc really prints. In an example,
// a line that is only `...` stands for any number of lines, and `...` inside a
// line for any text. Files the examples use: a ```yaml block whose first line
// is `# path/name.yaml` is written to that path first, and SANDBOX names the
// repository files that stand in for the ones a reader would have
// (inventory.csv, policy/platform.yaml, the billing repository). Machine-specific output (vmvc detect)
// is shown in ```text blocks, which are not run.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './support/cli.js';
import { tempDir } from './support/temp.js';

/** Repository files copied into each example's folder under the names the examples use. */
const SANDBOX: Record<string, string> = {
  'inventory.csv': 'examples/portfolio.csv',
  'workload.yaml': 'examples/workload.yaml',
  'policy/platform.yaml': 'rules/examples/edge-fleet.yaml',
  'policy/platform.test.yaml': 'rules/examples/edge-fleet.test.yaml',
  'billing': 'tests/fixtures/scan/windows-service',
};

const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

interface Example {
  doc: string;
  command: string;
  expected: string[];
}

/** A document's console blocks (each a list of commands with the lines shown after them), and the files its yaml blocks declare. */
function parse(doc: string): { blocks: Example[][]; files: Record<string, string> } {
  const text = readFileSync(join(ROOT, doc), 'utf8');
  const blocks: Example[][] = [];
  const files: Record<string, string> = {};
  for (const [, lang, body] of text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
    const lines = body!.replace(/\n$/, '').split('\n');
    if (lang === 'yaml' && /^# [\w./-]+\.(ya?ml|json|csv)$/.test(lines[0]!)) files[lines[0]!.slice(2)] = body!;
    if (lang !== 'console') continue;
    const examples: Example[] = [];
    blocks.push(examples);
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]!.startsWith('$ ')) continue;
      let command = lines[i]!.slice(2);
      while (command.endsWith('\\')) command = `${command.slice(0, -1)} ${lines[++i]!.trim()}`;
      const expected: string[] = [];
      while (i + 1 < lines.length && !lines[i + 1]!.startsWith('$ ')) expected.push(lines[++i]!);
      while (expected.at(-1) === '') expected.pop();
      examples.push({ doc, command, expected });
    }
  }
  return { blocks, files };
}

/** Whether `actual` lines fit `expected`: `...` alone skips any lines, `...` inside a line matches any text. */
function fits(expected: readonly string[], actual: readonly string[]): boolean {
  const line = (e: string) => new RegExp(`^${e.split('...').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  const go = (e: number, a: number): boolean => {
    if (e === expected.length) return a === actual.length;
    if (expected[e]!.trim() === '...') {
      for (let k = a; k <= actual.length; k++) if (go(e + 1, k)) return true;
      return false;
    }
    return a < actual.length && line(expected[e]!).test(actual[a]!) && go(e + 1, a + 1);
  };
  return go(0, 0);
}

/** A folder with the files the examples of `doc` use, and `vmvc` on PATH as the built bin. */
function sandbox(files: Record<string, string>): { dir: string; path: string } {
  const dir = tempDir('vmvc-examples-');
  for (const link of ['rules', 'examples', 'schema']) symlinkSync(join(ROOT, link), join(dir, link));
  for (const [name, from] of Object.entries(SANDBOX)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    cpSync(join(ROOT, from), join(dir, name), { recursive: true });
  }
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'vmvc'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`);
  chmodSync(join(bin, 'vmvc'), 0o755);
  return { dir, path: `${bin}:${process.env.PATH}` };
}

const hasJq = spawnSync('sh', ['-c', 'command -v jq'], { stdio: 'ignore' }).status === 0;

describe('the examples in the README and docs/', () => {
  const all = DOCS.map((doc) => ({ doc, ...parse(doc) })).filter((d) => d.blocks.length);

  it('there are examples to run (the parser finds them)', () => {
    expect(all.map((d) => d.doc)).toEqual(expect.arrayContaining(['README.md', 'docs/ci.md', 'docs/policy.md']));
    expect(fits(['a', '...', 'b ... d'], ['a', 'x', 'y', 'b c d'])).toBe(true);
    expect(fits(['a', 'b'], ['a', 'c'])).toBe(false);
  });

  // One folder per block: a block's commands run in order and may use what the ones before made.
  for (const { doc, blocks, files } of all) {
    it.each(blocks.map((b) => [b.map((e) => e.command).join(' && '), b] as const))(`${doc}: $ %s`, (_commands, block) => {
      const { dir, path } = sandbox(files);
      for (const example of block) {
        if (!hasJq && /\bjq\b/.test(example.command)) {
          console.log(`skipped (jq is not installed): ${example.command}`);
          continue;
        }
        // As a reader's terminal shows it: stdout and stderr together, no colour, no prompts (CI is set).
        const r = spawnSync('sh', ['-c', `{ ${example.command}\n} 2>&1`], { cwd: dir, encoding: 'utf8', env: { PATH: path, HOME: dir, CI: 'true', NO_COLOR: '1' } });
        const actual = r.stdout.replace(/\n$/, '').split('\n');
        if (!example.expected.length) expect([example.command, r.status, r.stdout]).toEqual([example.command, 0, '']);
        else expect(fits(example.expected, actual), `$ ${example.command}\nexpected:\n${example.expected.join('\n')}\n\nactual:\n${r.stdout}`).toBe(true);
      }
    });
  }
});
