/**
 * sim-core in a browser, as a user would embed it (issue 23): a page bundled by esbuild from a
 * project that installed the packed package imports it, loads the bundled baseline, steps the
 * model, reads a firma's cash and a region's farmers through the views, and collects a custom
 * measure each month — in headless Chromium, offline, from file://. The same code run in Node
 * gives the same numbers (one engine, any host).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packAndInstall, run, type Packed } from '../../sim-core/test/packed.ts';
import { launchChromium, openOffline } from './browserCheck.ts';

/** What the page measures: the same module runs in the browser and in Node. */
const MEASURE = `import { collect, createSimulation, loadScenario } from '@vraem/sim-core';
import { bundledScenarios } from '@vraem/sim-core/scenarios';

export async function measure() {
  const { scenario } = await loadScenario('baseline.yaml', bundledScenarios, { set: ['householdsPerAgent=40', 'months=12'] });
  const sim = createSimulation(scenario, { seed: 7 });
  const growers = collect(sim, {
    eneGrowers: (s) => {
      const h = s.view.households('vraem-ene');
      let n = 0;
      for (let i = 0; i < h.agents; i++) if (h.cocaYoung[i] + h.cocaMature[i] > 0) n += h.householdsPerAgent;
      return n;
    },
  });
  sim.runUntil(6);
  const firma = sim.view.firmas()[0];
  const ene = sim.view.households('vraem-ene');
  return { tick: sim.tick, firmaCash: firma.cash, firmaId: firma.id, eneAgents: ene.agents, eneLand: Array.from(ene.land.subarray(0, 5)), growers: Array.from(growers.series('eneGrowers')) };
}
`;

const PAGE = `import { measure } from './measure.mjs';
measure().then(
  (r) => { window.__result = { ok: true, ...r }; },
  (e) => { window.__result = { ok: false, error: String((e && e.stack) || e) }; },
);
`;

let packed: Packed;
let browser: Browser;
beforeAll(async () => {
  packed = packAndInstall();
  browser = await launchChromium();
}, 900_000);
afterAll(async () => {
  await browser?.close();
  packed?.cleanup();
});

describe('the installed package in a browser page', () => {
  let got: Record<string, unknown> | undefined;
  it('steps the model, reads a firma and a region\u2019s farmers, collects a measure monthly', async () => {
    writeFileSync(join(packed.project, 'measure.mjs'), MEASURE);
    writeFileSync(join(packed.project, 'page.mjs'), PAGE);
    const bundled = await build({
      absWorkingDir: packed.project,
      entryPoints: ['page.mjs'],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'silent',
    });
    const html = join(packed.project, 'index.html');
    writeFileSync(html, `<!doctype html><meta charset="utf-8"><title>sim-core</title><script>${bundled.outputFiles[0].text.replace(/<\/script/gi, '<\\/script')}</script>`);

    const { context, page, consoleErrors, external } = await openOffline(browser, { viewport: { width: 800, height: 600 }, local: /^(file|data|blob):/ });
    try {
      await page.goto(pathToFileURL(html).href);
      await page.waitForFunction(() => (window as unknown as { __result?: unknown }).__result !== undefined, undefined, { timeout: 240_000 });
      got = (await page.evaluate(() => (window as unknown as { __result: unknown }).__result)) as Record<string, unknown>;
      expect(got.error).toBeUndefined();
      expect(got.ok).toBe(true);
      expect(got.tick).toBe(6);
      expect(Number.isFinite(got.firmaCash)).toBe(true);
      expect(got.eneAgents).toBeGreaterThan(0);
      expect(got.growers).toHaveLength(6);
      expect((got.growers as number[]).every((g) => g > 0)).toBe(true);
      expect(consoleErrors).toEqual([]);
      expect([...external]).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);

  // The page's run and Node's are the same bits: Chromium's V8 and Node's round Math.exp, log, cos
  // and pow differently in the last bit, so sim-core computes them itself (engine/math.ts, fdlibm in
  // plain IEEE arithmetic); see docs/explorer.md, "Node and the browser".
  it('gives the numbers Node gives for the same run', () => {
    expect(got).toBeDefined();
    writeFileSync(join(packed.project, 'node.mjs'), `import { measure } from './measure.mjs';\nconsole.log(JSON.stringify(await measure()));\n`);
    const inNode = JSON.parse(run(process.execPath, ['node.mjs'], packed.project));
    const { ok: _ok, ...fromPage } = got!;
    // Every number equal, to the last bit.
    expect(fromPage).toEqual(inNode);
  }, 300_000);
});
