/**
 * Reading agents and collecting one's own measures (issue 23): the views show the model's state
 * (households of a region add up to what the recorder counts), cannot be written, observing a
 * run does not change it, and a collector records a measure each month without copying the run.
 */
import { describe, expect, it } from 'vitest';
import { collect, createSimulation, runScenario, seriesOf, summarize, type HouseholdsView } from '../src/index.ts';
import { baseline } from './helpers.ts';

const scenario = () => baseline({}, { householdsPerAgent: 40, months: 12, history: true });

describe('views of the agents', () => {
  it('households of a region, as columns, add up to the coca hectares the region records', () => {
    const sim = createSimulation(scenario(), { seed: 5 });
    sim.runUntil(6);
    let agents = 0;
    for (const id of sim.view.regions) {
      const h = sim.view.households(id);
      agents += h.agents;
      expect(h.cocaMature.length).toBe(h.agents);
      let coca = 0;
      for (let i = 0; i < h.agents; i++) coca += (h.cocaYoung[i] + h.cocaMature[i]) * h.householdsPerAgent;
      expect(coca).toBeCloseTo(sim.view.region(id).cocaHa, -1);
      expect(sim.view.region(id).cocaHa).toBeCloseTo(sim.value(id, 'coca_ha'), 6);
    }
    expect(agents).toBeGreaterThan(0);
  });

  it('firmas, armed groups, states and the market, frozen', () => {
    const sim = createSimulation(scenario(), { seed: 5 });
    sim.runUntil('2004-04');
    expect(sim.tick).toBe(3);
    const firmas = sim.view.firmas();
    expect(firmas.length).toBeGreaterThan(0);
    for (const f of firmas) {
      expect(Number.isFinite(f.cash)).toBe(true);
      for (const r of f.regions) expect(sim.view.regions).toContain(r);
    }
    expect(() => ((firmas[0] as { cash: number }).cash = 1)).toThrow(TypeError);
    expect(sim.view.armedGroups().map((g) => g.id)).toContain('sl');
    expect(sim.view.states().map((s) => s.country).sort()).toEqual(['BO', 'CO', 'PE']);
    expect(sim.view.market().price).toBeGreaterThan(0);
    expect(() => sim.view.households('nowhere')).toThrowError(/unknown region "nowhere"/);
  });
});

describe('observing a run', () => {
  it('a collector records a measure each month; observing does not change the run', () => {
    const s = scenario();
    const plain = runScenario(s, { seed: 9 });
    const sim = createSimulation(s, { seed: 9 });
    const c = collect(sim, {
      firmaCash: (x) => x.view.firmas().reduce((t, f) => t + f.cash, 0),
      vraemFarmers: (x) => ['vraem-apurimac', 'vraem-ene', 'vraem-mantaro'].reduce((t, id) => t + x.view.households(id).agents, 0),
      perucoca: (x) => x.value('PE', 'coca_ha'),
    });
    let calls = 0;
    const off = sim.onStep(() => calls++);
    sim.runUntil(4);
    off();
    sim.runUntil(sim.months);
    expect(calls).toBe(4);
    expect(c.length).toBe(12);
    expect(Array.from(c.ticks())).toEqual([...Array(12).keys()]);
    expect(Array.from(c.series('perucoca'))).toEqual(Array.from(seriesOf(plain, 'PE', 'coca_ha')));
    expect(c.series('firmaCash').every(Number.isFinite)).toBe(true);
    expect(c.rows()[0].date).toBe('2004-01');
    expect(sim.result().data).toEqual(plain.data);
  });
});

describe('types that catch mistakes at compile time (checked by pnpm typecheck)', () => {
  it('a view column cannot be written, and a misspelt metric does not compile', () => {
    // Never called: it only has to compile, with each mistake flagged.
    const mistakes = (h: HouseholdsView, r: ReturnType<typeof runScenario>) => {
      // @ts-expect-error a household column is read-only
      h.land[0] = 1;
      // @ts-expect-error a view's fields are read-only
      h.agents = 3;
      // @ts-expect-error no metric "coca_hectares" (it is coca_ha)
      return summarize([r]).metrics.coca_hectares;
    };
    expect(typeof mistakes).toBe('function');
  });
});
