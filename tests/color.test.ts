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
