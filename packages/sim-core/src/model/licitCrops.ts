/**
 * Licit crops (coffee, cacao): their net margin per hectare depends on price, yield, technical
 * assistance and, above all, market access (Bosker & de Vries Robbé: higher licit prices lower
 * coca only where markets are reachable; calibration §3 fact 5). Access itself improves with
 * volume: processors and buyers come when enough neighbours grow licit crops, so adoption is a
 * coordination game (a stag hunt with a tipping point; Schelling 1978, calibration §4).
 */
import type { World } from './world.ts';

/** Licit share of a region's planted land at which access reaches its full value. */
export const FULL_VOLUME_SHARE = 0.5;

/** Market access a region's licit growers actually get, given the licit share of planted land. */
export function effectiveAccess(baseAccess: number, scaleEconomies: number, licitShare: number): number {
  const volume = Math.min(1, licitShare / FULL_VOLUME_SHARE);
  return Math.min(1, baseAccess * (1 - scaleEconomies + scaleEconomies * volume));
}

/** Value of a mature licit hectare's yearly output that reaches a buyer in region r (USD). */
function licitValuePerHaYear(world: World, r: number, assistance: number): number {
  const reg = world.scenario.regions[world.regionIds[r]];
  const { regions } = world;
  const planted = regions.licitHa[r] + regions.cocaHa[r];
  const share = planted > 0 ? regions.licitHa[r] / planted : 0;
  const access = effectiveAccess(regions.marketAccess[r], reg.licitScaleEconomies, share);
  return reg.licitPriceUsdKg * reg.licitYieldKgHaYear * (1 + assistance) * access;
}

/** Net licit margin per hectare and year in region r, with a technical-assistance yield gain. */
export function licitMargin(world: World, r: number, assistance: number): number {
  return licitValuePerHaYear(world, r, assistance) - world.scenario.regions[world.regionIds[r]].licitCostUsdHaYear;
}

/** Licit output value this month in region r (USD), for farmer income. */
export function licitRevenueMonth(world: World, r: number, assistance: number): number {
  return (world.regions.matureLicitHa[r] * licitValuePerHaYear(world, r, assistance)) / 12;
}
