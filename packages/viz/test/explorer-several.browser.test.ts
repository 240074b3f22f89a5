/**
 * Spread, not anecdotes (issue 19, item 2): the broken-promise lesson (alternative development
 * in the VRAEM) in several-runs mode, 8 seeds each paired with its baseline in the page's workers.
 * A script sets the AD delivery rate to 0.1, makes that the baseline, and moves it to 0.9: the
 * band of the VRAEM's coca (8 runs, 95% interval of the mean) separates from the baseline's, and
 * the paired difference's interval leaves out zero. Peru's total is printed beside it (coca
 * displaced to Peru's other regions can hide the valleys' fall in the national figure). The
 * single-run view says it is one run.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeveralReading } from '../src/explorer/several.ts';
import { buildExplorer, waitReady, setInput } from './explorerDriver.ts';
import { launchChromium, openOffline } from './browserCheck.ts';

const AD = 'states.PE.alternativeDevelopment.deliveryRate';
let browser: Browser;
let pageUrl: string;

beforeAll(async () => {
  pageUrl = await buildExplorer('explorer-several');
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

const waitSeveral = (p: Page) => p.waitForFunction(() => document.documentElement.dataset.several === 'done', undefined, { timeout: 240_000 });
const readings = (p: Page) => p.evaluate(() => (window as unknown as { vraemExplorer: { several(): { readings: SeveralReading[] } } }).vraemExplorer.several().readings);


const show = (x: SeveralReading) =>
  `${x.label}: yours ${x.yours.mean.toFixed(0)} [${x.yours.lo.toFixed(0)}, ${x.yours.hi.toFixed(0)}], baseline ${x.baseline.mean.toFixed(0)} [${x.baseline.lo.toFixed(0)}, ${x.baseline.hi.toFixed(0)}], paired difference ${x.difference.mean.toFixed(0)} [${x.difference.lo.toFixed(0)}, ${x.difference.hi.toFixed(0)}] ha`;

describe('several runs in the explorer', () => {
  it('the AD lesson moved from delivery 0.1 to 0.9: the VRAEM coca band separates from the baseline’s', async () => {
    const { context, page: p, consoleErrors } = await openOffline(browser, { viewport: { width: 1440, height: 1000 }, local: /^(file|data|blob):/ });
    try {
      await p.goto(pageUrl, { waitUntil: 'load' });
      await waitReady(p);
      await p.selectOption('#entry', 'lesson:broken-promise');
      await waitReady(p);
      // The single-run view says what it is.
      expect(await p.textContent('#run-label')).toMatch(/^One run \(seed \d+\)/);
      expect(await p.isVisible('#charts')).toBe(true);

      await p.selectOption('#runs', '8');
      await waitSeveral(p);
      await setInput(p, `.control[data-path="${AD}"] input[type="range"]`, '0.1');
      await waitSeveral(p);
      await p.click('#as-baseline');
      await waitSeveral(p);
      const same = await readings(p);
      // Yours and the baseline are the same setup: every paired difference is exactly zero.
      for (const x of same) expect(x.difference, x.label).toEqual({ mean: 0, lo: 0, hi: 0 });

      const t0 = Date.now();
      await setInput(p, `.control[data-path="${AD}"] input[type="range"]`, '0.9');
      await waitSeveral(p);
      const ms = Date.now() - t0;
      const after = await readings(p);
      const vraem = after.find((x) => x.id === 'VRAEM')!;
      const peru = after.find((x) => x.id === 'PE')!;
      console.log(`several runs (8 seeds, delivery 0.1 → 0.9, ${ms} ms):\n  ${after.map(show).join('\n  ')}`);
      expect(vraem.separates).toBe(true);
      expect(vraem.difference.hi).toBeLessThan(0);
      expect(vraem.yours.hi, 'the bands of the 8 runs do not overlap').toBeLessThan(vraem.baseline.lo);
      expect(await p.isVisible('#several-charts canvas')).toBe(true);
      expect(await p.isVisible('#charts')).toBe(false);
      expect(await p.textContent('#several-status')).toMatch(/^8 runs \(seeds/);
      expect(new URL(p.url()).hash).toContain('runs=8');
      expect(peru).toBeDefined();
      expect(consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
