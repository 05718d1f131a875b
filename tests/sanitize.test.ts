// Hostile text from rules and answers files is neutralised before it reaches a
// terminal (src/sanitize.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vmvc } from './support/cli.js';
import { tempDir } from './support/temp.js';

describe('hostile text is neutralised before it reaches a terminal', () => {
  it('OSC 52 clipboard writes and cursor moves in a rules file are stripped from text output', () => {
    const dir = tempDir('vmvc-');
    const file = join(dir, 'hostile.yaml');
    writeFileSync(
      file,
      [
        'extends: default',
        'notes:',
        '  - id: hostile',
        '    when: { delivery: "yes" }',
        '    text: "Harmless words\\e]52;c;ZWNobyBwd25lZA==\\a and more\\e[2J\\e[1;1H end"',
        '    sources: [002_ff82260aaafd54dd.txt]',
      ].join('\n'),
    );
    const r = vmvc(['advise', '--rules', file, '--delivery', 'yes', '--no-input']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Harmless words and more end');
    expect(r.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    const md = vmvc(['advise', '--rules', file, '--delivery', 'yes', '--format', 'markdown']).stdout;
    expect(md).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    // JSON keeps the data, escaped, so nothing raw reaches a terminal either.
    const raw = vmvc(['advise', '--rules', file, '--delivery', 'yes', '--format', 'json']).stdout;
    expect(raw).not.toMatch(/\x1b/);
    expect(raw).toContain('\\u001b]52;c;');
  });
  it.each(['__proto__', 'constructor', 'prototype'])('%s is refused as a question id', (id) => {
    const dir = tempDir('vmvc-');
    const file = join(dir, 'proto.yaml');
    writeFileSync(file, `extends: default\nquestions:\n  - { id: ${JSON.stringify(id)}, prompt: P?, help: H, choices: [{ id: a, label: A }, { id: b, label: B }], default: a, sources: [] }\n`);
    const r = vmvc(['rules', 'validate', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/questions\[0\]\.id: /);
  });
});
