// Measured speed fixes inside cli-table3 and its dependencies, applied by the
// build (scripts/build.mjs) to the vendor bundle. tests/vendor.test.ts holds
// them to the promise that they change no output.
import { readFileSync } from 'node:fs';

/**
 * Measured fixes inside cli-table3 and its dependencies, applied to the vendor
 * bundle as text edits. Each is exact (same output) and was measured on a cold
 * `vmvc table`, where these libraries run once, in the interpreter:
 * - emoji-regex: string-width builds its very large pattern anew on every
 *   call; the pattern never changes, so hand out one instance (it is only used
 *   with String.replace, which resets a global regex before using it);
 * - string-width runs that pattern even over plain ASCII, whose width is its
 *   length; compiling the pattern was most of a table's first drawing;
 * - strip-ansi likewise builds its (small) pattern on every call;
 * - cli-table3's Cell.draw truncates the whole cell to 10 characters on every
 *   line it draws, only to feed a debug message that is off unless debugging
 *   is switched on; that truncation dominated the table's drawing time;
 * - cli-table3's Cell.mergeTableOptions works out the same 16 border
 *   characters for every cell that has none of its own (each by four
 *   lookups, into an object of its own): worked out once per drawing and
 *   shared, since nothing writes to a cell's characters;
 * - cli-table3's setOption, run for 17 option names in every cell, re-derives
 *   each camelCase name by splitting strings, and its firstDefined copies and
 *   filters an argument array; together they were a third of a cold drawing;
 * - cli-table3's strlen strips colour codes, splits lines and measures every
 *   line twice even for a plain printable-ASCII string, whose width is its
 *   length (it runs several times for every line drawn), or the length of its
 *   longest line when it has several (a wrapped cell);
 * - cli-table3's colorizeLines carries colour codes from line to line of a
 *   cell, reading each line with a new pattern and copying state objects,
 *   also for lines that hold no escape character, which it returns unchanged;
 * - cli-table3's repeat builds an array of the wanted length to join it, for
 *   every border and padding run it draws; String.prototype.repeat does the
 *   same without the array (a fifth of a drawing's garbage), and each string
 *   made is kept and handed out again (a table draws the same runs of spaces
 *   and borders on every line);
 * - cli-table3's fillInTable looks for holes left by row and column spans by
 *   testing every position against every cell above it; a table without spans
 *   whose rows are all full has none.
 * An edit whose target text is missing fails the build, so an upgrade cannot
 * drop it silently.
 */
