/**
 * A self-contained HTML report: inline CSS and JS, no network requests (a
 * Content-Security-Policy forbids them), opens from disk. Every value from an
 * input file or a rules file is escaped on the way in: text reaches the page
 * only through HTML escaping or, in the script, through textContent.
 */
import type { Advice } from '../advice.js';
import { questionEntries } from '../answers.js';
import { assumedPhrase, assumingPhrase, confidenceNote, dependenceLines, standInPhrase } from './confidence.js';
import { foundAnswers } from './evidence.js';
import type { Rules } from '../rules/types.js';
import type { BatchRecord } from '../batch/types.js';
import { clean, safeJson } from '../sanitize.js';
import { driftText, tallyDrift, type DriftTally } from './drift.js';
import { rowLegend, rowMark, sourceLabels, type RowMarks } from './style.js';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return clean(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON that is safe inside <script type="application/json">: nothing can close the element. */
function scriptJson(data: unknown): string {
  return safeJson(data).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Outcome colours by position in the rules file (the built-in order is container, containers-in-vm, vm). */
const PALETTE = ['#2f80ed', '#9b51e0', '#f2994a', '#27ae60', '#56ccf2', '#bb6bd9', '#6fcf97'];
const ERROR_COLOR = '#eb5757';
/** The colour of an outcome: its position among the rules' outcomes picks it. */
const colorOf = (rules: Rules, id: string) => {
  const at = rules.outcomes.findIndex((o) => o.id === id);
  return at < 0 ? ERROR_COLOR : PALETTE[at % PALETTE.length]!;
};

const CSS = `
:root { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2330; background: #f7f8fa; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; } h2 { font-size: 1.15rem; margin: 28px 0 10px; }
.meta { color: #5b6477; font-size: .9rem; }
.card { background: #fff; border: 1px solid #e3e6ec; border-radius: 8px; padding: 16px; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: .9rem; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #eceef2; vertical-align: top; }
th { background: #f0f2f6; position: sticky; top: 0; white-space: nowrap; }
th button { all: unset; cursor: pointer; font-weight: 600; }
th button::after { content: " ↕"; color: #9aa3b5; }
#scroller { height: 70vh; overflow: auto; border: 1px solid #e3e6ec; border-radius: 8px; background: #fff; }
#workloads { table-layout: fixed; border-collapse: separate; border-spacing: 0; }
#workloads td { height: 31px; padding: 0 8px; line-height: 30px; vertical-align: middle; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
#workloads tr.spacer td { padding: 0; border: 0; }
#workloads .pill { line-height: 18px; vertical-align: middle; }
tr.row { cursor: pointer; } tr.row:hover { background: #f5f8ff; }
#detail { position: fixed; top: 12px; right: 12px; bottom: 12px; width: min(420px, 90vw); overflow: auto; margin: 0; z-index: 2; box-shadow: 0 4px 24px rgba(0,0,0,.18); }
#detail ul { margin: 4px 0 8px 18px; padding: 0; }
#detail .close { float: right; font: inherit; padding: 2px 10px; border: 1px solid #c9ced8; border-radius: 6px; background: #fff; cursor: pointer; }
.pill { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: .8rem; white-space: nowrap; }
.controls { display: flex; gap: 12px; align-items: center; margin: 12px 0; flex-wrap: wrap; }
.controls input, .controls select { font: inherit; padding: 4px 8px; border: 1px solid #c9ced8; border-radius: 6px; }
.src { color: #5b6477; font-size: .8rem; }
.err { color: #b42318; }
.depends { background: #fff8e6; border-left: 3px solid #f2994a; padding: 6px 10px; }
`;

function chart(counts: Array<{ label: string; count: number; color: string }>, total: number): string {
  const width = 640;
  const rowH = 30;
  const labelW = 170;
  const max = Math.max(1, ...counts.map((c) => c.count));
  const bars = counts
    .map((c, i) => {
      const w = Math.round(((width - labelW - 120) * c.count) / max);
      const pct = total ? ((100 * c.count) / total).toFixed(1) : '0.0';
      const y = i * rowH;
      return `<g><text x="0" y="${y + 19}" font-size="13">${escapeHtml(c.label)}</text><rect x="${labelW}" y="${y + 5}" width="${w}" height="20" rx="3" fill="${c.color}"></rect><text x="${labelW + w + 8}" y="${y + 19}" font-size="13">${c.count} (${pct}%)</text></g>`;
    })
    .join('');
  return `<svg role="img" aria-label="Recommendations per outcome" width="${width}" height="${counts.length * rowH}" viewBox="0 0 ${width} ${counts.length * rowH}" xmlns="http://www.w3.org/2000/svg">${bars}</svg>`;
}

function comparison(rules: Rules, marks?: RowMarks): string {
  const labels = sourceLabels(rules);
  const rows = rules.comparison
    .map(
      (r) =>
        `<tr${marks?.leaned.includes(r.id) ? ' style="font-weight:600"' : ''}><td>${rowMark(marks, r.id)}${escapeHtml(r.aspect)}</td><td>${escapeHtml(r.vm)}</td><td>${escapeHtml(r.container)}</td><td class="src">${labels.of(r.sources).map(escapeHtml).join(', ')}</td></tr>`,
    )
    .join('');
  const legend = rules.sources
    .map((s) => `<li><b>${escapeHtml(labels.of([s.file])[0]!)}</b>: <code>${escapeHtml(s.file)}</code>, ${escapeHtml(s.title)}${s.url ? ` <span class="src">${escapeHtml(s.url)}</span>` : ''}</li>`)
    .join('');
  const key = rowLegend(marks).map((l) => `<p class="src">${escapeHtml(l)}</p>`).join('');
  return `<table><thead><tr><th>Aspect</th><th>Virtual machine</th><th>Container</th><th>Sources</th></tr></thead><tbody>${rows}</tbody></table>${key}<ul class="src">${legend}</ul>`;
}

function page(title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body>${body}${script}</body></html>
`;
}

/**
 * The report's rows as columns, built one record at a time so a portfolio of
 * any size is never held as record objects: numbers and short strings per row,
 * and each distinct list (reasons, notes, assumed answers, ...) stored once and
 * referred to by index.
 */
export function reportColumns(rules: Rules, provenance?: string, source?: { input: string; date: string }) {
  const outcomeAt = new Map(rules.outcomes.map((o, i) => [o.id, i]));
  const lists: string[][] = [];
  const listAt = new Map<string, number>();
  const listOf = (items?: readonly string[]) => {
    if (!items?.length) return -1;
    const key = items.join('\u0000');
    let at = listAt.get(key);
    if (at === undefined) {
      at = lists.length;
      lists.push([...items]);
      listAt.set(key, at);
    }
    return at;
  };
  const cols = {
    line: [] as number[],
    id: [] as Array<string | null>,
    name: [] as Array<string | null>,
    /** Outcome position in `outcomes`, or -1 for a row that could not be decided. */
    outcome: [] as number[],
    /** 1: depends on an unsure or assumed answer; 0: firm; -1: no confidence (an error). */
    depends: [] as number[],
    reasons: [] as number[],
    notes: [] as number[],
    dependsOn: [] as number[],
    assumed: [] as number[],
    unsure: [] as number[],
    /** --keep-columns: the row's kept columns as "name: value" lines (a shared list). */
    kept: [] as number[],
    /** A `repo` column: the folder, then each question's first line of evidence (a shared list). */
    found: [] as number[],
    /** Where the row runs today (outcome position), or -1 when it does not say. */
    current: [] as number[],
    /** 1: runs elsewhere than advised; 0: where advised, or unsaid. */
    drift: [] as number[],
    /** Row position -> its error. */
    errors: {} as Record<number, string>,
  };
  const tally: DriftTally = { drift: {}, placed: 0 };
  const counts = new Array<number>(rules.outcomes.length + 1).fill(0);
  return {
    add(r: BatchRecord): void {
      const at = cols.line.length;
      cols.line.push(r.line);
      cols.id.push(r.id ?? null);
      cols.name.push(r.name ?? null);
      const outcome = r.error !== undefined ? -1 : (outcomeAt.get(r.recommendation ?? '') ?? -1);
      cols.outcome.push(outcome);
      counts[outcome < 0 ? rules.outcomes.length : outcome]!++;
      cols.depends.push(r.confidence === undefined ? -1 : r.confidence === 'depends' ? 1 : 0);
      cols.reasons.push(listOf(r.reasons));
      cols.notes.push(listOf(r.notes));
      cols.dependsOn.push(listOf(r.dependsOn));
      cols.assumed.push(listOf(r.assumed));
      cols.unsure.push(listOf(r.unsure));
      cols.kept.push(listOf(r.kept ? Object.entries(r.kept).map(([k, v]) => `${k}: ${v}`) : undefined));
      cols.found.push(listOf(r.repo === undefined ? undefined : [`${r.repo}/`, ...Object.entries(r.evidence ?? {}).map(([q, [e]]) => `--${q}: ${e!.file}:${e!.line} ${e!.found}`)]));
      cols.current.push(r.current === undefined ? -1 : (outcomeAt.get(r.current) ?? -1));
      cols.drift.push(r.drift ? 1 : 0);
      tallyDrift(tally, r);
      if (r.error !== undefined) cols.errors[at] = r.error;
    },
    /** The whole report. */
    html(): string {
      const total = cols.line.length;
      const chartCounts = [
        ...rules.outcomes.map((o, i) => ({ label: o.label, color: colorOf(rules, o.id), count: counts[i]! })),
        { label: 'could not decide', color: ERROR_COLOR, count: counts[rules.outcomes.length]! },
      ];
      const data = {
        rows: cols,
        lists,
        outcomes: rules.outcomes.map((o) => ({ id: o.id, label: o.label, color: colorOf(rules, o.id) })),
        reasons: Object.fromEntries(rules.rules.map((r) => [r.id, r.reason])),
        notes: Object.fromEntries(rules.notes.map((n) => [n.id, n.text])),
      };
      const options = rules.outcomes.map((o) => `<option value="${escapeHtml(o.id)}">${escapeHtml(o.label)}</option>`).join('');
      const body = `
<h1>vmvc portfolio report${source ? `: ${escapeHtml(clean(source.input))}` : ''}</h1>
<p class="meta">${total} workloads${source ? ` · ${escapeHtml(source.date)}` : ''} · rules version ${rules.version} · decided by vmvc</p>${provenance ? `\n<p class="meta">${escapeHtml(provenance)}</p>` : ''}${tally.placed ? `\n<p class="depends">Drift: ${escapeHtml(driftText(tally, rules))}</p>` : ''}
<h2>Recommendations</h2>
<div class="card">${chart(chartCounts, total)}</div>
<h2>Workloads</h2>
<div class="controls">
  <label>Outcome <select id="outcome"><option value="">all</option>${options}<option value="error">could not decide</option></select></label>
  <label>Confidence <select id="confidence"><option value="">all</option><option value="firm">firm</option><option value="depends">depends on an unsure or assumed answer</option></select></label>
  ${tally.placed ? '<label>Placement <select id="drift"><option value="">all</option><option value="1">runs elsewhere than advised</option></select></label>' : ''}
  <label>Search <input id="search" type="search" placeholder="id, name, rule, error"></label>
  <span id="shown" class="meta"></span>
</div>
<div id="detail" class="card" hidden></div>
<div id="scroller"><table id="workloads"><colgroup><col style="width:70px"><col style="width:16%"><col style="width:22%"><col style="width:210px"><col></colgroup><thead><tr>
  <th><button data-sort="line">Line</button></th><th><button data-sort="id">Id</button></th><th><button data-sort="workload">Workload</button></th>
  <th><button data-sort="recommendation">Recommendation</button></th><th>Reasons</th>
</tr></thead><tbody></tbody></table></div>
<h2>VM or container?</h2>
${comparison(rules)}
<script type="application/json" id="data">${scriptJson(data)}</script>`;
      return page(source ? `vmvc: ${clean(source.input)}` : 'vmvc portfolio report', body, `<script>${CLIENT}</script>`);
    },
  };
}

/** The portfolio report: summary chart, a windowed, sortable and filterable table of every row, the comparison. */
export function portfolioHtml(records: readonly BatchRecord[], rules: Rules): string {
  const columns = reportColumns(rules);
  for (const r of records) columns.add(r);
  return columns.html();
}

/** One workload's advice as a page: headline, weighing, reasons, notes, assumed answers, comparison. */
export function adviceHtml(advice: Advice, rules: Rules): string {
  const labels = sourceLabels(rules);
  const cite = (files: string[]) => !files.length ? '' : `<span class="src">[${labels.of(files).map(escapeHtml).join(', ')}]</span>`;
  const list = (items: string[]) => (items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '<p class="meta">none</p>');
  const body = `
<h1>${escapeHtml(advice.headline)} <span class="pill" style="background:${colorOf(rules, advice.recommendation)}">${escapeHtml(advice.recommendation)}</span></h1>
<p>${escapeHtml(advice.summary)}</p>
${dependenceLines(advice).map((d) => `<p class="depends"><b>${escapeHtml(d.replace(/:.*$/, ''))}:</b> ${escapeHtml(d.replace(/^[^:]*: /, '').replace(/->/g, '→'))}</p>`).join('')}${confidenceNote(advice) ? `<p class="meta">${escapeHtml(confidenceNote(advice)!)}</p>` : ''}
<p class="meta">Points: container ${advice.scores.container}, VM ${advice.scores.vm}; VM requirement: ${advice.vmRequirement.holds ? 'yes' : 'no'} · rules version ${advice.rulesVersion}</p>
<h2>Why</h2>${list(advice.reasons.map((r) => `${escapeHtml(r.text)} ${cite(r.sources)} <code>${escapeHtml(r.rule)}</code>${r.assumed?.length ? ` <i>${escapeHtml(assumedPhrase(r, advice.answers))}</i>` : ''}`))}
<h2>What would change it</h2>${advice.flips.length ? list(advice.flips.map((f) => `<code>--${escapeHtml(f.question)} ${escapeHtml(f.to)}</code> → <code>${escapeHtml(f.recommendation)}</code>${f.assuming ? ` (${escapeHtml(assumingPhrase(f.assuming))})` : ''}`)) : '<p class="meta">No single answer would change it.</p>'}
${advice.evidence ? `<h2>Found in the repository</h2>${list(foundAnswers(advice).map((f) => `<code>${escapeHtml(f.heading)}</code>${list(f.evidence.map((e) => `<code>${escapeHtml(`${e.file}:${e.line}`)}</code> <code>${escapeHtml(e.found)}</code>: ${escapeHtml(e.why)}`))}`))}\n` : ''}<h2>Notes</h2>${list(advice.notes.map((n) => `${escapeHtml(n.text)} ${cite(n.sources)}`))}
${advice.config ? `<p class="meta">Config file: <code>${escapeHtml(advice.config)}</code>${configAnswers(advice, rules)}</p>` : ''}
<h2>Assumed answers</h2>${list(advice.assumed.map((id) => `<code>--${escapeHtml(id)} ${escapeHtml(advice.answers[id] ?? '')}</code>`))}${
    advice.unsure.length ? `<h2>Not sure</h2>${list(advice.standIns.map((s) => `<code>--${escapeHtml(s.question)} unsure</code> (${escapeHtml(standInPhrase(s))})`))}` : ''
  }${advice.notAsked.length ? `<h2>Not asked</h2><p class="meta">No answer to these could change the recommendation.</p>${list(advice.notAsked.map((id) => `<code>--${escapeHtml(id)} ${escapeHtml(advice.answers[id] ?? '')}</code>`))}` : ''}
<h2>VM or container?</h2>${comparison(rules, { leaned: advice.decidingRows, given: advice.tradeOffRows })}`;
  return page(`vmvc: ${advice.headline}`, body);
}

/** Every question with its flag, variable, choices and default. */
export function questionsHtml(rules: Rules): string {
  const rows = questionEntries(rules)
    .map(
      (q) =>
        `<tr><td><code>${escapeHtml(q.flag)}</code><br><code class="src">${escapeHtml(q.env)}</code></td><td>${escapeHtml(q.prompt)}<br><span class="src">${escapeHtml(q.help)}</span></td><td>${q.choices.map((c) => (c.id === q.default ? `<b>${escapeHtml(c.id)}</b> (default)` : escapeHtml(c.id))).join(', ')}, <i>unsure</i></td><td class="src">${q.sources.map(escapeHtml).join(', ')}</td></tr>`,
    )
    .join('');
  return page('vmvc: questions', `<h1>Questions</h1><table><thead><tr><th>Flag</th><th>Asks</th><th>Choices</th><th>Sources</th></tr></thead><tbody>${rows}</tbody></table>`);
}

/** The comparison table alone. */
export function comparisonHtml(rules: Rules): string {
  return page('vmvc: VM or container?', `<h1>VM or container?</h1><p class="meta">rules version ${rules.version}</p>${comparison(rules)}`);
}

// The report's script. It draws only the rows in view (the table scrolls inside
// #scroller, each row one fixed height, spacers standing in for the rest), so
// 100,000 rows cost what 40 do; filtering and sorting work on arrays of row
// numbers. Text reaches the page only through textContent, never as HTML.
const CLIENT = `
(() => {
  const data = JSON.parse(document.getElementById('data').textContent);
  const d = data.rows;
  const n = d.line.length;
  const ROW = 32;
  const outcomes = data.outcomes;
  const scroller = document.getElementById('scroller');
  const tbody = document.querySelector('#workloads tbody');
  const detail = document.getElementById('detail');
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
  const listOf = (at) => (at < 0 ? [] : data.lists[at]);
  const workload = (i) => d.name[i] || '';
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let view = order;
  let drawn = '';
  const spacer = (height) => { const tr = el('tr', undefined, 'spacer'); const td = el('td'); td.colSpan = 5; td.style.height = height + 'px'; tr.appendChild(td); return tr; };
  const rowOf = (i) => {
    const tr = el('tr', undefined, 'row');
    tr.dataset.row = String(i);
    tr.appendChild(el('td', String(d.line[i])));
    tr.appendChild(el('td', d.id[i] || ''));
    tr.appendChild(el('td', workload(i)));
    const rec = el('td');
    const at = d.outcome[i];
    const pill = el('span', at < 0 ? 'error' : outcomes[at].label, 'pill');
    pill.style.background = at < 0 ? '#eb5757' : outcomes[at].color;
    rec.appendChild(pill);
    if (d.depends[i] === 1) rec.appendChild(el('span', ' depends', 'meta'));
    tr.appendChild(rec);
    const error = d.errors[i];
    tr.appendChild(el('td', error !== undefined ? error : listOf(d.reasons[i]).join(', '), error !== undefined ? 'err' : undefined));
    return tr;
  };
  const draw = (force) => {
    const first = Math.max(0, Math.floor(scroller.scrollTop / ROW) - 8);
    const last = Math.min(view.length, first + Math.ceil(scroller.clientHeight / ROW) + 16);
    const key = first + ':' + last;
    if (!force && key === drawn) return;
    drawn = key;
    const f = document.createDocumentFragment();
    f.appendChild(spacer(first * ROW));
    for (let k = first; k < last; k++) f.appendChild(rowOf(view[k]));
    f.appendChild(spacer((view.length - last) * ROW));
    tbody.replaceChildren(f);
  };
  let pending = false;
  scroller.addEventListener('scroll', () => { if (!pending) { pending = true; requestAnimationFrame(() => { pending = false; draw(false); }); } });
  tbody.addEventListener('click', (event) => {
    const tr = event.target.closest('tr.row');
    if (!tr) return;
    const i = Number(tr.dataset.row);
    detail.replaceChildren();
    const close = el('button', 'Close', 'close');
    close.addEventListener('click', () => (detail.hidden = true));
    detail.appendChild(close);
    detail.appendChild(el('b', 'Line ' + d.line[i] + ': ' + (workload(i) || d.id[i] || '')));
    if (d.id[i] !== null) detail.appendChild(el('div', 'id: ' + d.id[i], 'meta'));
    const error = d.errors[i];
    if (error !== undefined) detail.appendChild(el('div', 'Could not decide line ' + d.line[i] + ': ' + error, 'err'));
    const section = (title, items) => {
      detail.appendChild(el('div', title, 'meta'));
      const ul = el('ul');
      if (!items.length) ul.appendChild(el('li', 'none'));
      for (const item of items) ul.appendChild(el('li', item));
      detail.appendChild(ul);
    };
    if (error === undefined) {
      section('Reasons', listOf(d.reasons[i]).map((id) => (data.reasons[id] ? data.reasons[id] + ' (' + id + ')' : id)));
      section('Notes', listOf(d.notes[i]).map((id) => data.notes[id] || id));
      section('Depends on', listOf(d.dependsOn[i]));
      section('Assumed answers', listOf(d.assumed[i]));
      if (d.kept[i] >= 0) section('Columns kept', listOf(d.kept[i]));
      if (d.found[i] >= 0) section('Found in the repository ' + listOf(d.found[i])[0], listOf(d.found[i]).slice(1));
      if (d.current[i] >= 0) section('Runs today as', [outcomes[d.current[i]].label + (d.drift[i] ? ' (elsewhere than advised)' : ' (as advised)')]);
      if (d.unsure[i] >= 0) section('Not sure', listOf(d.unsure[i]));
    }
    detail.hidden = false;
  });
  const outcome = document.getElementById('outcome');
  const confidence = document.getElementById('confidence');
  const driftOnly = document.getElementById('drift');
  const search = document.getElementById('search');
  const shown = document.getElementById('shown');
  // Searched text, per row and per shared list: made once the first rows are on screen, or by the first search.
  let hay = null;
  let listHay = null;
  const prepareSearch = () => {
    if (hay) return;
    hay = new Array(n);
    for (let i = 0; i < n; i++) hay[i] = ((d.id[i] || '') + ' ' + (d.name[i] || '') + ' ' + (d.errors[i] || '')).toLowerCase();
    listHay = data.lists.map((l) => l.join(' ').toLowerCase());
  };
  const apply = () => {
    const want = outcome.value === '' ? -2 : outcome.value === 'error' ? -1 : outcomes.findIndex((o) => o.id === outcome.value);
    const firmness = confidence.value === '' ? -2 : confidence.value === 'depends' ? 1 : 0;
    const text = search.value.trim().toLowerCase();
    let listHit = null;
    let outcomeHit = null;
    if (text) {
      prepareSearch();
      listHit = listHay.map((h) => h.includes(text));
      outcomeHit = outcomes.map((o) => o.id.includes(text) || o.label.toLowerCase().includes(text));
    }
    const out = new Int32Array(order.length);
    let m = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      if (want !== -2 && d.outcome[i] !== want) continue;
      if (firmness !== -2 && d.depends[i] !== firmness) continue;
      if (driftOnly && driftOnly.value === '1' && d.drift[i] !== 1) continue;
      if (text && !(hay[i].includes(text) || (d.reasons[i] >= 0 && listHit[d.reasons[i]]) || (d.outcome[i] >= 0 && outcomeHit[d.outcome[i]]))) continue;
      out[m++] = i;
    }
    view = out.subarray(0, m);
    shown.textContent = 'showing ' + m + ' of ' + n;
    draw(true);
  };
  outcome.addEventListener('change', apply);
  confidence.addEventListener('change', apply);
  if (driftOnly) driftOnly.addEventListener('change', apply);
  search.addEventListener('input', apply);
  let lower = null;
  let ids = null;
  const keys = {
    line: () => d.line,
    id: () => { if (!ids) { ids = new Array(n); for (let i = 0; i < n; i++) ids[i] = (d.id[i] || '').toLowerCase(); } return ids; },
    workload: () => { if (!lower) { lower = new Array(n); for (let i = 0; i < n; i++) lower[i] = workload(i).toLowerCase(); } return lower; },
    recommendation: () => d.outcome.map((o) => (o < 0 ? outcomes.length : o)),
  };
  let sorted = { key: 'line', dir: 1 };
  document.querySelectorAll('th button').forEach((button) => button.addEventListener('click', () => {
    const key = button.dataset.sort;
    sorted = { key, dir: sorted.key === key ? -sorted.dir : 1 };
    const v = keys[key]();
    const dir = sorted.dir;
    const line = d.line;
    order = Int32Array.from(order).sort((a, b) => (v[a] < v[b] ? -dir : v[a] > v[b] ? dir : (line[a] - line[b]) * dir));
    apply();
  }));
  apply();
  setTimeout(prepareSearch, 50);
})();
`;

/** `; answers from it: --isolation strong`, for the answers a config file gave. */
function configAnswers(advice: Advice, rules: Rules): string {
  const from = rules.questions.filter((q) => advice.answerOrigins[q.id] === 'config');
  return from.length ? `; answers from it: ${from.map((q) => `<code>--${escapeHtml(q.id)} ${escapeHtml(advice.unsure.includes(q.id) ? 'unsure' : (advice.answers[q.id] ?? ''))}</code>`).join(', ')}` : '';
}
