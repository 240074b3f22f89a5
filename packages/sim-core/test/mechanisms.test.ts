/**
 * One test per mechanism: each changes one lever of the (scaled-down) baseline and checks the
 * direction of the effect the mechanism should have, over the eight seeds of helpers.ts paired
 * between the two variants, and only where the effect is larger than the noise (the paired 95%
 * interval excludes zero). They would fail if the mechanism were removed or reversed.
 */
import { describe, expect, it } from 'vitest';
import { baseline, runs, tail, tailSum, expectIncrease, VRAEM, SEEDS } from './helpers.ts';
import { runScenario, seriesOf, validateScenario, type PathValue, type RunResult } from '../src/index.ts';

/** Run A and B variants of the baseline and read a number from each run. */
function pair(a: Record<string, PathValue>, b: Record<string, PathValue>, read: (r: RunResult) => number, opts?: { months?: number }) {
  const ra = runs(baseline(a, opts)).map(read);
  const rb = runs(baseline(b, opts)).map(read);
  return { a: ra, b: rb };
}
const NONE: Record<string, PathValue> = {};

/**
 * The farmers' share of what their leaf is worth to its buyers: the farm-gate price against a
 * kilo of leaf's netback — HCl at the export price less processing and carriage (by road, the
 * main route), per kilo of leaf at the baseline's conversion (firmas.ts `netbackLeaf`, without
 * its seizures and fees, a few percent). Coercion is a markdown on that netback (the Cournot
 * monopsony's wedge); reading the share rather than the price keeps the general-equilibrium echo
 * out — more buyers buy more leaf, more cocaine lowers the export price, and the level of the
 * farm-gate price moves both ways. (The share of the export value, used before, counts the fixed
 * costs a kilo as markdown: at an export price of $790 they are a fifth of it.)
 */
const chain = baseline();
const farmShare = (r: RunResult, row: string, months: number) =>
  tail(r, row, 'leaf_price_usd_kg', months) /
  ((tail(r, 'ALL', 'export_price_usd_kg', months) - chain.firmas.processingCostUsdKg - chain.firmas.routes.road.costUsdKg) / chain.market.leafKgPerKgHcl);

describe('leaf market and price coercion', () => {
  it('more buyers in a valley pay a higher farm-gate price (monopsony)', () => {
    // Seven firmas give each valley a single buyer; twenty-eight give the Peruvian valleys several.
    const { a, b } = pair({ 'firmas.count': 7 }, { 'firmas.count': 28 }, (r) => farmShare(r, 'PE', 72));
    expectIncrease(a, b, 'Peruvian growers’ share of the netback, 28 firmas vs 7');
  });

  it('organised growers (associations) get a higher price', () => {
    const { a, b } = pair(
      { 'regions.vraem-ene.association.share': 0 },
      { 'regions.vraem-ene.association.share': 0.95, 'regions.vraem-ene.association.bargainingPower': 0.9 },
      (r) => farmShare(r, 'vraem-ene', 72),
    );
    expectIncrease(a, b, 'Ene growers’ share of the netback with an association');
  });

  it('growers who can make their own paste keep more of the netback where no armed group holds the valley', () => {
    // A pit dearer than any netback leaves growers no option: the buyers' markdown is the whole wedge.
    const { a, b } = pair({ 'farmers.ownPasteCostUsdKg': 100 }, NONE, (r) => farmShare(r, 'bolivia', 72));
    expectIncrease(a, b, 'Bolivian growers’ share of the netback with their own paste as an option');
  });

  it('an armed group that holds a valley closes the paste option: its growers gain less from it', () => {
    // The option's gain in the Ene (SL holds half of it at the start) against Peru's other
    // valleys (no armed group), seed by seed.
    const gain = (row: string) => {
      const { a, b } = pair({ 'farmers.ownPasteCostUsdKg': 100 }, NONE, (r) => farmShare(r, row, 72));
      return b.map((x, i) => x - a[i]);
    };
    expectIncrease(gain('vraem-ene'), gain('peru-other'), 'the paste option’s gain in share of the netback, Peru’s other valleys vs the Ene');
  });

  it('buyers who hold the price agreement pay less than buyers who outbid each other', () => {
    // The share, not the price: cartels everywhere cut the cocaine supply and raise the export price.
    const { a, b } = pair({ 'firmas.strategy': 'always-cooperate' }, { 'firmas.strategy': 'always-defect' }, (r) => farmShare(r, 'PE', 84));
    expectIncrease(a, b, 'Peruvian growers’ share of the netback, defecting vs cooperating buyers');
  });

  it('hitmen bring violence to the valleys: where more rent is there to take by force, firmas hire more of them', () => {
    const { a, b } = pair({ 'firmas.hitmen.contestedShare': 0.02 }, { 'firmas.hitmen.contestedShare': 0.3 }, (r) => tail(r, 'ALL', 'hitmen', 60));
    expectIncrease(a, b, 'hitmen with more contested rent');
    const v = pair({ 'firmas.hitmen.contestedShare': 0.02 }, { 'firmas.hitmen.contestedShare': 0.3 }, (r) => tail(r, 'ALL', 'violence_events', 60));
    expectIncrease(v.a, v.b, 'violence with more contested rent');
  });
});

