/**
 * The browser check behind the report tests: open a `report.html` in headless Chromium
 * (playwright-core driving Debian's chromium, no browser download) and find out, from the
 * pixels, whether every chart drew; record console errors and any request that is not a
 * `file:` or `data:` URL, and save a screenshot. It reports findings rather than asserting, so a
 * test can show it catches a chart that does not draw.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

/** The Chromium the tests drive: `$VRAEM_CHROMIUM` (set by `.ci/run`) or Debian's path. */
export const CHROMIUM = process.env.VRAEM_CHROMIUM || '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launch headless Chromium (a fresh temporary profile); fails loudly when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the report browser tests need it. Install it with ` +
        '`apt-get install -y chromium` (as .ci/run does) or point VRAEM_CHROMIUM at a Chromium binary.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** A page opened offline, with what it tried to reach and what it logged as errors. */
export interface OfflinePage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions (`uncaught: …`). */
  consoleErrors: string[];
  /** URLs requested that are not local (each was aborted). */
  external: Set<string>;
}

/**
 * A fresh context and page in which every request whose URL does not match `local` is aborted and
 * recorded, and console errors are collected. The caller navigates, and closes `context`.
 */
export async function openOffline(
  browser: Browser,
  opts: { viewport: { width: number; height: number }; local: RegExp },
): Promise<OfflinePage> {
  // Downloads are accepted (Playwright's default): the explorer test saves its exports.
  const context = await browser.newContext({ viewport: opts.viewport, deviceScaleFactor: 1 });
  const external = new Set<string>();
  const consoleErrors: string[] = [];
  const local = (url: string) => opts.local.test(url);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (local(url)) return route.continue();
    external.add(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('request', (req) => {
    if (!local(req.url())) external.add(req.url());
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(`uncaught: ${err.message}`));
  return { context, page, consoleErrors, external };
}

/** What one canvas showed. */
export interface CanvasFinding {
  id: string;
  /** Whether chart.js holds a chart for the canvas. */
  chart: boolean;
  /** Pixels inside the chart area that are data (coloured or dark), not background or grid. */
  dataPixels: number;
}

/** What the browser saw of one report. */
export interface ReportFindings {
  /** Charts embedded in the page's JSON. */
  charts: number;
  canvases: CanvasFinding[];
  /** Ids of canvases whose chart area holds fewer than `MIN_DATA_PIXELS` data pixels. */
  blank: string[];
  consoleErrors: string[];
  /** URLs requested that are neither `file:` nor `data:` (each was aborted). */
  externalRequests: string[];
  /** Whether the page's own drawing script finished. */
  finished: boolean;
}

/** Fewer data pixels than this in a chart area means the chart did not draw. */
export const MIN_DATA_PIXELS = 300;

/**
 * Open `htmlPath` offline, wait for its charts, inspect every canvas and save a full-page
 * screenshot to `screenshotPath`.
 */
export async function inspectReport(browser: Browser, htmlPath: string, screenshotPath: string): Promise<ReportFindings> {
  const { context, page, consoleErrors, external } = await openOffline(browser, { viewport: { width: 1280, height: 900 }, local: /^(file|data):/ });
  try {
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    const finished = await page
      .waitForFunction(() => document.documentElement.hasAttribute('data-charts-drawn'), undefined, { timeout: 60_000 })
      .then(() => true)
      .catch(() => false);
    const seen = await page.evaluate(() => {
      const w = window as unknown as { Chart?: { getChart(c: HTMLCanvasElement): { chartArea: { left: number; top: number; right: number; bottom: number } } | undefined } };
      const specs = document.getElementById('vraem-charts');
      const charts = specs ? (JSON.parse(specs.textContent ?? '[]') as unknown[]).length : 0;
      const canvases = [...document.querySelectorAll('canvas')].map((canvas) => {
        const chart = w.Chart?.getChart(canvas);
        const scale = canvas.clientWidth ? canvas.width / canvas.clientWidth : 1;
        // The chart area, edges included: a series that is zero throughout lies on the x axis.
        // Axis and grid lines are light grey, which the pixel test below does not count.
        const area = chart?.chartArea ?? { left: 0, top: 0, right: canvas.clientWidth, bottom: canvas.clientHeight };
        const x0 = Math.floor(area.left * scale);
        const y0 = Math.floor(area.top * scale);
        const w0 = Math.max(0, Math.ceil((area.right - area.left) * scale));
        const h0 = Math.max(0, Math.ceil((area.bottom - area.top) * scale));
        let dataPixels = 0;
        if (w0 > 0 && h0 > 0) {
          const px = canvas.getContext('2d')!.getImageData(x0, y0, w0, h0).data;
          for (let i = 0; i < px.length; i += 4) {
            if (px[i + 3] < 16) continue; // transparent: nothing drawn
            const hi = Math.max(px[i], px[i + 1], px[i + 2]);
            const lo = Math.min(px[i], px[i + 1], px[i + 2]);
            // Data is coloured (lines, bands, areas) or dark (black lines); grid lines are light grey.
            if (hi - lo > 40 || hi < 120) dataPixels++;
          }
        }
        return { id: canvas.id, chart: !!chart, dataPixels };
      });
      return { charts, canvases };
    });
    await page.screenshot({ path: screenshotPath, fullPage: true });
    const blank = seen.canvases.filter((c) => c.dataPixels < MIN_DATA_PIXELS).map((c) => c.id);
    return { ...seen, blank, consoleErrors, externalRequests: [...external], finished };
  } finally {
    await context.close();
  }
}

/** Everything wrong with a report, in words; empty when every chart drew cleanly offline. */
export function problems(f: ReportFindings, expectedCharts: number): string[] {
  const out: string[] = [];
  if (!f.finished) out.push('the page never finished drawing its charts');
  if (f.charts !== expectedCharts) out.push(`the page embeds ${f.charts} charts, expected ${expectedCharts}`);
  if (f.canvases.length !== f.charts) out.push(`the page has ${f.canvases.length} canvases for ${f.charts} charts`);
  for (const id of f.blank) out.push(`canvas ${id} is blank (${f.canvases.find((c) => c.id === id)?.dataPixels} data pixels)`);
  for (const e of f.consoleErrors) out.push(`console error: ${e}`);
  for (const u of f.externalRequests) out.push(`network request: ${u}`);
  return out;
}
