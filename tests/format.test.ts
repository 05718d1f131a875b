// The formatters (src/format/): score bars, the Mermaid flowchart, HTML escaping,
// formatters following overlays, and the exact output of every format.
import { OUTPUT_CASES as cases } from './support/fixtures.js';
import { describe, expect, it } from 'vitest';
import { stripVTControlCharacters } from 'node:util';
import { Chalk } from 'chalk';
import { toAdvice } from '../src/advice.js';
import { resolveAnswers } from '../src/answers.js';
import { decide } from '../src/engine.js';
import { adviceHtml, escapeHtml, portfolioHtml } from '../src/format/html.js';
import { answerSpace } from '../src/space.js';
import { adviceMarkdown, decisionFlowchart, mermaidText } from '../src/format/markdown.js';
import { adviceText, scoreBars, wrap, wrapWords } from '../src/format/text.js';
import fc from 'fast-check';
import { defaultRulesPath } from '../src/rules/builtin.js';
import { builtinBase, loadRuleFiles, loadRulesFile } from '../src/rules/load.js';
import type { Answers } from '../src/rules/types.js';
import { vmvc } from './support/cli.js';
import { runInProcess } from './support/inprocess.js';

const rules = loadRulesFile(defaultRulesPath());
const adviceFor = (answers: Partial<Answers>) => {
  const resolved = resolveAnswers(rules, { flag: answers });
  return toAdvice(rules, resolved, decide(rules, resolved.answers), true);
};
const plain = new Chalk({ level: 0 });

