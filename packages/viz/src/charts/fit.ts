/**
 * Text that fits its chart, at any size: a chart.js plugin that, before each layout, scales every
 * font of the chart by the page's text size (`scale`: 1.5 when the browser's text is at 150%),
 * wraps the title, subtitle and axis titles into lines that fit the canvas instead of letting
 * chart.js squeeze them (`maxWidth`), shortens legend labels that would run off the canvas
 * (a region's parenthesised detail first, then an ellipsis; the full name stays in the tooltip),
 * and labels a monthly axis by year — one tick a January, every 1, 2, 5 or 10 years as the width
 * allows — so dates never run together. The specs stay plain JSON (reports embed them, PNGs
 * draw them): this is the draw-time half, registered by the explorer, the report page and the
 * PNG renderer alike. Measures with the chart's own 2D context, so Node and browsers agree.
 */
import type { Chart, ChartConfiguration, Plugin } from 'chart.js';

/** The plugin's options (`options.plugins.vraemFit`). */
export interface FitOptions {
  /** Multiplier of every font size (the page's text size over 16 px, and more on wide screens). */
  scale: number;
}

type FontSpec = { size?: number; weight?: string | number; family?: string };
type Text = string | string[];

interface Original {
  sizes: Map<FontSpec, number>;
  title?: Text;
  subtitle?: Text;
  axes: Record<string, Text | undefined>;
  xCallback?: unknown;
}

const originals = new WeakMap<object, Original>();

/** Months as `YYYY-MM`: the labels of a time axis. */
const MONTH = /^\d{4}-\d{2}$/;

/** What the measuring needs of a chart (any chart type). */
type Measurer = { ctx: CanvasRenderingContext2D };

function fontString(chart: Measurer, f: FontSpec | undefined): string {
  const d = (chart.constructor as unknown as { defaults: { font: { size: number; family: string } } }).defaults.font;
  return `${f?.weight ?? ''} ${f?.size ?? d.size}px ${f?.family ?? d.family}`.trim();
}

function measure(chart: Measurer, f: FontSpec | undefined, s: string): number {
  const ctx = chart.ctx;
  ctx.save();
  ctx.font = fontString(chart, f);
  const w = ctx.measureText(s).width;
  ctx.restore();
  return w;
}

/** Words of `text` in lines of at most `width` px (a single word longer than that keeps its line). */
export function wrapWords(text: Text, width: number, widthOf: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const para of Array.isArray(text) ? text : [text]) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (line && widthOf(next) > width) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    if (line) lines.push(line);
  }
  return lines;
}

/** `label` made to fit `width` px: without its parenthesised detail, then cut with an ellipsis. */
export function shorten(label: string, width: number, widthOf: (s: string) => number): string {
  if (widthOf(label) <= width) return label;
  let s = label.replace(/\s*\([^)]*\)\s*/g, ' ').replace(/\s+/g, ' ').trim();
  if (widthOf(s) <= width) return s;
  while (s.length > 1 && widthOf(s + '…') > width) s = s.slice(0, -1);
  return s.trimEnd() + '…';
}

/** Years between labelled ticks: 1, 2, 5 or 10, the first that leaves room between labels. */
export function yearStep(years: number, width: number, labelWidth: number): number {
  for (const step of [1, 2, 5, 10, 20]) if ((years / step) * (labelWidth * 1.8) <= width) return step;
  return 50;
}

const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const PLAIN = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/**
 * A value-axis tick, one style per axis: when the axis reaches 100,000 every tick is short
 * (`250K`, `12M`, `1.5B`), otherwise written in full (`12,500`).
 */
export function compactTick(value: number | string, _index?: number, ticks?: readonly { value: number }[]): string {
  const v = Number(value);
  const top = ticks?.length ? Math.max(...ticks.map((t) => Math.abs(t.value))) : Math.abs(v);
  return top >= 100_000 ? COMPACT.format(v) : PLAIN.format(v);
}

/** Every font object of a chart's options (titles, legend, axes), to scale. */
function fontsOf(o: Record<string, any>): FontSpec[] {
  const out: FontSpec[] = [];
  const add = (x: any) => {
    if (x && typeof x === 'object' && x.font && typeof x.font === 'object') out.push(x.font);
  };
  add(o.plugins?.title);
  add(o.plugins?.subtitle);
  add(o.plugins?.legend?.labels);
  for (const s of Object.values(o.scales ?? {}) as any[]) {
    add(s?.title);
    add(s?.ticks);
  }
  return out;
}

