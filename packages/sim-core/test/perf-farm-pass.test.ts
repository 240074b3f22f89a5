/**
 * Behaviour the fast farm pass must keep (docs/performance.md): its per-phase decision lists
 * live in the tick's scratch, so a restored simulation rebuilds them and continues exactly; a
 * region that lists itself as a neighbour takes the interleaved path (decide, then age, in
 * household order) and is as deterministic and resumable as any other; the aggregates the pass
 * writes equal the sums of the farmer columns it leaves behind. No timings here: `pnpm bench`.
 */
import { describe, it, expect } from 'vitest';
import { baseline } from './helpers.ts';
import { createSimulation, restoreSimulation, runScenario, seriesCsv, type Scenario } from '../src/index.ts';
import type { World } from '../src/model/world.ts';

/** The baseline where every region also lists itself as a neighbour. */
function selfNeighbours(): Scenario {
  const s = baseline({}, { months: 36, history: true });
  for (const [id, r] of Object.entries(s.regions)) r.neighbours.push(id);
  return s;
}

function resumedAt(s: Scenario, seed: number, month: number): string {
  const sim = createSimulation(s, { seed });
  for (let t = 0; t < month; t++) sim.step();
  const resumed = restoreSimulation(sim.snapshot());
  while (resumed.tick < resumed.months) resumed.step();
  return seriesCsv([resumed.result()]);
}

describe('the farm pass', () => {
  it('a snapshot restored mid-cycle (month 13 of a 4-month cycle) continues exactly', () => {
    const s = baseline({}, { months: 36, history: true });
    expect(resumedAt(s, 21, 13)).toBe(seriesCsv([runScenario(s, { seed: 21 })]));
  });

  it('regions that are their own neighbours: deterministic, and resumable exactly', () => {
    const s = selfNeighbours();
    const straight = seriesCsv([runScenario(s, { seed: 8 })]);
    expect(seriesCsv([runScenario(s, { seed: 8 })])).toBe(straight);
    expect(resumedAt(s, 8, 10)).toBe(straight);
  });

  it('the regional hectares it writes are the sums of the farmer columns it leaves', () => {
    const s = baseline({}, { months: 12 });
    const sim = createSimulation(s, { seed: 3 });
    sim.step();
    const world = (sim as unknown as { world: World }).world;
    const { farmers: f, regions } = world;
    for (let r = 0; r < world.regionIds.length; r++) {
      let licit = 0;
      let matureLicit = 0;
      for (let i = regions.start[r]; i < regions.end[r]; i++) {
        licit += f.licitYoung[i] + f.licitMature[i];
        matureLicit += f.licitMature[i];
      }
      // Eradication and displacement change coca after the pass; licit crops only the pass.
      expect(regions.licitHa[r]).toBe(licit * regions.weight[r]);
      expect(regions.matureLicitHa[r]).toBe(matureLicit * regions.weight[r]);
    }
  });
});
