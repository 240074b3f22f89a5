/**
 * What a chart needs at draw time and cannot carry as JSON data: the white background (a
 * `beforeDraw` plugin, or a PNG comes out transparent) and the legend filter that hides the
 * edges of 95% bands; and the fit-text plugin (charts/fit.ts). Node rendering applies it in TypeScript; the HTML report carries the same
 * two rules as a short inline script (see `html.ts`), kept in step by the browser test.
 */
import type { ChartConfiguration, Plugin } from 'chart.js';
import { BAND_SUFFIX } from './charts/common.ts';
import { errorBars } from './charts/errorBars.ts';
import { fitText } from './charts/fit.ts';

/** Fills the canvas white before anything is drawn. */
export const whiteBackground: Plugin = {
  id: 'vraemWhiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/**
 * A deep copy of a spec ready to draw: band edges hidden from the legend, background and
 * fit-text plugins attached (titles wrapped, long legend labels shortened, a monthly axis by year). The spec itself is left untouched (chart.js mutates what it is given).
 */
export function drawable(config: ChartConfiguration): ChartConfiguration {
  const c = structuredClone(config);
  c.options ??= {};
  c.options.plugins ??= {};
  c.options.plugins.legend ??= {};
  c.options.plugins.legend.labels = {
    ...c.options.plugins.legend.labels,
    filter: (item) => !(item.text ?? '').endsWith(BAND_SUFFIX),
  };
  c.plugins = [...(c.plugins ?? []), whiteBackground, fitText as Plugin, errorBars as Plugin];
  return c;
}
