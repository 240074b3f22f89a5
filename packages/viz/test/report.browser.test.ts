/**
 * The reports in a real browser: a run, a compare and a sweep report built from fixture folders,
 * and a run and a compare of the bundled scenarios by the real engine, open offline in headless
 * Chromium with every chart drawn, no console errors and no network requests; and the check
 * fails when a chart does not draw (a broken config, a chart with no data) or when a page
 * reaches for the network. Screenshots go to each test's temp folder (and the engine run
 * report's to packages/viz/docs/ when VRAEM_UPDATE_DOCS=1).
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NamedChart, type ReportDocument, readOutputFolder, renderReportHtml, reportDocument } from '../src/index.ts';
import { cocaByRegionChart } from '../src/charts/cultivation.ts';
import { inspectReport, launchChromium, problems } from './browserCheck.ts';
import { engineRuns, syntheticRuns, tempDir, writeCompareFolder, writeRunFolder, writeSweepFolder } from './fixtures.ts';

const DOCS = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Build the folder's report.html (PNGs are report.test.ts's business) and inspect it. */
async function check(dir: string, label: string) {
  const doc = reportDocument(await readOutputFolder(dir));
  const html = join(dir, 'report.html');
  writeFileSync(html, renderReportHtml(doc));
  const shot = join(dir, `${label}-screenshot.png`);
  const findings = await inspectReport(browser, html, shot);
  return { findings, charts: doc.charts.length, shot };
}

describe('report.html in headless Chromium', () => {
  it('draws every chart of a run report, offline and without errors', async () => {
    const dir = writeRunFolder(tempDir('run'), syntheticRuns({ months: 72 }));
    const { findings, charts, shot } = await check(dir, 'run');
    expect(problems(findings, charts)).toEqual([]);
    expect(findings.canvases).toHaveLength(8);
    expect(shot).toMatch(/run-screenshot\.png$/);
  });

  it('draws every chart of a compare report', async () => {
    const dir = tempDir('compare');
    writeCompareFolder(dir, syntheticRuns({ months: 72 }), syntheticRuns({ scenario: 'alternative-development', ad: true, months: 72 }));
    const { findings, charts } = await check(dir, 'compare');
    expect(problems(findings, charts)).toEqual([]);
    expect(findings.canvases).toHaveLength(12);
  });

  it('draws every chart of a sweep report', async () => {
    const dir = writeSweepFolder(tempDir('sweep'), 'states.PE.alternativeDevelopment.deliveryRate', [0, 0.5, 0.9], (v) =>
      syntheticRuns({ months: 36, seeds: [1, 2, 3], pressure: 1.2 - v / 2 }),
    );
    const { findings, charts } = await check(dir, 'sweep');
    expect(problems(findings, charts)).toEqual([]);
    expect(findings.canvases).toHaveLength(5);
  });

  describe('with the real engine on the bundled scenarios', () => {
    let baseline: ReturnType<typeof engineRuns> | undefined;
    const baselineRuns = () => (baseline ??= engineRuns('scenarios/baseline.yaml', { months: 36, runs: 2 }));

    it('draws every chart of a baseline run report', async () => {
      const { scenario, results } = await baselineRuns();
      const dir = writeRunFolder(tempDir('engine-run'), results, scenario);
      const { findings, charts, shot } = await check(dir, 'engine-run');
      expect(problems(findings, charts)).toEqual([]);
      if (process.env.VRAEM_UPDATE_DOCS === '1') {
        mkdirSync(DOCS, { recursive: true });
        copyFileSync(shot, join(DOCS, 'report-screenshot.png'));
      }
    });

    it('draws every chart of baseline against alternative development (AD brought forward to 2005)', async () => {
      const a = await baselineRuns();
      const b = await engineRuns('scenarios/alternative-development.yaml', { months: 36, runs: 2, adFrom: '2005-01' });
      const dir = writeCompareFolder(tempDir('engine-compare'), a.results, b.results, a.scenario, b.scenario);
      const { findings, charts } = await check(dir, 'engine-compare');
      expect(problems(findings, charts)).toEqual([]);
    });
  });

  describe('the check can fail', () => {
    const good: NamedChart = { name: 'good', config: cocaByRegionChart(syntheticRuns({ months: 24, seeds: [1] })) };
    const page = (charts: NamedChart[]): string => {
      const dir = tempDir('broken');
      const doc: ReportDocument = { title: 'broken', subtitle: '', descriptions: [], tables: [], charts, manifest: [] };
      const html = join(dir, 'report.html');
      writeFileSync(html, renderReportHtml(doc));
      return html;
    };

    it('flags a chart whose config is broken (unknown chart type), with its console error', async () => {
      const broken: NamedChart = { name: 'broken', config: { ...good.config, type: 'no-such-chart' as 'line' } };
      const html = page([good, broken]);
      const f = await inspectReport(browser, html, join(dirname(html), 'shot.png'));
      expect(f.blank).toEqual(['chart-1']);
      expect(f.consoleErrors.join('\n')).toMatch(/chart "broken" could not be drawn/);
      expect(problems(f, 2).length).toBeGreaterThan(0);
    });

    it('flags a chart that draws axes but no data', async () => {
      const cfg = structuredClone(good.config);
      cfg.data.datasets.forEach((d) => (d.data = d.data.map(() => null)));
      const html = page([good, { name: 'empty', config: cfg }]);
      const f = await inspectReport(browser, html, join(dirname(html), 'shot.png'));
      expect(f.consoleErrors).toEqual([]);
      expect(f.blank).toEqual(['chart-1']);
      expect(problems(f, 2)).toEqual([expect.stringMatching(/^canvas chart-1 is blank/)]);
    });

    it('flags a page that reaches for the network', async () => {
      const dir = tempDir('net');
      const html = join(dir, 'net.html');
      writeFileSync(html, '<!doctype html><html data-charts-drawn="0"><body><img src="http://127.0.0.1:9/x.png"></body></html>');
      const f = await inspectReport(browser, html, join(dir, 'shot.png'));
      expect(f.externalRequests).toEqual(['http://127.0.0.1:9/x.png']);
    });
  });
});
