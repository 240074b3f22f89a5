/**
 * How the browser tests drive the explorer page, as a user would: wait until it is ready, set an
 * input (the events a drag or typing fires), run to a month and wait until it has paused and drawn.
 */
import type { Page } from 'playwright-core';

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
