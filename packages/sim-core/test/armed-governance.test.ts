/**
 * Shining Path's governance of growers, associations as the growers' counterweight, and SL as a
 * budgeted organisation (issue 15). Each effect over the eight paired seeds of helpers.ts, at
 * reduced scale, stated only where the 95% interval of the paired difference excludes zero.
 */
import { describe, expect, it } from 'vitest';
import { baseline, runs, tailSum, expectIncrease, VRAEM, SEEDS } from './helpers.ts';
import { createSimulation, stat, type PathValue, type RunResult, type Scenario } from '../src/index.ts';

/** Run A and B variants of the baseline and read a number from each run. */
function pair(a: Record<string, PathValue>, b: Record<string, PathValue>, read: (r: RunResult) => number, opts?: { months?: number }) {
  return { a: runs(baseline(a, opts)).map(read), b: runs(baseline(b, opts)).map(read) };
}

/** The same levers in every VRAEM valley. */
const inVraem = (lever: string, value: PathValue) => Object.fromEntries(VRAEM.map((r) => [`regions.${r}.${lever}`, value]));

/** The parts of the engine's world these tests read. */
interface GroupView {
  id: string;
  fighters: number;
  funds: number;
  fee: number;
  predating: boolean;
}

/** Step a scenario month by month and read the armed group `id` (and the export price) after each month. */
function trace(s: Scenario, seed: number, id: string, read: (g: GroupView, price: number) => number): number[] {
  const sim = createSimulation(s, { seed });
  const world = (sim as unknown as { world: { groups: GroupView[]; market: { price: number } } }).world;
  const out: number[] = [];
  while (sim.tick < sim.months) {
    sim.step();
    const g = world.groups.find((x) => x.id === id);
    out.push(g ? read(g, world.market.price) : 0);
  }
  return out;
}

describe('Shining Path governs growers; associations are their counterweight', () => {
  it('organised VRAEM growers let less money reach SL (fees plus levies)', { timeout: 600_000 }, () => {
    const money = (r: RunResult) => tailSum(r, VRAEM, 'protection_paid_usd', 48) + tailSum(r, VRAEM, 'sl_levy_usd', 48);
    const { a, b } = pair(inVraem('association.share', 0.8), inVraem('association.share', 0), money);
    expectIncrease(a, b, 'money reaching SL from the VRAEM, unorganised vs organised growers');
  });

  it('an armed group seeded in Bolivia fails to hold territory with the unions and holds it without them', { timeout: 600_000 }, () => {
    // A column of 200 fighters with $300k holding 40% of Bolivia's coca valleys. With the unions
    // (85% of households) the members who resist deny its fighters food, hiding and information
    // (territory.ts), so its arms alone lose the contest to their patrols; without them it takes
    // the valleys. Read on its control over the last two years of eight.
    const start = 0.4;
    const seeded = { 'armedGroups.bo-column.fighters': 200, 'armedGroups.bo-column.fundsUsd': 300_000, 'armedGroups.bo-column.control.bolivia': start };
    const control = (r: RunResult) => tailSum(r, ['bolivia'], 'armed_control', 24);
    const unions = { ...seeded, 'regions.bolivia.association.share': 0.85 };
    const none = { ...seeded, 'regions.bolivia.association.share': 0, 'regions.bolivia.association.capHaPerMember': 0 };
    const { a, b } = pair(unions, none, control);
    const seededControl = SEEDS.map(() => start);
    expectIncrease(a, seededControl, 'the seeded group’s loss of ground in Bolivia with the unions (start − end)');
    expectIncrease(seededControl, b, 'the seeded group’s gain of ground in Bolivia without the unions (end − start)');
    expectIncrease(a, b, 'the seeded group’s control of Bolivia without the unions vs with them');
  });

  it('with funds well above zero, strong counter-insurgency makes SL predate (the horizon channel)', { timeout: 600_000 }, () => {
    // Months SL predates while it holds more than three months of its fighters' upkeep.
    const months = (ci: number) =>
      SEEDS.map((seed) => {
        const s = baseline({ 'states.PE.counterinsurgency': ci });
        const upkeep = s.armedGroups.sl.upkeepUsdPerFighterMonth;
        const flags = trace(s, seed, 'sl', (g) => (g.predating && g.funds > 3 * upkeep * g.fighters ? 1 : 0));
        return flags.reduce((x, y) => x + y, 0);
      });
    expectIncrease(months(0.1), months(0.95), 'months SL predates with money in hand, heavy vs light counter-insurgency');
  });

  it('AD delivered, against AD on paper, leaves fewer growers supporting SL and a weaker SL in the VRAEM', { timeout: 600_000 }, () => {
    const ad = (delivery: number) => ({
      'states.PE.alternativeDevelopment.regions': VRAEM,
      'states.PE.alternativeDevelopment.budgetUsdPerYear': 90_000_000,
      'states.PE.alternativeDevelopment.subsidyUsdPerHaYear': 3500,
      'states.PE.alternativeDevelopment.years': 5,
      'states.PE.alternativeDevelopment.deliveryRate': delivery,
    });
    const support = pair(ad(0.9), ad(0), (r) => tailSum(r, ['PE'], 'sl_support_share', 24), { months: 60 });
    expectIncrease(support.a, support.b, 'PE growers supporting SL, AD on paper vs delivered');
    const fighters = pair(ad(0.9), ad(0), (r) => tailSum(r, ['PE'], 'armed_fighters', 24), { months: 60 });
    expectIncrease(fighters.a, fighters.b, 'SL fighters, AD on paper vs delivered');
  });
});

