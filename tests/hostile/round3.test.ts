// Round three's lower-order attacks, one class each: files too big for their
// kind, device nodes named as rules, a deleted working folder, inputs that
// fail to read, XML-forbidden characters, and rows a rules diff cannot compare.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, vmvc } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

describe('what was too big, said plainly', () => {
  it('a 420 KB JSON answers file with no aliases is refused for its size, not for aliases', () => {
    const file = join(tempDir('vmvc-big-'), 'big.json');
    writeFileSync(file, JSON.stringify(Array.from({ length: 210_000 }, (_, i) => i % 10)));
    const r = vmvc(['advise', '--no-input', '--answers', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds more than 200000 values \(keys, items and scalars\)/);
    expect(r.stderr).not.toMatch(/alias/);
  });
});

describe('a device or FIFO named as a rules file is never opened', () => {
  it('--rules FIFO: refused without opening it (a writer waiting on the FIFO stays waiting); --version does not look at it', async () => {
    const dir = tempDir('vmvc-fifo-');
    const fifo = join(dir, 'rules.yaml');
    spawnSync('mkfifo', [fifo]);
    // The writer's open() returns only once a reader opens the FIFO.
    const writer = spawn('sh', ['-c', `echo x > ${JSON.stringify(fifo)}; echo opened`], { stdio: ['ignore', 'pipe', 'ignore'] });
    let opened = '';
    writer.stdout.on('data', (d) => (opened += d));
    const version = vmvc(['--rules', fifo, '--version']);
    expect([version.code, version.stderr]).toEqual([0, '']);
    const r = vmvc(['--rules', fifo, 'table']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: cannot read rules file ${fifo}: it is a pipe (FIFO), not a file\n`);
    expect(opened).toBe('');
    expect(writer.exitCode).toBe(null);
    // Let the writer finish: open the FIFO ourselves.
    spawnSync('sh', ['-c', `cat ${JSON.stringify(fifo)} > /dev/null`]);
    await new Promise((resolve) => writer.on('close', resolve));
    expect(opened).toBe('opened\n');
  });
});

describe('a working folder that was deleted', () => {
  it('is one line and exit 2, and a command that needs no folder still works with --no-config', () => {
    const dir = join(tempDir('vmvc-gone-'), 'gone');
    mkdirSync(dir);
    const script = `cd ${JSON.stringify(dir)} && rmdir ${JSON.stringify(dir)} && ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`;
    const plain = spawnSync('sh', ['-c', `${script} advise -q --no-input`], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(plain.status).toBe(2);
    expect(plain.stderr).toBe('error: the current folder no longer exists (it was deleted or moved); cd to one that does\n');
    mkdirSync(dir);
    const table = spawnSync('sh', ['-c', `${script} --no-config table --format json`], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(table.stderr).toBe('');
    expect(table.status).toBe(0);
    expect(JSON.parse(table.stdout).rows.length).toBeGreaterThan(5);
  });
  it('an unlistable folder of cases files is a usage error naming it', () => {
    if (process.getuid?.() === 0) return void console.log('unlistable-folder case skipped: root can list any folder');
    const dir = tempDir('vmvc-locked-');
    writeFileSync(join(dir, 'policy.yaml'), 'extends: default\n');
    spawnSync('chmod', ['000', dir]);
    const r = vmvc(['--rules', join(dir, 'policy.yaml'), 'rules', 'test']);
    spawnSync('chmod', ['755', dir]);
    expect(r.code).toBe(2);
  });
});

describe('an input that fails to read', () => {
  it('--input /proc/self/mem is an input error (exit 2), not an output one', () => {
    const r = vmvc(['advise', '--input', '/proc/self/mem', '--input-format', 'jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: cannot read --input /proc/self/mem: an input/output error (EIO)\n');
  });
});

describe('JUnit output is well-formed XML', () => {
  it('a case name holding U+FFFE, U+FFFF or a lone surrogate leaves them out', () => {
    const file = join(tempDir('vmvc-junit-'), 'odd.test.yaml');
    writeFileSync(file, `cases:\n  - name: "odd \\uFFFE \\uFFFF \\uD800 name"\n    answers: { delivery: "yes" }\n    expect: { recommendation: container }\n`);
    const r = vmvc(['rules', 'test', file, '--format', 'junit']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<testcase name="odd    name"');
    expect(r.stdout).not.toMatch(/[\uFFFE\uFFFF]|[\uD800-\uDFFF]/);
  });
});

describe('rules diff --input and rows neither side can decide', () => {
  it('are counted and listed, and the diff exits 2', () => {
    const file = join(tempDir('vmvc-diff-'), 'inv.csv');
    writeFileSync(file, 'id,name,handles-card-data,delivery\na,x,yes,yes\nb,y,yes,bogus\n');
    const r = vmvc(['rules', 'diff', 'default', join(ROOT, 'rules/examples/regulated-data.yaml'), '--input', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('1 of 2 workloads change their recommendation.\n1 workload neither side can decide (listed below; they compare nothing).\n');
    expect(r.stdout).toContain('  line 3 y: delivery must be one of no, yes (or unsure) (got "bogus")\n');
  });
  it('markdown stays under a step summary\'s 1 MiB and says how many rows it left out', () => {
    const file = join(tempDir('vmvc-diff-'), 'inv.csv');
    const name = 'n'.repeat(2000);
    writeFileSync(file, 'id,name,handles-card-data,delivery\n' + Array.from({ length: 800 }, (_, i) => `w${i},${name},yes,yes`).join('\n') + '\n');
    const r = vmvc(['rules', 'diff', 'default', join(ROOT, 'rules/examples/regulated-data.yaml'), '--input', file, '--format', 'markdown']);
    expect(r.code).toBe(1);
    expect(Buffer.byteLength(r.stdout)).toBeLessThan(1024 * 1024);
    expect(r.stdout).toMatch(/… and \d+ more not listed \(a step summary holds at most 1 MiB; use --format json for all of them\)\.\n$/);
  });
});

describe('work bounded whatever the rules file holds', () => {
  it('100 confidence cases against a 20-question, 31-choice overlay run as fast as any (each case walks a bounded sample)', async () => {
    const { runInProcess } = await import('../support/inprocess.js');
    const dir = tempDir('vmvc-wide-');
    const questions = Array.from({ length: 20 }, (_, i) => [
      `  - id: q${i}`,
      `    prompt: Q${i}?`,
      '    help: h',
      `    choices: [${Array.from({ length: 31 }, (_, j) => `{ id: c${j}, label: C${j} }`).join(', ')}]`,
      '    default: c0',
      '    sources: []',
    ]);
    const rules = Array.from({ length: 20 }, (_, i) => [`  - id: r${i}`, `    when: { q${i}: [c1, c2, c3], q${(i + 1) % 20}: [c4, c5] }`, '    effect: { favour: container, weight: 2 }', '    reason: R', '    sources: [002_ff82260aaafd54dd.txt]']);
    writeFileSync(join(dir, 'wide.yaml'), ['extends: default', 'questions:', ...questions.flat(), 'rules:', ...rules.flat(), ''].join('\n'));
    writeFileSync(join(dir, 'wide.test.yaml'), ['cases:', ...Array.from({ length: 100 }, (_, i) => [`  - name: case ${i}`, `    answers: { q${i % 20}: c1 }`, '    expect: { confidence: depends }']).flat(), ''].join('\n'));
    // The in-process runner's limit ends a run that does not finish (before: about a minute).
    const r = await runInProcess(['--rules', join(dir, 'wide.yaml'), 'rules', 'test', join(dir, 'wide.test.yaml')]);
    expect(r.stdout).toMatch(/\d+ passed, \d+ failed\n$/);
  }, 60_000);
});
