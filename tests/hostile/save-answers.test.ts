// --save-answers never replaces a link or a device, keeps a file's mode,
// writes to stdout for - and /dev/stdout, writes nothing when the run fails,
// and keeps assumed answers assumed when the file is read back.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vmvc } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const save = (file: string, extra: string[] = []) => vmvc(['advise', '--no-input', '--delivery', 'yes', '-q', '--save-answers', file, ...extra], { env: {} });

describe('--save-answers under attack', () => {
  it('a link to a file: the file it names is written, the link stays a link, and the file keeps its mode', () => {
    const dir = tempDir('vmvc-save-');
    const real = join(dir, 'real.yaml');
    writeFileSync(real, 'old\n');
    chmodSync(real, 0o600);
    symlinkSync('real.yaml', join(dir, 'link.yaml'));
    expect(save(join(dir, 'link.yaml')).code).toBe(0);
    expect(lstatSync(join(dir, 'link.yaml')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.yaml'))).toBe('real.yaml');
    expect(readFileSync(real, 'utf8')).toMatch(/^# vmvc answers/);
    expect(statSync(real).mode & 0o777).toBe(0o600);
  });
  it('a link to a device or a FIFO, or to nothing, is refused and left as it was', () => {
    const dir = tempDir('vmvc-save-');
    const fifo = join(dir, 'fifo');
    spawnSync('mkfifo', [fifo]);
    symlinkSync(fifo, join(dir, 'to-fifo.yaml'));
    symlinkSync('/dev/null', join(dir, 'to-null.yaml'));
    symlinkSync(join(dir, 'nothing'), join(dir, 'dangling.yaml'));
    for (const [name, why] of [['to-fifo.yaml', 'it is not a regular file'], ['to-null.yaml', 'it is not a regular file'], ['dangling.yaml', 'it is a link to nothing']] as const) {
      const r = save(join(dir, name));
      expect(r.code, name).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^error: --save-answers: cannot write ${join(dir, name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${why}`));
      expect(lstatSync(join(dir, name)).isSymbolicLink()).toBe(true);
    }
    expect(existsSync(join(dir, 'nothing'))).toBe(false);
  });
  it('- and /dev/stdout write the answers to stdout, after the advice; no file named - appears', () => {
    const dir = tempDir('vmvc-save-');
    for (const target of ['-', '/dev/stdout']) {
      const r = spawnSync(process.execPath, [join(process.cwd(), 'bin/vmvc.js'), 'advise', '--no-input', '-q', '--save-answers', target], { cwd: dir, encoding: 'utf8' });
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^container\n# vmvc answers: the answers one run used\n/);
    }
    expect(existsSync(join(dir, '-'))).toBe(false);
  });
  it('a run that fails (--expect not met) writes no file', () => {
    const file = join(tempDir('vmvc-save-'), 'answers.yaml');
    expect(save(file, ['--expect', 'vm']).code).toBe(1);
    expect(existsSync(file)).toBe(false);
  });
  it('assumed answers stay assumed: --expect-firm fails the same before and after the round trip', () => {
    const file = join(tempDir('vmvc-save-'), 'answers.yaml');
    expect(save(file).code).toBe(0);
    expect(vmvc(['advise', '--no-input', '--delivery', 'yes', '--expect-firm', '-q']).code).toBe(1);
    expect(vmvc(['advise', '--no-input', '--answers', file, '--expect-firm', '-q']).code).toBe(1);
    expect(vmvc(['advise', '--no-input', '--answers', file, '--no-defaults', '-q']).code).toBe(2);
  });
});
