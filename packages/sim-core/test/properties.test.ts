/**
 * Property-based tests (issue 8, DESIGN §8 "sound numbers", "deterministic") over random VALID
 * scenarios from `arbitraries.ts`: 1–7 regions in random countries, random neighbours, small
 * populations (≤ 1,500 agents), random levers within their schema bounds, events at random
 * months, random seeds, 12–48 months.
 *
 * Fixed fast-check seed ({@link SEED}) and case counts, so CI runs the same cases every time:
 * | property                                                                   | cases |
 * |----------------------------------------------------------------------------|-------|
 * | the generator makes valid scenarios of every shape                         | 300   |
 * | `check: true` (leaf, cocaine, money balances, every month) and the result's invariants from outside | 60 |
 * | same scenario and seed give identical bytes                                | 20    |
 * | a snapshot at a random month, through JSON, resumed equals the straight run | 20    |
 * | a tampered cocaine stock or fee ledger is caught by `check: true`          | 20 + 20 |
 * The outside invariants are in `invariants.ts`. `properties-broken.test.ts` shows the leaf
 * balance check failing against a leaf market broken on purpose. To explore more cases locally:
 * `VRAEM_PROPERTY_RUNS=1000 npx vitest run packages/sim-core/test/properties.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { agentsOf, MAX_AGENTS, scenarioCase } from './arbitraries.ts';
import { resultProblems } from './invariants.ts';
import { BalanceError, createSimulation, M, METRICS, restoreSimulation, runScenario, seriesCsv, type RunResult, type Simulation } from '../src/index.ts';
import type { World } from '../src/model/world.ts';
import { baseline } from './helpers.ts';

/** The fast-check seed of every property here. */
export const SEED = 20261127;
const scale = (n: number) => (process.env.VRAEM_PROPERTY_RUNS ? Number(process.env.VRAEM_PROPERTY_RUNS) : n);
const opts = (numRuns: number) => ({ seed: SEED, numRuns: scale(numRuns), endOnFailure: false });

const bytes = (r: RunResult) => Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength);
/** The engine's world behind a simulation (tests only: to break a balance on purpose). */
const worldOf = (sim: Simulation) => (sim as unknown as { world: World }).world;

