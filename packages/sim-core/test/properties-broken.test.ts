/**
 * The property tests would fail if a balance were broken (issue 8, "it must show" 1): this file
 * swaps the model's leaf market for a broken copy — after clearing, it records as sold to the
 * legal market 5% of a region's harvest that it never takes out of the leaf accounts — and shows
 * the same property (`check: true` over random valid scenarios, fast-check seed and cases as in
 * `properties.test.ts`) failing with the leaf balance named, then passing again once the copy is
 * mended.
 */
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { scenarioCase } from './arbitraries.ts';
import { BalanceError, runScenario } from '../src/index.ts';
import type { World } from '../src/model/world.ts';

const fixture = vi.hoisted(() => ({ broken: false }));

vi.mock('../src/model/markets/leafMarket.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/model/markets/leafMarket.ts')>();
  return {
    ...real,
    clearLeafMarkets: (world: World, ...rest: unknown[]) => {
      (real.clearLeafMarkets as (w: World, ...r: unknown[]) => void)(world, ...rest);
      if (fixture.broken) for (let r = 0; r < world.regionIds.length; r++) world.regions.legalSoldKg[r] += 0.05 * world.regions.harvestKg[r];
    },
  };
});

const SEED = 20261127;
const property = fc.property(scenarioCase(), ({ scenario, seed }) => {
  runScenario(scenario, { seed, check: true });
});

describe('a leaf market broken on purpose', () => {
  it('fails the balance property, with a counterexample whose message names the leaf balance', () => {
    fixture.broken = true;
    try {
      const details = fc.check(property, { seed: SEED, numRuns: 60 });
      expect(details.failed).toBe(true);
      const error = details.errorInstance;
      expect(error).toBeInstanceOf(BalanceError);
      expect(String((error as Error).message)).toMatch(/^month \d+: leaf does not balance in [a-z0-9-]+ \(in [\d.e+-]+, out [\d.e+-]+\)$/);
      // fast-check shrinks to a small scenario that still shows it.
      expect(details.counterexample).not.toBeNull();
    } finally {
      fixture.broken = false;
    }
  }, 120_000);

  it('and the same property passes with the real leaf market', () => {
    expect(fixture.broken).toBe(false);
    fc.assert(property, { seed: SEED, numRuns: 60 });
  }, 120_000);
});
