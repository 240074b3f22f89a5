/**
 * The explorer page's main thread: the scenario picker (bundled scenarios and lessons, with a
 * lesson's strategy profiles), seed and scale, run/pause/step/reset and speed, the lever controls
 * grouped by actor, live charts appended month by month, the regional map, the "compare with
 * baseline" overlay, and the exports (the run as a scenario YAML that `vraem run` replays, and
 * its series as the CLI's CSV). The simulation itself runs in a Web Worker (worker.ts, inlined
 * as a blob: the page works from file:// and offline); this thread only draws.
 */
import { Chart, registerables, type ChartConfiguration } from 'chart.js';
import { type PathValue, monthLabel, setPath } from '@vraem/sim-core';
import { BAND_SUFFIX } from '../charts/common.ts';
import { BASELINE_SUFFIX, type ExplorerChart, type SeriesSource, appendMonth, explorerCharts, fillBaseline } from './charts.ts';
import { escapeHtml } from '../format.ts';
import { fitText } from '../charts/fit.ts';
import { type Control, controlGroups, showValue } from './controls.ts';
import { guideOf, plainDescription } from './guides.ts';
import { type RegionMonth, regionMapSvg, updateRegionMap } from './map.ts';
import type { ExplorerData, ExplorerEntry, FromWorker, LeverChange, MonthBlock, ToWorker } from './protocol.ts';
import { exportScenario, scenarioYaml } from './scenarioExport.ts';
import { LinkError, linkFragment, readLink } from './link.ts';
import { parse as parseYaml } from 'yaml';
import { type RunResult, type RowKind, validateScenario } from '@vraem/sim-core';
import { type SeveralReading, severalCharts, severalReadings, severalSeries } from './several.ts';

declare const __WORKER_SOURCE__: string;

Chart.register(...registerables, fitText);

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const data = JSON.parse($('vraem-data').textContent ?? '{}') as ExplorerData;
const root = document.documentElement;

const workerUrl = URL.createObjectURL(new Blob([__WORKER_SOURCE__], { type: 'text/javascript' }));
const worker = new Worker(workerUrl);
const send = (m: ToWorker) => worker.postMessage(m);

type Ready = Extract<FromWorker, { type: 'ready' }>;

/** What the page knows of the current run. */
const state = {
  entry: data.entries.find((e) => e.id === data.initial) ?? data.entries[0],
  /** Chosen strategy per lesson player (index into its strategies, −1: as the lesson's world). */
  profile: {} as Record<string, number>,
  /** Start-only levers the user set (applied when the simulation is created). */
  setup: {} as Record<string, PathValue>,
  /** Settings made the baseline ("Use as baseline"): the baseline is the entry with these. */
  baseSetup: {} as Record<string, PathValue>,
  /** The scenario object the worker's simulation was created from. */
  ran: {} as Record<string, unknown>,
  ready: undefined as Ready | undefined,
  main: new Float64Array(0),
  base: new Float64Array(0),
  mainMonths: 0,
  baseMonths: 0,
  tick: 0,
  running: false,
  changes: [] as LeverChange[],
  charts: [] as { chart: Chart<'line'>; sources: SeriesSource[] }[],
  pendingExport: undefined as 'yaml' | 'csv' | undefined,
  /** The activity's pause month, while it waits for the run to get there. */
  activity: 0,
  /** Lever changes from a shared link, made at their months in every run until another entry is picked. */
  scheduled: [] as LeverChange[],
};

// ---------------------------------------------------------------- the scenario and the worker

function withProfile(entry: ExplorerEntry): Record<string, unknown> {
  const s = structuredClone(entry.scenario);
  for (const p of entry.lesson?.players ?? []) {
    const k = state.profile[p.name] ?? -1;
    const strategy = p.strategies[k];
    if (strategy) for (const [path, v] of Object.entries(strategy.set)) setPath(s, path, v);
  }
  return s;
}

/**
 * The scenario to run (the entry, its profile, the start settings, the scale) and its baseline
 * (the same without the start settings, but as long). Separate copies: a setting deep in the
 * scenario must not reach the baseline through a shared object.
 */
function scenarios(): { ran: Record<string, unknown>; baseline: Record<string, unknown> } {
  const hpa = Number($<HTMLInputElement>('hpa').value);
  const scale = { householdsPerAgent: Number.isFinite(hpa) && hpa >= 1 ? Math.round(hpa) : 1 };
  const picked = withProfile(state.entry);
  const ran = { ...structuredClone(picked), ...scale };
  for (const [path, v] of Object.entries(state.setup)) setPath(ran, path, v);
  const baseline = { ...structuredClone(picked), ...scale };
  for (const [path, v] of Object.entries(state.baseSetup)) setPath(baseline, path, v);
  for (const path of ['months', 'warmupMonths']) if (path in state.setup) setPath(baseline, path, state.setup[path]);
  return { ran, baseline };
}

/** Create the simulations afresh: the chosen scenario, profile, start settings and seed. */
function reset(): void {
  const { ran, baseline } = scenarios();
  state.ran = ran;
  state.ready = undefined;
  state.changes = [];
  state.tick = 0;
  state.running = false;
  root.dataset.ready = 'false';
  showChanges();
  setStatus('creating the simulation (warm-up)…');
  send({ type: 'init', scenario: ran, baseline, seed: seedValue(), compare: compareOn(), scheduled: state.scheduled });
  labelRun();
  if (severalOn()) runSeveral();
  updateLink();
}

const seedValue = () => {
  const v = Number($<HTMLInputElement>('seed').value);
  return Number.isInteger(v) && v >= 0 && v < 2 ** 32 ? v : 0;
};
const compareOn = () => $<HTMLInputElement>('compare').checked;
const speedValue = () => Number($<HTMLSelectElement>('speed').value);

