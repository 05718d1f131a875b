/**
 * A self-contained HTML report: inline CSS and JS, no network requests (a
 * Content-Security-Policy forbids them), opens from disk. Every value from an
 * input file or a rules file is escaped on the way in: text reaches the page
 * only through HTML escaping or, in the script, through textContent.
 */
import type { Advice } from '../advice.js';
import { questionEntries } from '../answers.js';
import { confidenceNote, dependenceLines } from './confidence.js';
import type { Rules } from '../rules/types.js';
import type { BatchRecord } from '../batch/types.js';
import { clean } from '../sanitize.js';
import { sourceLabels } from './style.js';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return clean(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON that is safe inside <script type="application/json">: nothing can close the element. */
function scriptJson(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
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
tr.row { cursor: pointer; } tr.row:hover { background: #f5f8ff; }
tr.detail td { background: #fafbfd; } tr.detail ul { margin: 4px 0 8px 18px; padding: 0; }
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

function comparison(rules: Rules, marked: readonly string[] = []): string {
  const labels = sourceLabels(rules);
  const rows = rules.comparison
    .map(
      (r) =>
        `<tr${marked.includes(r.id) ? ' style="font-weight:600"' : ''}><td>${marked.includes(r.id) ? '▶ ' : ''}${escapeHtml(r.aspect)}</td><td>${escapeHtml(r.vm)}</td><td>${escapeHtml(r.container)}</td><td class="src">${labels.of(r.sources).map(escapeHtml).join(', ')}</td></tr>`,
    )
    .join('');
  const legend = rules.sources
    .map((s) => `<li><b>${escapeHtml(labels.of([s.file])[0]!)}</b>: <code>${escapeHtml(s.file)}</code>, ${escapeHtml(s.title)}${s.url ? ` <span class="src">${escapeHtml(s.url)}</span>` : ''}</li>`)
    .join('');
  return `<table><thead><tr><th>Aspect</th><th>Virtual machine</th><th>Container</th><th>Sources</th></tr></thead><tbody>${rows}</tbody></table><ul class="src">${legend}</ul>`;
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

/** The portfolio report: summary chart, a sortable and filterable table of every row, the comparison. */
export function portfolioHtml(records: BatchRecord[], rules: Rules): string {
  const total = records.length;
  const counts = [
    ...rules.outcomes.map((o) => ({ label: o.label, color: colorOf(rules, o.id), count: records.filter((r) => r.recommendation === o.id).length })),
    { label: 'could not decide', color: ERROR_COLOR, count: records.filter((r) => r.error !== undefined).length },
  ];
  const data = {
    records,
    outcomes: rules.outcomes.map((o) => ({ id: o.id, label: o.label, color: colorOf(rules, o.id) })),
    reasons: Object.fromEntries(rules.rules.map((r) => [r.id, { text: r.reason, sources: r.sources }])),
    notes: Object.fromEntries(rules.notes.map((n) => [n.id, { text: n.text, sources: n.sources }])),
  };
  const options = rules.outcomes.map((o) => `<option value="${escapeHtml(o.id)}">${escapeHtml(o.label)}</option>`).join('');
  const body = `
<h1>vmvc portfolio report</h1>
<p class="meta">${total} workloads · rules version ${rules.version} · decided by vmvc</p>
<h2>Recommendations</h2>
<div class="card">${chart(counts, total)}</div>
<h2>Workloads</h2>
<div class="controls">
  <label>Outcome <select id="outcome"><option value="">all</option>${options}<option value="error">could not decide</option></select></label>
  <label>Confidence <select id="confidence"><option value="">all</option><option value="firm">firm</option><option value="depends">depends on an unsure or assumed answer</option></select></label>
  <label>Search <input id="search" type="search" placeholder="id, name, rule, error"></label>
  <span id="shown" class="meta"></span>
</div>
<table id="workloads"><thead><tr>
  <th><button data-sort="line">Line</button></th><th><button data-sort="workload">Workload</button></th>
  <th><button data-sort="recommendation">Recommendation</button></th><th>Reasons</th>
</tr></thead><tbody></tbody></table>
<h2>VM or container?</h2>
${comparison(rules)}
<script type="application/json" id="data">${scriptJson(data)}</script>`;
  return page('vmvc portfolio report', body, `<script>${CLIENT}</script>`);
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
<h2>Why</h2>${list(advice.reasons.map((r) => `${escapeHtml(r.text)} ${cite(r.sources)} <code>${escapeHtml(r.rule)}</code>`))}
<h2>What would change it</h2>${advice.flips.length ? list(advice.flips.map((f) => `<code>--${escapeHtml(f.question)} ${escapeHtml(f.to)}</code> → <code>${escapeHtml(f.recommendation)}</code>`)) : '<p class="meta">No single answer would change it.</p>'}
<h2>Notes</h2>${list(advice.notes.map((n) => `${escapeHtml(n.text)} ${cite(n.sources)}`))}
<h2>Assumed answers</h2>${list(advice.assumed.map((id) => `<code>--${escapeHtml(id)} ${escapeHtml(advice.answers[id] ?? '')}</code>`))}${
    advice.unsure.length ? `<h2>Not sure</h2>${list(advice.unsure.map((id) => `<code>--${escapeHtml(id)} unsure</code> (${escapeHtml(advice.answers[id] ?? '')} used)`))}` : ''
  }${advice.notAsked.length ? `<h2>Not asked</h2><p class="meta">No answer to these could change the recommendation.</p>${list(advice.notAsked.map((id) => `<code>--${escapeHtml(id)} ${escapeHtml(advice.answers[id] ?? '')}</code>`))}` : ''}
<h2>VM or container?</h2>${comparison(rules, advice.decidingRows)}`;
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

// The report's script: builds the table from the embedded JSON with textContent
// only, so no value from an input file is ever parsed as HTML.
const CLIENT = `
(() => {
  const data = JSON.parse(document.getElementById('data').textContent);
  const colors = Object.fromEntries(data.outcomes.map((o) => [o.id, o.color]));
  const labels = Object.fromEntries(data.outcomes.map((o) => [o.id, o.label]));
  const tbody = document.querySelector('#workloads tbody');
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
  const rows = data.records.map((r, i) => {
    const tr = el('tr', undefined, 'row');
    tr.dataset.index = String(i);
    tr.appendChild(el('td', String(r.line)));
    tr.appendChild(el('td', r.name || r.id || ''));
    const rec = el('td');
    const pill = el('span', r.error !== undefined ? 'error' : (labels[r.recommendation] || r.recommendation), 'pill');
    pill.style.background = r.error !== undefined ? '#eb5757' : (colors[r.recommendation] || '#777');
    rec.appendChild(pill);
    if (r.confidence === 'depends') rec.appendChild(el('span', ' depends', 'meta'));
    tr.appendChild(rec);
    tr.appendChild(el('td', r.error !== undefined ? r.error : (r.reasons || []).join(', '), r.error !== undefined ? 'err' : undefined));
    const haystack = [r.id, r.name, r.recommendation, r.error, ...(r.reasons || [])].filter(Boolean).join(' ').toLowerCase();
    return { r, tr, haystack, detail: null };
  });
  const frag = document.createDocumentFragment();
  for (const row of rows) frag.appendChild(row.tr);
  tbody.appendChild(frag);
  const detailOf = (row) => {
    const tr = el('tr', undefined, 'detail');
    const td = el('td');
    td.colSpan = 4;
    const r = row.r;
    if (r.id !== undefined) td.appendChild(el('div', 'id: ' + r.id, 'meta'));
    if (r.error !== undefined) td.appendChild(el('div', 'Could not decide line ' + r.line + ': ' + r.error, 'err'));
    const section = (title, items) => {
      td.appendChild(el('b', title));
      const ul = el('ul');
      if (!items.length) ul.appendChild(el('li', 'none'));
      for (const item of items) ul.appendChild(el('li', item));
      td.appendChild(ul);
    };
    if (r.error === undefined) {
      section('Reasons', (r.reasons || []).map((id) => (data.reasons[id] ? data.reasons[id].text + ' (' + id + ')' : id)));
      section('Notes', (r.notes || []).map((id) => (data.notes[id] ? data.notes[id].text : id)));
      section('Depends on', r.dependsOn || []);
      section('Assumed answers', r.assumed || []);
      if ((r.unsure || []).length) section('Not sure', r.unsure);
    }
    tr.appendChild(td);
    return tr;
  };
  tbody.addEventListener('click', (event) => {
    const tr = event.target.closest('tr.row');
    if (!tr) return;
    const row = rows[Number(tr.dataset.index)];
    if (row.detail) { row.detail.remove(); row.detail = null; }
    else { row.detail = detailOf(row); tr.after(row.detail); }
  });
  const outcome = document.getElementById('outcome');
  const confidence = document.getElementById('confidence');
  const search = document.getElementById('search');
  const shown = document.getElementById('shown');
  const apply = () => {
    const want = outcome.value;
    const firmness = confidence.value;
    const text = search.value.trim().toLowerCase();
    let n = 0;
    for (const row of rows) {
      const r = row.r;
      const ok = (!want || (want === 'error' ? r.error !== undefined : r.recommendation === want)) && (!firmness || r.confidence === firmness) && (!text || row.haystack.includes(text));
      row.tr.hidden = !ok;
      if (row.detail) row.detail.hidden = !ok;
      if (ok) n++;
    }
    shown.textContent = 'showing ' + n + ' of ' + rows.length;
  };
  let timer;
  outcome.addEventListener('change', apply);
  confidence.addEventListener('change', apply);
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(apply, 120); });
  const keys = {
    line: (row) => row.r.line,
    workload: (row) => (row.r.name || row.r.id || '').toLowerCase(),
    recommendation: (row) => (row.r.error !== undefined ? '~error' : row.r.recommendation),
  };
  let sorted = { key: 'line', dir: 1 };
  document.querySelectorAll('th button').forEach((button) => button.addEventListener('click', () => {
    const key = button.dataset.sort;
    sorted = { key, dir: sorted.key === key ? -sorted.dir : 1 };
    const get = keys[key];
    rows.sort((a, b) => (get(a) < get(b) ? -1 : get(a) > get(b) ? 1 : a.r.line - b.r.line) * sorted.dir);
    const f = document.createDocumentFragment();
    for (const row of rows) { f.appendChild(row.tr); if (row.detail) f.appendChild(row.detail); }
    tbody.appendChild(f);
    rows.forEach((row, i) => (row.tr.dataset.index = String(i)));
  }));
  apply();
})();
`;
