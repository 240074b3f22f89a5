/**
 * How the browser tests drive the explorer page, as a user would: wait until it is ready, set an
 * input (the events a drag or typing fires), run to a month and wait until it has paused and drawn.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { vraemAsync } from '../../cli/test/helpers.ts';
import { tempDir } from './fixtures.ts';

/** Write the explorer with `vraem explore` into a test's temp folder; returns the page's file URL. */
export async function buildExplorer(name: string): Promise<string> {
  const page = join(tempDir(name), 'page');
  const built = await vraemAsync(['explore', '--out', page]);
  expect(built.code, built.stderr).toBe(0);
  return pathToFileURL(join(page, 'index.html')).href;
}

/** Wait until the page has loaded its scenarios and set itself up. */
export const waitReady = (p: Page) => p.waitForFunction(() => document.documentElement.dataset.ready === 'true', undefined, { timeout: 60_000 });

/** Set an input's value and fire its input and change events (what a user's drag or typing does). */
export async function setInput(p: Page, selector: string, value: string): Promise<void> {
  await p.$eval(
    selector,
    (el, v) => {
      (el as HTMLInputElement).value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    },
    value,
  );
}

/** Run until the page has `months` months, has paused and has drawn them. */
export async function runTo(p: Page, months: number): Promise<void> {
  await p.fill('#until', String(months));
  await p.click('#run');
  await p.waitForFunction(
    (m) => {
      const d = document.documentElement.dataset;
      return d.tick === String(m) && d.running === 'false' && d.drawn === String(m);
    },
    months,
    { timeout: 60_000 },
  );
}
