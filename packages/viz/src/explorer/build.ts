/**
 * Builds the explorer page into one folder: `index.html` (with the scenarios embedded as JSON),
 * `explorer.js` (the page, chart.js and yaml bundled by esbuild, with the Web Worker's own bundle
 * — sim-core — inlined as text and started from a blob: URL, since browsers refuse workers from
 * file:// URLs) and `explorer.css`. Classic scripts only, no fetch, nothing remote: the folder
 * opens from file:// and offline, or from `vraem explore --serve`.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { escapeHtml as esc } from '../format.ts';
import { scriptJson } from '../html.ts';
import type { ExplorerData } from './protocol.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Files of a built explorer, by name. */
export const EXPLORER_FILES = ['index.html', 'explorer.js', 'explorer.css'] as const;

/** Bundle one entry for the browser and return its text. */
async function bundle(entry: string, define: Record<string, string> = {}): Promise<string> {
  const out = await build({
    entryPoints: [join(HERE, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    define,
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/** The page's markup: toolbar, sidebar of controls, charts and map; the data embedded as JSON. */
export function explorerHtml(data: ExplorerData): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'unsafe-inline' blob: file:; worker-src blob:; style-src 'self' 'unsafe-inline' file:; img-src data: blob:; connect-src 'none'">
<title>vraem explorer</title>
<link rel="stylesheet" href="explorer.css">
</head>
<body>
<header>
  <h1>vraem explorer <small>the coca economy of Peru’s VRAEM, month by month · ${esc(data.version)}</small></h1>
  <div class="toolbar">
    <label>Scenario <select id="entry"></select></label>
    <label title="the random seed: the same seed and changes give the same run">Seed <input id="seed" type="number" min="0" step="1"></label>
    <label title="households one farmer agent stands for: 1 is full scale (slower); ${data.householdsPerAgent} runs smoothly on a laptop and gives the same picture with more noise; results are in real units either way">Households per agent <input id="hpa" type="number" min="1" step="1"></label>
    <span class="buttons">
      <button id="run" class="primary">Run</button>
      <button id="pause">Pause</button>
      <button id="step" title="one month">Step</button>
      <button id="reset" title="start again with the same scenario and seed">Reset</button>
    </span>
    <label>Speed <select id="speed">
      <option value="1">1 month/s</option><option value="2">2 months/s</option><option value="5">5 months/s</option>
      <option value="10" selected>10 months/s</option><option value="20">20 months/s</option><option value="0">as fast as possible</option>
    </select></label>
    <label title="the run pauses by itself after this many months (empty: run to the end)">Pause at month <input id="until" type="number" min="1" step="1"></label>
    <label title="run the same scenario and seed without your lever changes and draw it dotted"><input id="compare" type="checkbox"> Compare with baseline</label>
    <label title="one run mixes a lever's effect with chance; several runs (seeds in a row, each paired with its baseline) show the spread">Runs <select id="runs">
      <option value="1" selected>1 (one seed, live)</option><option value="8">8 seeds, with spread</option>
    </select></label>
    <span class="buttons">
      <button id="export-yaml" title="the run as a scenario file: pnpm vraem run FILE --runs 1 replays it">Export scenario (YAML)</button>
      <button id="export-csv" title="the months so far, in vraem run's series.csv format">Export series (CSV)</button>
      <button id="as-baseline" title="make your settings the baseline: what you change next is compared with them">Use as baseline</button>
      <button id="share" title="a link that opens this setup and replays your changes at their months">Share link</button>
      <button id="load-yaml" title="open a scenario file (for instance one this page exported)">Load scenario (YAML)</button>
      <input id="load-file" type="file" accept=".yaml,.yml" hidden>
    </span>
    <input id="share-url" type="text" readonly hidden aria-label="link to this setup">
    <label><input id="large" type="checkbox"> Large text</label>
    <span id="status" role="status"></span>
  </div>
</header>
<div id="message" hidden></div>
<div class="layout">
  <aside>
    <div id="entry-info"></div>
    <div id="changes-box" hidden><b>Your changes</b><ul id="changes"></ul></div>
    <div id="controls"></div>
  </aside>
  <main>
    <div id="monitors" class="monitors" aria-live="off"></div>
    <p id="run-label" class="run-label"></p>
    <p id="compare-note" class="note" hidden>Dotted lines: the same scenario and seed without your lever changes (the baseline). Dashed lines are read on the right axis.</p>
    <section id="several" hidden>
      <p id="several-status" role="status"></p>
      <ul id="several-readings"></ul>
      <div id="several-charts"></div>
    </section>
    <div id="charts"><div class="map-box" id="map-box"><h2>Regions, <span id="map-month">start</span> (schematic, not to scale)</h2><div id="map"></div></div></div>
  </main>
</div>
<script type="application/json" id="vraem-data">${scriptJson(data)}</script>
<script src="explorer.js"></script>
</body>
</html>
`;
}

/**
 * Build the explorer into `outDir` (created if missing; its three files replaced).
 * @returns the paths written
 * @example await writeExplorer('runs/explorer', { entries, initial: 'baseline', householdsPerAgent: 10, version: '0.1.0' })
 */
export async function writeExplorer(outDir: string, data: ExplorerData): Promise<string[]> {
  if (!data.entries.length) throw new Error('the explorer needs at least one scenario');
  const workerJs = await bundle('worker.ts');
  const mainJs = await bundle('main.ts', { __WORKER_SOURCE__: JSON.stringify(workerJs) });
  await mkdir(outDir, { recursive: true });
  const files: [string, string][] = [
    ['index.html', explorerHtml(data)],
    ['explorer.js', mainJs],
    ['explorer.css', readFileSync(join(HERE, 'explorer.css'), 'utf8')],
  ];
  for (const [name, text] of files) await writeFile(join(outDir, name), text);
  return files.map(([name]) => join(outDir, name));
}