describe('export market and the balloon effect', () => {
  it('higher eradication in Colombia raises coca in Peru and Bolivia', () => {
    const { a, b } = pair(
      NONE,
      { 'states.CO.eradicationHaPerYear.colombia': 400_000, 'states.CO.eradicationKill': 0.9 },
      (r) => tailSum(r, ['PE', 'BO'], 'coca_ha'),
    );
    expectIncrease(a, b, 'PE + BO coca with a Colombian eradication surge');
  });

  it('a demand shock raises the export price and planting', () => {
    const p = pair({ 'market.demandIndex': 1 }, { 'market.demandIndex': 1.6 }, (r) => tail(r, 'ALL', 'export_price_usd_kg', 36));
    expectIncrease(p.a, p.b, 'export price with more demand');
    const c = pair({ 'market.demandIndex': 1 }, { 'market.demandIndex': 1.6 }, (r) => tail(r, 'ALL', 'coca_ha'));
    expectIncrease(c.a, c.b, 'Andean coca with more demand');
  });
});

describe('farmers', () => {
  it('eradication lowers coca where it happens, and pressed growers intensify', () => {
    const area = pair({ 'states.PE.eradicationHaPerYear.alto-huallaga': 30_000 }, { 'states.PE.eradicationHaPerYear.alto-huallaga': 0 }, (r) =>
      tail(r, 'alto-huallaga', 'coca_ha'),
    );
    expectIncrease(area.a, area.b, 'Alto Huallaga coca without eradication');
    const yieldPerHa = (r: RunResult) => tail(r, 'alto-huallaga', 'leaf_output_t') / tail(r, 'alto-huallaga', 'coca_ha');
    // Under the same eradication pressure, growers who intensify take more leaf from a hectare.
    const pressed = { 'states.PE.eradicationHaPerYear.alto-huallaga': 30_000 };
    const y = pair({ ...pressed, 'farmers.intensification': 0 }, { ...pressed, 'farmers.intensification': 1.5 }, yieldPerHa);
    expectIncrease(y.a, y.b, 'leaf per hectare under eradication');
  });

  it('eradication in one valley displaces coca to its frontier neighbours', () => {
    // The same eradication in both; only whether growers may move differs, so the market's echo
    // (less Apurímac leaf, a higher price everywhere) is the same on both sides.
    const pressed = { 'states.PE.eradicationHaPerYear.vraem-apurimac': 20_000, 'regions.vraem-ene.frontier': 1 };
    const { a, b } = pair({ ...pressed, 'farmers.displacement.chance': 0 }, pressed, (r) => tailSum(r, ['vraem-ene', 'vraem-mantaro'], 'coca_ha'));
    expectIncrease(a, b, 'Ene + Mantaro coca when Apurímac is eradicated, growers moving against staying');
  });

  it('alternative development with a high delivery rate leaves less coca than one near zero', () => {
    const ad = (rate: number): Record<string, PathValue> => ({
      'states.PE.alternativeDevelopment.regions': VRAEM,
      'states.PE.alternativeDevelopment.budgetUsdPerYear': 30_000_000,
      'states.PE.alternativeDevelopment.subsidyUsdPerHaYear': 2500,
      'states.PE.alternativeDevelopment.years': 5,
      'states.PE.alternativeDevelopment.deliveryRate': rate,
    });
    const { a, b } = pair(ad(0.9), ad(0.05), (r) => tailSum(r, VRAEM, 'coca_ha'));
    expectIncrease(a, b, 'VRAEM coca with AD delivered at 5% against 90%');
  });

  it('a programme announced anew, while an earlier one runs, draws growers to plant coca to qualify', () => {
    // Colombia runs a programme from the start; in the variant, a new one is announced in 2007
    // (as PNIS was in 2014, Mejía, Prem & Vargas 2023). Read Colombia's coca over the year after.
    const ad: Record<string, PathValue> = {
      'states.CO.alternativeDevelopment.enabled': true,
      'states.CO.alternativeDevelopment.budgetUsdPerYear': 200_000_000,
      'states.CO.alternativeDevelopment.deliveryRate': 0.5,
      'states.CO.alternativeDevelopment.anticipation': 1,
    };
    const year = (r: RunResult) => seriesOf(r, 'colombia', 'coca_ha').slice(36, 48).reduce((x, y) => x + y, 0) / 12;
    const without = baseline(ad, { months: 48 });
    const announced = baseline(ad, { months: 48 });
    announced.events = [{ at: '2007-01', set: { 'states.CO.alternativeDevelopment.enabled': true } }];
    expectIncrease(runs(without).map(year), runs(announced).map(year), 'Colombia’s coca the year after a new programme’s announcement');
  });

  it('better market access moves land from coca to licit crops', () => {
    const { a, b } = pair({ 'regions.alto-huallaga.marketAccess': 0.2 }, { 'regions.alto-huallaga.marketAccess': 1 }, (r) =>
      tail(r, 'alto-huallaga', 'licit_ha') - tail(r, 'alto-huallaga', 'coca_ha'),
    );
    expectIncrease(a, b, 'licit minus coca in Alto Huallaga with full market access');
  });

  it('licit buyers who come only above a threshold of licit volume leave more coca (scale economies)', () => {
    // Alto Huallaga keeps well under 90% of its planted land in licit crops: with the threshold
    // there, its licit growers sell a fifth of what they would.
    const buyers = (minShare: number): Record<string, PathValue> => ({
      'regions.alto-huallaga.licitScaleEconomies': 0.8,
      'regions.alto-huallaga.licitBuyersMinShare': minShare,
      'regions.alto-huallaga.licitBuyersFullShare': 0.95,
    });
    const { a, b } = pair(buyers(0), buyers(0.9), (r) => tail(r, 'alto-huallaga', 'coca_ha'));
    expectIncrease(a, b, 'Alto Huallaga coca with licit buyers only above 90% licit land');
  });

  it('an association that enforces a per-member cap holds coca down', () => {
    const { a, b } = pair({ 'regions.bolivia.association.capHaPerMember': 0.15 }, { 'regions.bolivia.association.capHaPerMember': 0 }, (r) =>
      tail(r, 'bolivia', 'coca_ha'),
    );
    expectIncrease(a, b, 'Bolivian coca without the cap');
  });
});

