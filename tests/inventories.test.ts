// Inventories as people write them: human headers, labels and OS names as
// values, metadata columns, near-miss headers, RVTools vInfo exports, and drift
// between where a workload runs and where vmvc advises it should.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellChoice } from '../src/answers.js';
import { loadRulesFile } from '../src/rules/load.js';
import { defaultRulesPath } from '../src/rules/builtin.js';
import { vmvc } from './support/cli.js';
import { tempDir } from './support/temp.js';

const rules = loadRulesFile(defaultRulesPath());
const question = (id: string) => rules.questions.find((q) => q.id === id)!;
const jsonl = (text: string) => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
const csv = (name: string, text: string) => {
  const path = join(tempDir('vmvc-inventory-'), name);
  writeFileSync(path, text);
  return path;
};

describe('values as inventories write them', () => {
  it.each([
    ['workload-os', 'Microsoft Windows Server 2019 (64-bit)', 'windows'],
    ['workload-os', 'Windows 10', 'windows'],
    ['workload-os', 'Ubuntu 22.04', 'linux'],
    ['workload-os', 'Red Hat Enterprise Linux 8 (64-bit)', 'linux'],
    ['workload-os', 'CentOS 7 (64-bit)', 'linux'],
    ['workload-os', 'Debian GNU/Linux 12 (64-bit)', 'linux'],
    ['workload-os', 'Other 4.x or later Linux (64-bit)', 'linux'],
    ['workload-os', 'FreeBSD 13 (64-bit)', 'other'],
    ['workload-os', 'Oracle Solaris 11 (64-bit)', 'other'],
    ['workload-os', 'IBM z/OS', 'other'],
    ['host-os', 'macOS 14', 'macos'],
    ['isolation', 'Not sure', 'unsure'],
    ['isolation', 'Multi-tenant', 'multi-tenant'],
    ['hardware-emulation', 'Yes', 'yes'],
    ['hardware-emulation', 'FALSE', 'no'],
    ['workload-os', 'Something else (BSD, an RTOS, a legacy OS)', 'other'],
  ])('%s: %j -> %s', (id, text, choice) => {
    expect(cellChoice(question(id), text, id)).toBe(choice);
  });
  it('text that names two choices, or none, is an error naming the question', () => {
    expect(() => cellChoice(question('workload-os'), 'Linux guest on Windows', 'workload-os')).toThrow('workload-os: "Linux guest on Windows" reads as linux and windows; write one of them');
    expect(() => cellChoice(question('workload-os'), 'macOS 14', 'workload-os')).toThrow(/^workload-os must be one of linux, windows, other \(or unsure\) \(got "macOS 14"\)/);
  });
});

describe('a realistic inventory', () => {
  const text = [
    'Application,Host OS,Workload OS,HW Emulation,Isolation,Owner,Notes,Current',
    'Billing API,Ubuntu 22.04,Microsoft Windows Server 2019 (64-bit),No,Not sure,team-a,legacy,Container',
    'Portal,Red Hat Enterprise Linux 8 (64-bit),Ubuntu 22.04,no,Standard,team-b,,container',
    'Mainframe bridge,Debian GNU/Linux 12 (64-bit),IBM z/OS,No,strong,team-c,,vm',
    '',
  ].join('\n');

  it('is decided from its columns: names, answers as the choices used, where each runs and whether it drifts', () => {
    const r = vmvc(['advise', '--input', csv('estate.csv', text)]);
    expect(r.code).toBe(0);
    const records = jsonl(r.stdout);
    expect(records.map((x) => [x.name, x.answers['host-os'], x.answers['workload-os'], x.answers.isolation, x.current, x.recommendation, x.drift])).toEqual([
      ['Billing API', 'linux', 'windows', 'strong', 'container', 'vm', true],
      ['Portal', 'linux', 'linux', 'standard', 'container', 'container', false],
      ['Mainframe bridge', 'linux', 'other', 'strong', 'vm', 'vm', false],
    ]);
    expect(records[0].unsure).toEqual(['isolation']);
    expect(records.every((x) => !x.assumed.includes('workload-os') && !x.assumed.includes('host-os'))).toBe(true);
    expect(r.stderr).toBe(
      [
        'vmvc: note: these columns answer no question and are read as metadata: "Owner", "Notes"',
        'vmvc: 3 rows read, 3 decided, 0 errors; container 1, containers-in-vm 0, vm 2; 2 depend on an unsure or assumed answer',
        'vmvc: drift: 1 of 3 rows that say where they run runs elsewhere than advised: 1 runs as container where virtual machine is advised',
        '',
      ].join('\n'),
    );
  });
  it('--fail-on-drift exits 1 when a row drifts, 0 when none does; it needs --input', () => {
    expect(vmvc(['advise', '--input', csv('estate.csv', text), '--fail-on-drift']).code).toBe(1);
    expect(vmvc(['advise', '--input', csv('fine.csv', text.split('\n').filter((l) => !l.startsWith('Billing')).join('\n')), '--fail-on-drift']).code).toBe(0);
    const single = vmvc(['advise', '--no-input', '--fail-on-drift']);
    expect([single.code, single.stderr]).toEqual([2, 'error: --fail-on-drift applies to an inventory; use it with --input\n']);
    expect(vmvc(['advise', '--no-input', '--keep-columns', 'owner']).stderr).toBe('error: --keep-columns applies to an inventory; use it with --input\n');
  });
  it('headers match ignoring case, spaces, _ and -', () => {
    for (const header of ['host_os', 'HOST-OS', ' Host OS ', 'hostos']) {
      const r = vmvc(['advise', '--input', csv('h.csv', `name,${header}\na,windows\n`)]);
      expect(jsonl(r.stdout)[0].answers['host-os'], header).toBe('windows');
    }
  });
  it('a header that is nearly a question is exit 2 naming it and the question, before any record', () => {
    for (const [header, id] of [
      ['Isolaton', 'isolation'],
      ['Worklod OS', 'workload-os'],
    ]) {
      const r = vmvc(['advise', '--input', csv('near.csv', `Application,${header}\na,strong\n`)]);
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toBe(`error: --input: column "${header}" is not a question, but nearly ${id}; did you mean "${id}"? Rename the column, or map it (--columns FILE, or columns: in the config)\n`);
    }
  });
  it('a current value that is no outcome is an error record with a suggestion', () => {
    const records = jsonl(vmvc(['advise', '--input', csv('c.csv', 'name,current\na,vmm\n')]).stdout);
    expect(records[0].error).toBe('current: "vmm" is not an outcome; did you mean "vm"?; outcomes are container, containers-in-vm, vm');
  });
});

