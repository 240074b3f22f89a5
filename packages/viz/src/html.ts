/**
 * The self-contained HTML report: one file that opens offline and can be mailed. chart.js is
 * inlined from its UMD build, the chart specs are embedded as JSON and drawn by a short inline
 * script, and a Content-Security-Policy forbids every network request. The page holds the
 * scenario's description, the key numbers as tables, every chart and the manifest at the bottom.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { BAND_SUFFIX } from './charts/common.ts';
import { escapeHtml } from './format.ts';
import type { NamedChart } from './png.ts';

/** A table cell: text, or a value with its 95% interval (and the name of the summary figure it shows). */
export type TableCell = string | { value: string; ci?: string; emphasis?: boolean; figure?: string };

/** A piece of a generated sentence: text, or a number shown from a named summary figure. */
export type AnswerPart = string | { text: string; figure: string; key: string; format: string };

/** The answer first: generated sentences and a compact table, shown above everything else. */
export interface AnswerBlock {
  heading: string;
  sentences: AnswerPart[][];
  table?: KeyTable;
}

/** A table of key numbers. */
export interface KeyTable {
  caption: string;
  head: string[];
  rows: TableCell[][];
  /** A sentence under the table (what the numbers are, which window). */
  note?: string;
}

/** Everything a report page shows, already in words and numbers. */
export interface ReportDocument {
  /** Page heading. */
  title: string;
  /** One line under the heading (command, runs, seeds, period). */
  subtitle: string;
  /** Scenario descriptions, each under its own heading. */
  descriptions: { heading: string; text: string }[];
  tables: KeyTable[];
  charts: NamedChart[];
  /** The manifest as label/value pairs, shown at the bottom. */
  manifest: [string, string][];
  /** The answer, shown first (comparisons). */
  answer?: AnswerBlock;
  /** Headings of the descriptions and the tables sections (default "Scenario", "Key numbers"). */
  headings?: { descriptions: string; tables: string };
}

let chartJsSource: string | undefined;

/** The chart.js UMD build, read once from the installed package (about 210 KB). */
export function chartJsUmd(): string {
  if (!chartJsSource) {
    const dist = dirname(createRequire(import.meta.url).resolve('chart.js'));
    // The source-map comment would point at a file the report does not carry: drop it.
    const source = readFileSync(join(dist, 'chart.umd.min.js'), 'utf8').replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n');
    if (/<\/script|<!--/i.test(source)) throw new Error('chart.umd.min.js contains a sequence that cannot be inlined in a <script>');
    chartJsSource = source;
  }
  return chartJsSource;
}

let fitSource: string | undefined;

