/**
 * Sound numbers: runs in debug mode assert the leaf, cocaine and money balances every month;
 * the series has every region, country and ALL row, no NaN and no negative quantity; country
 * rows are the sums (or weighted means) of their regions; a broken balance is caught.
 */
import { describe, it, expect } from 'vitest';
import { baseline } from './helpers.ts';
import { resultProblems } from './invariants.ts';
import { runScenario, createSimulation, valueAt, M, BalanceError } from '../src/index.ts';

describe('sound numbers', () => {
  const s = baseline({}, { months: 60, history: true });
  const r = runScenario(s, { seed: 4, check: true });

  it('has a row per region, per country and ALL, every month, all finite and non-negative quantities', () => {
    expect(r.rows).toEqual([...Object.keys(s.regions), 'PE', 'BO', 'CO', 'ALL']);
    // Every value of every row and month finite, none negative but the two incomes (invariants.ts).
    expect(resultProblems(r, s)).toEqual([]);
  });

  it('aggregates regions into countries and ALL correctly', () => {
    const pe = r.rows.map((id, i) => (i < Object.keys(s.regions).length && s.regions[id].country === 'PE' ? i : -1)).filter((i) => i >= 0);
    const PE = r.rows.indexOf('PE');
    const ALL = r.rows.indexOf('ALL');
    for (const t of [0, 30, 59]) {
      const sum = pe.reduce((a, i) => a + valueAt(r, t, i, M.coca_ha), 0);
      expect(valueAt(r, t, PE, M.coca_ha)).toBeCloseTo(sum, 6);
      const hh = pe.reduce((a, i) => a + valueAt(r, t, i, M.households), 0);
      const inc = pe.reduce((a, i) => a + valueAt(r, t, i, M.households) * valueAt(r, t, i, M.farmer_income_usd_month), 0) / hh;
      expect(valueAt(r, t, PE, M.farmer_income_usd_month)).toBeCloseTo(inc, 6);
      const all = ['PE', 'BO', 'CO'].reduce((a, c) => a + valueAt(r, t, r.rows.indexOf(c), M.leaf_output_t), 0);
      expect(valueAt(r, t, ALL, M.leaf_output_t)).toBeCloseTo(all, 6);
    }
  });

  it('catches a broken balance in debug mode', () => {
    const sim = createSimulation(s, { seed: 4, check: true }) as unknown as { step(): void; world: { balance: { feesPaid: number } } };
    sim.step();
    sim.world.balance.feesPaid += 1000; // money that no armed group received
    expect(() => sim.step()).toThrow(BalanceError);
  });
});
