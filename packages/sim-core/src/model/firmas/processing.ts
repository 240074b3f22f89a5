/**
 * Turning leaf into cocaine HCl, priced at this month's conversion: a scenario's events may change
 * the cooks' need for leaf a kilo (`market.leafKgPerKgHcl`; docs/sources.md §2.3: 240–260 kg with
 * the methods UNODC Peru reports, the baseline's figure from its start), and what is quoted per
 * kilo of HCl at the start's conversion follows it.
 * Used by the firmas' month (firmas.ts) and by an entrant's first netback (setup.ts), so it lives
 * apart from both.
 */
import type { World } from '../world.ts';

/**
 * A per-kilo-of-HCl figure quoted at the start's conversion, this month: it follows the leaf a
 * kilo takes, so what it says per kilo of leaf stays where it was. Exactly the quoted figure while
 * the conversion has not moved.
 */
export function atConversion(world: World, usdPerKgHcl: number): number {
  const leafPerKg = world.scenario.market.leafKgPerKgHcl;
  return leafPerKg === world.startLeafKgPerKgHcl ? usdPerKgHcl : (usdPerKgHcl * leafPerKg) / world.startLeafKgPerKgHcl;
}

/**
 * What turning leaf into a kilo of HCl costs this month (USD): `firmas.processingCostUsdKg`, at the
 * conversion (atConversion). The paste stage's kerosene, lime, acid and labour go with the leaf
 * macerated, and the cooks who learnt to need less leaf also learnt to recycle their precursors
 * (the same UNODC report), so a better conversion leaves the processing of a kilo of leaf where it
 * was: with the HCl price it lowers (exportMarket.ts), it leaves the leaf's netback too.
 */
export function processingCostUsdKg(world: World): number {
  return atConversion(world, world.scenario.firmas.processingCostUsdKg);
}
