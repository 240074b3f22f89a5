/**
 * A change in percent on a base too near zero is shown as "n/a", not as a huge number
 * (analysis/effects.ts, RELATIVE_BASE_SDS; analysis/answer.ts): a compare report printed
 * Mantaro's farmer income as +306,000% because A's income there is a few dollars a month,
 * sometimes negative, against a spread of tens of dollars between runs. The rule: a change in %
 * only where A's mean is at least three standard deviations of its runs from zero.
 */
import { describe, expect, it } from 'vitest';
import {
  EFFECT_WINDOWS,
  MemberAccumulator,
  RELATIVE_RULE,
  cellIndex,
  effectCells,
  effectLayout,
  percentCell,
  policyAnswer,
  relativeBaseNearZero,
  sentenceText,
  type MetricName,
} from '../src/index.ts';
import { VRAEM, baseline } from './helpers.ts';

describe('the base of a change in percent', () => {
  it('is too near zero when A is within three standard deviations of its runs from zero, or zero', () => {
    const one = (mean: number, sd: number) => relativeBaseNearZero([{ weight: 1, mean, variance: sd * sd }]);
    expect(one(5.6, 36.6)).toBe(true); // Mantaro's farmer income over the whole run, 10 runs at 10 households an agent
    expect(one(-58.8, 79.3)).toBe(true);
    expect(one(0, 0)).toBe(true);
    expect(one(527, 274)).toBe(true); // 1.9 sd: some runs' income is a few dollars
    expect(one(6869, 1765)).toBe(false); // 3.9 sd: Apurímac's coca in the final year
    expect(one(-900, 100)).toBe(false); // a base of one sign, negative
    expect(one(10, 0)).toBe(false);
    // Over an ensemble the spread is every history's: members at +100 and −100 straddle zero.
    expect(relativeBaseNearZero([{ weight: 1, mean: 100, variance: 1 }, { weight: 1, mean: -100, variance: 1 }])).toBe(true);
    expect(relativeBaseNearZero([{ weight: 1, mean: 1000, variance: 100 }, { weight: 1, mean: 1100, variance: 100 }])).toBe(false);
  });

  it('a comparison shows n/a for a change in % on a near-zero base, with the rule, and keeps the change in units', () => {
    const a = baseline({}, { months: 36 });
    const b = baseline({ 'states.PE.alternativeDevelopment.regions': VRAEM, 'states.PE.alternativeDevelopment.budgetUsdPerYear': 9e7 }, { months: 36 });
    const rows = [...VRAEM, 'alto-huallaga', 'peru-other', 'bolivia', 'colombia', 'PE', 'BO', 'CO', 'ALL'];
    const layout = effectLayout(a, b, rows);
    const cells = EFFECT_WINDOWS.length * layout.rows.length * layout.metrics.length;
    const at = (metric: MetricName, row: string) => EFFECT_WINDOWS.map((_, w) => cellIndex(layout, w, layout.rows.indexOf(row), layout.metrics.indexOf(metric)));
    const acc = new MemberAccumulator(layout);
    // Five run pairs: every cell well away from zero, except farmer income in Mantaro and Peru,
    // which straddles zero in A (a few dollars, negative in some runs) and is hundreds in B.
    const baseIncome = [-40, 5, 30, -10, 2];
    for (let k = 0; k < baseIncome.length; k++) {
      const wa = new Float64Array(cells).fill(1000 + 10 * k);
      const wb = new Float64Array(cells).fill(900 + 12 * k);
      for (const row of ['vraem-mantaro', 'PE']) {
        for (const i of at('farmer_income_usd_month', row)) {
          wa[i] = baseIncome[k];
          wb[i] = 300 + 20 * k;
        }
      }
      acc.addMeans(wa, wb);
    }
    const c = effectCells(layout, [acc.finish(1)]);
    const income = c.cells.farmer_income_usd_month['vraem-mantaro'].programme;
    expect(Math.abs(income.relative.mean)).toBeGreaterThan(10); // the raw figure: over 1,000%
    expect(income.relative.baseNearZero).toBe(true);
    expect(c.cells.coca_ha['vraem-mantaro'].programme.relative.baseNearZero).toBeUndefined();

    const ans = policyAnswer(c, { a: 'A', b: 'B' });
    const cellOf = (row: string, metric: string) => ans.table.rows.find((r) => r.row === row)!.cells[ans.table.metrics.indexOf(metric)];
    expect(percentCell(ans.figures[cellOf('vraem-mantaro', 'farmer_income_usd_month')!])).toBe('n/a');
    // The row names the change in units for that cell: B − A = 300 + 20k − base, mean 340 + 2.6 = 342.6.
    const mantaro = ans.table.rows.find((r) => r.row === 'vraem-mantaro')!;
    const j = ans.table.metrics.indexOf('farmer_income_usd_month');
    expect(mantaro.units?.[j]).toBe('farmer_income_usd_month.vraem-mantaro.programme.diff');
    expect(ans.figures[mantaro.units![j]!].mean).toBeCloseTo(342.6, 6);
    expect(percentCell(ans.figures[mantaro.cells[j]!], ans.figures[mantaro.units![j]!])).toMatch(/^n\/a \(Δ 343 \[[\d.,]+, [\d.,]+\]\)$/);
    expect(mantaro.units?.filter((u) => u)).toHaveLength(1);
    expect(ans.table.rows.find((r) => r.row === 'vraem-ene')!.units).toBeUndefined();
    // (−100 + 2k) / (1000 + 10k) for k = 0..4: mean −9.42%, t-interval over the five pairs.
    expect(percentCell(ans.figures[cellOf('vraem-mantaro', 'coca_ha')!])).toBe('−9.42% [−9.98%, −8.85%]');
    expect(ans.table.note).toBe(RELATIVE_RULE);
    const text = ans.sentences.map((s) => sentenceText(s, ans.figures)).join('\n');
    expect(text).toMatch(/farmer income \$\d[\d,.]* a household a month \(\$[\d,.]+ to \$[\d,.]+\), no change in % \(A is near zero in some runs\)\./);
    expect(text).not.toMatch(/\d{4,}%/);
  });
});
