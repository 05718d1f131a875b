// `vmvc questions` (src/commands/questions.ts) in each format, overlays included.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { vmvc } from './support/cli.js';
import { tempDir } from './support/temp.js';

const REGULATED = 'rules/examples/regulated-data.yaml';

describe('vmvc questions', () => {
  it('text lists flag, env, choices, default and sources', () => {
    const r = vmvc(['questions']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--isolation (VMVC_ISOLATION)\n  How strict must the separation from other workloads be?');
    expect(r.stdout).toContain('  choices: standard (default), strong, multi-tenant; or unsure\n');
  });
  it('json and markdown, including questions from an overlay', () => {
    const out = JSON.parse(vmvc(['questions', '--format', 'json', '--rules', REGULATED]).stdout);
    expect(out.questions.at(-1)).toMatchObject({ id: 'handles-card-data', flag: '--handles-card-data', env: 'VMVC_HANDLES_CARD_DATA', default: 'no' });
    const md = vmvc(['questions', '--format', 'markdown']).stdout;
    expect(md.split('\n')[0]).toBe('| flag | env | choices | default | asks | sources |');
    expect(md).toContain('| `--startup` | `VMVC_STARTUP` | any, fast, _unsure_ | any |');
    expect(out.questions[0].accepts).toEqual(['linux', 'windows', 'macos', 'unsure']);
  });
});

describe('vmvc questions --format yaml', () => {
  it('is an answers template at the defaults that --answers --no-defaults accepts', () => {
    const dir = tempDir('vmvc-');
    const template = vmvc(['questions', '--format', 'yaml']);
    expect(template.code).toBe(0);
    expect(template.stdout).toContain('# How strict must the separation from other workloads be?\n# standard, strong, multi-tenant, or unsure\nisolation: standard\n');
    writeFileSync(join(dir, 'answers.yaml'), template.stdout);
    const r = vmvc(['advise', '--answers', join(dir, 'answers.yaml'), '--no-input', '--no-defaults', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).assumed).toEqual([]);
  });
  it('carries the questions of the overlays in effect', () => {
    expect(vmvc(['--rules', REGULATED, 'questions', '--format', 'yaml']).stdout).toContain('\nhandles-card-data: "no"\n');
  });
});
