// What `vmvc detect` reads is outside text: any container image sets PID 1's
// environment. No escape sequence or invisible character from it reaches any
// output, in any format, nor the notes of advise --detect.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { vmvc } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const DANGEROUS = /(?![\t\n])[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}]/u;

describe('a hostile container environment', () => {
  it('container= with OSC 52, a screen clear and a bidi override is shown cleaned in text, JSON and advise --detect', () => {
    const root = tempDir('vmvc-detect-');
    cpSync(fileURLToPath(new URL('../fixtures/detect/podman', import.meta.url)), root, { recursive: true });
    writeFileSync(join(root, 'proc/1/environ'), 'PATH=/bin\0container=pod\u001b]52;c;cHduZWQ=\u0007man\u001b[2J\u202e\0');
    const env = { VMVC_DETECT_ROOT: root };
    for (const args of [['detect'], ['detect', '--format', 'json'], ['advise', '--detect', '--no-input'], ['advise', '--detect', '--no-input', '--format', 'markdown'], ['advise', '--detect', '--no-input', '--format', 'json']]) {
      const r = vmvc(args, { env });
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).not.toMatch(DANGEROUS);
      expect(r.stdout, args.join(' ')).not.toContain('52;c;');
    }
    expect(vmvc(['detect'], { env }).stdout).toMatch(/^Running on: podman/);
  });
});
