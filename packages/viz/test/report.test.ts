/**
 * writeReport on run, compare and sweep folders: the files it writes (report.html, one PNG per
 * chart, white 1200×650 images that are not blank), what the HTML holds (chart.js inlined, no
 * external references, description, key numbers, manifest), and the errors for missing or
 * garbled inputs, each an ReportInputError naming the file.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { summarize } from '@vraem/sim-core';
import { describe, expect, it } from 'vitest';
import { ReportInputError, readOutputFolder, renderPng, runCharts, writeReport } from '../src/index.ts';
import { syntheticRuns, tempDir, writeCompareFolder, writeRunFolder, writeSweepFolder } from './fixtures.ts';

const runFolder = () => writeRunFolder(tempDir('run'), syntheticRuns({ months: 36 }));
const compareFolder = () => writeCompareFolder(tempDir('cmp'), syntheticRuns({ months: 36 }), syntheticRuns({ months: 36, scenario: 'alternative-development', ad: true }));
const sweepFolder = () =>
  writeSweepFolder(tempDir('sweep'), 'market.demandIndex', [0.8, 1, 1.2], (v) => syntheticRuns({ months: 24, seeds: [1, 2], pressure: v }));

async function pixels(png: Buffer) {
  const img = await loadImage(png);
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height).data;
  let coloured = 0;
  for (let i = 0; i < data.length; i += 4) if (Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 40) coloured++;
  return { width: img.width, height: img.height, corner: [...data.slice(0, 4)], coloured };
}

describe('writeReport', () => {
  it('writes report.html and a PNG per chart into a run folder', async () => {
    const dir = runFolder();
    const { html, pngs } = await writeReport(dir);
    expect(html).toBe(join(dir, 'report.html'));
    expect(pngs.map((p) => basename(p))).toEqual([
      'coca-by-region.png',
      'licit-by-region.png',
      'prices.png',
      'balloon.png',
      'alliance-money.png',
      'violence.png',
      'alternative-development.png',
      'farmer-income.png',
    ]);
    for (const p of pngs) {
      const px = await pixels(readFileSync(p));
      expect(px).toMatchObject({ width: 1200, height: 650, corner: [255, 255, 255, 255] });
      expect(px.coloured, p).toBeGreaterThan(2000);
    }
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('Chart.js v4.6.1');
    expect(page).not.toMatch(/sourceMappingURL/);
    expect(page).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(page).not.toMatch(/@import|url\(/);
    expect(page).toContain("default-src 'none'");
    expect(page).toContain('A synthetic scenario for tests.');
    expect(page).toContain('Final-year mean by country, with 95% interval');
    expect(page).toContain('sha256:0123456789abcdef');
    expect(page).toContain('vraem run (test fixture)');
    expect((page.match(/<canvas /g) ?? []).length).toBe(8);
    const embedded = JSON.parse(/<script type="application\/json" id="vraem-charts">(.*?)<\/script>/s.exec(page)![1]);
    expect(embedded.map((c: { name: string }) => c.name)).toEqual(pngs.map((p) => basename(p, '.png')));
  });

  it('writes a comparison report with A, B and B − A', async () => {
    const dir = compareFolder();
    const { html, pngs } = await writeReport(dir);
    expect(pngs.map((p) => basename(p))).toContain('difference-coca-ha-PE.png');
    expect(pngs).toHaveLength(12);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('B: alternative-development');
    expect(page).toContain('credible alternative development programme');
    expect(page).toMatch(/<th scope="col">B − A<\/th>/);
  });

  it('writes a sweep report with a chart per headline metric and lever', async () => {
    const dir = sweepFolder();
    const { pngs } = await writeReport(dir);
    expect(pngs.map((p) => basename(p))).toContain('sweep-coca-ha-ALL-vs-market-demandIndex.png');
    expect(pngs).toHaveLength(5);
  });

  it('is deterministic: the same folder gives the same report bytes', async () => {
    const a = runFolder();
    const b = runFolder();
    await writeReport(a);
    await writeReport(b);
    for (const f of ['report.html', 'prices.png']) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
  });

  it('renders a PNG at another size', async () => {
    const px = await pixels(await renderPng(runCharts(syntheticRuns({ months: 12, seeds: [1] }))[2].config, { width: 600, height: 400 }));
    expect(px).toMatchObject({ width: 600, height: 400 });
  });
});

describe('reading output folders', () => {
  it('recomputes a missing summary.json from series.csv', async () => {
    const dir = runFolder();
    const written = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    rmSync(join(dir, 'summary.json'));
    const f = await readOutputFolder(dir);
    expect(f.kind).toBe('run');
    if (f.kind === 'run') expect(f.summary.metrics.coca_ha.PE.finalYear.mean).toBeCloseTo(written.metrics.coca_ha.PE.finalYear.mean, 6);
  });

  it('reads a sweep from design.csv when summary.json is absent', async () => {
    const dir = sweepFolder();
    rmSync(join(dir, 'summary.json'));
    const f = await readOutputFolder(dir);
    if (f.kind !== 'sweep') throw new Error('not a sweep');
    expect(f.levers).toEqual(['market.demandIndex']);
    expect(f.points.map((p) => p.values['market.demandIndex'])).toEqual([0.8, 1, 1.2]);
    expect(f.summaries.get(2)!.metrics.coca_ha.ALL.finalYear.mean).toBeCloseTo(summarize(f.points[2].results).metrics.coca_ha.ALL.finalYear.mean, 9);
  });

  const broken: [string, () => string, (dir: string) => void, RegExp][] = [
    ['no manifest.json', runFolder, (d) => rmSync(join(d, 'manifest.json')), /manifest\.json: missing/],
    ['no series.csv', runFolder, (d) => rmSync(join(d, 'series.csv')), /series\.csv: missing/],
    ['a manifest that is not JSON', runFolder, (d) => writeFileSync(join(d, 'manifest.json'), '{ nope'), /manifest\.json: is not valid JSON/],
    ['an unknown command', runFolder, (d) => writeFileSync(join(d, 'manifest.json'), '{"command":"dance"}'), /manifest\.json: "command" should be/],
    ['a garbled summary.json', runFolder, (d) => writeFileSync(join(d, 'summary.json'), '{"metrics":{"coca_ha":{"PE":{"finalYear":1}}}}'), /summary\.json: metrics\.coca_ha\.PE should hold/],
    ['a comparison without b/series.csv', compareFolder, (d) => rmSync(join(d, 'b', 'series.csv')), /b\/series\.csv: missing/],
    ['a sweep with neither design nor summary', sweepFolder, (d) => (rmSync(join(d, 'summary.json')), rmSync(join(d, 'design.csv'))), /design\.csv: missing, and so is summary\.json/],
  ];
  it.each(broken)('refuses a folder with %s, naming the file', async (_what, make, breakIt, message) => {
    const dir = make();
    breakIt(dir);
    const err = await writeReport(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReportInputError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message.startsWith(dir)).toBe(true);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
  });
});
