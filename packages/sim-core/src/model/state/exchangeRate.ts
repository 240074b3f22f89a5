/**
 * A country's exchange rate at the farm gate. Leaf, paste and cocaine are priced in dollars: the
 * buyers pass the dollar through (Colombia's farm-gate leaf rose about 40% in pesos in 2015 over
 * 2014, as the peso fell 37%; SIMCI, docs/sources.md §2.2), so a devaluation leaves the leaf's
 * dollar price as the export market sets it. What a grower weighs coca against is in local
 * currency: the labour and inputs of both crops (regions' costs), and the part of licit produce
 * sold at local prices (`states.<C>.exchangeRate.licitLocalShare`: food crops and cattle for
 * local markets, where export coffee and cacao follow the dollar). Both are stated in dollars
 * at `basePerUsd` in the prices of its year, and local prices rise with the country's inflation
 * less the dollar's (`priceIndex`, data/price-indices.csv): their dollar value moves with the real
 * exchange rate. A devaluation makes them worth less in dollars, so coca pays more against them,
 * and an appreciation (Colombia 2004–2012: COP 2,628 → 1,798 while its prices rose 16% more than
 * the dollar's) the reverse (data/exchange-rates.csv).
 */
import type { World } from '../world.ts';
import type { Country } from '../../scenario/schema.ts';

/**
 * Dollar value of a unit of local-currency value in country c, stated in dollars at the base rate
 * and prices (1 there): the real exchange rate, basePerUsd × priceIndex / localPerUsd. Local
 * costs move with it, and so does the part of licit produce sold at local prices
 * ({@link licitPriceFactor}); this is the one place it is computed.
 */
export function localCostFactor(world: World, c: Country): number {
  const x = world.scenario.states[c]?.exchangeRate;
  return x ? (x.basePerUsd * x.priceIndex) / x.localPerUsd : 1;
}

/**
 * Dollar value of a unit of licit produce's value in country c (1 at the base rate): the part
 * sold at local prices moves with the real exchange rate ({@link localCostFactor}), the rest
 * follows the dollar.
 */
export function licitPriceFactor(world: World, c: Country): number {
  const x = world.scenario.states[c]?.exchangeRate;
  return x ? 1 - x.licitLocalShare + x.licitLocalShare * localCostFactor(world, c) : 1;
}
