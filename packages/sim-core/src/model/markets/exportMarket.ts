/**
 * The export market, one for the whole model: cocaine leaving the Andes meets a
 * constant-elasticity demand whose index scenarios can shock (a pandemic, a new European route)
 * and which grows on trend; the origin price moves toward the clearing price with inertia. Less
 * supply from one country raises the price everywhere, which raises every valley's leaf price
 * and draws cultivation elsewhere: with displacement, the source of the balloon effect
 * (calibration §3 fact 2; Caulkins & Hao 2008 on how a supply cut is shared).
 */
import type { World } from '../world.ts';
import { pow } from '../../engine/math.ts';

/** Weight of this month's exports in the supply the market prices. */
const SUPPLY_SMOOTHING = 0.3;

/**
 * The clearing price for a monthly supply against demand `demandKg` at the reference price.
 * @example clearingPrice(1400, 0.6, 100, 100) === 1400
 */
export function clearingPrice(referencePrice: number, elasticity: number, supplyKg: number, demandKg: number): number {
  if (demandKg <= 0) return referencePrice * 0.1;
  const ratio = Math.max(0.05, supplyKg / demandKg);
  return Math.min(10 * referencePrice, Math.max(0.1 * referencePrice, referencePrice * pow(ratio, -1 / elasticity)));
}

export function updateExportPrice(world: World): void {
  const { market, scenario } = world;
  const m = scenario.market;
  market.supplyKg = (1 - SUPPLY_SMOOTHING) * market.supplyKg + SUPPLY_SMOOTHING * market.exportedKg;
  const t = Math.max(0, world.tick);
  // A new trend rate (an event) applies from this month on: the growth accrued at the old rate
  // is kept and the new one compounds from here. (Compounding the new rate from the start made
  // the baseline's 3% a year from 2014 a 34% jump in demand in January 2014.)
  if (m.demandGrowthPerYear !== market.growthRate) {
    market.demandTrend *= pow(1 + market.growthRate, (t - market.growthSince) / 12);
    market.growthSince = t;
    market.growthRate = m.demandGrowthPerYear;
  }
  const demand = market.baseDemandKg * m.demandIndex * (market.demandTrend * pow(1 + market.growthRate, (t - market.growthSince) / 12));
  const target = clearingPrice(m.referencePriceUsdKg, m.demandElasticity, market.supplyKg, demand);
  market.price += m.priceAdjustment * (target - market.price);
}
