/**
 * Projector and phone (issue 19, item 1): the explorer and the reports at 1280×720 with the
 * browser's text at 150% (default font 24 px instead of 16), at 1920×1080 and at 390×844 have no
 * text outside its box and no label on another — HTML, the map's SVG labels and every text
 * chart.js draws on its canvases, measured by bounding boxes (layoutCheck.ts). The explorer is
 * checked before a run, after 24 months with the baseline overlay, and in several-runs mode; the
 * reports are a baseline run report and every lesson's report (`vraem lesson <id> --runs 2`).
 * On a phone the first chart comes before the levers. The check itself is shown to fail on a
 * page built to fail (a clipped label, overlapping labels, a squeezed chart title).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vraemAsync } from '../../cli/test/helpers.ts';
import { readOutputFolder, renderReportHtml, reportDocument } from '../src/index.ts';
import { waitReady, runTo as runToMonth } from './explorerDriver.ts';
import { launchChromium, openOffline } from './browserCheck.ts';
import { engineRuns, tempDir, writeRunFolder } from './fixtures.ts';
import { describeProblems, installLayoutRecorder, layoutProblems, setBrowserTextSize } from './layoutCheck.ts';

/** The three screens of the issue: a projector with large text, a big screen, a phone. */
export const SCREENS = [
  { name: '1280x720 text 150%', viewport: { width: 1280, height: 720 }, textPx: 24 },
  { name: '1920x1080', viewport: { width: 1920, height: 1080 }, textPx: 16 },
  { name: '390x844', viewport: { width: 390, height: 844 }, textPx: 16 },
] as const;

/** docs/ of the repository: screenshots land there with VRAEM_UPDATE_DOCS=1 (docs/explorer.md, docs/teaching.md show them). */
const DOCS = fileURLToPath(new URL('../../../docs/', import.meta.url));
const updateDocs = process.env.VRAEM_UPDATE_DOCS === '1';
const SHOT_NAMES: Record<string, string> = { '1280x720 text 150%': 'projector', '1920x1080': 'wide', '390x844': 'phone' };

const LESSONS = ['adoption', 'balloon-effect', 'broken-promise', 'cartel-of-buyers', 'price-coercion', 'protection-racket', 'stationary-bandit'];

let browser: Browser;
let explorer: string;
const reports: { name: string; url: string }[] = [];

