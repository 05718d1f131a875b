// The advice object's JSON contract: the zod schema, the committed JSON Schema
// pinned per schemaVersion, and real outputs validated against it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Advice } from '../src/advice.js';
import { ADVICE_SCHEMA_VERSION as FROM_ADVICE } from '../src/advice.js';
import { ADVICE_SCHEMA_VERSION, adviceJsonSchema, adviceSchema } from '../src/advice-schema.js';
import { ROOT, neutral, vmvc } from './support/cli.js';

const fixture = (p: string) => fileURLToPath(new URL(`./fixtures/${p}`, import.meta.url));
const committed = readFileSync(join(ROOT, 'schema/advice.schema.json'), 'utf8');

describe('JSON schema of the advice', () => {
  it('the committed schema file is what the zod types generate (run `npm run schema` after a shape change)', () => {
    expect(JSON.parse(committed)).toEqual(adviceJsonSchema());
  });
  it('a schema change comes with a new schemaVersion (pinned in tests/fixtures/schema-versions.json)', () => {
    const pinned = JSON.parse(readFileSync(fixture('schema-versions.json'), 'utf8'));
    expect(FROM_ADVICE).toBe(ADVICE_SCHEMA_VERSION);
    expect(createHash('sha256').update(committed).digest('hex')).toBe(pinned[String(ADVICE_SCHEMA_VERSION)]);
  });
  it('`vmvc schema advice` prints the committed schema', () => {
    const r = vmvc(['schema', 'advice']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(committed);
  });
  it('the library types the built-in outcome ids (a misspelt one is a type error) and keeps custom ones possible', async () => {
    const { advise } = await import('../src/api.js');
    const builtin = await advise({ delivery: true });
    expectTypeOf(builtin.recommendation).toEqualTypeOf<'container' | 'containers-in-vm' | 'vm'>();
    // @ts-expect-error a misspelt outcome id is caught by the compiler (npm test type-checks the tests first)
    expect(builtin.recommendation === 'containers-in-vms').toBe(false);
    const custom = await advise({}, { rules: [] });
    expectTypeOf(custom.recommendation).toEqualTypeOf<string>();
  });
  it('`vmvc schema` with no name lists the names', () => {
    expect(vmvc(['schema'])).toMatchObject({ code: 2, stdout: '', stderr: 'error: vmvc schema needs its name: advice or config (vmvc schema advice)\n' });
  });
  it('`vmvc schema nope` is a usage error', () => {
    const r = vmvc(['schema', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: schema name must be one of advice, config (got "nope")\n');
  });
  it('real outputs validate against it, and a wrong shape does not', () => {
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(committed));
    const cases = [
      neutral(),
      neutral({ 'workload-os': 'windows' }),
      neutral({ isolation: 'multi-tenant', delivery: 'yes' }),
      neutral({ 'workload-os': 'other', 'host-os': 'windows' }),
      ['--delivery', 'yes'],
    ];
    for (const args of cases) {
      const out = JSON.parse(vmvc(['advise', '--format', 'json', ...args]).stdout);
      expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
      expect(validate({ ...out, extra: 1 })).toBe(false);
      expect(validate({ ...out, schemaVersion: 99 })).toBe(false);
    }
  });
});

describe('the Advice type', () => {
  it('is exactly the type the zod schema infers (checked by tsc, which npm test runs first)', () => {
    expectTypeOf<Advice>().toEqualTypeOf<z.infer<typeof adviceSchema>>();
  });
});

describe('the library', () => {
  it('names the same advice formats as --format', async () => {
    const [{ ADVICE_FORMATS }, { formats }] = await Promise.all([import('../src/api.js'), import('../src/format/index.js')]);
    expect([...ADVICE_FORMATS]).toEqual(Object.keys(formats));
  });
  it('advise() returns what --format json prints, and refuses unknown questions and, without defaults, gaps', async () => {
    const { advise } = await import('../src/api.js');
    const args = ['--workload-os', 'windows', '--delivery', 'yes', '--no-input', '--format', 'json'];
    expect(await advise({ 'workload-os': 'windows', delivery: true })).toEqual(JSON.parse(vmvc(['advise', ...args]).stdout));
    await expect(advise({ hosts: 'linux' })).rejects.toThrow('advise() answers: unknown question "hosts"');
    await expect(advise({ 'host-os': 'linux' }, { defaults: false })).rejects.toThrow(/^--no-defaults: no answer for --workload-os/);
    const withOverlay = await advise({ 'handles-card-data': 'yes' }, { rules: [join(ROOT, 'rules/examples/regulated-data.yaml')] });
    expect(withOverlay.recommendation).toBe('vm');
  });
});
