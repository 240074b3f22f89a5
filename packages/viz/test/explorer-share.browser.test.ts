/**
 * Share and load (issue 19, item 3): a link with levers in its URL reproduces the same
 * `series.csv` through the exported YAML. In one page the baseline runs 12 months, the AD
 * delivery rate moves to 0.95, and it runs on to 24; the page's address then carries the setup
 * and the change. A second page opened at that address and run to 24 months exports the same CSV
 * and a YAML that `vraem run --runs 1` turns into the same `series.csv`, byte for byte. The
 * exported YAML loaded back into the page ("Load scenario") runs to the same series too.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vraemAsync } from '../../cli/test/helpers.ts';
import { readLink } from '../src/explorer/link.ts';
import { buildExplorer, waitReady, setInput, runTo } from './explorerDriver.ts';
import { launchChromium, openOffline } from './browserCheck.ts';
import { tempDir } from './fixtures.ts';

const AD = 'states.PE.alternativeDevelopment.deliveryRate';
let browser: Browser;
let pageUrl: string;

beforeAll(async () => {
  pageUrl = await buildExplorer('explorer-share');
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
});




async function download(p: Page, button: string): Promise<{ name: string; text: string; path: string }> {
  const [d] = await Promise.all([p.waitForEvent('download'), p.click(button)]);
  const path = await d.path();
  return { name: d.suggestedFilename(), text: readFileSync(path, 'utf8'), path };
}

describe('a link carries the setup and the lever changes', () => {
  // The page's run and Node's are the same bits: Chromium's V8 and Node's round Math.exp, log, cos
  // and pow differently in the last bit, so sim-core computes them itself (engine/math.ts, fdlibm in
  // plain IEEE arithmetic); see docs/explorer.md, "Node and the browser".
  it('opens the same setup, replays the same run, and its exported YAML gives the same series.csv with vraem run', async () => {
    const a = await openOffline(browser, { viewport: { width: 1440, height: 1000 }, local: /^(file|data|blob):/ });
    const b = await openOffline(browser, { viewport: { width: 1440, height: 1000 }, local: /^(file|data|blob):/ });
    try {
      await a.page.goto(pageUrl, { waitUntil: 'load' });
      await waitReady(a.page);
      await setInput(a.page, '#seed', '7');
      await waitReady(a.page);
      await a.page.selectOption('#speed', '0');
      await runTo(a.page, 12);
      await setInput(a.page, `.control[data-path="${AD}"] input[type="range"]`, '0.95');
      await a.page.waitForFunction(() => document.documentElement.dataset.changes === '1');
      await runTo(a.page, 24);
      const link = a.page.url();
      const state = readLink(new URL(link).hash);
      expect(state).toMatchObject({ entry: 'baseline', seed: 7, householdsPerAgent: 10, changes: [{ tick: 12, path: AD, value: 0.95 }] });
      const csvA = await download(a.page, '#export-csv');

      // A second page at the link: the same setup, and the change made again at month 12.
      await b.page.goto(link, { waitUntil: 'load' });
      await waitReady(b.page);
      expect(await b.page.$eval('#seed', (el) => (el as HTMLInputElement).value)).toBe('7');
      await b.page.selectOption('#speed', '0');
      await runTo(b.page, 24);
      const csvB = await download(b.page, '#export-csv');
      expect(csvB.text === csvA.text, 'the link replays the same series').toBe(true);
      const yaml = await download(b.page, '#export-yaml');
      expect(yaml.text).toContain(`${AD}: 0.95`);

      const dir = tempDir('explorer-share-run');
      writeFileSync(join(dir, yaml.name), yaml.text);
      const replay = await vraemAsync(['run', join(dir, yaml.name), '--runs', '1', '--set', 'months=24', '--out', join(dir, 'out')]);
      expect(replay.code, replay.stderr).toBe(0);
      const series = readFileSync(join(dir, 'out', 'series.csv'), 'utf8');
      expect(series === csvA.text, 'vraem run of the exported YAML writes the linked run’s series.csv').toBe(true);

      // The exported YAML loaded back into the page runs to the same series.
      await b.page.setInputFiles('#load-file', yaml.path);
      await b.page.waitForFunction(() => (document.getElementById('entry') as HTMLSelectElement).value.startsWith('file:'));
      await waitReady(b.page);
      await runTo(b.page, 24);
      const csvC = await download(b.page, '#export-csv');
      expect(csvC.text === csvA.text, 'the loaded YAML runs to the same series').toBe(true);
      expect(a.consoleErrors).toEqual([]);
      expect(b.consoleErrors).toEqual([]);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });
});