describe('random valid scenarios', () => {
  it('are valid, small, and of every shape (300 cases)', () => {
    const cases = fc.sample(scenarioCase(), { seed: SEED, numRuns: 300 });
    const regions = new Set<number>();
    const countries = new Set<string>();
    let withEvents = 0;
    let withoutGroups = 0;
    let withoutStates = 0;
    let emptyRegion = 0;
    for (const c of cases) {
      expect(agentsOf(c.scenario)).toBeLessThanOrEqual(MAX_AGENTS);
      expect(c.scenario.months).toBeGreaterThanOrEqual(12);
      expect(c.scenario.months).toBeLessThanOrEqual(48);
      const rs = Object.values(c.scenario.regions);
      regions.add(rs.length);
      for (const r of rs) countries.add(r.country);
      if (c.scenario.events.length) withEvents++;
      if (Object.keys(c.scenario.armedGroups).length === 0) withoutGroups++;
      if (Object.keys(c.scenario.states).length === 0) withoutStates++;
      if (rs.some((r) => r.households === 0)) emptyRegion++;
    }
    expect([...regions].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect([...countries].sort()).toEqual(['BO', 'CO', 'PE']);
    for (const n of [withEvents, withoutGroups, withoutStates, emptyRegion]) expect(n).toBeGreaterThan(10);
  });

  it('keep every balance every month (check: true) and every invariant of the result (60 cases)', () => {
    fc.assert(
      fc.property(scenarioCase(), ({ scenario, seed }) => {
        const r = runScenario(scenario, { seed, check: true });
        expect(r.months).toBe(scenario.months);
        expect(resultProblems(r, scenario)).toEqual([]);
      }),
      opts(60),
    );
  }, 300_000);

  it('give identical bytes when run twice with the same seed (20 cases)', () => {
    fc.assert(
      fc.property(scenarioCase(), ({ scenario, seed }) => {
        expect(bytes(runScenario(scenario, { seed })).equals(bytes(runScenario(scenario, { seed })))).toBe(true);
      }),
      opts(20),
    );
  }, 300_000);

  it('resume from a snapshot taken at a random month (through JSON) exactly as the straight run (20 cases)', () => {
    fc.assert(
      fc.property(scenarioCase(), fc.double({ min: 0, max: 1, noNaN: true }), ({ scenario, seed }, at) => {
        const straight = runScenario(scenario, { seed, check: true });
        const sim = createSimulation(scenario, { seed, check: true });
        const k = Math.min(scenario.months, Math.floor(at * (scenario.months + 1)));
        for (let t = 0; t < k; t++) sim.step();
        const resumed = restoreSimulation(sim.snapshot());
        expect(resumed.tick).toBe(k);
        while (resumed.tick < resumed.months) resumed.step();
        expect(bytes(resumed.result()).equals(bytes(straight))).toBe(true);
        expect(seriesCsv([resumed.result()])).toBe(seriesCsv([straight]));
      }),
      opts(20),
    );
  }, 300_000);
});

describe('a broken balance is caught', () => {
  /** Step a random scenario with `check: true`, breaking the world once at a random month. */
  const tampered = (tamper: (w: World) => void) =>
    fc.property(scenarioCase(), fc.double({ min: 0, max: 0.99, noNaN: true }), ({ scenario, seed }, at) => {
      const sim = createSimulation(scenario, { seed, check: true });
      const k = Math.floor(at * scenario.months);
      for (let t = 0; t < k; t++) sim.step();
      tamper(worldOf(sim));
      expect(() => {
        while (sim.tick < sim.months) sim.step();
      }).toThrow(BalanceError);
    });

  // The checks allow a relative error of 1e-6 (rounding over many months), so the tampering is
  // a kilo (or a dollar) or a thousandth of the total, whichever is more.
  const breaks: [string, (w: World) => void][] = [
    ['cocaine: cocaine produced that never reaches a firma’s stock, the export market or a seizure (20 cases)', (w) => (w.balance.producedKg += Math.max(1, 1e-3 * w.balance.producedKg))],
    ['money: a fee paid that no armed group received (20 cases)', (w) => (w.balance.feesPaid += Math.max(1, 1e-3 * w.balance.feesPaid))],
  ];
  for (const [what, tamper] of breaks) it(what, () => fc.assert(tampered(tamper), opts(20)), 120_000);

  it('cocaine, with a message that names it: a firma’s stock changed behind the books', () => {
    const s = baseline({}, { months: 12 });
    const sim = createSimulation(s, { seed: 4, check: true });
    for (let t = 0; t < 6; t++) sim.step();
    const w = worldOf(sim);
    expect(w.firmas.length).toBeGreaterThan(0);
    w.firmas[0].stockKg += 50;
    expect(() => sim.step()).toThrow(/month 6: cocaine does not balance/);
  });

  it('and the same tampering goes unnoticed without check: the check is what catches it', () => {
    const s = baseline({}, { months: 12 });
    const sim = createSimulation(s, { seed: 4 });
    for (let t = 0; t < 6; t++) sim.step();
    worldOf(sim).balance.feesPaid += 1000;
    expect(() => {
      while (sim.tick < sim.months) sim.step();
    }).not.toThrow();
  });

  it('the outside invariants catch a NaN, a negative stock, a share above 1, AD over its promise, spending over the budget and a wrong country total', () => {
    const s = baseline({}, { months: 12 });
    const clean = runScenario(s, { seed: 2 });
    expect(resultProblems(clean, s)).toEqual([]);
    const nM = METRICS.length;
    const row = (id: string) => clean.rows.indexOf(id);
    const at = (t: number, id: string, m: number) => (t * clean.rows.length + row(id)) * nM + m;
    const broken = (edit: (d: Float64Array) => void) => {
      const data = clean.data.slice();
      edit(data);
      return resultProblems({ ...clean, data }, s);
    };
    expect(broken((d) => (d[at(3, 'vraem-ene', M.leaf_price_usd_kg)] = NaN)).join('\n')).toMatch(/month 3 vraem-ene: leaf_price_usd_kg is NaN/);
    expect(broken((d) => (d[at(5, 'vraem-ene', M.armed_fighters)] = Infinity)).join('\n')).toMatch(/armed_fighters is Infinity/);
    expect(broken((d) => (d[at(4, 'bolivia', M.coca_ha)] = -1)).join('\n')).toMatch(/month 4 bolivia: coca_ha is negative/);
    expect(broken((d) => (d[at(1, 'ALL', M.corruption_index)] = 1.5)).join('\n')).toMatch(/corruption_index is 1\.5 > 1/);
    expect(broken((d) => (d[at(2, 'alto-huallaga', M.ad_delivered_usd)] = d[at(2, 'alto-huallaga', M.ad_promised_usd)] + 1)).join('\n')).toMatch(/alto-huallaga: AD delivered .* exceeds promised/);
    expect(broken((d) => (d[at(7, 'PE', M.seized_t)] += 1)).join('\n')).toMatch(/month 7 PE: seized_t .* ≠ sum of its regions/);
    expect(
      broken((d) => {
        d[at(6, 'alto-huallaga', M.state_spending_usd)] += d[at(6, 'PE', M.state_budget_usd)];
        d[at(6, 'PE', M.state_spending_usd)] += d[at(6, 'PE', M.state_budget_usd)];
        d[at(6, 'ALL', M.state_spending_usd)] += d[at(6, 'PE', M.state_budget_usd)];
      }).join('\n'),
    ).toMatch(/month 6 PE: the state spent .* more than its budget/);
    expect(broken((d) => (d[at(7, 'vraem-ene', M.trust_in_state)] += 0.001)).join('\n')).toMatch(/month 7 PE: trust_in_state .*households-weighted mean/);
    // A farmer's income may be a loss: negative incomes are not problems.
    expect(
      broken((d) => {
        for (const id of clean.rows) d[at(0, id, M.farmer_income_usd_month)] = -5;
      }),
    ).toEqual([]);
  });
});