/** The plugin: register it (`Chart.register(fitText)`) or list it in a config's `plugins`. */
export const fitText: Plugin<'line', FitOptions> = {
  id: 'vraemFit',
  defaults: { scale: 1 },
  beforeUpdate(chart, _args, opts) {
    const o = chart.config.options as Record<string, any>;
    if (!o) return;
    const fonts = fontsOf(o);
    let orig = originals.get(chart);
    if (!orig) {
      const d = (chart.constructor as unknown as { defaults: { font: { size: number } } }).defaults.font;
      orig = {
        sizes: new Map(fonts.map((f) => [f, f.size ?? d.size])),
        title: o.plugins?.title?.text,
        subtitle: o.plugins?.subtitle?.text,
        axes: Object.fromEntries(Object.entries(o.scales ?? {}).map(([id, s]: [string, any]) => [id, s?.title?.text])),
      };
      originals.set(chart, orig);
    }
    const scale = opts?.scale && opts.scale > 0 ? opts.scale : 1;
    for (const f of fonts) {
      const size = orig.sizes.get(f);
      if (size !== undefined) f.size = Math.round(size * scale * 10) / 10;
    }
    const width = chart.width;
    const height = chart.height;
    const pad = 28;
    const wrap = (text: Text | undefined, font: FontSpec | undefined, room: number) =>
      text === undefined ? undefined : wrapWords(text, Math.max(40, room), (s) => measure(chart, font, s));
    if (o.plugins?.title && orig.title !== undefined) o.plugins.title.text = wrap(orig.title, o.plugins.title.font, width - pad);
    if (o.plugins?.subtitle && orig.subtitle !== undefined) o.plugins.subtitle.text = wrap(orig.subtitle, o.plugins.subtitle.font, width - pad);
    const labels = chart.config.data?.labels ?? [];
    // Three value axes on a phone leave no room for their titles beside their numbers: the title
    // says the unit and the legend which line reads which axis.
    const vertical = Object.entries(o.scales ?? {}).filter(([id, s]: [string, any]) => !(id === 'x' || s?.position === 'bottom' || s?.position === 'top'));
    const crowded = width < 520 && vertical.length >= 3;
    for (const [, s] of vertical as [string, any][]) if (s?.title) s.title.display = !crowded;
    for (const [id, s] of Object.entries(o.scales ?? {}) as [string, any][]) {
      if (!s?.title || orig.axes[id] === undefined) continue;
      const horizontal = id === 'x' || s.axis === 'x' || s.position === 'bottom' || s.position === 'top';
      const time = horizontal && s.type === 'category' && labels.length > 24 && MONTH.test(String(labels[0]));
      const text = time ? 'Year' : orig.axes[id];
      // Room along the axis: the plot area of the last layout (the first: a guess from the canvas).
      const area = chart.chartArea;
      const room = horizontal ? (area ? area.right - area.left : width * 0.7) - 8 : (area ? area.bottom - area.top : height * 0.5) - 8;
      if (horizontal) s.title.text = wrap(text, s.title.font, room);
      else {
        // A vertical title stays on one line (chart.js lays a second line of a rotated title
        // outside the canvas); when it is longer than its axis its font shrinks, to 70% at most.
        const one = Array.isArray(text) ? text.join(' ') : text;
        s.title.text = one;
        const w = measure(chart, s.title.font, one);
        if (w > room && s.title.font?.size) s.title.font.size = Math.max(s.title.font.size * 0.7, (s.title.font.size * Math.max(40, room)) / w);
      }
      if (horizontal && s.type === 'category') {
        s.ticks ??= {};
        if (time) {
          const first = Number(String(labels[0]).slice(0, 4));
          const step = yearStep(labels.length / 12, width - 120, measure(chart, s.ticks.font, '2000'));
          s.ticks.autoSkip = false;
          s.ticks.maxRotation = 0;
          s.ticks.callback = function (this: { getLabelForValue(v: number): string }, value: number) {
            const label = String(this.getLabelForValue(value));
            const year = Number(label.slice(0, 4));
            return label.endsWith('-01') && (year - first) % step === 0 ? label.slice(0, 4) : null;
          };
        } else {
          s.ticks.autoSkip = true;
          s.ticks.callback = function (this: { getLabelForValue(v: number): string }, value: number) {
            return this.getLabelForValue(value);
          };
        }
      }
    }
    // Big numbers on value axes in short form (12 M, 250 k): full digits crowd a narrow chart.
    for (const s of Object.values(o.scales ?? {}) as any[]) {
      if (s?.type !== 'linear') continue;
      s.ticks ??= {};
      s.ticks.callback = compactTick;
    }
    const legend = o.plugins?.legend;
    if (legend?.display !== false && legend) {
      legend.labels ??= {};
      const lab = legend.labels;
      const base = (chart.constructor as any).defaults.plugins.legend.labels.generateLabels;
      const box = (lab.boxWidth ?? 40) + 24;
      lab.generateLabels = (c: Chart) =>
        base(c).map((item: { text: string }) => ({ ...item, text: shorten(item.text, width - pad - box, (s) => measure(chart, lab.font, s)) }));
    }
  },
};

/** A config with the plugin attached and its scale set (for charts created one by one). */
export function withFit<C extends ChartConfiguration>(config: C, scale = 1): C {
  const c = config as unknown as { options?: Record<string, any>; plugins?: unknown[] };
  c.options ??= {};
  c.options.plugins ??= {};
  c.options.plugins.vraemFit = { scale };
  c.plugins = [...(c.plugins ?? []), fitText];
  return config;
}
