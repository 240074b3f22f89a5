/**
 * A country's exchange rate on growers' local costs: farmers pay labour and inputs in local
 * currency, stated in dollars at `states.<C>.exchangeRate.basePerUsd`; a devaluation makes them
 * cheaper in dollars (Colombia's peso lost 37% of its dollar value from 2014 to 2016;
 * data/exchange-rates.csv) while leaf, paste and cocaine are priced in dollars.
 */
import type { World } from '../world.ts';
import type { Country } from '../../scenario/schema.ts';

/** Dollar value of a unit of local costs in country c (1 at the base rate). */
export function localCostFactor(world: World, c: Country): number {
  const x = world.scenario.states[c]?.exchangeRate;
  return x ? x.basePerUsd / x.localPerUsd : 1;
}