worker.onmessage = (e: MessageEvent<FromWorker>) => {
  const m = e.data;
  switch (m.type) {
    case 'ready':
      return onReady(m);
    case 'invalid':
      return showMessage(`This scenario is not valid: ${m.problems.join('; ')}`);
    case 'months':
      return onMonths(m.main, m.baseline, m.tick, m.running);
    case 'applied':
      showMessage('');
      // The worker replaces a change of the same lever in the same month: so does the record.
      if (state.changes.length && state.changes[state.changes.length - 1].tick === m.change.tick && state.changes[state.changes.length - 1].path === m.change.path) state.changes.pop();
      state.changes.push(m.change);
      showChanges();
      updateLink();
      return;
    case 'rejected':
      showMessage(`${m.path}: ${m.message}`);
      syncControls();
      return;
    case 'exported':
      return onExported(m.csv, m.changes, m.tick);
    case 'error':
      state.running = false;
      showMessage(`The simulation stopped: ${m.message}`);
      setStatus();
      return;
  }
};
worker.onerror = (e) => showMessage(`The simulation worker failed: ${e.message}`);

function onReady(m: Ready): void {
  state.ready = m;
  const stride = m.rows.length * m.metrics.length;
  state.main = new Float64Array(m.months * stride);
  state.base = new Float64Array(m.months * stride);
  state.mainMonths = 0;
  state.baseMonths = 0;
  $<HTMLInputElement>('seed').value = String(m.seed);
  $<HTMLInputElement>('until').max = String(m.months);
  buildControls();
  buildCharts();
  buildMap();
  buildMonitors();
  root.dataset.ready = 'true';
  root.dataset.tick = '0';
  showMessage('');
  setStatus();
}

function store(block: MonthBlock, into: Float64Array): number {
  const stride = state.ready!.rows.length * state.ready!.metrics.length;
  into.set(block.data, block.from * stride);
  return block.from + block.count;
}

function onMonths(main: MonthBlock | undefined, baseline: MonthBlock | undefined, tick: number, running: boolean): void {
  if (!state.ready) return;
  const before = state.mainMonths;
  if (baseline) state.baseMonths = Math.max(state.baseMonths, store(baseline, state.base));
  if (main) state.mainMonths = store(main, state.main);
  const start = state.ready.start;
  const compare = compareOn();
  for (const { chart, sources } of state.charts) {
    for (let t = before; t < state.mainMonths; t++) appendMonth(chart.data, sources, monthLabel(start, t), reader(t), compare);
    // A baseline catching up (the overlay just turned on) fills months the chart already has.
    if (compare && baseline && baseline.from < before) fillBaseline(chart.data, sources, state.mainMonths, reader);
  }
  const lockChanged = (state.tick === 0) !== (tick === 0) || (state.tick >= state.ready.months) !== (tick >= state.ready.months);
  state.tick = tick;
  state.running = running;
  root.dataset.tick = String(tick);
  root.dataset.running = String(running);
  if (lockChanged) syncControls();
  if (state.activity && tick >= state.activity && !running) {
    const g = guideOf(state.entry.id, state.entry.description);
    $('activity-text').textContent = `Paused at ${monthLabel(state.ready.start, tick - 1)}. Explain: ${g.activity.explain}`;
    state.activity = 0;
  }
  setStatus();
  render.request();
}

/**
 * Redraws, off the message handler: the charts' data grow as months arrive, and the drawing
 * follows in small tasks — one chart a task, then the map — so the page's thread never blocks for
 * long however fast the worker posts. While running, a new round starts no sooner than twice the
 * last round's drawing time (at least 100 ms) after it, which keeps the thread mostly idle; once
 * paused or finished, the last months are drawn at once. `data-drawn` on the root says how many
 * months the charts show.
 */
const render = (() => {
  let queued = false;
  let busy = false;
  let lastEnd = 0;
  let lastCost = 0;
  const round = (i: number, spent: number, months: number) => {
    const t = performance.now();
    if (i < state.charts.length) state.charts[i].chart.update('none');
    else if (state.ready && months > 0) {
      updateMap(months - 1);
      updateMonitors(months - 1);
    }
    spent += performance.now() - t;
    if (i < state.charts.length) setTimeout(() => round(i + 1, spent, months), 0);
    else {
      busy = false;
      lastEnd = performance.now();
      lastCost = spent;
      root.dataset.drawn = String(months);
      if (queued) request();
    }
  };
  const request = () => {
    if (busy) {
      queued = true;
      return;
    }
    queued = false;
    busy = true;
    const wait = state.running ? Math.max(0, lastEnd + Math.max(100, 2 * lastCost) - performance.now()) : 0;
    setTimeout(() => round(0, 0, state.mainMonths), wait);
  };
  return { request };
})();

/** Reads month `t` of the store for a chart's dataset. */
function reader(t: number): (s: SeriesSource) => number | undefined {
  const r = state.ready!;
  const nm = r.metrics.length;
  return (s) => {
    if (s.baseline ? t >= state.baseMonths : t >= state.mainMonths) return undefined;
    const row = r.rows.indexOf(s.row);
    const metric = r.metrics.indexOf(s.metric);
    if (row < 0 || metric < 0) return undefined;
    return (s.baseline ? state.base : state.main)[(t * r.rows.length + row) * nm + metric];
  };
}

// ---------------------------------------------------------------- charts and map

