/**
 * New growers (issue 16, Colombia's boom): households of a region's coca areas that grow no coca at
 * the start (`potentialGrowers`: pickers, settlers, other rural families; data/coca-households.csv)
 * enter coca by their own crop decision, when coca beats their bearing crops by more than the cost
 * of clearing them (farmers.ts).
 * - An announced programme that pays for the coca a family holds (the PNIS of 2014–2017, Mejía,
 *   Prem & Vargas 2023) draws new households into coca before it delivers anything.
 * - Without potential growers nobody enters: the households growing coca stay those of the start.
 * Paired over eight seeds at reduced scale; an effect is stated only when the 95% interval of the
 * paired difference excludes zero.
 */
import { describe, it, expect } from 'vitest';
import { seriesOf, type PathValue, type RunResult, type Scenario } from '../src/index.ts';
import { baseline, runs, expectIncrease } from './helpers.ts';

/** Colombia's households growing coca, mean over months [from, to). */
function growers(r: RunResult, from: number, to: number): number {
  const x = seriesOf(r, 'colombia', 'growing_households');
  let s = 0;
  for (let t = from; t < to; t++) s += x[t];
  return s / (to - from);
}

/** A PNIS-like programme in Colombia announced in 2006-01 (month 24) and not enrolling within the run. */
const PNIS: Record<string, PathValue> = {
  'states.CO.programmes.pnis.enabled': true,
  'states.CO.programmes.pnis.announced': '2006-01',
  'states.CO.programmes.pnis.enrolmentLagMonths': 36,
  'states.CO.programmes.pnis.eligibility': 'coca-held',
  'states.CO.programmes.pnis.regions': ['colombia'],
  'states.CO.programmes.pnis.subsidyUsdPerHaYear': 7500,
  'states.CO.programmes.pnis.years': 2,
  'states.CO.programmes.pnis.budgetUsdPerYear': 270_000_000,
};

const MONTHS = 48;
const POOL = { 'regions.colombia.potentialGrowers': 30_000 };

describe('households entering coca', () => {
  it('an announcement paying for coca held draws new households into coca before it delivers', () => {
    const none = baseline(POOL, { months: MONTHS });
    const announced = baseline({ ...POOL, ...PNIS }, { months: MONTHS });
    const year = (s: Scenario) => runs(s).map((r) => growers(r, 36, 48));
    expectIncrease(year(none), year(announced), 'Colombian households growing coca in the second year after a PNIS-like announcement');
  });

  it('without potential growers the households growing coca are those of the start', () => {
    const s = baseline(PNIS, { months: MONTHS });
    const households = s.regions.colombia.households;
    for (const r of runs(s).slice(0, 2)) {
      const x = seriesOf(r, 'colombia', 'growing_households');
      for (let t = 0; t < MONTHS; t++) expect(x[t]).toBeLessThanOrEqual(households + 1e-6);
    }
  });
});
