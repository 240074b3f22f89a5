/**
 * Points with error bars for categorical outcomes (a lesson's payoff by strategy): a strategy is
 * not a point on a continuum, so its mean is drawn as a marker with its 95% interval as a
 * vertical bar with caps — never a line and band joining two strategies. A dataset opts in with
 * plain JSON (`errorBars: { lo, hi }` beside its means, `errorBarSlot: { index, of }` to sit side
 * by side with the other groups of a category); the draw-time half is this chart.js plugin,
 * registered by the PNG renderer and the report page alike.
 */
import type { Plugin } from 'chart.js';

/** What a dataset carries for its error bars (JSON-safe). */
export interface ErrorBarData {
  errorBars: { lo: number[]; hi: number[] };
  /** This group's slot among `of` groups at each category (spread across 60% of a category's width). */
  errorBarSlot?: { index: number; of: number };
}

type Meta = { data: { x: number; y: number }[]; yScale?: { getPixelForValue(v: number): number }; hidden?: boolean };

export const errorBars: Plugin<'line'> = {
  id: 'vraemErrorBars',
  afterDatasetsUpdate(chart) {
    chart.data.datasets.forEach((ds, i) => {
      const slot = (ds as unknown as Partial<ErrorBarData>).errorBarSlot;
      if (!slot || slot.of < 2) return;
      const meta = chart.getDatasetMeta(i) as unknown as Meta;
      const n = chart.data.labels?.length ?? meta.data.length;
      const width = ((chart.chartArea.right - chart.chartArea.left) / Math.max(1, n)) * 0.6;
      const offset = ((slot.index + 0.5) / slot.of - 0.5) * width;
      for (const p of meta.data) p.x += offset;
    });
  },
  afterDatasetsDraw(chart) {
    const ctx = chart.ctx;
    chart.data.datasets.forEach((ds, i) => {
      const bars = (ds as unknown as Partial<ErrorBarData>).errorBars;
      if (!bars || !chart.isDatasetVisible(i)) return;
      const meta = chart.getDatasetMeta(i) as unknown as Meta;
      if (!meta.yScale) return;
      ctx.save();
      ctx.strokeStyle = String(ds.borderColor ?? '#000');
      ctx.lineWidth = 2;
      meta.data.forEach((p, k) => {
        const lo = bars.lo[k];
        const hi = bars.hi[k];
        if (!Number.isFinite(lo) || !Number.isFinite(hi)) return;
        const y0 = meta.yScale!.getPixelForValue(lo);
        const y1 = meta.yScale!.getPixelForValue(hi);
        ctx.beginPath();
        ctx.moveTo(p.x, y0);
        ctx.lineTo(p.x, y1);
        ctx.moveTo(p.x - 6, y0);
        ctx.lineTo(p.x + 6, y0);
        ctx.moveTo(p.x - 6, y1);
        ctx.lineTo(p.x + 6, y1);
        ctx.stroke();
      });
      ctx.restore();
    });
  },
};