/** The store as a RunResult (the months so far), for building charts at once. */
function storeResult(baseline: boolean) {
  const r = state.ready!;
  const months = baseline ? state.baseMonths : state.mainMonths;
  const stride = r.rows.length * r.metrics.length;
  return {
    scenario: r.name,
    run: 0,
    seed: r.seed,
    start: r.start,
    months,
    rows: r.rows,
    rowKinds: r.rowKinds,
    metrics: r.metrics as never,
    data: (baseline ? state.base : state.main).subarray(0, months * stride),
  };
}

/**
 * The charts' text size: the page's root font over the 15 px it is designed at (so the browser's
 * text size and "Large text" reach the canvases), and a quarter more on screens 1600 px wide and
 * over, where a chart is wide and read from across a room.
 */
function chartTextScale(): number {
  const root = parseFloat(getComputedStyle(document.documentElement).fontSize) || 15;
  return (root / 15) * (window.innerWidth >= 1600 ? 1.25 : 1);
}


function buildCharts(): void {
  for (const c of state.charts) c.chart.destroy();
  const holder = $('charts');
  const mapBox = $('map-box');
  holder.replaceChildren();
  const r = state.ready!;
  const textScale = chartTextScale();
  const compare = compareOn();
  const subtitle = `${r.name} · seed ${r.seed} · ${String(state.ran.householdsPerAgent)} households per agent (1 = full scale)`;
  const regionCountries = Object.fromEntries(r.regions.map((x) => [x.id, x.country]));
  const regionNames = Object.fromEntries(r.regions.map((x) => [x.id, x.name.replace(/\s*\(.*\)\s*$/, '')]));
  const charts: ExplorerChart[] = explorerCharts(storeResult(false) as never, { baseline: compare ? (storeResult(true) as never) : undefined, compare, subtitle, regionCountries, regionNames });
  state.charts = charts.map(({ id, config, sources }) => {
    const box = document.createElement('div');
    box.className = 'chart';
    box.dataset.title = String(config.options?.plugins?.title?.text ?? id);
    const canvas = document.createElement('canvas');
    canvas.id = `chart-${id}`;
    box.append(canvas);
    holder.append(box);
    // The map sits beside the charts, after the first two (it spans two rows).
    if (holder.children.length === 2) holder.append(mapBox);
    const months = state.mainMonths;
    config.data.datasets.forEach((d, i) => {
      if (sources[i].baseline && !compare) return;
      const arr = d.data as (number | null)[];
      while (arr.length < months) arr.push(null);
      arr.length = months;
    });
    const cfg = config as ChartConfiguration<'line'>;
    cfg.options = {
      ...cfg.options,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        ...cfg.options?.plugins,
        legend: { ...cfg.options?.plugins?.legend, labels: { ...cfg.options?.plugins?.legend?.labels, filter: (item: { text: string }) => !item.text.endsWith(BASELINE_SUFFIX) } },
        vraemFit: { scale: textScale },
      } as never,
    };
    return { chart: new Chart(canvas, cfg), sources };
  });
  root.dataset.drawn = String(state.mainMonths);
}

/**
 * Big numbers for the room: the month and the key quantities of the last month drawn (Peru's
 * and the VRAEM's coca, Peru's leaf price, trust in AD delivery, violence), as NetLogo's monitors.
 */
const MONITORS: { label: string; rows: (r: Ready) => string[]; metric: string; format: (v: number) => string }[] = [
  { label: 'Peru coca (ha)', rows: () => ['PE'], metric: 'coca_ha', format: (v) => Math.round(v).toLocaleString('en-US') },
  { label: 'VRAEM coca (ha)', rows: (r) => r.rows.filter((x) => x.startsWith('vraem-')), metric: 'coca_ha', format: (v) => Math.round(v).toLocaleString('en-US') },
  { label: 'Peru leaf price (USD/kg)', rows: () => ['PE'], metric: 'leaf_price_usd_kg', format: (v) => v.toFixed(2) },
  { label: 'Peru trust in AD (0–1)', rows: () => ['PE'], metric: 'trust_in_state', format: (v) => v.toFixed(2) },
  { label: 'Peru violence (events/month)', rows: () => ['PE'], metric: 'violence_events', format: (v) => v.toFixed(1) },
];

function buildMonitors(): void {
  $('monitors').innerHTML =
    `<div class="monitor"><span class="label">Month</span><span class="value" id="mon-month">–</span></div>` +
    MONITORS.map((m, i) => `<div class="monitor"><span class="label">${escapeHtml(m.label)}</span><span class="value" id="mon-${i}">–</span></div>`).join('');
}

function updateMonitors(t: number): void {
  const r = state.ready!;
  const nm = r.metrics.length;
  $('mon-month').textContent = monthLabel(r.start, t);
  MONITORS.forEach((m, i) => {
    const mi = r.metrics.indexOf(m.metric);
    const rows = m.rows(r).map((x) => r.rows.indexOf(x)).filter((x) => x >= 0);
    const el = $(`mon-${i}`);
    if (mi < 0 || !rows.length) return (el.textContent = '–');
    el.textContent = m.format(rows.reduce((sum, row) => sum + state.main[(t * r.rows.length + row) * nm + mi], 0));
  });
}

let mapSvg: SVGSVGElement | undefined;
let mapScale = 1;

function buildMap(): void {
  const r = state.ready!;
  $('map').innerHTML = regionMapSvg(r.regions);
  mapSvg = $('map').querySelector('svg') ?? undefined;
  mapScale = Math.max(1, ...r.regions.map((x) => x.cocaHa)) * 1.5;
  const values: Record<string, RegionMonth> = {};
  for (const x of r.regions) values[x.id] = { cocaHa: x.cocaHa, armedControl: 0 };
  if (mapSvg) updateRegionMap(mapSvg, values, mapScale);
  $('map-month').textContent = 'start';
}

