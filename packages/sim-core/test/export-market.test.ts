/**
 * The export market's demand trend (model/markets/exportMarket.ts): a trend rate set by an event
 * compounds from the month it is set, not as if it had held since the start. The baseline sets
 * 3% a year from January 2014; compounded from 2004 that was a 34% jump in demand that month
 * (and a jump of the export price, and of SL's fee with it, in 2014–2015).
 */
import { describe, expect, it } from 'vitest';
import { updateExportPrice } from '../src/model/markets/exportMarket.ts';
import type { World } from '../src/model/world.ts';

/** The parts of a world the export market reads: supply steady at the demand at the reference price; the price clears at once. */
function market(growth: number) {
  const m = { referencePriceUsdKg: 1400, demandElasticity: 1, priceAdjustment: 1, demandIndex: 1, demandGrowthPerYear: growth };
  const w = {
    tick: 0,
    scenario: { market: m },
    market: { price: 1400, baseDemandKg: 100, exportedKg: 100, supplyKg: 100, demandTrend: 1, growthSince: 0, growthRate: growth },
  };
  /** Run months until tick `to` (exclusive) and return the price. */
  const until = (to: number) => {
    for (; w.tick < to; w.tick++) updateExportPrice(w as unknown as World);
    return w.market.price;
  };
  return { m, w, until };
}

describe('export market: demand trend', () => {
  it('a growth rate set at month 120 compounds from month 120 (no jump in demand when it is set)', () => {
    const { m, until } = market(0);
    expect(until(120)).toBeCloseTo(1400, 9);
    m.demandGrowthPerYear = 0.03;
    // The month the rate is set demand is where it was; a year later it is 3% higher.
    expect(until(121)).toBeCloseTo(1400, 9);
    expect(until(133)).toBeCloseTo(1400 * 1.03, 6);
    // A second change keeps the growth already accrued.
    m.demandGrowthPerYear = 0;
    expect(until(200)).toBeCloseTo(1400 * 1.03 * Math.pow(1.03, 1 / 12), 6);
  });

  it('a rate held from the start compounds from the start, as before', () => {
    const { until } = market(0.03);
    expect(until(25)).toBeCloseTo(1400 * Math.pow(1.03, 24 / 12), 9);
  });
});