describe('firmas, protection and interdiction', () => {
  it('armed protection lowers the share of cocaine seized in the valleys it covers', () => {
    const share = (r: RunResult) => tailSum(r, VRAEM, 'seized_t') / tailSum(r, VRAEM, 'cocaine_output_t');
    const { a, b } = pair({ 'armedGroups.sl.protectionEffect': 0.8 }, { 'armedGroups.sl.protectionEffect': 0 }, share);
    expectIncrease(a, b, 'VRAEM seizure share without protection');
  });

  it('more interdiction seizes more', () => {
    const share = (r: RunResult) => tail(r, 'PE', 'seized_t', 48) / tail(r, 'PE', 'cocaine_output_t', 48);
    const { a, b } = pair({ 'states.PE.interdiction': 0.1 }, { 'states.PE.interdiction': 0.9 }, share);
    expectIncrease(a, b, 'share of Peruvian cocaine seized with more interdiction');
  });

  it('no firma sets up where every exit is closed, even when the last one is gone', () => {
    // One valley, every route of its country shut and arrests frequent: once the buyers are
    // dismantled nobody replaces them (the margin test alone would, with no firma left to average).
    const v = validateScenario({
      name: 'closed exits',
      months: 120,
      regions: { ene: { name: 'Ene', country: 'PE', neighbours: [], households: 2000, cocaHa: 3000 } },
      firmas: { count: 1, arrestRate: 0.5 },
      states: { PE: { interdiction: 1, routes: { backpack: 0, road: 0, plane: 0 } } },
    });
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    for (const seed of SEEDS) {
      const firmas = Array.from(seriesOf(runScenario(v.scenario, { seed }), 'ene', 'firmas_active'));
      const gone = firmas.indexOf(0);
      expect(gone, `seed ${seed}: the firma is dismantled`).toBeGreaterThanOrEqual(0);
      expect(Math.max(...firmas.slice(gone)), `seed ${seed}: firmas after the last one went`).toBe(0);
    }
  });

  it('officials who risk less take more bribes: corruption and bribes paid rise', () => {
    const c = pair({ 'states.PE.corruption.penaltyUsdMonth': 10_000 }, { 'states.PE.corruption.penaltyUsdMonth': 1000 }, (r) => tail(r, 'PE', 'corruption_index'));
    expectIncrease(c.a, c.b, 'Peru’s corruption with cheaper officials');
    const b = pair({ 'states.PE.corruption.penaltyUsdMonth': 10_000 }, { 'states.PE.corruption.penaltyUsdMonth': 1000 }, (r) => tail(r, 'PE', 'bribes_paid_usd'));
    expectIncrease(b.a, b.b, 'bribes paid in Peru with cheaper officials');
  });
});

describe('armed groups and the state', () => {
  it('counter-insurgency shrinks the armed group and its control', () => {
    const f = pair({ 'states.PE.counterinsurgency': 0.1 }, { 'states.PE.counterinsurgency': 1 }, (r) => -tail(r, 'PE', 'armed_control'));
    expectIncrease(f.a, f.b, 'armed control falls with counter-insurgency');
  });

  it('the armed group’s revenue follows the volume through its corridors', () => {
    const { a, b } = pair({ 'market.demandIndex': 0.6 }, { 'market.demandIndex': 1.4 }, (r) => tail(r, 'ALL', 'protection_paid_usd', 48));
    expectIncrease(a, b, 'protection fees with more volume');
  });
});