function updateMap(t: number): void {
  const r = state.ready!;
  if (!mapSvg) return;
  const nm = r.metrics.length;
  const coca = r.metrics.indexOf('coca_ha');
  const armed = r.metrics.indexOf('armed_control');
  const at = (buf: Float64Array, row: number, m: number) => buf[(t * r.rows.length + row) * nm + m];
  const values: Record<string, RegionMonth> = {};
  r.regions.forEach((x) => {
    const row = r.rows.indexOf(x.id);
    values[x.id] = {
      cocaHa: at(state.main, row, coca),
      armedControl: at(state.main, row, armed),
      ...(compareOn() && t < state.baseMonths ? { baselineCocaHa: at(state.base, row, coca) } : {}),
    };
  });
  updateRegionMap(mapSvg, values, mapScale);
  $('map-month').textContent = monthLabel(r.start, t);
}

// ---------------------------------------------------------------- controls

/** The current value of a lever: the last change made, else the scenario's. */
function currentValue(c: Control): unknown {
  for (let i = state.changes.length - 1; i >= 0; i--) if (state.changes[i].path === c.path) return state.changes[i].value;
  return c.value;
}

let controls: Control[] = [];
/** Each control's elements and inputs, by lever path (a preset lever also appears under "All levers"). */
const controlUi = new Map<string, { box: HTMLElement; inputs: (HTMLInputElement | HTMLSelectElement)[] }[]>();
/** A lever's readable name with its place (`Peru · AD delivery rate`), by path. */
const leverNames = new Map<string, string>();

/**
 * The levers: the entry's preset first (five to eight, each with a plain sentence), then every
 * lever behind "All levers", grouped by actor and place, with a search box.
 */
function buildControls(): void {
  const r = state.ready!;
  const names = Object.fromEntries(r.regions.map((x) => [x.id, x.name]));
  const coca = Object.fromEntries(r.regions.map((x) => [x.id, x.cocaHa]));
  const groups = controlGroups(r.levers, names, coca);
  controls = groups.flatMap((g) => g.sections.flatMap((s) => s.controls));
  controlUi.clear();
  leverNames.clear();
  const place = new Map<string, string>();
  for (const g of groups) for (const s of g.sections) for (const c of s.controls) place.set(c.path, s.title);
  for (const c of controls) leverNames.set(c.path, `${place.get(c.path)} · ${c.label}`);
  const holder = $('controls');
  holder.replaceChildren();
  const guide = guideOf(state.entry.id, state.entry.description);
  const preset = document.createElement('section');
  preset.className = 'preset';
  preset.innerHTML = `<h2>Levers for this ${state.entry.kind === 'lesson' ? 'lesson' : 'scenario'}</h2>`;
  for (const p of guide.levers) {
    const c = controls.find((x) => x.path === p.path);
    if (c) preset.append(controlElement({ ...c, label: leverNames.get(c.path) ?? c.label, description: p.sentence }));
  }
  holder.append(preset);
  const all = document.createElement('details');
  all.className = 'all-levers';
  all.innerHTML = `<summary>All levers (${controls.length})</summary><input type="search" id="lever-search" placeholder="search levers: eradication, price, Bolivia…" aria-label="search levers">`;
  for (const g of groups) {
    const details = document.createElement('details');
    details.className = `group group-${g.id}`;
    details.innerHTML = `<summary>${g.title}</summary>`;
    for (const s of g.sections) {
      const section = document.createElement('section');
      section.innerHTML = `<h3>${escapeHtml(s.title)}</h3>`;
      for (const c of [...s.controls.filter((x) => x.main), ...s.controls.filter((x) => !x.main)]) section.append(controlElement({ ...c, description: plainDescription(c.description) }));
      details.append(section);
    }
    all.append(details);
  }
  holder.append(all);
  const search = all.querySelector<HTMLInputElement>('#lever-search')!;
  search.addEventListener('input', () => filterLevers(all, search.value));
  syncControls();
}

/** Show only the levers whose name, place or meaning holds every word typed; open their groups. */
function filterLevers(all: HTMLElement, query: string): void {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  for (const g of all.querySelectorAll<HTMLDetailsElement>('details.group')) {
    let shown = 0;
    for (const box of g.querySelectorAll<HTMLElement>('.control')) {
      const text = `${leverNames.get(box.dataset.path ?? '') ?? ''} ${box.textContent ?? ''}`.toLowerCase();
      const hit = words.every((w) => text.includes(w));
      box.hidden = !hit;
      if (hit) shown++;
    }
    for (const sec of g.querySelectorAll<HTMLElement>('section')) sec.hidden = !sec.querySelector('.control:not([hidden])');
    g.hidden = shown === 0;
    g.open = words.length > 0 && shown > 0 && shown <= 40;
  }
}

