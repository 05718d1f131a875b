// When output is coloured (src/color.ts): --no-color > NO_COLOR > FORCE_COLOR > TERM=dumb > TTY.
import { describe, expect, it } from 'vitest';
import { colorLevel } from '../src/color.js';
import { vmvc } from './support/cli.js';

describe('colour', () => {
  const esc = /\x1b\[/;
  it.each([
    [{ flag: true, env: {}, isTTY: true }, 1],
    [{ flag: true, env: {}, isTTY: false }, 0],
    [{ flag: false, env: { FORCE_COLOR: '1' }, isTTY: true }, 0],
    [{ flag: true, env: { NO_COLOR: '1', FORCE_COLOR: '1' }, isTTY: true }, 0],
    [{ flag: true, env: { NO_COLOR: '' }, isTTY: true }, 1],
    [{ flag: true, env: { FORCE_COLOR: '1' }, isTTY: false }, 1],
    [{ flag: true, env: { FORCE_COLOR: '0' }, isTTY: true }, 0],
    [{ flag: true, env: { FORCE_COLOR: '3', TERM: 'dumb' }, isTTY: false }, 3],
    [{ flag: true, env: { TERM: 'dumb' }, isTTY: true }, 0],
    [{ flag: true, env: { TERM: 'xterm-256color' }, isTTY: true }, 2],
  ] as const)('%o -> level %i', (input, level) => {
    expect(colorLevel({ ...input, env: { ...input.env } })).toBe(level);
  });
  it('FORCE_COLOR colours a pipe; NO_COLOR and --no-color win over it', () => {
    expect(vmvc(['table'], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(esc);
    expect(vmvc(['table'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toMatch(esc);
    expect(vmvc(['table', '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(esc);
    expect(vmvc(['advise', '--format', 'json'], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(esc);
  });
});

// Without colour, output is drawn with src/format/plain.ts instead of loading chalk: it must draw what chalk does at level 0.
describe('plain styles (no colour)', () => {
  const argsList: unknown[][] = [[], ['text'], ['two', 'words'], [''], [1], [null], [undefined], ['a', null, 2], [{ toString: () => 'obj' }]];
  it('every chalk style, chain and colour model gives what chalk gives at level 0', async () => {
    const { plain } = await import('../src/format/plain.js');
    const chalk = await import('chalk');
    type Styler = ((...args: unknown[]) => string) & { [key: string]: any };
    const real = new chalk.Chalk({ level: 0 }) as unknown as Styler;
    const mine = plain as unknown as Styler;
    const names = [...chalk.modifierNames, ...chalk.foregroundColorNames, ...chalk.backgroundColorNames];
    expect(names.length).toBeGreaterThan(40);
    const chains = [...names.map((n) => [n]), ...names.map((n) => [n, 'bold']), ['bold', 'visible'], ['visible', 'green'], ['dim', 'underline', 'red']];
    for (const args of argsList) {
      expect(mine(...args)).toBe(real(...args));
      for (const chain of chains) {
        const walk = (root: Styler): Styler => chain.reduce((at: Styler, key) => at[key] as Styler, root);
        expect({ chain, args, text: walk(mine)(...args) }).toEqual({ chain, args, text: walk(real)(...args) });
      }
      for (const [model, value] of [['rgb', [1, 2, 3]], ['hex', ['#abc']], ['ansi256', [9]], ['bgRgb', [1, 2, 3]], ['bgHex', ['#abc']], ['bgAnsi256', [9]]] as const) {
        expect(mine[model](...value).bold(...args)).toBe(real[model](...value).bold(...args));
      }
    }
    expect(mine.level).toBe(real.level);
  });
});
