/**
 * The budgeted state and AD as programmes (issue 16), at reduced scale (20 households an agent):
 * - a new VRAEM programme leaves Alto Huallaga's programme and its enrolment as they were;
 * - an announcement that pays for coca held raises coca in its regions the next year even when
 *   it delivers nothing (Mejía, Prem & Vargas 2023), and a programme that pays households
 *   registered beforehand does not;
 * - delivered AD cuts more coca where licit output reaches a market (Bosker & de Vries Robbé);
 * - the budget binds: a plan that costs more than the budget is cut, and what the state spends
 *   never exceeds what it has.
 * Effects are paired over eight seeds, stated only when the 95% interval of the paired difference
 * excludes zero.
 */
import { describe, it, expect } from 'vitest';
import { createSimulation, runScenario, seriesOf, stat, M, METRICS, type PathValue, type RunResult, type Scenario } from '../src/index.ts';
import type { World } from '../src/model/world.ts';
import { baseline, SEEDS, VRAEM, expectIncrease } from './helpers.ts';

/** A VRAEM programme beside Alto Huallaga's standing one, announced at `announced`. */
function vraemProgramme(announced: string, terms: Record<string, PathValue> = {}): Record<string, PathValue> {
  const set: Record<string, PathValue> = {
    'states.PE.programmes.vraem.enabled': true,
    'states.PE.programmes.vraem.announced': announced,
    'states.PE.programmes.vraem.regions': VRAEM,
    'states.PE.programmes.vraem.budgetUsdPerYear': 30_000_000,
    'states.PE.programmes.vraem.subsidyUsdPerHaYear': 3500,
    'states.PE.programmes.vraem.years': 5,
  };
  for (const [k, v] of Object.entries(terms)) set[`states.PE.programmes.vraem.${k}`] = v;
  return set;
}

/** Mean of a metric summed over rows, over months [from, to). */
function mean(r: RunResult, rows: string[], metric: keyof typeof M, from: number, to: number): number {
  let s = 0;
  for (const row of rows) {
    const x = seriesOf(r, row, metric);
    for (let t = from; t < to; t++) s += x[t];
  }
  return s / (to - from);
}

/** A simulation's world (the engine keeps it private; tests read it as the property tests do). */
const worldOf = (sim: ReturnType<typeof createSimulation>) => (sim as unknown as { world: World }).world;

/** The programmes of a simulation's world, copied (the world's columns are reused month to month). */
function programmes(sim: ReturnType<typeof createSimulation>): { key: string; country: string; budgetUsdYear: number; roomHa: number[]; enrolledHa: number[]; promised: number[] }[] {
  return worldOf(sim).programmes.map((p) => ({
    key: p.key,
    country: p.country,
    budgetUsdYear: p.budgetUsdYear,
    roomHa: Array.from(p.roomHa),
    enrolledHa: Array.from(p.enrolledHa),
    promised: Array.from(p.promised),
  }));
}

describe('AD as programmes', () => {
  it('a new VRAEM programme leaves Alto Huallaga’s programme and its enrolment unchanged', () => {
    const months = 96;
    const a = baseline({}, { months });
    // The programme on paper (nothing delivered): before programmes, its country-wide delivery
    // rate of 0 also switched off Alto Huallaga's programme.
    const b = baseline(vraemProgramme('2007-01', { deliveryRate: 0 }), { months });
    const ah = a.regions['alto-huallaga'] ? Object.keys(a.regions).indexOf('alto-huallaga') : -1;
    expect(ah).toBeGreaterThanOrEqual(0);
    // Month by month up to the announcement's month, Alto Huallaga's programme is the same to the bit.
    const simA = createSimulation(a, { seed: SEEDS[0] });
    const simB = createSimulation(b, { seed: SEEDS[0] });
    for (let t = 0; t <= 36; t++) {
      simA.step();
      simB.step();
    }
    const [pa, pb] = [programmes(simA), programmes(simB)];
    const standing = (ps: typeof pa) => ps.find((p) => p.country === 'PE' && p.key === '')!;
    expect(standing(pb).budgetUsdYear).toBe(standing(pa).budgetUsdYear);
    expect(standing(pb).roomHa[ah]).toBe(standing(pa).roomHa[ah]);
    expect(standing(pb).enrolledHa[ah]).toBe(standing(pa).enrolledHa[ah]);
    expect(standing(pb).promised[ah]).toBe(standing(pa).promised[ah]);
    const vraem = pb.find((p) => p.key === 'vraem')!;
    expect(vraem.promised.reduce((x, y) => x + y, 0)).toBeGreaterThan(0);
    expect(standing(pb).enrolledHa[ah]).toBeGreaterThan(0);
    // Over the five years after it, Alto Huallaga's enrolment moves only through markets: the
    // paired difference stays within 10% of its level.
    const ra = SEEDS.map((seed, run) => runScenario(a, { seed, run }));
    const rb = SEEDS.map((seed, run) => runScenario(b, { seed, run }));
    const ea = ra.map((r) => mean(r, ['alto-huallaga'], 'ad_enrolled_ha', 37, months));
    const eb = rb.map((r) => mean(r, ['alto-huallaga'], 'ad_enrolled_ha', 37, months));
    const d = stat(eb.map((x, i) => x - ea[i]));
    const level = ea.reduce((x, y) => x + y, 0) / ea.length;
    expect(level).toBeGreaterThan(0);
    expect(Math.max(Math.abs(d.ci95[0]), Math.abs(d.ci95[1])), `AH enrolment B − A = ${d.mean.toFixed(0)} [${d.ci95[0].toFixed(0)}, ${d.ci95[1].toFixed(0)}] against ${level.toFixed(0)} ha`).toBeLessThan(0.1 * level);
  });

  it('an announcement that pays for coca held raises coca in its regions the next year, with nothing delivered', () => {
    const months = 60;
    const none = baseline({}, { months });
    const paper = baseline(vraemProgramme('2007-01', { deliveryRate: 0 }), { months });
    const census = baseline(vraemProgramme('2007-01', { deliveryRate: 0, eligibility: 'census' }), { months });
    // 2008: the year after the announcement.
    const year = (s: Scenario) => SEEDS.map((seed, run) => mean(runScenario(s, { seed, run }), VRAEM, 'coca_ha', 48, 60));
    const [a, b, c] = [year(none), year(paper), year(census)];
    expectIncrease(a, b, 'VRAEM coca in the year after an announcement on paper, eligibility by coca held');
    expectIncrease(c, b, 'the same announcement paying for coca held against one paying registered households');
  });

  it('delivered AD cuts more coca where licit output reaches a market', () => {
    const months = 132;
    // A programme that pays and assists but builds no roads, so access stays where it is set:
    // announced in 2006, enrolling until 2009, three years of support; measured in 2012–2014,
    // after the last support ended. What lasts is the licit crops planted where they pay.
    const programme = vraemProgramme('2006-01', { deliveryRate: 0.9, years: 3, infrastructureShare: 0 });
    const at = (access: number, withAd: boolean) => {
      const s = baseline({ ...Object.fromEntries(VRAEM.map((r) => [`regions.${r}.marketAccess`, access])), ...(withAd ? programme : {}) }, { months });
      if (withAd) s.events.push({ at: '2009-01', set: { 'states.PE.programmes.vraem.enabled': false } });
      return s;
    };
    const coca = (s: Scenario) => SEEDS.map((seed, run) => mean(runScenario(s, { seed, run }), VRAEM, 'coca_ha', months - 36, months));
    const [lowA, lowB, highA, highB] = [coca(at(0.1, false)), coca(at(0.1, true)), coca(at(0.9, false)), coca(at(0.9, true))];
    const effectLow = lowB.map((x, i) => x - lowA[i]);
    const effectHigh = highB.map((x, i) => x - highA[i]);
    // The cut at high access exceeds the cut at low access: (low effect) − (high effect) > 0.
    expectIncrease(effectHigh, effectLow, 'AD’s cut of VRAEM coca at market access 0.9 against 0.1');
  });
});

