/**
 * Violence events per region and month, as a Poisson count whose mean sums the conflicts the
 * model produces: rival firmas' hitmen where no armed group keeps order, more during a price war
 * (Green–Porter price wars turn violent) — the violence among firmas, counted apart too — predation and a broken protection racket (Skaperdas 2001; Snyder &
 * Durán-Martínez 2009: the breakdown of a racket produces violence), combat between armed groups
 * and the state under counter-insurgency, clashes with eradication crews where armed groups
 * hold ground, and reprisals on growers who resist the group holding their valley. Draws come from the `armed` stream.
 */
import type { World, Firma } from '../world.ts';
import { poisson } from '../../engine/rng.ts';
import { stationedShare, armedControl } from './territory.ts';

export const VIOLENCE_RATES = {
  /** Events a month per hitman present where no armed group keeps order (doubled in a price war). */
  hitmanClash: 0.03,
  /** Events a month per firma present while the valley's buyers are in a price war or break their agreement. */
  priceWar: 0.05,
  /** Events a month when a group predates, per unit of control. */
  predation: 4,
  /** Events a month while a racket is broken, per unit of control. */
  brokenRacket: 1.5,
  /** Events a month per 100 fighters stationed, at full counter-insurgency. */
  combat: 1,
  /** Events per 1,000 ha eradicated under full armed control. */
  eradication: 2,
  /** Reprisals a month per 1,000 households resisting a group that fully holds their valley (governance.ts). */
  reprisal: 1,
};

export function violenceMonth(world: World, present: readonly Firma[][]): void {
  const { regions, scenario } = world;
  const rand = world.streams.armed;
  for (let r = 0; r < world.regionIds.length; r++) {
    let mean = 0;
    const hitmen = regions.hitmen[r];
    const broken = present[r].length > 1 && regions.cartelHeld[r] === 0;
    const firmaMean = (1 - armedControl(world, r)) * VIOLENCE_RATES.hitmanClash * hitmen * (broken ? 2 : 1) + (broken ? VIOLENCE_RATES.priceWar * present[r].length : 0);
    const st = world.states[scenario.regions[world.regionIds[r]].country]; // the effort its budget pays for
    for (const g of world.groups) {
      const c = g.control[r];
      if (c <= 0) continue;
      if (g.predating) mean += VIOLENCE_RATES.predation * c;
      if (g.brokenMonths > 0) mean += VIOLENCE_RATES.brokenRacket * c;
      mean += (VIOLENCE_RATES.combat * (st ? st.counterinsurgency : 0) * g.fighters * stationedShare(g, r)) / 100;
      mean += (VIOLENCE_RATES.eradication * c * regions.eradicatedHa[r]) / 1000;
    }
    mean += (VIOLENCE_RATES.reprisal * regions.reprisals[r]) / 1000;
    regions.firmaViolence[r] = poisson(rand, firmaMean);
    regions.violence[r] = regions.firmaViolence[r] + poisson(rand, mean);
  }
}