/** The fit-text plugin (charts/fit.ts) as a classic script setting `window.vraemFitText`, bundled once. */
export function fitTextScript(): string {
  if (!fitSource) {
    const out = buildSync({
      entryPoints: [join(dirname(fileURLToPath(import.meta.url)), 'charts', 'fitEntry.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      minify: true,
      legalComments: 'none',
      logLevel: 'silent',
    });
    fitSource = out.outputFiles[0].text;
    if (/<\/script|<!--/i.test(fitSource)) throw new Error('the fit-text script contains a sequence that cannot be inlined in a <script>');
  }
  return fitSource;
}

/** JSON safe inside a `<script>` element (no `</script>`, no `<!--`, no raw line separators). */
export function scriptJson(x: unknown): string {
  return JSON.stringify(x).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function cell(c: TableCell, tag: 'td' | 'th'): string {
  if (typeof c === 'string') return `<${tag}>${escapeHtml(c)}</${tag}>`;
  const ci = c.ci ? `<span class="ci">${escapeHtml(c.ci)}</span>` : '';
  const figure = c.figure ? ` data-figure="${escapeHtml(c.figure)}"` : '';
  return `<${tag} class="num${c.emphasis ? ' em' : ''}"${figure}><span class="v">${escapeHtml(c.value)}</span>${ci}</${tag}>`;
}

function answerSection(a: AnswerBlock): string {
  const part = (p: AnswerPart) => (typeof p === 'string' ? escapeHtml(p) : `<span class="fig" data-figure="${escapeHtml(p.figure)}" data-key="${escapeHtml(p.key)}" data-format="${escapeHtml(p.format)}">${escapeHtml(p.text)}</span>`);
  const sentences = a.sentences.map((s) => `<p>${s.map(part).join('')}</p>`).join('\n');
  return `<section id="answer">\n<h2>${escapeHtml(a.heading)}</h2>\n<div class="sentences">\n${sentences}\n</div>\n${a.table ? table(a.table, 'compact') : ''}\n</section>`;
}

function table(t: KeyTable, kind = ''): string {
  const head = `<tr>${t.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr>`;
  const rows = t.rows.map((r) => `<tr>${r.map((c, i) => cell(c, i === 0 ? 'th' : 'td')).join('')}</tr>`).join('\n');
  const note = t.note ? `<p class="note">${escapeHtml(t.note)}</p>` : '';
  return `<div class="table"><table${kind ? ` class="${kind}"` : ''}><caption>${escapeHtml(t.caption)}</caption><thead>${head}</thead><tbody>\n${rows}\n</tbody></table>${note}</div>`;
}

function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}

function chartTitle(c: NamedChart): string {
  const t = c.config.options?.plugins?.title?.text;
  return Array.isArray(t) ? t.join(' ') : (t ?? c.name);
}

// Runs in the page: draws each embedded spec with the same draw-time rules as render.ts
// (white background, band edges out of the legend, text fitted to the canvas at the page's text
// size: the browser's default font over 16 px, so a reader's 150% text reaches the charts). A chart that fails is reported on the console
// and in the page, and the others still draw.
const BOOT = `(function () {
  'use strict';
  var BAND_SUFFIX = __BAND_SUFFIX__;
  var specs = JSON.parse(document.getElementById('vraem-charts').textContent);
  var white = { id: 'vraemWhiteBackground', beforeDraw: function (chart) {
    var ctx = chart.ctx; ctx.save(); ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff'; ctx.fillRect(0, 0, chart.width, chart.height); ctx.restore();
  } };
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", "DejaVu Sans", Arial, sans-serif';
  Chart.defaults.color = '#222';
  var textScale = (parseFloat(getComputedStyle(document.documentElement).fontSize) || 16) / 16;
  var drawn = [];
  specs.forEach(function (spec, i) {
    var canvas = document.getElementById('chart-' + i);
    try {
      var cfg = spec.config;
      var o = cfg.options = cfg.options || {};
      o.responsive = true; o.maintainAspectRatio = false; o.animation = false;
      o.plugins = o.plugins || {}; o.plugins.legend = o.plugins.legend || {};
      o.plugins.legend.labels = o.plugins.legend.labels || {};
      o.plugins.legend.labels.filter = function (item) { return !String(item.text || '').endsWith(BAND_SUFFIX); };
      o.plugins.vraemFit = { scale: textScale };
      cfg.plugins = [white, window.vraemFitText, window.vraemErrorBars];
      drawn.push(new Chart(canvas, cfg));
    } catch (e) {
      console.error('vraem report: chart "' + spec.name + '" could not be drawn: ' + (e && e.message ? e.message : e));
      var note = document.createElement('p');
      note.className = 'chart-error';
      note.textContent = 'This chart could not be drawn: ' + (e && e.message ? e.message : e);
      canvas.parentNode.parentNode.insertBefore(note, canvas.parentNode.nextSibling);
    }
  });
  window.addEventListener('beforeprint', function () { drawn.forEach(function (c) { c.resize(); }); });
  document.documentElement.setAttribute('data-charts-drawn', String(drawn.length));
})();`;

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1240px; padding: 24px 28px 48px; background: #fff; color: #1d1d1d;
  font: 0.9375rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 4px; }
h2 { font-size: 1.25rem; margin: 36px 0 12px; border-bottom: 2px solid #1d1d1d; padding-bottom: 4px; }
h3 { font-size: 1rem; margin: 18px 0 6px; }
.subtitle { color: #555; margin: 0 0 16px; }
.description p { max-width: 80ch; }
.table { overflow-x: auto; margin: 0 0 20px; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.875rem; }
caption { text-align: left; font-weight: 600; padding: 6px 0; }
th, td { padding: 5px 10px; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #888; background: #f5f5f5; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.em .v { font-weight: 700; }
.ci { display: block; color: #666; font-size: 0.75rem; }
.note { color: #555; font-size: 0.8125rem; margin: 4px 0 0; max-width: 90ch; }
figure.chart { margin: 0 0 28px; break-inside: avoid; page-break-inside: avoid; }
.frame { position: relative; width: 100%; aspect-ratio: 1200 / 650; border: 1px solid #e3e3e3; }
.frame canvas { display: block; }
figcaption { font-size: 0.8125rem; color: #555; margin-top: 4px; }
.chart-error { color: #a00; font-weight: 600; }
#answer h2 { margin-top: 4px; font-size: 1.125rem; }
#answer .sentences p { margin: 0 0 5px; max-width: none; font-size: 0.875rem; line-height: 1.4; }
#answer .fig { white-space: nowrap; }
#answer .fig[data-key="mean"] { font-weight: 700; }
table.compact { font-size: 0.78rem; }
table.compact caption { padding: 2px 0; }
table.compact th, table.compact td { padding: 2px 8px; }
table.compact tbody th { white-space: nowrap; }
table.compact .ci { display: inline; margin-left: 4px; font-size: 0.7rem; }
table.compact + .note { font-size: 0.75rem; }
footer { margin-top: 40px; font-size: 0.8125rem; color: #333; }
footer dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
footer dt { font-weight: 600; }
footer dd { margin: 0; overflow-wrap: anywhere; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: 0.78rem; }
@media (max-width: 700px) {
  body { padding: 12px 10px 32px; }
  .frame { aspect-ratio: auto; height: 34rem; }
  footer dl { grid-template-columns: 1fr; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; }
  .frame { border: none; }
  .table { overflow: visible; }
}
@page { margin: 14mm; }
`;

/**
 * Render a report document to one self-contained HTML page (chart.js inlined, no network
 * requests: a Content-Security-Policy forbids them).
 */
export function renderReportHtml(doc: ReportDocument): string {
  const figures = doc.charts
    .map(
      (c, i) =>
        `<figure class="chart" id="fig-${escapeHtml(c.name)}"><div class="frame"><canvas id="chart-${i}" role="img" aria-label="${escapeHtml(chartTitle(c))}">${escapeHtml(chartTitle(c))}</canvas></div>` +
        `<figcaption>${escapeHtml(c.name)}.png</figcaption></figure>`,
    )
    .join('\n');
  const descriptions = doc.descriptions
    .map((d) => `<h3>${escapeHtml(d.heading)}</h3>\n<div class="description">${paragraphs(d.text) || '<p>(no description)</p>'}</div>`)
    .join('\n');
  const manifest = doc.manifest.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd><code>${escapeHtml(v)}</code></dd>`).join('\n');
  const boot = BOOT.replace('__BAND_SUFFIX__', JSON.stringify(BAND_SUFFIX));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="@vraem/viz">
<title>${escapeHtml(doc.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(doc.title)}</h1>
<p class="subtitle">${escapeHtml(doc.subtitle)}</p>
</header>
${doc.answer ? answerSection(doc.answer) : ''}
<section id="scenario">
<h2>${escapeHtml(doc.headings?.descriptions ?? 'Scenario')}</h2>
${descriptions}
</section>
<section id="key-numbers">
<h2>${escapeHtml(doc.headings?.tables ?? 'Key numbers')}</h2>
${doc.tables.map((t) => table(t)).join('\n')}
</section>
<section id="charts">
<h2>Charts</h2>
${figures}
</section>
<footer id="manifest">
<h2>Manifest</h2>
<dl>
${manifest}
</dl>
</footer>
<script>${chartJsUmd()}</script>
<script>${fitTextScript()}</script>
<script type="application/json" id="vraem-charts">${scriptJson(doc.charts)}</script>
<script>${boot}</script>
</body>
</html>
`;
}
