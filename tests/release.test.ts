// The release workflow (.github/workflows/release.yml) cannot run here; what can
// be checked is that it asks for what a release needs and names only scripts
// and files this repository has.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli.js';

type Step = { run?: string; uses?: string; with?: Record<string, unknown> };
const workflow = parse(readFileSync(join(ROOT, '.github/workflows/release.yml'), 'utf8')) as {
  on: { push: { tags: string[] } };
  jobs: Record<string, { needs?: string; permissions?: Record<string, string>; strategy?: { matrix: { include: Array<{ target: string }> } }; steps: Step[] }>;
};
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const runs = Object.values(workflow.jobs).flatMap((j) => j.steps.map((s) => s.run ?? '')).join('\n');

describe('the release workflow', () => {
  it('runs on a version tag, after the tests, and builds a binary for each of the four platforms', () => {
    expect(workflow.on.push.tags).toEqual(['v*.*.*']);
    expect(workflow.jobs.binaries!.needs).toBe('test');
    expect(workflow.jobs.test!.steps.some((s) => s.run === 'bash .ci/run')).toBe(true);
    expect(workflow.jobs.binaries!.strategy!.matrix.include.map((m) => m.target)).toEqual(['linux-x64', 'linux-arm64', 'macos-arm64', 'windows-x64']);
    expect(runs).toContain('npm run build:sea');
    expect(runs).toContain('.sha256');
  });
  it('publishes to npm with provenance, attaches the binaries to the release and moves the major tag', () => {
    const publish = workflow.jobs.publish!;
    expect(publish.permissions).toEqual({ contents: 'write', 'id-token': 'write' });
    expect(runs).toContain('npm publish --provenance');
    expect(runs).toMatch(/gh release create "\$GITHUB_REF_NAME" binaries\/\*/);
    expect(runs).toMatch(/git tag -f "\$major"/);
  });
  it('names only npm scripts that exist', () => {
    const named = [...runs.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(0);
    for (const script of named) expect(pkg.scripts, script).toHaveProperty(script);
  });
});
