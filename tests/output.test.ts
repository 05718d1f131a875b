/**
 * Exact output of every formatter on fixed answers, compared with files under
 * tests/fixtures/output/: a change to what vmvc prints shows as a diff of those
 * files in review, not as a pattern that still happens to match.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './support/inprocess.js';

const WINDOWS_ON_LINUX = ['--no-input', '--workload-os', 'windows', '--host-os', 'linux', '--isolation', 'strong', '--delivery', 'yes'];

const cases: Array<[name: string, args: string[]]> = [
  ['advise.txt', ['advise', ...WINDOWS_ON_LINUX]],
  ['advise-explain.txt', ['advise', ...WINDOWS_ON_LINUX, '--explain']],
  ['advise-ascii.txt', ['--ascii', 'advise', '--no-input', '--density', 'yes', '--explain']],
  ['advise.md', ['advise', ...WINDOWS_ON_LINUX, '--format', 'markdown']],
  ['advise.json', ['advise', ...WINDOWS_ON_LINUX, '--format', 'json']],
  ['advise-explain.json', ['advise', ...WINDOWS_ON_LINUX, '--format', 'json', '--explain']],
  ['advise.html', ['advise', ...WINDOWS_ON_LINUX, '--format', 'html']],
  ['table.txt', ['table']],
  ['table.md', ['table', '--format', 'markdown']],
  ['table.json', ['table', '--format', 'json']],
  ['questions.txt', ['questions']],
  ['questions.md', ['questions', '--format', 'markdown']],
  ['questions.json', ['questions', '--format', 'json']],
  ['portfolio.csv', ['advise', '--input', 'tests/fixtures/portfolio/mixed.csv', '--format', 'csv']],
  ['portfolio.jsonl', ['advise', '--input', 'tests/fixtures/portfolio/mixed.csv']],
  ['portfolio.md', ['advise', '--input', 'tests/fixtures/portfolio/mixed.csv', '--format', 'markdown']],
  ['portfolio.txt', ['advise', '--input', 'tests/fixtures/portfolio/mixed.csv', '--format', 'text']],
  ['help.txt', ['--help']],
  ['help-advise.txt', ['advise', '--help']],
  ['help-rules.txt', ['rules', '--help']],
  ['help-rules-show.txt', ['rules', 'show', '--help']],
  ['help-schema.txt', ['help', 'schema']],
  ['completion.bash', ['completion', 'bash']],
  ['completion.zsh', ['completion', 'zsh']],
  ['completion.fish', ['completion', 'fish']],
  ['rules-validate.txt', ['rules', 'validate', 'rules/examples/edge-fleet.yaml', 'rules/examples/regulated-data.yaml']],
];

describe('exact output (colour off, 100 columns)', () => {
  it.each(cases)('%s', async (name, args) => {
    const r = await runInProcess(args, { NO_COLOR: '1' }, 10_000);
    expect(r.code === 0 || name.startsWith('portfolio')).toBe(true);
    await expect(r.stdout).toMatchFileSnapshot(`fixtures/output/${name}`);
  });
});
