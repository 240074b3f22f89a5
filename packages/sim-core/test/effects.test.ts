/**
 * Policy effects accumulated run pair by run pair (analysis/effects.ts) and the answer built on
 * them (analysis/answer.ts), on short engine runs: the programme starts where A and B first
 * differ, one member's figures equal the paired comparison of compare.ts, group rows add up
 * their regions, an ensemble splits its variance, and every number of a sentence or of the
 * relative-change table is a named figure.
 */
import { describe, expect, it } from 'vitest';
import {
  GROUP_ROWS,
  MemberAccumulator,
  compareRuns,
  divergenceTick,
  effectCells,
  effectLayout,
  policyAnswer,
  runScenario,
  sentenceText,
  targetedRegions,
  validateScenario,
  type Scenario,
} from '../src/index.ts';
import { VRAEM, baseline } from './helpers.ts';

const AD_FROM = '2005-01';
const a = baseline({}, { months: 36, householdsPerAgent: 40 });
function withAd(s: Scenario): Scenario {
  const v = validateScenario({
    ...s,
    name: 'ad',
    events: [
      ...s.events,
      {
        at: AD_FROM,
        set: {
          'states.PE.alternativeDevelopment.enabled': true,
          'states.PE.alternativeDevelopment.regions': [...VRAEM, 'alto-huallaga'],
          'states.PE.alternativeDevelopment.budgetUsdPerYear': 90_000_000,
          'states.PE.alternativeDevelopment.deliveryRate': 0.9,
        },
      },
    ],
  });
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return v.scenario;
}
const b = withAd(a);
const seeds = [5, 6, 7];
const pairs = (sa: Scenario, sb: Scenario) => seeds.map((seed, run) => [runScenario(sa, { seed, run }), runScenario(sb, { seed, run })] as const);

describe('policy effects', () => {
  it('the programme starts in the first month A and B differ; B targets the regions its programmes name', () => {
    expect(divergenceTick(a, b)).toBe(12);
    expect(divergenceTick(a, a)).toBeNull();
    expect(divergenceTick(a, { ...a, householdsPerAgent: 41 })).toBe(0);
    expect(targetedRegions(a, b)).toEqual([...VRAEM, 'alto-huallaga']);
  });

  const runsAB = pairs(a, b);
  const layout = effectLayout(a, b, runsAB[0][0].rows);

  it('one member: the figures are the paired comparison of compare.ts, and group rows add up their regions', () => {
    expect(layout.groups[GROUP_ROWS.vraem]).toEqual(VRAEM);
    expect(layout.groups[GROUP_ROWS.elsewhere]).toEqual(['peru-other']);
    expect(layout.groups[GROUP_ROWS.abroad]).toEqual(['bolivia', 'colombia']);
    expect(layout.windows.programme.fromDate).toBe(AD_FROM);
    const acc = new MemberAccumulator(layout);
    for (const [ra, rb] of runsAB) acc.add(ra, rb);
    const c = effectCells(layout, [acc.finish(1)]);
    expect(c.uncertainty).toBe('seeds');
    const ref = compareRuns(runsAB.map((p) => p[0]), runsAB.map((p) => p[1]));
    for (const w of ['finalYear', 'wholeRun'] as const) {
      for (const row of ['PE', 'ALL', 'vraem-ene']) {
        const mine = c.cells.coca_ha[row][w].diff;
        const theirs = ref.metrics.coca_ha[row][w].diff;
        expect(mine.mean).toBeCloseTo(theirs.mean, 6);
        expect(mine.ci95[0]).toBeCloseTo(theirs.ci95[0], 6);
        expect(mine.ci95[1]).toBeCloseTo(theirs.ci95[1], 6);
      }
    }
    const vraem = c.cells.coca_ha[GROUP_ROWS.vraem].programme.a.mean;
    const sum = VRAEM.reduce((s, r) => s + c.cells.coca_ha[r].programme.a.mean, 0);
    expect(vraem).toBeCloseTo(sum, 6);
    // A distinct count (firmas) cannot be rebuilt for a group: the cell is absent, not wrong.
    expect(c.cells.firmas_active[GROUP_ROWS.vraem]).toBeUndefined();
    expect(c.cells.firmas_active.PE).toBeDefined();
  });

  it('an ensemble splits each effect into parameter uncertainty and chance', () => {
    const members = [2, 12].map((count, m) => {
      const sa = { ...a, firmas: { ...a.firmas, count } };
      const acc = new MemberAccumulator(layout);
      for (const [ra, rb] of pairs(sa, withAd(sa))) acc.add(ra, rb);
      return acc.finish(m === 0 ? 0.5 : 0.5);
    });
    const c = effectCells(layout, members);
    expect(c.uncertainty).toBe('ensemble');
    const d = c.cells.coca_ha.PE.programme.diff;
    expect(d.parameterShare).toBeGreaterThanOrEqual(0);
    expect(d.parameterShare).toBeLessThanOrEqual(1);
    expect(d.n).toBe(6);
    expect(d.ci95[0]).toBeLessThanOrEqual(d.parameterCi95![0] + 1e-9);
  });

  it('the answer: sentences and table cells refer only to figures it holds', () => {
    const acc = new MemberAccumulator(layout);
    for (const [ra, rb] of runsAB) acc.add(ra, rb);
    const ans = policyAnswer(effectCells(layout, [acc.finish(1)]), { a: 'baseline', b: 'ad', regions: Object.fromEntries(Object.entries(a.regions).map(([id, r]) => [id, r.name])) });
    for (const s of ans.sentences) for (const p of s) if (typeof p !== 'string') expect(ans.figures[p.figure], p.figure).toBeDefined();
    for (const r of ans.table.rows) for (const f of r.cells) if (f !== null) expect(ans.figures[f], f).toBeDefined();
    expect(ans.table.rows.map((r) => r.row).slice(0, 4)).toEqual([...VRAEM, 'alto-huallaga']);
    const text = ans.sentences.map((s) => sentenceText(s, ans.figures)).join(' ');
    expect(text).toMatch(/^ad \(B\) against baseline \(A\), over 3 paired runs; each interval is the 95% interval of the mean\. Peru’s coca: −?[\d,.]+ ha \(−?[\d,.]+ to −?[\d,.]+\), −?[\d.]+% \(/);
    expect(text).toMatch(/The VRAEM’s coca: /);
    expect(text).toMatch(/Leakage over the programme period/);
    expect(text).toMatch(/Side effects over the programme period, Peru: violence/);
    expect(ans.figures['coca_ha.PE.programme.diff'].mean).toBe(effectCells(layout, [acc.finish(1)]).cells.coca_ha.PE.programme.diff.mean);
  });
});