describe('an RVTools vInfo export (CSV)', () => {
  it('names from VM, workload OS from VMware Tools (else the configured OS), powered-off VMs and templates kept and marked', () => {
    const text = [
      'VM,Powerstate,Template,OS according to the configuration file,OS according to the VMware Tools,Host,Cluster,CPUs',
      'web01,poweredOn,False,Microsoft Windows Server 2016 (64-bit),Microsoft Windows Server 2019 (64-bit),esx1,c1,4',
      'db02,poweredOff,False,Red Hat Enterprise Linux 8 (64-bit),,esx2,c1,8',
      'tpl,poweredOff,True,FreeBSD 13 (64-bit),,esx1,c1,2',
      '',
    ].join('\n');
    const r = vmvc(['advise', '--input', csv('vinfo.csv', text)]);
    expect(r.code).toBe(0);
    const records = jsonl(r.stdout);
    expect(records.map((x) => [x.name, x.powerState, x.template ?? false, x.answers['workload-os']])).toEqual([
      ['web01', 'poweredOn', false, 'windows'],
      ['db02', 'poweredOff', false, 'linux'],
      ['tpl', 'poweredOff', true, 'other'],
    ]);
    // RVTools' own columns are metadata, never a near-miss (Host is two edits from host-os).
    expect(r.stderr.split('\n')[0]).toBe('vmvc: note: these columns answer no question and are read as metadata: "Host", "Cluster", "CPUs"');
  });
});