describe('after SL: a growers’ federation', () => {
  it('in a valley SL has left, a state that delivers what it promises draws growers into a federation whose blockades keep the crews from their coca', { timeout: 600_000 }, () => {
    // The historical run (SL leaves Alto Huallaga in 2012, eradication there rises) to 2018, with
    // Alto Huallaga's AD programme at the alternative-development scenario's terms, delivered
    // (trust rises) or on paper.
    const ad = (delivery: number) => ({
      'states.PE.alternativeDevelopment.budgetUsdPerYear': 90_000_000,
      'states.PE.alternativeDevelopment.subsidyUsdPerHaYear': 3500,
      'states.PE.alternativeDevelopment.years': 5,
      'states.PE.alternativeDevelopment.deliveryRate': delivery,
    });
    const history = { months: 180, history: true };
    const fed = pair(ad(0), ad(0.9), (r) => tailSum(r, ['alto-huallaga'], 'federation_share', 24), history);
    expectIncrease(fed.a, fed.b, 'Alto Huallaga growers in a federation, AD delivered vs on paper');
    // The same federated valley with and without its blockades: they keep the crews from coca.
    // Read on the hectares the crews reach: fewer with the blockades, although more coca stands
    // there for them to find (the hectares the crews report rise with the coca they find, so the
    // reading leans against the claim). Not on the coca standing: Alto Huallaga re-expands after
    // 2012 in some seeds and not in others (about 250 to 20,000 ha over the eight in 2017–18), so
    // the mean difference in coca measured which seeds tipped more than the blockades: +7,376
    // [1,842, 12,910] ha on cb88d5a, +4,725 [−544, 9,993] once the conversion improves over
    // 2008–2014, with the same per-seed contrast in what the crews reach.
    const eradicated = pair(
      { ...ad(0.9), 'regions.alto-huallaga.association.blockade': 0.8 },
      { ...ad(0.9), 'regions.alto-huallaga.association.blockade': 0 },
      (r) => tailSum(r, ['alto-huallaga'], 'eradicated_ha', 24),
      history,
    );
    expectIncrease(eradicated.a, eradicated.b, 'Alto Huallaga hectares the crews eradicate, without the federation’s blockades vs with them');
  });
});

