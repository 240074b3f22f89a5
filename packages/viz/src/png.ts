/**
 * PNG charts in Node: chart.js drawing on an @napi-rs/canvas canvas (no browser, no native
 * build), white background, a system sans-serif font, 1200×650 by default.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GlobalFonts, createCanvas } from '@napi-rs/canvas';
import { Chart, type ChartConfiguration, registerables } from 'chart.js';
import { drawable } from './render.ts';

Chart.register(...registerables);

/** A chart with the file stem it is saved under (`coca-by-region` → `coca-by-region.png`). */
export interface NamedChart {
  name: string;
  config: ChartConfiguration;
}

/** Size of a PNG chart in pixels. */
export interface PngSize {
  width: number;
  height: number;
}

export const DEFAULT_PNG_SIZE: PngSize = { width: 1200, height: 650 };

const FONT_FILES = [
  ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', 'Liberation Sans'],
  ['/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf', 'Liberation Sans'],
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', 'DejaVu Sans'],
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf', 'DejaVu Sans'],
] as const;
let fontFamily: string | undefined;

/** Make sure a readable sans-serif is known to the canvas and used by chart.js. */
function ensureFont(): void {
  if (fontFamily) return;
  const known = new Set(GlobalFonts.families.map((f) => f.family));
  for (const [file, family] of FONT_FILES) {
    if (!known.has(family) && existsSync(file)) GlobalFonts.registerFromPath(file, family);
  }
  fontFamily = "'Liberation Sans', 'DejaVu Sans', Arial, Helvetica, sans-serif";
  Chart.defaults.font.family = fontFamily;
  Chart.defaults.color = '#222222';
}

/**
 * Draw one chart configuration to PNG bytes.
 * @example await writeFile('coca.png', await renderPng(cocaByRegionChart(results)))
 */
export async function renderPng(config: ChartConfiguration, size: PngSize = DEFAULT_PNG_SIZE): Promise<Buffer> {
  ensureFont();
  const canvas = createCanvas(size.width, size.height);
  const c = drawable(config);
  c.options = { ...c.options, responsive: false, animation: false, devicePixelRatio: 1 };
  const chart = new Chart(canvas as unknown as HTMLCanvasElement, c);
  try {
    return await canvas.encode('png');
  } finally {
    chart.destroy();
  }
}

/**
 * Writes a file; the command line passes one that replaces the file atomically (write beside,
 * fsync, rename over), so redrawing a report never leaves a cut file.
 */
export type FileWriter = (path: string, data: string | Uint8Array) => void | Promise<void>;

/** Draw every chart to `<dir>/<name>.png`; returns the paths written, in order. */
export async function writePngs(charts: readonly NamedChart[], dir: string, size: PngSize = DEFAULT_PNG_SIZE, write: FileWriter = writeFile): Promise<string[]> {
  const paths: string[] = [];
  for (const chart of charts) {
    const path = join(dir, `${chart.name}.png`);
    await write(path, await renderPng(chart.config, size));
    paths.push(path);
  }
  return paths;
}
