/**
 * Peru's eradication pattern (issue 17, `peru_eradication`): what the state plans reaches the
 * fields as CORAH reports it.
 * - The crews' reports count the hectares worked, replanted fields worked again included: with
 *   no armed group, no blockade and no corruption, Peru reports its plan.
 * - A plan is a national goal: where an armed group keeps the crews out of a planned valley they
 *   work the blocked part in the country's other planned valleys, so Peru's reported total holds
 *   and Peru's other regions see more crews.
 * Paired over eight seeds; an effect is stated only when the 95% interval of the paired
 * difference excludes zero.
 */
import { describe, it, expect } from 'vitest';
import { seriesOf, stat, type RunResult } from '../src/index.ts';
import { baseline, runs, expectIncrease } from './helpers.ts';

/** Hectares a row reports eradicated over months [from, to). */
function eradicated(r: RunResult, row: string, from: number, to: number): number {
  const x = seriesOf(r, row, 'eradicated_ha');
  let s = 0;
  for (let t = from; t < to; t++) s += x[t];
  return s;
}

const MONTHS = 36;
/** Shining Path holds no valley (the baseline's four valleys at zero control). */
const NO_SL = Object.fromEntries(['vraem-ene', 'vraem-mantaro', 'vraem-apurimac', 'alto-huallaga'].map((r) => [`armedGroups.sl.control.${r}`, 0]));
/** Peru's plan in the baseline's 2004 levers: Alto Huallaga 6,154 ha a year, the rest of Peru 4,103. */
const PLAN_YEAR = 6154 + 4103;

describe('Peru’s eradication as planned and as reported', () => {
  it('with nothing in the crews’ way, Peru reports its plan', () => {
    const s = baseline(
      { ...NO_SL, 'states.PE.corruption.initial': 0, 'states.PE.corruption.erosion': 0.2 },
      { months: MONTHS },
    );
    const reported = runs(s).map((r) => eradicated(r, 'PE', 12, MONTHS) / ((MONTHS - 12) / 12));
    const d = stat(reported.map((x) => x / PLAN_YEAR));
    // Corruption may grow from zero over the run and erode a little of the effort.
    expect(d.mean).toBeGreaterThan(0.9);
    expect(d.mean).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('crews kept out of Alto Huallaga work the plan in the rest of Peru, and Peru’s total holds', () => {
    const open = baseline(NO_SL, { months: MONTHS });
    const held = baseline({ ...NO_SL, 'armedGroups.sl.control.alto-huallaga': 0.8 }, { months: MONTHS });
    const a = runs(open);
    const b = runs(held);
    expectIncrease(
      a.map((r) => eradicated(r, 'peru-other', 12, MONTHS)),
      b.map((r) => eradicated(r, 'peru-other', 12, MONTHS)),
      'hectares eradicated in the rest of Peru when Shining Path holds Alto Huallaga',
    );
    const ratio = stat(b.map((r, k) => eradicated(r, 'PE', 12, MONTHS) / eradicated(a[k], 'PE', 12, MONTHS)));
    expect(ratio.mean).toBeGreaterThan(0.9);
  });
});