export const PATCHES = [
  {
    file: 'emoji-regex/index.js',
    edits: [],
    append: 'const __build = module.exports; let __once; module.exports = () => (__once ??= __build());',
  },
  {
    file: 'string-width/index.js',
    edits: [["\tstring = string.replace(emojiRegex(), '  ');", "\tif (/^[\\x20-\\x7e]*$/.test(string)) {\n\t\treturn string.length;\n\t}\n\tstring = string.replace(emojiRegex(), '  ');"]],
  },
  {
    file: 'strip-ansi/index.js',
    edits: [["string.replace(ansiRegex(), '')", 'string.replace(__pattern, \'\')']],
    append: 'const __pattern = ansiRegex();',
  },
  {
    file: 'cli-table3/src/cell.js',
    edits: [
      ['let content = utils.truncate(this.content, 10, this.truncate);', "let content = '';"],
      [
        'let chars = (this.chars = {});\n    CHAR_NAMES.forEach(function (name) {\n      setOption(optionsChars, tableChars, name, chars);\n    });',
        'let chars;\n    const __shared = this.options.chars ? undefined : __charsOf.get(cells);\n    if (__shared !== undefined && __shared.from === tableChars) {\n      chars = this.chars = __shared.chars;\n    } else {\n      chars = this.chars = {};\n      CHAR_NAMES.forEach(function (name) {\n        setOption(optionsChars, tableChars, name, chars);\n      });\n      if (!this.options.chars) __charsOf.set(cells, { from: tableChars, chars });\n    }',
      ],
      [
        'function firstDefined(...args) {\n  return args.filter((v) => v !== undefined && v !== null).shift();\n}',
        'function firstDefined(a, b, c, d) {\n  return a ?? b ?? c ?? d ?? undefined;\n}',
      ],
      [
        "let nameA = nameB.split('-');\n  if (nameA.length > 1) {\n    nameA[1] = nameA[1].charAt(0).toUpperCase() + nameA[1].substr(1);\n    nameA = nameA.join('');",
        "let nameA = __camelNames.get(nameB);\n  if (nameA === undefined) {\n    const parts = nameB.split('-');\n    if (parts.length > 1) parts[1] = parts[1].charAt(0).toUpperCase() + parts[1].substr(1);\n    __camelNames.set(nameB, (nameA = parts.join('')));\n  }\n  if (nameA !== nameB) {",
      ],
    ],
    append: 'const __camelNames = new Map();\nconst __charsOf = new WeakMap();',
  },
  {
    file: 'cli-table3/src/utils.js',
    edits: [
      [
        'function repeat(str, times) {\n',
        "function repeat(str, times) {\n  if (typeof str === 'string' && Number.isInteger(times) && times >= 0) {\n    let byTimes = __repeats.get(str);\n    if (byTimes === undefined) __repeats.set(str, (byTimes = []));\n    return (byTimes[times] ??= str.repeat(times));\n  }\n",
      ],
      [
        'function strlen(str) {\n',
        "function strlen(str) {\n  if (typeof str === 'string' && /^[\\x20-\\x7e]*$/.test(str)) return str.length;\n  if (typeof str === 'string' && /^[\\x20-\\x7e\\n]*$/.test(str)) {\n    let widest = 0;\n    for (let at = 0; at <= str.length; ) {\n      let end = str.indexOf('\\n', at);\n      if (end < 0) end = str.length;\n      widest = Math.max(widest, end - at);\n      at = end + 1;\n    }\n    return widest;\n  }\n",
      ],
      [
        'function colorizeLines(input) {\n',
        "function colorizeLines(input) {\n  if (!input.some((line) => line.includes('\\u001b'))) return input.slice();\n",
      ],
      [
        '  return split.reduce(function (memo, s) {\n    return stringWidth(s) > memo ? stringWidth(s) : memo;\n  }, 0);',
        '  let widest = 0;\n  for (const s of split) widest = Math.max(widest, stringWidth(s));\n  return widest;',
      ],
    ],
    append: 'const __repeats = new Map();',
  },
  {
    file: 'cli-table3/src/layout-manager.js',
    edits: [
      [
        '    debug(`Max rows: ${h_max}; Max cols: ${w_max}`);\n',
        '    debug(`Max rows: ${h_max}; Max cols: ${w_max}`);\n    if (table.every((row) => row.length === w_max && row.every((cell) => (cell.colSpan || 1) === 1 && (cell.rowSpan || 1) === 1))) return;\n',
      ],
    ],
  },
];
/** The esbuild plugin that applies PATCHES while bundling the vendor files. */
export const vendorFixes = {
  name: 'vendor-fixes',
  setup(b) {
    for (const patch of PATCHES) {
      const filter = new RegExp(`node_modules[\\\\/]${patch.file.replace(/[.]/g, '\\.').replace(/\//g, '[\\\\/]')}$`);
      b.onLoad({ filter }, (args) => {
        let source = readFileSync(args.path, 'utf8');
        for (const [from, to] of patch.edits) {
          if (!source.includes(from)) throw new Error(`build: ${patch.file} changed upstream; review its patch in scripts/vendor-fixes.mjs`);
          source = source.replace(from, () => to);
        }
        return { contents: patch.append ? `${source}\n${patch.append}\n` : source, loader: 'js' };
      });
    }
  },
};
