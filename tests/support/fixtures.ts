// Exact output of every formatter on fixed answers, compared with files under
// tests/fixtures/output/ (tests/format.test.ts in-process, tests/sea.test.ts against the single
// executable): a change to what vmvc prints shows as a diff of those
// files in review, not as a pattern that still happens to match.
const WINDOWS_ON_LINUX = ['--no-input', '--workload-os', 'windows', '--host-os', 'linux', '--isolation', 'strong', '--delivery', 'yes'];

export const OUTPUT_CASES: Array<[name: string, args: string[]]> = [
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
  ['portfolio.html', ['advise', '--input', 'tests/fixtures/portfolio/mixed.csv', '--format', 'html']],
  ['help.txt', ['--help']],
  ['help-advise.txt', ['advise', '--help']],
  ['help-rules.txt', ['rules', '--help']],
  ['help-rules-show.txt', ['rules', 'show', '--help']],
  ['help-schema.txt', ['help', 'schema']],
  ['completion.bash', ['completion', 'bash']],
  ['completion.zsh', ['completion', 'zsh']],
  ['completion.fish', ['completion', 'fish']],
  ['scan.txt', ['scan', 'tests/fixtures/scan/windows-service']],
  ['scan.json', ['scan', 'tests/fixtures/scan/windows-service', '--format', 'json']],
  ['advise-scan.txt', ['advise', '--no-input', '--scan', 'tests/fixtures/scan/windows-service', '--host-os', 'linux', '--workload-os', 'linux']],
  ['advise-scan.md', ['advise', '--no-input', '--scan', 'tests/fixtures/scan/sandbox-deployment', '--format', 'markdown']],
  ['advise-scan.json', ['advise', '--no-input', '--scan', 'tests/fixtures/scan/sandbox-deployment', '--format', 'json']],
  ['rules-validate.txt', ['rules', 'validate', 'rules/examples/edge-fleet.yaml', 'rules/examples/regulated-data.yaml']],
];

/** The files those cases read, relative to the repository root. */
export const OUTPUT_CASE_INPUTS = ['tests/fixtures/scan/windows-service', 'tests/fixtures/scan/sandbox-deployment', 'tests/fixtures/portfolio/mixed.csv', 'rules/examples/edge-fleet.yaml', 'rules/examples/regulated-data.yaml'];