// The grammar this output relies on: a header, node declarations with quoted
// labels, labelled edges between declared nodes, and classDef/class lines.
const NODE = /^ {2}([a-z]\w*)(\{"[^"\n]*"\}|\["[^"\n]*"\]|\(\["[^"\n]*"\]\))$/;
const EDGE = /^ {2}([a-z]\w*) -->\|"[^"\n]*"\| ([a-z]\w*)$/;
const CLASS = /^ {2}(classDef \w+ [\w:#,-]+|class [\w,]+ \w+|linkStyle [\d,]+ [\w:#,-]+)$/;
/** Checks the grammar; returns the nodes declared, the edges in order, the chosen node and the edges drawn as the road taken. */
const check = (text: string) => {
  const [head, ...rest] = text.split('\n');
  expect(head).toBe('flowchart LR');
  const declared = new Set<string>();
  const edges: Array<[string, string]> = [];
  let chosen = '';
  let road: number[] = [];
  for (const line of rest) {
    const node = NODE.exec(line);
    const edge = EDGE.exec(line);
    if (node) declared.add(node[1]!);
    else if (edge) {
      expect(declared.has(edge[1]!), line).toBe(true);
      expect(declared.has(edge[2]!), line).toBe(true);
      edges.push([edge[1]!, edge[2]!]);
    } else {
      expect(line, 'a line outside the grammar').toMatch(CLASS);
      chosen = /^ {2}class (\w+) chosen$/.exec(line)?.[1] ?? chosen;
      road = /^ {2}linkStyle ([\d,]+) /.exec(line)?.[1]!.split(',').map(Number) ?? road;
    }
  }
  return { declared, edges, chosen, road };
};
/** The road taken is one unbroken path from the answers to the chosen outcome. */
const followsRoad = ({ edges, chosen, road }: ReturnType<typeof check>) => {
  let at = 'f';
  for (const i of road) {
    expect(edges[i]![0]).toBe(at);
    at = edges[i]![1];
  }
  expect(at).toBe(chosen);
};



describe('wrapping text', () => {
  it('plain text is wrapped by slices exactly as word by word: any spaces, long words, widths and indents', () => {
    const word = fc.stringMatching(/^[a-z\t\u00e9-]{1,30}$/);
    const gap = fc.stringMatching(/^ {1,4}$/);
    const text = fc.tuple(fc.stringMatching(/^ {0,3}$/), fc.array(fc.tuple(word, gap)), fc.stringMatching(/^ {0,3}$/)).map(([lead, parts, tail]) => lead + parts.map(([w, g]) => w + g).join('') + tail);
    fc.assert(
      fc.property(text, fc.integer({ min: -2, max: 40 }), fc.integer({ min: 0, max: 8 }), (t, width, n) => {
        const indent = ' '.repeat(n);
        expect(wrap(t, width, indent)).toEqual(wrapWords(t, width, indent).map((l, i) => (i ? indent + l : l)));
      }),
      { numRuns: 2000 },
    );
  });
  it('a word wider than the line is cut into pieces as wide as each line, none repeated', () => {
    expect(wrap('https://example.org/abcdefghij', 12, '    ')).toEqual(['https://exam', '    ple.org/', '    abcdefgh', '    ij']);
    expect(wrapWords('\u001b[2mx\u001b[22m abcdefghijklmnop', 8, '    ')).toEqual(['\u001b[2mx\u001b[22m', 'abcd', 'efgh', 'ijkl', 'mnop']);
  });
  it('text with escape sequences is measured without them', () => {
    const bold = (s: string) => `\u001b[1m${s}\u001b[22m`;
    expect(wrap(`${bold('Recommendation:')} run it in a container`, 20, '  ')).toEqual([`${bold('Recommendation:')} run`, '  it in a container']);
  });
});

describe('score bars', () => {
  const saas = adviceFor({ isolation: 'multi-tenant', delivery: 'yes' });
  it('Unicode: one bar per outcome with the points, the needed lead and the verdict', () => {
    expect(scoreBars(saas, rules, { chalk: plain })).toEqual([
      // 101 columns in one line: the verdict goes under the bar.
      'container         ████████████████████  +10 container pts',
      '                  ✘ a VM requirement holds (strict-isolation-needs-vm)',
      'containers-in-vm  ███████████│████████  lead +10 of +6 needed  ✔ chosen',
      'vm                ░░░░░░░░░░░░░░░░░░░░  0 VM pts',
      '                  not tried: containers-in-vm was chosen first',
    ]);
  });
  it('ASCII: the same information in plain characters', () => {
    const other = adviceFor({ 'workload-os': 'other', lifecycle: 'long-lived' });
    expect(scoreBars(other, rules, { chalk: plain, ascii: true })).toEqual([
      'container         ....................  0 container pts',
      '                  x a VM requirement holds (other-os-needs-vm)',
      'containers-in-vm  ...................|  lead -1 of +6 needed   x excluded by other-os-needs-vm',
      'vm                ###.................  +1 VM pts              <- chosen',
    ]);
    for (const line of scoreBars(other, rules, { chalk: plain, ascii: true })) expect(line).toMatch(/^[\x20-\x7e]+$/);
  });
  it('reads without colour: colour adds escapes, never meaning', () => {
    const coloured = scoreBars(saas, rules, { chalk: new Chalk({ level: 1 }) });
    expect(coloured.map((l) => stripVTControlCharacters(l))).toEqual(scoreBars(saas, rules, { chalk: plain }));
  });
  it('show under the headline in text output, ASCII with --ascii or TERM=dumb', () => {
    const lines = vmvc(['advise', '--no-input', '--isolation', 'strong']).stdout.split('\n');
    const at = lines.findIndex((l) => /^ {2}container +/.test(l));
    expect(lines[at]).toMatch(/^ {2}container +█/);
    // Under the headline: nothing between them but the summary and what the answer depends on.
    expect(lines.slice(1, at).filter((l) => l && !/^ {2}/.test(l))).toEqual([]);
    expect(vmvc(['advise', '--no-input', '--ascii']).stdout).toMatch(/^ {2}container +#+/m);
    const dumb = vmvc(['advise', '--no-input'], { env: { TERM: 'dumb' } }).stdout.split('\n');
    const bars = dumb.findIndex((l) => /^ {2}container +/.test(l));
    expect(dumb.slice(bars, bars + 3).join('\n')).toMatch(/^[\x20-\x7e\n]+$/);
  });
});

describe('Mermaid flowchart', () => {
  it('draws the outcome gates in order: the road taken in green with each refusal said, the rest dimmed', () => {
    const text = decisionFlowchart(adviceFor({ 'workload-os': 'windows', delivery: 'yes' }), rules);
    expect(text).toBe(
      [
        'flowchart LR',
        '  f["VM requirement: windows-workload-off-windows<br/>container 10 pts, VM 0 pts (lead +10)"]',
        '  g0{"container?"}',
        '  g1{"containers-in-vm?"}',
        '  o0(["container"])',
        '  o1(["containers inside a VM (containers-in-vm)"])',
        '  o2(["virtual machine (vm)"])',
        '  f -->|"gates in order"| g0',
        '  g0 -->|"if no VM requirement, container lead at least +0"| o0',
        '  g0 -->|"no: a VM requirement holds (windows-workload-off-windows)"| g1',
        '  g1 -->|"yes: a VM requirement holds and container lead +10 reaches +6"| o1',
        '  g1 -->|"no"| o2',
        '  classDef chosen fill:#d4f7d4,stroke:#2a7a2a,stroke-width:2px',
        '  classDef dim fill:#f6f6f6,stroke:#c8c8c8,color:#9a9a9a',
        '  class o1 chosen',
        '  class o0,o2 dim',
        '  linkStyle 0,2,3 stroke:#2a7a2a,stroke-width:3px',
      ].join('\n'),
    );
  });
  it('is valid for every combination of answers, with one road from the answers to the recommendation', () => {
    let n = 0;
    for (const answers of answerSpace(rules)) {
      const advice = adviceFor(answers);
      const chart = check(decisionFlowchart(advice, rules));
      followsRoad(chart);
      expect(chart.chosen).toBe(`o${rules.outcomes.findIndex((o) => o.id === advice.recommendation)}`);
      n++;
    }
    expect(n).toBe(3456);
  });
  it('turns characters that would break a label, or make a link or mention, into entity codes', () => {
    expect(mermaidText('say "hi" <b> #1\nnext')).toBe('say #quot;hi#quot; #lt;b#gt; #35;1 next');
    expect(mermaidText('[here](https://x) @team')).toBe('#91;here#93;(https://x) #64;team');
  });
  it('is in the markdown output', () => {
    expect(vmvc(['advise', '--format', 'markdown']).stdout).toContain('```mermaid\nflowchart LR\n');
  });
});

describe('HTML escaping', () => {
  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<img src=x onerror=alert(1)> & "q" 'a'`)).toBe('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; &#39;a&#39;');
  });
  it('embedded data cannot close its script element', () => {
    const html = portfolioHtml([{ line: 2, name: '</script><script>alert(1)</script>', error: 'x' }], rules);
    expect(html.match(/<\/script>/g)).toHaveLength(2); // the data element's and the client script's own
    expect(html).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e');
  });
});

describe('formatters describe the rules in effect, not the built-in ones', () => {
  // Two questions removed (with what looked at them), and a fourth outcome, micro-vm, before vm.
  const reshaped = loadRuleFiles(['tests/fixtures/rules/reshaped.yaml'], builtinBase(rules, defaultRulesPath()));
  const answers = { isolation: 'strong', density: 'yes', lifecycle: 'long-lived' };
  const resolved = resolveAnswers(reshaped, { flag: answers });
  const advice = toAdvice(reshaped, resolved, decide(reshaped, resolved.answers), true);
  const removed = /custom-kernel|hardware-emulation/;

  it('decides among the four outcomes', () => {
    expect(reshaped.outcomes.map((o) => o.id)).toEqual(['container', 'containers-in-vm', 'micro-vm', 'vm']);
    expect(advice.recommendation).toBe('micro-vm');
  });
  it('text: a bar for each of the four outcomes, gauged by its own gate', () => {
    expect(scoreBars(advice, reshaped, { chalk: plain, width: 120 })).toEqual([
      'container         █████████████░░░░░░░  +4 container pts       ✘ a VM requirement holds (strict-isolation-needs-vm)',
      'containers-in-vm  ██████████░░░░░░░░░│  lead +3 of +6 needed   ✘ container lead +3 is below the +6 it needs',
      'micro-vm          ██████│███░░░░░░░░░░  lead +3 of +2 needed   ✔ chosen',
      'vm                ███░░░░░░░░░░░░░░░░░  +1 VM pts              not tried: micro-vm was chosen first',
    ]);
    const text = adviceText(advice, reshaped, { chalk: plain, width: 100 });
    expect(text).toMatch(/^Recommendation: Run it in a micro-VM \(micro-vm\)$/m);
    expect(text).not.toMatch(removed);
  });
  it('markdown: a valid flowchart through the four gates, none for removed questions', () => {
    const chart = decisionFlowchart(advice, reshaped);
    expect([...check(chart).declared]).toEqual(['f', 'g0', 'g1', 'g2', 'o0', 'o1', 'o2', 'o3']);
    expect(chart).toContain('  class o2 chosen');
    expect(chart).toContain('  g1 -->|"no: container lead +3 is below the +6 it needs"| g2');
    expect(adviceMarkdown(advice, reshaped)).not.toMatch(removed);
    for (const combination of answerSpace(reshaped)) {
      const r = resolveAnswers(reshaped, { flag: combination });
      followsRoad(check(decisionFlowchart(toAdvice(reshaped, r, decide(reshaped, r.answers), true), reshaped)));
    }
  });
  it('HTML: each outcome has a colour of its own, the chosen one included', () => {
    const html = adviceHtml(advice, reshaped);
    expect(html).toContain('Run it in a micro-VM <span class="pill" style="background:#f2994a">micro-vm</span>');
    expect(html).not.toMatch(removed);
    const report = portfolioHtml([{ line: 2, recommendation: 'micro-vm', reasons: [], assumed: [] }], reshaped);
    const colours = JSON.parse(/<script type="application\/json" id="data">(.*?)<\/script>/s.exec(report)![1]!).outcomes.map((o: { color: string }) => o.color);
    expect(new Set(colours).size).toBe(4);
  });
});

describe('exact output (colour off, 100 columns)', () => {
  it.each(cases)('%s', async (name, args) => {
    // A report is dated: SOURCE_DATE_EPOCH fixes the day (2025-12-05).
    const r = await runInProcess(args, { NO_COLOR: '1', SOURCE_DATE_EPOCH: '1764892800' });
    expect(r.code === 0 || name.startsWith('portfolio')).toBe(true);
    await expect(r.stdout).toMatchFileSnapshot(`fixtures/output/${name}`);
  });
});
