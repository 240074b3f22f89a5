/**
 * The price chain leaf → HCl at origin against the observed prices (docs/sources.md §2.2–2.3). A
 * cook who pays the farm-gate price for leaf must sell the HCl it makes for more than the leaf, the
 * processing and the cheapest way out cost: conversion × leaf price + processing + transport ≤ HCl
 * price. In 2004–05 Peru's leaf cost $2.85/kg and HCl $890/kg at origin (data/observed-prices.csv),
 * so a kilo of HCl can have taken at most about 260 kg of leaf — before any markdown, seizure or
 * fee. The 370–375 kg of the production estimates' older factor is ruled out for those years; the
 * 240–260 kg UNODC Peru reports with the cooks' methods is not. The baseline starts at its
 * conversion and at the observed price, and no event moves the conversion past the bound.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseObservedCsv } from '../src/analysis/calibration.ts';
import { ROUTES } from '../src/model/state/interdiction.ts';
import { baseline } from './helpers.ts';

const prices = parseObservedCsv(readFileSync(new URL('../../../data/observed-prices.csv', import.meta.url), 'utf8'));

/** Mean of an observed price series over the years from..to (those with data). */
function observed(series: string, from: number, to: number): number {
  const rows = prices.filter((p) => p.series === series && p.year >= from && p.year <= to);
  expect(rows.length, `${series} ${from}-${to} in data/observed-prices.csv`).toBeGreaterThan(0);
  return rows.reduce((s, p) => s + p.value, 0) / rows.length;
}

describe('the price chain from leaf to HCl at origin', () => {
  const s = baseline({}, { history: true, months: 240 });
  const leaf = observed('peru_leaf_usd_kg', 2004, 2005);
  const hcl = observed('hcl_origin_usd_kg', 2004, 2005);
  const cheapestRoute = Math.min(...ROUTES.map((k) => s.firmas.routes[k].costUsdKg));
  // The most leaf a kilo of HCl can take for the observed prices to pay the cook at all.
  const bound = (hcl - s.firmas.processingCostUsdKg - cheapestRoute) / leaf;

  it('takes the conversion the observed prices of 2004–05 allow, from the start and after', () => {
    const what = `leaf $${leaf}/kg, HCl $${hcl}/kg: at most ${bound.toFixed(0)} kg of leaf a kilo`;
    expect(s.market.leafKgPerKgHcl, what).toBeLessThanOrEqual(bound);
    // data/conversion.csv states the bound with its arithmetic: it is this one.
    const stated = parseObservedCsv(readFileSync(new URL('../../../data/conversion.csv', import.meta.url), 'utf8')).find((r) => r.series === 'leaf_per_kg_hcl_price_bound');
    expect(bound, what).toBeCloseTo(stated?.value ?? NaN, 0);
    for (const e of s.events) {
      const set = e.set['market.leafKgPerKgHcl'];
      if (set !== undefined) expect(Number(set), `${e.at}: ${what}`).toBeLessThanOrEqual(bound);
    }
  });

  it('starts the export market at the price observed at origin in its first year', () => {
    expect(s.market.referencePriceUsdKg).toBe(observed('hcl_origin_usd_kg', Number(s.start.slice(0, 4)), Number(s.start.slice(0, 4))));
  });
});