function controlElement(c: Control): HTMLElement {
  const box = document.createElement('div');
  box.className = 'control' + (c.startOnly ? ' start-only' : '');
  box.dataset.path = c.path;
  const unit = c.unit ? ` <span class="unit">(${escapeHtml(c.unit)})</span>` : '';
  const when = c.startOnly ? ' <span class="when" title="shapes the start of a run: changing it restarts the run">at start</span>' : '';
  box.innerHTML = `<label>${escapeHtml(c.label)}${unit}${when}</label><div class="input"></div><p class="meaning">${escapeHtml(c.description)}</p>`;
  const input = box.querySelector('.input')!;
  const commit = (value: PathValue) => changeLever(c, value);
  if (c.kind === 'boolean') {
    const cb = document.createElement('input');
    cb.type = 'checkbox';
    cb.addEventListener('change', () => commit(cb.checked));
    input.append(cb);
  } else if (c.kind === 'enum') {
    const sel = document.createElement('select');
    for (const o of c.options ?? []) sel.add(new Option(o, o));
    sel.addEventListener('change', () => commit(sel.value));
    input.append(sel);
  } else if (c.slider) {
    const range = document.createElement('input');
    range.type = 'range';
    range.min = String(c.slider.min);
    range.max = String(c.slider.max);
    range.step = String(c.slider.step);
    range.setAttribute('aria-label', c.label);
    const num = document.createElement('input');
    num.type = 'number';
    num.step = 'any';
    if (c.min !== undefined) num.min = String(c.min);
    if (c.max !== undefined) num.max = String(c.max);
    range.addEventListener('input', () => (num.value = range.value));
    range.addEventListener('change', () => commit(Number(range.value)));
    num.addEventListener('change', () => {
      const v = Number(num.value);
      if (num.value.trim() !== '' && Number.isFinite(v)) commit(v);
      else syncControls();
    });
    input.append(range, num);
  }
  controlUi.set(c.path, [...(controlUi.get(c.path) ?? []), { box, inputs: [...input.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')] }]);
  return box;
}

/** Show every control's current value; start-only levers are locked once the run has begun. */
function syncControls(): void {
  for (const c of controls) {
    for (const ui of controlUi.get(c.path) ?? []) syncControl(c, ui);
  }
}

function syncControl(c: Control, ui: { box: HTMLElement; inputs: (HTMLInputElement | HTMLSelectElement)[] }): void {
  const v = c.path in state.setup ? state.setup[c.path] : currentValue(c);
  // Several runs restart with every move: nothing is locked there once the page is ready.
  const locked = !state.ready || (!severalOn() && ((c.startOnly && state.tick > 0) || state.tick >= state.ready.months));
  const changed = state.changes.some((x) => x.path === c.path) || c.path in state.setup;
  if (ui.box.classList.contains('changed') !== changed) ui.box.classList.toggle('changed', changed);
  // Only what differs is written: writes to hundreds of inputs would cost a style pass each.
  for (const el of ui.inputs) {
    if (el.disabled !== locked) el.disabled = locked;
    if (el === document.activeElement) continue;
    if (el instanceof HTMLInputElement && el.type === 'checkbox') {
      if (el.checked !== (v === true)) el.checked = v === true;
    } else if (el.value !== String(v)) el.value = String(v);
  }
}

function changeLever(c: Control, value: PathValue): void {
  if (severalOn()) {
    // Several runs: a lever applies from the start of every run, and the runs are made again.
    state.setup[c.path] = value;
    return reset();
  }
  if (c.startOnly) {
    if (state.tick > 0) return syncControls();
    state.setup[c.path] = value;
    return reset();
  }
  send({ type: 'set', path: c.path, value });
}

function showChanges(): void {
  const list = $('changes');
  list.replaceChildren();
  const start = state.ready?.start ?? String(state.ran.start ?? '');
  for (const [path, v] of Object.entries(state.setup)) {
    const li = document.createElement('li');
    li.textContent = `from the start: ${leverNames.get(path) ?? path} = ${showValue(v)}`;
    list.append(li);
  }
  for (const ch of state.changes) {
    const li = document.createElement('li');
    li.textContent = `${monthLabel(start, ch.tick)}: ${leverNames.get(ch.path) ?? ch.path} = ${showValue(ch.value)}`;
    list.append(li);
  }
  $('changes-box').hidden = list.children.length === 0;
  root.dataset.changes = String(state.changes.length);
}

// ---------------------------------------------------------------- toolbar, status, exports

function setStatus(text?: string): void {
  const r = state.ready;
  const el = $('status');
  if (text || !r) {
    el.textContent = text ?? '';
    return;
  }
  const last = state.mainMonths > 0 ? monthLabel(r.start, state.mainMonths - 1) : 'not started';
  el.textContent = `${last} · month ${state.mainMonths} of ${r.months} · ${state.running ? 'running' : state.mainMonths >= r.months ? 'finished' : 'paused'}`;
  $<HTMLButtonElement>('run').disabled = state.running || state.mainMonths >= r.months;
  $<HTMLButtonElement>('pause').disabled = !state.running;
  $<HTMLButtonElement>('step').disabled = state.mainMonths >= r.months;
}

function showMessage(text: string): void {
  const el = $('message');
  el.textContent = text;
  el.hidden = !text;
}

function download(name: string, text: string, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

function onExported(csv: string, changes: LeverChange[], tick: number): void {
  const kind = state.pendingExport;
  state.pendingExport = undefined;
  const r = state.ready!;
  const base = `${r.name}-seed${r.seed}-${tick}m`;
  if (kind === 'csv') download(`${base}-series.csv`, csv, 'text/csv');
  if (kind === 'yaml') {
    const file = `${base}.yaml`;
    const scenario = exportScenario(state.ran, r.seed, changes);
    download(file, scenarioYaml(scenario, { file, source: state.entry.id, months: tick, version: data.version }), 'application/yaml');
  }
}

/**
 * The Info panel: what the scenario or lesson shows, how to use it, things to notice and to try,
 * and a predict–run–explain activity: "Predict" shows the question and sets the run to pause at
 * the key month; when the run stops there, the page asks for the explanation. A lesson adds its
 * question and the strategies its players can choose.
 */
function describeEntry(): void {
  const e = state.entry;
  const box = $('entry-info');
  const g = guideOf(e.id, e.description);
  const list = (items: string[]) => (items.length ? `<ul>${items.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>` : '');
  box.innerHTML =
    `<h2>${escapeHtml(e.title)}</h2>` +
    (e.lesson ? `<p class="question"><b>The question:</b> ${escapeHtml(e.lesson.question)}</p>` : '') +
    `<details class="info" open><summary>Info</summary>` +
    `<h3>What it shows</h3><p>${escapeHtml(g.shows)}</p>` +
    `<h3>How to use it</h3><p>${escapeHtml(g.use)}</p>` +
    (g.notice.length ? `<h3>Things to notice</h3>${list(g.notice)}` : '') +
    (g.tryThis.length ? `<h3>Things to try</h3>${list(g.tryThis)}` : '') +
    `</details>` +
    `<div class="activity"><h3>Predict, run, explain</h3><p id="activity-text">${escapeHtml(g.activity.predict)}</p>` +
    `<button id="activity" title="the run pauses by itself at the key month">Predict, then run to the key month</button></div>`;
  $('activity').addEventListener('click', () => {
    const until = $<HTMLInputElement>('until');
    until.value = String(g.activity.pauseAfter);
    state.activity = g.activity.pauseAfter;
    $('activity-text').textContent = `Your prediction first: ${g.activity.predict} Then press Run: the run pauses after ${g.activity.pauseAfter} months.`;
  });
  if (e.lesson?.players.some((p) => p.strategies.length > 1)) {
    const profile = document.createElement('div');
    profile.className = 'profile';
    profile.innerHTML = '<h3>The lesson’s choices</h3>';
    for (const p of e.lesson.players) {
      if (p.strategies.length < 2) continue;
      const label = document.createElement('label');
      label.textContent = `${p.name}: `;
      const sel = document.createElement('select');
      sel.add(new Option('as in the lesson’s world', '-1'));
      p.strategies.forEach((s, i) => sel.add(new Option(s.name, String(i))));
      sel.value = String(state.profile[p.name] ?? -1);
      sel.addEventListener('change', () => {
        state.profile[p.name] = Number(sel.value);
        reset();
      });
      label.append(sel);
      profile.append(label);
    }
    box.append(profile);
  }
}

// ---------------------------------------------------------------- several runs

/**
 * Several runs: the setup run over consecutive seeds, each with its baseline of the same seed, in
 * a small pool of workers (one per spare core, at most four) flat out; when all are done, the
 * band charts and the paired differences (several.ts) replace the live charts.
 */
const several = {
  generation: 0,
  pool: [] as Worker[],
  yours: [] as RunResult[],
  baseline: [] as RunResult[],
  done: 0,
  n: 0,
  charts: [] as Chart[],
  readings: [] as SeveralReading[],
};

const severalOn = () => Number($<HTMLSelectElement>('runs').value) > 1;

function stopSeveral(): void {
  for (const w of several.pool) w.terminate();
  several.pool = [];
  several.generation++;
}

/** One finished simulation of a pool worker as a RunResult. */
function asResult(r: Ready, seed: number, run: number, data: Float64Array): RunResult {
  return { scenario: r.name, run, seed, start: r.start, months: r.months, rows: r.rows, rowKinds: r.rowKinds as RowKind[], metrics: r.metrics as never, data };
}

function runSeveral(): void {
  stopSeveral();
  const gen = several.generation;
  const n = Number($<HTMLSelectElement>('runs').value);
  const seed0 = seedValue();
  const { ran, baseline } = scenarios();
  several.yours = new Array(n);
  several.baseline = new Array(n);
  several.done = 0;
  several.n = n;
  several.readings = [];
  root.dataset.several = 'running';
  showSeveralStatus();
  const workers = Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2) - 1, n));
  let next = 0;
  const start = (w: Worker) => {
    if (next >= n) return;
    const k = next++;
    let ready: Ready | undefined;
    let main = new Float64Array(0);
    let base = new Float64Array(0);
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      if (gen !== several.generation) return;
      const m = e.data;
      if (m.type === 'ready') {
        ready = m;
        const stride = m.rows.length * m.metrics.length;
        main = new Float64Array(m.months * stride);
        base = new Float64Array(m.months * stride);
        w.postMessage({ type: 'run', speed: 0 } satisfies ToWorker);
      } else if (m.type === 'months' && ready) {
        const stride = ready.rows.length * ready.metrics.length;
        if (m.main) main.set(m.main.data, m.main.from * stride);
        if (m.baseline) base.set(m.baseline.data, m.baseline.from * stride);
        if (m.tick >= ready.months && !m.running) {
          several.yours[k] = asResult(ready, seed0 + k, k + 1, main);
          several.baseline[k] = asResult(ready, seed0 + k, k + 1, base);
          several.done++;
          showSeveralStatus();
          if (several.done === n) drawSeveral();
          else start(w);
        }
      } else if (m.type === 'invalid' || m.type === 'error') {
        showMessage(`Several runs stopped: ${m.type === 'invalid' ? m.problems.join('; ') : m.message}`);
        stopSeveral();
      }
    };
    w.postMessage({ type: 'init', scenario: ran, baseline, seed: (seed0 + k) >>> 0, compare: true, scheduled: state.scheduled } satisfies ToWorker);
  };
  for (let i = 0; i < workers; i++) {
    const w = new Worker(workerUrl);
    several.pool.push(w);
    start(w);
  }
}

function showSeveralStatus(): void {
  const seed0 = seedValue();
  $('several-status').textContent =
    several.done < several.n
      ? `Running ${several.n} runs (seeds ${seed0} to ${seed0 + several.n - 1}), each with its baseline: ${several.done} of ${several.n} done…`
      : `${several.n} runs (seeds ${seed0} to ${seed0 + several.n - 1}), each paired with the baseline of the same seed. Your lever settings apply from the start of every run; moving a lever runs them again.`;
}

function drawSeveral(): void {
  for (const c of several.charts) c.destroy();
  several.charts = [];
  const r = state.ready;
  const first = several.yours[0];
  const names: Record<string, string> = { PE: 'Peru', BO: 'Bolivia', CO: 'Colombia' };
  const series = severalSeries(first.rows, first.rowKinds, names);
  several.readings = severalReadings(several.yours, several.baseline, series);
  const list = $('several-readings');
  list.replaceChildren(
    ...several.readings.map((x) => {
      const li = document.createElement('li');
      li.className = x.separates ? 'separates' : 'within-noise';
      li.textContent = x.sentence;
      return li;
    }),
  );
  const subtitle = `${r?.name ?? first.scenario} · ${String(state.ran.householdsPerAgent)} households per agent`;
  const holder = $('several-charts');
  holder.replaceChildren();
  const textScale = chartTextScale();
  for (const { id, config } of severalCharts(several.yours, several.baseline, series, subtitle)) {
    const box = document.createElement('div');
    box.className = 'chart several-chart';
    const canvas = document.createElement('canvas');
    canvas.id = `chart-${id}`;
    box.append(canvas);
    holder.append(box);
    const cfg = config as ChartConfiguration<'line'>;
    cfg.options = {
      ...cfg.options,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { ...cfg.options?.plugins, legend: { ...cfg.options?.plugins?.legend, labels: { ...cfg.options?.plugins?.legend?.labels, filter: (item: { text: string }) => !item.text.endsWith(BAND_SUFFIX) } }, vraemFit: { scale: textScale } } as never,
    };
    several.charts.push(new Chart(canvas, cfg));
  }
  showSeveralStatus();
  root.dataset.several = 'done';
}

/** Say what the charts show: one run (an anecdote) or several. */
function labelRun(): void {
  const on = severalOn();
  $('several').hidden = !on;
  $('charts').hidden = on;
  $('monitors').hidden = on;
  $('run-label').textContent = on
    ? ''
    : `One run (seed ${seedValue()}). A gap between one run and its baseline mixes your change with chance: choose "8 seeds" under Runs to see the spread.`;
}

/** Switch between one live run and several runs with spread. */
function showMode(): void {
  labelRun();
  if (severalOn()) runSeveral();
  else {
    stopSeveral();
    root.dataset.several = 'off';
  }
  updateLink();
}

// ---------------------------------------------------------------- share and load

/** The changes a link must carry: those made so far and a shared link's still to come. */
function linkChanges(): LeverChange[] {
  const made = state.changes;
  const pending = state.scheduled.filter((c) => c.tick >= state.mainMonths && !made.some((m) => m.tick === c.tick && m.path === c.path));
  return [...made, ...pending].sort((a, b) => a.tick - b.tick);
}

/** Keep the page's address equal to its configuration (a loaded file cannot travel in a link). */
function updateLink(): void {
  if (state.entry.id.startsWith('file:')) return history.replaceState(null, '', location.pathname + location.search);
  const hpa = Number($<HTMLInputElement>('hpa').value);
  const fragment = linkFragment({
    entry: state.entry.id,
    seed: seedValue(),
    householdsPerAgent: Number.isInteger(hpa) && hpa >= 1 ? hpa : undefined,
    profile: state.profile,
    setup: state.setup,
    baseSetup: state.baseSetup,
    changes: linkChanges(),
    runs: severalOn() ? Number($<HTMLSelectElement>('runs').value) : undefined,
  });
  history.replaceState(null, '', `${location.pathname}${location.search}#${fragment}`);
}

/** Open the configuration a link holds (at page load); false when there is none or it cannot be used. */
function openLink(): boolean {
  let link;
  try {
    link = readLink(location.hash);
  } catch (e) {
    showMessage(e instanceof LinkError ? `${e.message}: the page opened its default setup instead.` : String(e));
    return false;
  }
  if (!link) return false;
  const entry = data.entries.find((e) => e.id === link.entry);
  if (!entry) {
    showMessage(`The link asks for "${link.entry}", which this page does not have: it opened its default setup instead.`);
    return false;
  }
  state.entry = entry;
  state.profile = link.profile;
  state.setup = link.setup;
  state.baseSetup = link.baseSetup;
  state.scheduled = link.changes;
  $<HTMLInputElement>('seed').value = String(link.seed ?? entry.scenario.seed ?? 0);
  if (link.householdsPerAgent !== undefined) $<HTMLInputElement>('hpa').value = String(link.householdsPerAgent);
  if (link.runs !== undefined && link.runs > 1) $<HTMLSelectElement>('runs').value = String(link.runs);
  return true;
}

/** Copy the page's link (it carries the setup and the changes) to the clipboard, or show it to copy. */
async function shareLink(): Promise<void> {
  updateLink();
  const box = $<HTMLInputElement>('share-url');
  box.value = location.href;
  box.hidden = false;
  box.select();
  try {
    await navigator.clipboard.writeText(location.href);
    setStatus('link copied: it opens this setup and replays these changes');
  } catch {
    setStatus('copy the selected link');
  }
}

/** Load a scenario YAML (one the page exported, or any complete scenario) as a new entry. */
async function loadScenarioFile(file: File): Promise<void> {
  let raw: unknown;
  try {
    raw = parseYaml(await file.text());
  } catch (e) {
    return showMessage(`${file.name}: not YAML (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  if (raw && typeof raw === 'object' && 'extends' in raw)
    return showMessage(`${file.name}: it extends another scenario, which the page cannot read; run it with the command line, or load the page's own export (complete, no extends).`);
  const v = validateScenario(raw);
  if (!v.ok) return showMessage(`${file.name}: not a valid scenario: ${v.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ')}`);
  const scenario = v.scenario as unknown as Record<string, unknown>;
  const entry: ExplorerEntry = { id: `file:${file.name}`, kind: 'scenario', title: `${String(scenario.name)} (from ${file.name})`, description: String(scenario.description ?? `Loaded from ${file.name}.`), scenario };
  data.entries = [...data.entries.filter((e) => e.id !== entry.id), entry];
  const picker = $<HTMLSelectElement>('entry');
  let group = picker.querySelector<HTMLOptGroupElement>('optgroup[data-kind="file"]');
  if (!group) {
    group = document.createElement('optgroup');
    group.label = 'Loaded files';
    group.dataset.kind = 'file';
    picker.append(group);
  }
  group.querySelector(`option[value="${CSS.escape(entry.id)}"]`)?.remove();
  group.append(new Option(entry.title, entry.id));
  picker.value = entry.id;
  showMessage('');
  pickEntry(entry.id);
}

function pickEntry(id: string): void {
  state.entry = data.entries.find((e) => e.id === id) ?? state.entry;
  state.profile = {};
  state.setup = {};
  state.baseSetup = {};
  state.scheduled = [];
  $<HTMLInputElement>('seed').value = String(state.entry.scenario.seed ?? 0);
  describeEntry();
  reset();
}

function setup(): void {
  const picker = $<HTMLSelectElement>('entry');
  for (const [kind, label] of [
    ['scenario', 'Scenarios'],
    ['lesson', 'Lessons'],
  ] as const) {
    const list = data.entries.filter((e) => e.kind === kind);
    if (!list.length) continue;
    const group = document.createElement('optgroup');
    group.label = label;
    for (const e of list) group.append(new Option(e.title, e.id));
    picker.append(group);
  }
  picker.value = state.entry.id;
  picker.addEventListener('change', () => pickEntry(picker.value));
  $<HTMLInputElement>('hpa').value = String(data.householdsPerAgent);
  $('hpa').addEventListener('change', reset);
  $('seed').addEventListener('change', reset);
  $('reset').addEventListener('click', reset);
  $('run').addEventListener('click', () => {
    const until = Number($<HTMLInputElement>('until').value);
    state.running = true;
    setStatus();
    send({ type: 'run', speed: speedValue(), ...(until > state.mainMonths ? { until } : {}) });
  });
  $('pause').addEventListener('click', () => send({ type: 'pause' }));
  $('step').addEventListener('click', () => send({ type: 'step' }));
  $('speed').addEventListener('change', () => send({ type: 'speed', speed: speedValue() }));
  $('compare').addEventListener('change', () => {
    const on = compareOn();
    for (const { chart, sources } of state.charts) {
      fillBaseline(chart.data, sources, on ? state.mainMonths : 0, reader);
      sources.forEach((s, i) => s.baseline && (chart.data.datasets[i].hidden = !on));
    }
    render.request();
    $('compare-note').hidden = !on;
    send({ type: 'compare', on });
  });
  $('large').addEventListener('change', () => {
    root.classList.toggle('large', $<HTMLInputElement>('large').checked);
    if (state.ready) buildCharts();
  });
  $('export-yaml').addEventListener('click', () => {
    state.pendingExport = 'yaml';
    send({ type: 'export' });
  });
  $('export-csv').addEventListener('click', () => {
    state.pendingExport = 'csv';
    send({ type: 'export' });
  });
  $('share').addEventListener('click', () => void shareLink());
  $('runs').addEventListener('change', showMode);
  $('as-baseline').addEventListener('click', () => {
    // Your settings become the baseline: later moves are measured against them.
    state.baseSetup = { ...state.baseSetup, ...state.setup };
    for (const c of state.changes) state.baseSetup[c.path] = c.value;
    state.setup = { ...state.baseSetup };
    reset();
  });
  $('load-yaml').addEventListener('click', () => $('load-file').click());
  $<HTMLInputElement>('load-file').addEventListener('change', () => {
    const f = $<HTMLInputElement>('load-file').files?.[0];
    if (f) void loadScenarioFile(f);
    $<HTMLInputElement>('load-file').value = '';
  });
  $<HTMLInputElement>('seed').value = String(state.entry.scenario.seed ?? 0);
  if (openLink()) picker.value = state.entry.id;
  $('compare-note').hidden = !compareOn();
  describeEntry();
  reset();
  if (!severalOn()) root.dataset.several = 'off';
}

/** A read-only handle for tests and for the curious in the browser console. */
(window as unknown as { vraemExplorer: unknown }).vraemExplorer = {
  /** Each chart's id, month labels and datasets (label and points). */
  charts: () =>
    state.charts.map(({ chart }, i) => ({
      id: chart.canvas.id.replace(/^chart-/, ''),
      labels: chart.data.labels?.length ?? 0,
      datasets: chart.data.datasets.map((d) => ({ label: d.label, baseline: state.charts[i].sources[chart.data.datasets.indexOf(d)].baseline, data: [...(d.data as (number | null)[])] })),
    })),
  /** Several-runs mode: runs done of how many, and each series' reading at the last month. */
  several: () => ({ done: several.done, n: several.n, readings: several.readings.map((x) => ({ ...x })) }),
  /** Lever changes made so far (month index and value). */
  changes: () => state.changes.map((c) => ({ ...c })),
};

setup();
