// Nothing lost, nothing silently wrong, nothing unbounded in what vmvc reads:
// inventories (stray quotes, huge and endless lines, encodings, delimiters,
// line ends, columns that name nothing, duplicates) and the files it is handed.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, vmvc, waitUntil } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const jsonl = (text: string) => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
const dir = tempDir('vmvc-inputs-');
const file = (name: string, data: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};

/** Bytes a child has read so far (/proc/PID/io's rchar), 0 once it has gone. */
function bytesRead(pid: number): number {
  try {
    return Number(/rchar:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))![1]);
  } catch {
    return 0;
  }
}

/** Peak resident memory of a child, in MB, read from /proc while it runs. */
function rssMb(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
  } catch {
    return 0;
  }
}

describe('rows in = records out, in linear time', () => {
  it('one stray quote spoils only its own row: 40,000 rows in, 40,000 records out', () => {
    const rows = ['id,isolation,delivery'];
    for (let i = 0; i < 40_000; i++) rows.push(i === 1 ? `bad,"strong,yes` : `w${i},strong,yes`);
    const r = vmvc(['advise', '--input', file('stray.csv', rows.join('\n') + '\n')]);
    const out = jsonl(r.stdout);
    expect(out).toHaveLength(40_000);
    expect(out[1]).toMatchObject({ line: 3, error: expect.stringMatching(/quoted field is still open after 100 more lines; reading resumes at line 4/) });
    expect(out.filter((o) => o.error)).toHaveLength(1);
    expect(out.at(-1)).toMatchObject({ id: 'w39999', recommendation: 'containers-in-vm' });
    expect(r.code).toBe(2);
  }, 30_000);
  it('a 5 MB line is one error record, and the rows after it are decided', () => {
    const text = `{"id":"a","isolation":"strong"}\n{"id":"${'x'.repeat(5 * 1024 * 1024)}"}\n{"id":"c","delivery":"yes"}\n`;
    const r = vmvc(['advise', '--input', file('huge-line.jsonl', text)]);
    const out = jsonl(r.stdout);
    expect(out.map((o) => o.line)).toEqual([1, 2, 3]);
    expect(out[1].error).toBe('line 2 is longer than 1048576 characters; it was skipped');
    expect(out[2]).toMatchObject({ id: 'c', recommendation: 'container' });
  }, 30_000);
  it('an endless line (/dev/zero) is read past in bounded memory, and SIGTERM still ends it', async () => {
    const child = spawn(process.execPath, [BIN, 'advise', '--input', '/dev/zero', '--input-format', 'jsonl'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    // Well past the first line's limit (its record is written at the end), it is reading on through the endless line.
    await waitUntil(() => bytesRead(child.pid!) > 32 * 1024 * 1024, '32 MiB read');
    const peak = rssMb(child.pid!);
    const started = Date.now();
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.on('close', r));
    expect(Date.now() - started).toBeLessThan(1500);
    expect(code).toBe(143);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(200);
    expect(jsonl(stdout)).toEqual([{ line: 1, error: 'line 1 is longer than 1048576 characters; it was skipped' }]);
    expect(stderr).toBe('vmvc: stopped by SIGTERM after 1 row; the output holds that record and is incomplete\n');
  }, 15_000);
});

describe('inputs that decide nothing are errors; what can be recognised is read', () => {
  const expectRows = (r: ReturnType<typeof vmvc>, want: Array<Record<string, unknown>>) => {
    expect(r.stderr).not.toMatch(/^error/m);
    expect(jsonl(r.stdout)).toEqual(want.map((w) => expect.objectContaining(w)));
  };
  it('UTF-16 with a byte order mark, little- and big-endian', () => {
    const text = 'id,isolation\nu,strong\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    expectRows(vmvc(['advise', '--input', file('le.csv', le)]), [{ id: 'u', recommendation: 'vm' }]);
    expectRows(vmvc(['advise', '--input', file('be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), be]))]), [{ id: 'u', recommendation: 'vm' }]);
  });
  it('a ;-separated CSV, a tab-separated one, CR-only line ends, and column names in any case', () => {
    expectRows(vmvc(['advise', '--input', file('semi.csv', 'id;Isolation;DELIVERY\ns;strong;yes\n')]), [{ id: 's', recommendation: 'containers-in-vm' }]);
    expectRows(vmvc(['advise', '--input', file('tab.csv', 'id\tisolation\nt\tstrong\n')]), [{ id: 't', recommendation: 'vm' }]);
    expectRows(vmvc(['advise', '--input', file('mac.csv', 'id,isolation\rm,strong\rn,standard\r')]), [{ id: 'm', line: 2 }, { id: 'n', line: 3 }]);
  });
  it('a header in which no column names a question: exit 2 naming the questions (a near-miss first), nothing on stdout', () => {
    const r = vmvc(['advise', '--input', file('names.csv', 'id,isolaton,delivry\na,strong,yes\n')]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe('error: --input: column "isolaton" is not a question, but nearly isolation; did you mean "isolation"? Rename the column, or map it (--columns FILE, or columns: in the config)\n');
    const none = vmvc(['advise', '--input', file('none.csv', 'id,colour,size\na,red,9\n')]);
    expect([none.code, none.stdout]).toEqual([2, '']);
    expect(none.stderr).toBe(
      'error: --input: no column of the header names a question ("colour", "size"); questions are host-os (Host OS), workload-os (Workload OS), custom-kernel (Own kernel), isolation (Isolation), delivery (Shipped through CI/CD), density (Many per host), startup (Start-up time), lifecycle (On release), hardware-emulation (Emulated hardware), portability (Moves unchanged)\n',
    );
    const keys = vmvc(['advise', '--input', '-', '--input-format', 'jsonl'], { input: '{"Colour":"a"}\n' });
    expect(keys.code).toBe(2);
    expect(keys.stderr).toMatch(/^error: --input: no key of the first row names a question \("Colour"\)/);
  });
  it('a non-empty file with no rows is an error; an empty one is not', () => {
    const r = vmvc(['advise', '--input', file('header-only.csv', 'id,isolation\n')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --input .*header-only\.csv has a header but no rows\n$/);
    expect(vmvc(['advise', '--input', file('empty.csv', '')]).code).toBe(0);
  });
});

describe('ambiguity is reported, not resolved by the last value', () => {
  it('a JSONL key given twice with different values is an error naming both; the same value twice is fine', () => {
    const r = vmvc(['advise', '--input', '-', '--input-format', 'jsonl'], { input: '{"id":"a","isolation":"strong","isolation":"standard"}\n{"id":"b","isolation":"strong","isolation":"strong"}\n' });
    const [a, b] = jsonl(r.stdout);
    expect(a.error).toBe('key "isolation" is given twice with different values ("strong" and "standard")');
    expect(b.recommendation).toBe('vm');
  });
  it('duplicate CSV columns, or two spellings of one question, that disagree are an error', () => {
    const r = vmvc(['advise', '--input', '-', '--input-format', 'csv'], { input: 'id,isolation,isolation\na,strong,standard\nb,strong,strong\n' });
    const [a, b] = jsonl(r.stdout);
    expect(a.error).toBe('column "isolation" appears twice with different values ("strong" and "standard")');
    expect(b.recommendation).toBe('vm');
    const cased = jsonl(vmvc(['advise', '--input', '-', '--input-format', 'csv'], { input: 'id,isolation,Isolation\na,strong,standard\n' }).stdout);
    expect(cased[0].error).toBe('"isolation" and "Isolation" both answer isolation, differently ("strong" and "standard")');
  });
  it('a flag given twice with different values is an error naming both', () => {
    const r = vmvc(['advise', '--isolation', 'strong', '--isolation', 'standard']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --isolation is given twice, as "strong" and "standard"; give it once\n');
    expect(vmvc(['table', '-o', 'json', '--format', 'markdown']).stderr).toBe('error: --format is given twice, as "json" and "markdown"; give it once\n');
    expect(vmvc(['advise', '--no-input', '--isolation', 'strong', '--isolation', 'strong']).code).toBe(0);
  });
});

describe('nothing unbounded in the files vmvc is handed', () => {
  it('--rules /dev/zero, a FIFO as --rules or --answers, and a FIFO as the step summary are refused at once', () => {
    const fifo = join(dir, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const zero = vmvc(['--rules', '/dev/zero', 'table']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toBe('error: cannot read rules file /dev/zero: it is a device, not a file\n');
    expect(vmvc(['--rules', fifo, 'table']).stderr).toBe(`error: cannot read rules file ${fifo}: it is a pipe (FIFO), not a file\n`);
    expect(vmvc(['advise', '--answers', fifo]).stderr).toBe(`error: cannot read answers file ${fifo}: it is a pipe (FIFO), not a file\n`);
    const summary = vmvc(['advise', '--no-input', '--step-summary'], { env: { GITHUB_STEP_SUMMARY: fifo } });
    expect(summary.code).toBe(2);
    expect(summary.stderr).toMatch(/^error: --step-summary: cannot write .*fifo: /);
  }, 15_000);
  it('answers over 1 MB from stdin are refused', () => {
    const r = vmvc(['advise', '--answers', '-'], { input: `# ${'x'.repeat(1024 * 1024 + 10)}\nisolation: strong\n` });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: answers from stdin is over 1048576 bytes (1 MB), the limit\n');
  });
  it('a 900 KB overlay with one anchor and 99 aliases is refused without expanding it', () => {
    const big = `extends: default\nbig: &b [${Array(90_000).fill('"xxxxxxxx"').join(',')}]\n${Array.from({ length: 99 }, (_, i) => `c${i}: *b`).join('\n')}\n`;
    const path = file('aliases.yaml', big);
    const r = vmvc(['rules', 'validate', path]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(`${path}:1:1 (root): expands to more than 200000 nodes through its aliases; write it out plainly\n`);
  }, 15_000);
  it('validating many copies of one file checks its text once', () => {
    const text = readFileSync(join(ROOT, 'rules/examples/edge-fleet.yaml'), 'utf8');
    const copies = Array.from({ length: 40 }, (_, i) => file(`copy${i}.yaml`, text));
    const r = vmvc(['rules', 'validate', ...copies]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(40);
  }, 15_000);
  it('metadata is listed once: 1,000 distinct unknown keys give one note naming ten and counting the rest', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ isolation: 'strong', [`k${i}`]: 1 })).join('\n');
    const r = vmvc(['advise', '--input', '-', '--input-format', 'jsonl'], { input: rows + '\n' });
    const notes = r.stderr.split('\n').filter((l) => l.startsWith('vmvc: note: '));
    expect(notes).toEqual([`vmvc: note: these columns answer no question and are read as metadata: ${Array.from({ length: 10 }, (_, i) => `"k${i}"`).join(', ')} and 990 more`]);
    expect(jsonl(r.stdout)).toHaveLength(1000);
  });
});

describe('memory per distinct answer set is bounded', () => {
  it('20,000 random rows under a 20-question, 31-choice overlay: every record, under 200 MB', async () => {
    const questions = Array.from({ length: 20 }, (_, i) =>
      [`  - id: q${i}`, `    prompt: "Question ${i}?"`, '    help: "h"', `    choices: [${Array.from({ length: 31 }, (_, j) => `{ id: "c${j}", label: "C${j}" }`).join(', ')}]`, '    default: "c0"', '    sources: []'].join('\n'),
    );
    const rules = Array.from({ length: 40 }, (_, i) =>
      [`  - id: r${i}`, `    when: { q${i % 20}: ["c${i % 31}", "c${(i * 7) % 31}"] }`, `    effect: ${i % 3 ? `{ favour: container, weight: ${1 + (i % 5)} }` : '{ require: vm }'}`, `    reason: "Because ${i}."`, '    sources: [002_ff82260aaafd54dd.txt]'].join('\n'),
    );
    const overlay = file('large.yaml', `extends: default\nquestions:\n${questions.join('\n')}\nrules:\n${rules.join('\n')}\n`);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const row: Record<string, string> = { id: `w${i}` };
      for (let q = 0; q < 20; q++) if (random() % 4) row[`q${q}`] = `c${random() % 31}`;
      lines.push(JSON.stringify(row));
    }
    const input = file('random.jsonl', lines.join('\n') + '\n');
    const child = spawn(process.execPath, [BIN, '--rules', overlay, 'advise', '--input', input], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let count = 0;
    let peak = 0;
    child.stdout.on('data', (d: Buffer) => {
      for (const byte of d) if (byte === 10) count++;
      peak = Math.max(peak, rssMb(child.pid!));
    });
    const code = await new Promise((r) => child.on('close', r));
    expect(code).toBe(0);
    expect(count).toBe(20_000);
    expect(peak).toBeLessThan(200);
  }, 60_000);
});