describe('SL as a budgeted organisation', () => {
  /**
   * The baseline with its history over the eight seeds: SL's largest size over 2004–2023, and its
   * fee and the export price by year over 2004–2015 (means over seeds). The fee is the bargain above the one that
   * keeps SL honest, (share a robbery takes) / (its horizon in months), with what protection saves
   * a firma as the other side: its escorts' share of the corridor against the state's forces times
   * the seizures they cut (protection.ts, territory.ts). Printed under VRAEM_FACTS_REPORT=1.
   */
  let memo: ReturnType<typeof measure> | undefined;
  const slPath = () => (memo ??= measure());
  function measure() {
    const s = baseline({}, { months: 240, history: true });
    const cap = s.armedGroups.sl.maxFighters;
    const fee: number[][] = [];
    const price: number[][] = [];
    const size: number[][] = [];
    const largest: number[] = [];
    for (const seed of SEEDS) {
      const f: number[] = [];
      const p: number[] = [];
      const fighters = trace(s, seed, 'sl', (g, pr) => {
        f.push(g.fee);
        p.push(pr);
        return g.fighters;
      });
      largest.push(Math.max(...fighters)); // over the whole run, 2004–2023
      f.length = p.length = 144; // the fee over 2004–2015
      const year = (xs: number[], y: number) => xs.slice(12 * y, 12 * y + 12).reduce((a, b) => a + b, 0) / 12;
      fee.push(Array.from({ length: 12 }, (_, y) => year(f, y)));
      size.push(Array.from({ length: 12 }, (_, y) => year(fighters, y)));
      price.push(Array.from({ length: 12 }, (_, y) => year(p, y)));
    }
    const byYear = (xs: number[][]) => Array.from({ length: 12 }, (_, y) => stat(xs.map((run) => run[y])).mean);
    const rates = fee.map((run, k) => run.map((x, y) => x / price[k][y]));
    const perSeedRate = rates.map((run) => run.reduce((a, b) => a + b, 0) / run.length);
    const path = { cap, largest, fee: byYear(fee), price: byYear(price), rate: byYear(rates), perSeedRate, size: byYear(size) };
    const text = path.fee.map((x, y) => `${2004 + y}: $${x.toFixed(2)} (${(100 * path.rate[y]).toFixed(2)}% of $${path.price[y].toFixed(0)})`).join(', ');
    const sizeText = path.size.map((x, y) => `${2004 + y}: ${x.toFixed(0)}`).join(', ');
    if (process.env.VRAEM_FACTS_REPORT) console.log(`SL's largest size ${Math.max(...largest).toFixed(0)} (bound ${cap}); fee by year ${text}; fighters by year ${sizeText}`);
    return { ...path, text, sizeText };
  }

  it('in the baseline SL never reaches maxFighters, and its fee stays a few tenths of a percent of the cocaine’s value (§2.5)', { timeout: 600_000 }, () => {
    const p = slPath();
    for (const [k, n] of p.largest.entries()) expect(n, `seed ${SEEDS[k]}: SL's largest size against its safety bound`).toBeLessThan(p.cap);
    // §2.5: $3–5/kg at $900–1,500/kg, 0.3–0.5% of the cocaine's value, over 2004–2015 (each seed's mean rate).
    const m = stat(p.perSeedRate);
    const what = `SL's fee over the export price, 2004–2015: ${(100 * m.mean).toFixed(3)}% [${(100 * m.ci95[0]).toFixed(3)}, ${(100 * m.ci95[1]).toFixed(3)}]; fee by year ${p.text}`;
    expect(m.ci95[0], what).toBeGreaterThan(0.003);
    expect(m.ci95[1], what).toBeLessThan(0.005);
  });

  // The fee by year, means over the eight seeds (20 households an agent), with the baseline at the
  // prices observed at origin in 2004–05 (250 kg of leaf a kilo of HCl from 2004, HCl at $890;
  // 5 December 2026): $3.11, 3.19, 3.13, 3.05, 3.37, 3.46, 3.38, 3.42, 3.62, 3.72, 3.83, 3.95 for
  // 2004–2015, 0.28–0.34% of an export price of $988–1,177. The fee is ad valorem (both sides of
  // the bargain are worth the cocaine's price), so its dollar figure follows the export price.
  // With 370 kg improving to 250 over 2008–2014 and a $1,400 reference price it was $3.36–4.28 at
  // $999–1,480; before a demand trend set in 2014 stopped compounding from 2004 (exportMarket.ts),
  // a known failure: $5.15–5.20 in 2012–2013 and $6.2–6.8 in 2014–2015 at $1,920–1,930.
  // KNOWN (eighth stop, 6 December 2026, the baseline refitted with growers' own paste: docs/validation.md §7.5): $2.85–2.94 in 2004–2007, then $3.46–3.93 to 2015 (0.30–0.36% of the export price);
  // the ensemble's members are within $3–5 over 2006–2013 in 100% (its pattern's window). The point
  // the baseline takes (the ensemble's medians, then the point fit on hectares) starts SL's racket
  // a little low. Not tuned.
  it.fails('in the baseline SL’s fee stays within $3–5/kg in every year 2004–2015 (§2.5)', { timeout: 600_000 }, () => {
    const p = slPath();
    for (const [y, fee] of p.fee.entries()) {
      expect(fee, `${2004 + y}: ${p.text}`).toBeGreaterThanOrEqual(3);
      expect(fee, `${2004 + y}: ${p.text}`).toBeLessThanOrEqual(5);
    }
  });

  it('SL takes on fighters only while one adds more than he costs: a dearer fighter leaves a smaller SL', { timeout: 600_000 }, () => {
    // recruitment.ts: the size where what one more fighter adds to the take (ground, and the
    // racket's threshold) meets his upkeep. Doubling the upkeep moves that size down.
    const fighters = (r: RunResult) => tailSum(r, ['PE'], 'armed_fighters', 24);
    const { a, b } = pair({ 'armedGroups.sl.upkeepUsdPerFighterMonth': 160 }, { 'armedGroups.sl.upkeepUsdPerFighterMonth': 80 }, fighters);
    expectIncrease(a, b, 'SL’s fighters, upkeep $80 against $160 a month');
  });

  // SL's size by year, means over the eight seeds (with the conversion's path of 2008–2014):
  // 419–502 fighters in 2004–2012 (421 in 2012), 312–320 in 2013–2015 (320 in 2015); on the merged
  // model of 2026-12-05 before it, 420 in 2012 and 343 in 2015. Before the
  // marginal-fighter rule SL recruited from whatever it held above a reserve and reached ~2,150 in
  // 2012 and ~1,360 in 2015.
  // KNOWN (eighth stop, 6 December 2026, the baseline refitted with growers' own paste: docs/validation.md §7.5): 381 in 2012, 343 in 2015 (the ensemble's members: 100% within both ranges). Not tuned.
  it.fails('in the baseline SL’s size is within the observed ranges: 400–600 fighters in 2012, 280–420 in 2015 (§2.5)', { timeout: 600_000 }, () => {
    const p = slPath();
    expect(p.size[8], `2012: ${p.sizeText}`).toBeGreaterThanOrEqual(400);
    expect(p.size[8], `2012: ${p.sizeText}`).toBeLessThanOrEqual(600);
    expect(p.size[11], `2015: ${p.sizeText}`).toBeGreaterThanOrEqual(280);
    expect(p.size[11], `2015: ${p.sizeText}`).toBeLessThanOrEqual(420);
  });
});