beforeAll(async () => {
  const dir = tempDir('layout');
  const built = await vraemAsync(['explore', '--out', join(dir, 'page')]);
  expect(built.code, built.stderr).toBe(0);
  explorer = pathToFileURL(join(dir, 'page', 'index.html')).href;
  const { scenario, results } = await engineRuns('scenarios/baseline.yaml', { months: 36, runs: 2 });
  const run = writeRunFolder(join(dir, 'run'), results, scenario);
  writeFileSync(join(run, 'report.html'), renderReportHtml(reportDocument(await readOutputFolder(run))));
  reports.push({ name: 'run report', url: pathToFileURL(join(run, 'report.html')).href });
  const lessons = await Promise.all(LESSONS.map((id) => vraemAsync(['lesson', id, '--runs', '2', '--out', join(dir, `lesson-${id}`)])));
  lessons.forEach((r, i) => {
    expect(r.code, `${LESSONS[i]}: ${r.stderr}`).toBe(0);
    reports.push({ name: `lesson ${LESSONS[i]}`, url: pathToFileURL(join(dir, `lesson-${LESSONS[i]}`, 'report.html')).href });
  });
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

/** Open `url` offline on a screen, the canvas recorder installed and the text size set. */
async function openOn(url: string, screen: (typeof SCREENS)[number]) {
  const o = await openOffline(browser, { viewport: screen.viewport, local: /^(file|data|blob):/ });
  await installLayoutRecorder(o.context);
  await setBrowserTextSize(o.page, screen.textPx);
  await o.page.goto(url, { waitUntil: 'load' });
  return o;
}

/** Run to `months` (explorerDriver.ts), then let chart.js finish its last layout pass. */
async function runTo(p: Page, months: number): Promise<void> {
  await runToMonth(p, months);
  await p.waitForTimeout(300);
}

describe('no clipped or colliding text on a projector, a big screen and a phone', () => {
  for (const screen of SCREENS) {
    it(`the explorer at ${screen.name}`, async () => {
      const { context, page: p, consoleErrors } = await openOn(explorer, screen);
      try {
        await waitReady(p);
        const found: string[] = [];
        const look = async (when: string) => found.push(...describeProblems(await layoutProblems(p)).map((s) => `${when}: ${s}`));
        await look('before a run');
        await p.check('#compare');
        await p.selectOption('#speed', '0');
        await runTo(p, 24);
        await look('after 24 months');
        if (updateDocs) {
          // What the room sees: the monitors and the charts (the toolbar scrolled away).
          if (screen.viewport.width < 1600) await p.$eval('#monitors', (el) => el.scrollIntoView());
          await p.screenshot({ path: join(DOCS, `explorer-${SHOT_NAMES[screen.name]}.png`) });
          await p.evaluate(() => window.scrollTo(0, 0));
        }
        // The page follows the browser's text size (rem, not px): 150% text is 150% on the page.
        const bodyPx = await p.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
        expect(bodyPx, 'body text in px').toBeCloseTo((15 * screen.textPx) / 16, 0);
        // Several runs: the band charts and the readings in words.
        await p.selectOption('#runs', '8');
        await p.waitForFunction(() => document.documentElement.dataset.several === 'done', undefined, { timeout: 240_000 });
        await p.waitForTimeout(300);
        await look('8 runs');
        await p.selectOption('#runs', '1');
        if (screen.textPx > 16) {
          // And once more with the page's own "Large text" (a projector read from the back).
          await p.check('#large');
          await p.waitForTimeout(500);
          await look('large text');
        }
        if (screen.viewport.width < 600) {
          // On a phone the charts come first: the first chart starts above the levers.
          const chartTop = await p.$eval('#charts', (el) => el.getBoundingClientRect().top);
          const leversTop = await p.$eval('#controls', (el) => el.getBoundingClientRect().top);
          expect(chartTop, 'first chart above the levers').toBeLessThan(leversTop);
        }
        console.log(`layout, explorer at ${screen.name}: ${found.length} problems${found.length ? '\n  ' + found.slice(0, 12).join('\n  ') : ''}`);
        expect(found).toEqual([]);
        expect(consoleErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it(`the reports at ${screen.name}`, async () => {
      const found: string[] = [];
      for (const r of reports) {
        const { context, page: p, consoleErrors } = await openOn(r.url, screen);
        try {
          await p.waitForFunction(() => document.documentElement.dataset.chartsDrawn !== undefined, undefined, { timeout: 60_000 });
          await p.waitForTimeout(300);
          found.push(...describeProblems(await layoutProblems(p)).map((s) => `${r.name}: ${s}`));
          if (updateDocs && screen.name === '1920x1080' && r.name.startsWith('lesson ')) {
            // The top of the report: the question, the measured game and its first charts.
            const height = Math.min(3200, await p.evaluate(() => document.documentElement.scrollHeight));
            await p.screenshot({ path: join(DOCS, `lesson-${r.name.slice(7)}-report.jpg`), fullPage: true, clip: { x: 0, y: 0, width: 1920, height }, type: 'jpeg', quality: 50 });
          }
          expect(consoleErrors, r.name).toEqual([]);
        } finally {
          await context.close();
        }
      }
      console.log(`layout, reports at ${screen.name}: ${found.length} problems${found.length ? '\n  ' + found.slice(0, 12).join('\n  ') : ''}`);
      expect(found).toEqual([]);
    });
  }
});

describe('the layout check can fail', () => {
  it('finds a clipped label, two labels on one another, a squeezed chart label and a page wider than a phone', async () => {
    const dir = tempDir('layout-broken');
    const html = join(dir, 'broken.html');
    writeFileSync(
      html,
      `<!doctype html><html><body style="margin:0">
<div style="width:120px;overflow:hidden;white-space:nowrap">Rest of Peru 29,100 ha and more</div>
<div style="position:relative;height:40px"><span style="position:absolute;left:0">Coca (ha)</span><span style="position:absolute;left:20px">2004</span></div>
<div style="width:900px">wide</div>
<svg width="100" height="60" viewBox="0 0 100 60"><text x="90" y="30">Bolivia 12,000 ha</text></svg>
<canvas id="c" width="200" height="100"></canvas>
<script>const x = document.getElementById('c').getContext('2d'); x.clearRect(0, 0, 200, 100); x.font = '20px sans-serif';
x.fillText('Leaf price (USD/kg leaf) and export price', 0, 30, 120); x.fillText('2004', 10, 70); x.fillText('2005', 30, 72);</script>
</body></html>`,
    );
    const { context, page: p } = await openOn(pathToFileURL(html).href, SCREENS[2]);
    try {
      const found = await layoutProblems(p);
      const kinds = new Set(found.map((f) => `${f.where} ${f.kind}`));
      for (const k of ['html overflow', 'html overlap', 'html page-wider', 'svg clipped', 'canvas squeezed', 'canvas overlap']) expect(kinds, describeProblems(found).join('\n')).toContain(k);
    } finally {
      await context.close();
    }
  });
});
