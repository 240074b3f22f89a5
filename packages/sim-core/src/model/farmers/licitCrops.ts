/**
 * Licit crops (coffee, cacao): their net margin per hectare depends on price, yield, technical
 * assistance and, above all, market access (Bosker & de Vries Robbé: higher licit prices lower
 * coca only where markets are reachable; calibration §3 fact 5). Access itself improves with
 * volume: processors and buyers come when enough neighbours grow licit crops, so adoption is a
 * coordination game (a stag hunt with a tipping point; Schelling 1978, calibration §4). A buyer
 * or processing plant has fixed costs and comes only where the valley's licit output covers them:
 * below a minimum share of licit land no buyer comes for volume, and the buyers arrive as the
 * share rises to a full share (Granovetter 1978's threshold model, the thresholds here being the
 * buyers'). A narrow gap between the two shares is a sharp threshold: with inelastic growers (a
 * logit choice) only a steep rise of access with volume can make both "mostly coca" and "mostly
 * licit" self-sustaining. The defaults (0 to 0.5) are the gentle ramp the baseline is run with.
 */
import type { World } from '../world.ts';
import { presenceAccess } from '../state/presence.ts';
import { localCostFactor, licitPriceFactor } from '../state/exchangeRate.ts';

/**
 * Market access a region's licit growers actually get, given the licit share of planted land.
 * A share `1 - scaleEconomies` of the base access does not depend on volume (the road is there
 * whatever grows along it); the rest comes with buyers and processors, which come with volume:
 * none below `minShare` (a collection centre or processing plant covers its fixed costs only
 * above a minimum throughput: Granovetter's threshold), all of them from `fullShare`, linearly
 * between. With `minShare` at or above `fullShare` the buyers come all at once at `minShare`.
 */
export function effectiveAccess(baseAccess: number, scaleEconomies: number, licitShare: number, minShare: number, fullShare: number): number {
  const volume =
    fullShare > minShare ? Math.min(1, Math.max(0, (licitShare - minShare) / (fullShare - minShare))) : licitShare >= minShare ? 1 : 0;
  return Math.min(1, baseAccess * (1 - scaleEconomies + scaleEconomies * volume));
}

/**
 * Value of a mature licit hectare's yearly output that reaches a buyer in region r (USD); the
 * part sold at local-currency prices is worth what the exchange rate makes it (exchangeRate.ts).
 */
function licitValuePerHaYear(world: World, r: number, assistance: number): number {
  const reg = world.scenario.regions[world.regionIds[r]];
  const { regions } = world;
  const planted = regions.licitHa[r] + regions.cocaHa[r];
  const share = planted > 0 ? regions.licitHa[r] / planted : 0;
  const access = effectiveAccess(regions.marketAccess[r] * presenceAccess(world, r), reg.licitScaleEconomies, share, reg.licitBuyersMinShare, reg.licitBuyersFullShare);
  return reg.licitPriceUsdKg * reg.licitYieldKgHaYear * (1 + assistance) * access * licitPriceFactor(world, reg.country);
}

/** Net licit margin per hectare and year in region r, with a technical-assistance yield gain. */
export function licitMargin(world: World, r: number, assistance: number): number {
  const reg = world.scenario.regions[world.regionIds[r]];
  return licitValuePerHaYear(world, r, assistance) - reg.licitCostUsdHaYear * localCostFactor(world, reg.country);
}

/** Licit output value this month in region r (USD), for farmer income. */
export function licitRevenueMonth(world: World, r: number, assistance: number): number {
  return (world.regions.matureLicitHa[r] * licitValuePerHaYear(world, r, assistance)) / 12;
}
