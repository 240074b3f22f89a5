/**
 * What an enrolled household weighs (issue 16, AD as programmes): the promise of its own
 * programme — subsidy × its trust — whether or not that programme still has room for others.
 * The best open offer, which a household not enrolled weighs, is worth nothing once every
 * programme open to it is full; before this was separated, an enrolled household of a full
 * programme saw that nothing, dropped compliance and counted no state offer against the armed
 * group's (governance.ts).
 */
import { describe, it, expect } from 'vitest';
import { createSimulation } from '../src/index.ts';
import type { World } from '../src/model/world.ts';
import { betaMean } from '../src/model/world.ts';
import { createOutlook } from '../src/model/farmers/farmers.ts';
import { adOutlook } from '../src/model/state/alternativeDevelopment.ts';
import { baseline, SEEDS } from './helpers.ts';

describe('an enrolled household’s programme', () => {
  it('keeps its value to the enrolled when it has no room left for others', () => {
    // Alto Huallaga's standing programme with a small budget: it fills within months.
    const s = baseline({ 'states.PE.alternativeDevelopment.budgetUsdPerYear': 500_000 }, { months: 24 });
    const sim = createSimulation(s, { seed: SEEDS[0] });
    for (let t = 0; t < 24; t++) sim.step();
    const world = (sim as unknown as { world: World }).world;
    const ah = world.regionIndex.get('alto-huallaga')!;
    const p = world.programmes.findIndex((pr) => pr.country === 'PE' && pr.key === '');
    const o = createOutlook(world.regionIds.length);
    adOutlook(world, o);
    expect(world.regions.adHa[ah]).toBeGreaterThan(0); // households are enrolled
    expect(world.programmes[p].roomHa[ah]).toBe(0); // and the programme is full
    expect(o.adOpen[ah]).toBe(0);
    expect(o.adValue[ah]).toBe(0); // nothing open to a household not enrolled
    const trust = betaMean(world.regions.trustA[ah], world.regions.trustB[ah]);
    const value = o.programmeValue[ah * world.programmes.length + p];
    expect(value).toBeGreaterThan(0);
    expect(value).toBeCloseTo(s.states.PE!.alternativeDevelopment.subsidyUsdPerHaYear * trust, 9);
  });
});
