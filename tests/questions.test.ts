// `vmvc questions` (src/commands/questions.ts) in each format, overlays included.
import { describe, expect, it } from 'vitest';
import { vmvc } from './support/cli.js';

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
