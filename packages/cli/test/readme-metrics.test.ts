/**
 * README's "The metrics:" list is the columns `series.csv` carries after its keys, in order: a
 * metric added to the model and not to the README (as `protected_cocaine_t` was) fails here.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRICS } from '../src/core.ts';
import { ROOT } from './helpers.ts';

describe('README', () => {
  it('lists every metric, in the order of series.csv', () => {
    const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const from = text.indexOf('The metrics: `');
    expect(from).toBeGreaterThan(0);
    const list = text.slice(from + 'The metrics: `'.length, text.indexOf('`', from + 'The metrics: `'.length));
    expect(list.split(',').map((m) => m.trim())).toEqual([...METRICS]);
  });
});
