/**
 * Violence events per region and month, as a Poisson count whose mean sums the conflicts the
 * model produces: rival firmas' hitmen when the buyers' agreement breaks (Green–Porter price
 * wars turn violent), predation and a broken protection racket (Skaperdas 2001; Snyder &
 * Durán-Martínez 2009: the breakdown of a racket produces violence), combat between armed groups
 * and the state under counter-insurgency, clashes with eradication crews where armed groups
 * hold ground, and reprisals on growers who resist the group holding their valley. Draws come from the `armed` stream.
 */
import type { World, Firma } from '../world.ts';
import { poisson } from '../../engine/rng.ts';
import { stationedShare } from './territory.ts';

export const VIOLENCE_RATES = {
  /** Events a month per hitman present when the valley's agreement is broken. */
  hitmanWar: 0.05,
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
    let hitmen = 0;
    let broken = false;
    for (const f of present[r]) {
      hitmen += f.hitmen;
      if (!f.cooperating) broken = true;
    }
    if (broken) mean += VIOLENCE_RATES.hitmanWar * hitmen + 0.05 * present[r].length;
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
    regions.violence[r] = poisson(rand, mean);
  }
}