describe('a mapping for everything else, and columns kept', () => {
  const inventory = 'Server,Isolaton,Emul,Owner,Env\na,strong,yes,team-a,prod\n';
  it('--columns FILE maps headers to questions, name, id, current or ignore; a header the file lacks is no error', () => {
    const dir = tempDir('vmvc-columns-');
    const map = join(dir, 'columns.yaml');
    writeFileSync(map, 'Isolaton: isolation\nEmul: hardware-emulation\nServer: name\nEnv: ignore\nNot in the file: density\n');
    const r = vmvc(['advise', '--input', csv('m.csv', inventory), '--columns', map]);
    expect(r.code).toBe(0);
    const [record] = jsonl(r.stdout);
    expect([record.name, record.answers.isolation, record.answers['hardware-emulation']]).toEqual(['a', 'strong', 'yes']);
    // Env was mapped to ignore: only Owner is named as metadata.
    expect(r.stderr.split('\n')[0]).toBe('vmvc: note: this column answers no question and is read as metadata: "Owner"');
    writeFileSync(map, 'Isolaton: isolatoin\n');
    const bad = vmvc(['advise', '--input', csv('m.csv', inventory), '--columns', map]);
    expect([bad.code, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr).toBe(`error: --columns ${map}: column "Isolaton" maps to "isolatoin", which is not a question; did you mean "isolation"?; give a question id or name, id, current, repo, ignore\n`);
  });
  it("the config's columns: map too, and a bad target names the config's line", () => {
    const dir = tempDir('vmvc-columns-config-');
    writeFileSync(join(dir, 'vmvc.config.yaml'), 'columns:\n  Isolaton: isolation\n  Emul: hardware-emulation\n  Server: name\n');
    writeFileSync(join(dir, 'm.csv'), inventory);
    const r = vmvc(['--config', join(dir, 'vmvc.config.yaml'), 'advise', '--input', join(dir, 'm.csv')]);
    expect(jsonl(r.stdout)[0].answers.isolation).toBe('strong');
    writeFileSync(join(dir, 'vmvc.config.yaml'), 'columns:\n  Isolaton: isolatoin\n');
    const bad = vmvc(['--config', join(dir, 'vmvc.config.yaml'), 'advise', '--input', join(dir, 'm.csv')]);
    expect(bad.stderr).toMatch(/^error: .*vmvc\.config\.yaml:2:3 columns: column "Isolaton" maps to "isolatoin", which is not a question; did you mean "isolation"\?/);
  });
  it('--keep-columns carries metadata into JSONL, CSV and markdown records and the HTML report; a column that answers a question cannot be kept', () => {
    const file = csv('k.csv', 'name,isolation,Owner,Env\na,strong,team-a,prod\n');
    expect(jsonl(vmvc(['advise', '--input', file, '--keep-columns', 'owner,env']).stdout)[0].columns).toEqual({ owner: 'team-a', env: 'prod' });
    const table = vmvc(['advise', '--input', file, '--keep-columns', 'Owner', '--format', 'csv']).stdout.split('\n');
    expect(table[0]).toBe('line,id,name,recommendation,reasons,assumed,unsure,confidence,dependsOn,error,Owner');
    expect(table[1]).toMatch(/,team-a$/);
    const markdown = vmvc(['advise', '--input', file, '--keep-columns', 'Owner', '--format', 'markdown']).stdout.split('\n');
    expect(markdown[0]).toBe('| line | id | name | recommendation | reasons | assumed | unsure | confidence | dependsOn | error | Owner |');
    expect(markdown[2]).toMatch(/ \| team-a \|$/);
    // The report keeps them for each row's details panel.
    expect(vmvc(['advise', '--input', file, '--keep-columns', 'Owner', '--format', 'html']).stdout).toContain('"Owner: team-a"');
    const refused = vmvc(['advise', '--input', file, '--keep-columns', 'owner,isolation']);
    expect([refused.code, refused.stderr]).toEqual([2, `error: --keep-columns: "isolation" is read as the answer to isolation (see the record's answers); keep only columns that answer nothing\n`]);
  });
});

describe('drift in every report', () => {
  const text = 'name,workload-os,current\na,windows,container\nb,linux,container\nc,linux,vm\n';
  const said = '2 of 3 rows that say where they run run elsewhere than advised: 1 runs as container where virtual machine is advised; 1 runs as virtual machine where container is advised';
  it('markdown ends with the drift count; the step summary and the HTML report have it (and a filter)', () => {
    const file = csv('d.csv', text);
    expect(vmvc(['advise', '--input', file, '--format', 'markdown']).stdout.endsWith(`\n**Drift:** ${said}\n`)).toBe(true);
    const summary = join(tempDir('vmvc-drift-'), 'summary.md');
    writeFileSync(summary, '');
    vmvc(['advise', '--input', file, '--step-summary'], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(readFileSync(summary, 'utf8')).toContain(`\n**Drift:** ${said}\n`);
    const html = vmvc(['advise', '--input', file, '--format', 'html']).stdout;
    expect(html).toContain(`<p class="depends">Drift: ${said}</p>`);
    expect(html).toContain('<option value="1">runs elsewhere than advised</option>');
  });
});

describe('an RVTools workbook (.xlsx)', () => {
  it('reads the vInfo sheet by name wherever it stands, as the CSV export would be read', () => {
    // tests/fixtures/portfolio/rvtools.xlsx: a Summary sheet first, then vInfo with four VMs (inline strings).
    const r = vmvc(['advise', '--input', 'tests/fixtures/portfolio/rvtools.xlsx']);
    expect(r.code).toBe(0);
    expect(jsonl(r.stdout).map((x) => [x.line, x.name, x.powerState, x.template ?? false, x.answers['workload-os']])).toEqual([
      [2, 'web01', 'poweredOn', false, 'windows'],
      [3, 'db02', 'poweredOff', false, 'linux'],
      [4, 'tpl-bsd', 'poweredOff', true, 'other'],
      [5, 'app03', 'poweredOn', false, 'linux'],
    ]);
    expect(r.stderr.split('\n')[0]).toBe('vmvc: note: these columns answer no question and are read as metadata: "CPUs", "Memory", "Host", "Cluster"');
  });
  it('a file that is no workbook, or a workbook from stdin, is exit 2 with a clear line', () => {
    const bad = vmvc(['advise', '--input', csv('not.xlsx', 'x')]);
    expect([bad.code, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr).toMatch(/^error: cannot read --input .*not\.xlsx as an \.xlsx workbook: /);
    const stdin = vmvc(['advise', '--input', '-', '--input-format', 'xlsx'], { input: '' });
    expect(stdin.stderr).toBe('error: --input -: a workbook (.xlsx) is read from a file, not stdin; name the file\n');
  });
});