describe('the budget', () => {
  it('a plan that costs more than the budget is cut, and spending never exceeds the budget', () => {
    const months = 36;
    const rich = baseline({}, { months });
    const poor = baseline({ 'states.PE.budget.nationalUsdPerYear': 50_000_000 }, { months });
    const ra = runScenario(rich, { seed: SEEDS[0] });
    const rb = runScenario(poor, { seed: SEEDS[0] });
    const spent = (r: RunResult) => seriesOf(r, 'PE', 'state_spending_usd');
    const budget = (r: RunResult) => seriesOf(r, 'PE', 'state_budget_usd');
    for (const r of [ra, rb]) for (let t = 0; t < months; t++) expect(spent(r)[t]).toBeLessThanOrEqual(budget(r)[t] * (1 + 1e-12));
    // The poor state eradicates less than its plan.
    expect(mean(rb, ['PE'], 'eradicated_ha', 0, months)).toBeLessThan(mean(ra, ['PE'], 'eradicated_ha', 0, months));
    expect(METRICS).toContain('state_presence');
    expect(M.state_budget_usd).toBeGreaterThan(M.ad_delivered_usd);
  });

  it('the optimising rule moves money between eradication and interdiction, keeping their sum, within the budget', () => {
    const months = 60;
    const s = baseline({ 'states.PE.budget.allocation': 'optimise', 'states.PE.budget.nationalUsdPerYear': 300_000_000 }, { months });
    const sim = createSimulation(s, { seed: SEEDS[2] });
    const shares = () => Array.from(worldOf(sim).states.PE!.optimisedShares);
    const start = shares();
    expect(start).toEqual([s.states.PE!.budget.shares.eradication, s.states.PE!.budget.shares.interdiction]);
    for (let t = 0; t < months; t++) sim.step();
    const end = shares();
    expect(end[0] + end[1]).toBeCloseTo(start[0] + start[1], 12);
    expect(end[0]).not.toBe(start[0]);
    const r = sim.result();
    for (let t = 0; t < months; t++) expect(seriesOf(r, 'PE', 'state_spending_usd')[t]).toBeLessThanOrEqual(seriesOf(r, 'PE', 'state_budget_usd')[t] * (1 + 1e-12));
  });

  it('the same money moved from eradication to a VRAEM programme spends the same and eradicates nothing in Peru', () => {
    const months = 36;
    const a = baseline({}, { months });
    const b = baseline({ ...vraemProgramme('2004-01', { budgetUsdPerYear: 0 }), 'states.PE.budget.eradicationMoneyTo': 'vraem' }, { months });
    const ra = runScenario(a, { seed: SEEDS[1] });
    const rb = runScenario(b, { seed: SEEDS[1] });
    expect(mean(rb, ['PE'], 'eradicated_ha', 0, months)).toBe(0);
    expect(mean(rb, VRAEM, 'ad_promised_usd', 12, months)).toBeGreaterThan(0);
    // What the VRAEM programme may commit is what eradication would have cost; it spends at most that.
    expect(mean(rb, ['PE'], 'state_spending_usd', 0, months)).toBeLessThanOrEqual(mean(ra, ['PE'], 'state_spending_usd', 0, months) * 1.001);
  });
});
