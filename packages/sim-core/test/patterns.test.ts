/**
 * The calibration patterns (analysis/patterns.ts): each measured on a synthetic run whose answer
 * is known by hand, the scaled error and distance, and the parser of data/patterns.csv (the
 * project's own file parses and names every pattern the module measures).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { PATTERN_IDS, measurePattern, parsePatternsCsv, patternDistance, scaledError, scorePatterns, type PatternTarget } from '../src/analysis/patterns.ts';
import { parseObservedCsv } from '../src/analysis/calibration.ts';
import type { RunResult } from '../src/engine/results.ts';
import { METRICS, type MetricName } from '../src/model/metrics.ts';

const ROWS = ['vraem-apurimac', 'vraem-ene', 'vraem-mantaro', 'alto-huallaga', 'PE', 'BO', 'CO', 'ALL'];
const KINDS = ROWS.map((r) => (r === 'ALL' ? 'all' : ['PE', 'BO', 'CO'].includes(r) ? 'country' : 'region')) as RunResult['rowKinds'];

/** A run from 2004-01 of `months` months where metric m of row r at tick t is value(m, r, t). */
function run(months: number, value: (m: MetricName, row: string, t: number) => number): RunResult {
  const data = new Float64Array(months * ROWS.length * METRICS.length);
  for (let t = 0; t < months; t++) ROWS.forEach((row, ri) => METRICS.forEach((m, mi) => (data[(t * ROWS.length + ri) * METRICS.length + mi] = value(m, row, t))));
  return { scenario: 'fake', run: 0, seed: 1, start: '2004-01', months, rows: ROWS, rowKinds: KINDS, metrics: METRICS, data };
}

const target = (id: string, from: number, to: number, low: number, high: number): PatternTarget => ({ id, from, to, low, high, unit: '', quality: 'S', source: 'x', what: '' });
const VRAEM = ['vraem-apurimac', 'vraem-ene', 'vraem-mantaro'];

describe('measurePattern', () => {
  const data = {
    coca: parseObservedCsv('year,series,value\n2004,peru_ha,100\n2005,peru_ha,200\n2004,peru_eradicated_ha,120\n'),
    prices: parseObservedCsv('year,series,value\n2004,peru_leaf_usd_kg,2\n2005,peru_leaf_usd_kg,4\n'),
  };
  const r = run(36, (m, row, t) => {
    const year = 2004 + Math.floor(t / 12);
    if (m === 'coca_ha') return row === 'PE' ? (year === 2004 ? 110 : 200) : VRAEM.includes(row) ? 30 : 10;
    if (m === 'households') return VRAEM.includes(row) ? (row === 'vraem-ene' ? 10 : 30) : row === 'alto-huallaga' ? 100 : 0;
    if (m === 'leaf_price_usd_kg') return row === 'PE' ? 2 + (year - 2004) * 2 : VRAEM.includes(row) ? 1.5 : 0;
    if (m === 'leaf_output_t') return 10;
    if (m === 'export_price_usd_kg') return 900 + t;
    if (m === 'cocaine_output_t') return VRAEM.includes(row) ? 2 : 0;
    if (m === 'protection_paid_usd') return VRAEM.includes(row) ? 8000 : 0;
    // Half of what the valleys make moves under protection.
    if (m === 'protected_cocaine_t') return VRAEM.includes(row) ? 1 : 0;
    if (m === 'armed_fighters') return row === 'PE' ? 400 + year - 2004 : 0;
    if (m === 'eradicated_ha') return row === 'PE' ? 10 : 0;
    return 0;
  });
  it('hectares: the MAPE of December areas', () => {
    // 2004: |110 − 100| / 100 = 0.1; 2005: 0.
    expect(measurePattern(target('peru_ha', 2004, 2005, 0, 0.15), r, data)).toBeCloseTo(0.05, 12);
  });
  it('leaf price: the yearly mean weighted by output against each year observed', () => {
    expect(measurePattern(target('peru_leaf_price', 2004, 2005, 0, 0.2), r, data)).toBeCloseTo(0, 12);
  });
  it('the VRAEM discount: the valleys’ price over the national one', () => {
    expect(measurePattern(target('vraem_discount_2011', 2005, 2005, 0.75, 0.95), r, data)).toBeCloseTo(1.5 / 4, 12);
  });
  it('HCl at origin: the mean over the window', () => {
    expect(measurePattern(target('hcl_price_origin', 2004, 2005, 700, 1100), r, data)).toBeCloseTo(900 + 11.5, 12);
  });
  it('Shining Path: fee per kilo, revenue a month, fighters in the year', () => {
    // A rate per kilo taxed: 3 valleys × 8,000 $ over the 3 × 1,000 kg protected (not the 3 × 2,000 kg made).
    expect(measurePattern(target('sl_fee', 2004, 2005, 3, 5), r, data)).toBeCloseTo(8, 12);
    expect(measurePattern(target('sl_revenue', 2004, 2005, 50000, 100000), r, data)).toBeCloseTo(24000, 12);
    expect(measurePattern(target('sl_fighters_2012', 2005, 2005, 400, 600), r, data)).toBeCloseTo(401, 12);
  });
  it('eradication realised: the year’s sum against the report', () => {
    expect(measurePattern(target('peru_eradication', 2004, 2004, 0, 0.2), r, data)).toBeCloseTo(0, 12);
  });
  it('farm structure: the largest regional mean of coca per household (the Ene: 30 ha over 10)', () => {
    expect(measurePattern(target('coca_per_household', 2004, 2005, 0, 3), r, data)).toBeCloseTo(3, 12);
  });
  it('a window the run does not reach cannot be measured', () => {
    expect(measurePattern(target('sl_fighters_2015', 2015, 2015, 280, 420), r, data)).toBeNaN();
  });
});

describe('scaled errors and the distance', () => {
  it('two-sided: 0 at the centre, 1 at the edges; one-sided: the value over the ceiling', () => {
    const two = target('sl_fee', 2006, 2013, 3, 5);
    expect(scaledError(two, 4)).toBe(0);
    expect(scaledError(two, 5)).toBe(1);
    expect(scaledError(two, 2)).toBe(2);
    const one = target('peru_ha', 2004, 2015, 0, 0.15);
    expect(scaledError(one, 0.075)).toBeCloseTo(0.5, 12);
    expect(scaledError(one, Number.NaN)).toBe(Number.POSITIVE_INFINITY);
    expect(patternDistance([{ scaled: 3 }, { scaled: 4 }])).toBeCloseTo(Math.sqrt(12.5), 12);
  });
});

describe('data/patterns.csv', () => {
  it('parses, and every pattern it names is one the module measures, in the module’s order', () => {
    const targets = parsePatternsCsv(readFileSync(new URL('../../../data/patterns.csv', import.meta.url), 'utf8'));
    expect(targets.map((t) => t.id)).toEqual([...PATTERN_IDS]);
    for (const t of targets) {
      expect(t.source).not.toBe('');
      expect(['S', 'M', 'W']).toContain(t.quality);
      expect(t.to).toBeLessThanOrEqual(2015); // in sample
    }
  });
  it('refuses a bad file, naming the line', () => {
    const head = 'id,from,to,low,high,unit,quality,source,what\n';
    expect(() => parsePatternsCsv(head + 'nope,2004,2015,0,1,x,S,x,y\n')).toThrow(/line 2: id: unknown pattern "nope"/);
    expect(() => parsePatternsCsv(head + 'sl_fee,2004,2003,3,5,x,S,x,y\n')).toThrow(/line 2: from\/to/);
    expect(() => parsePatternsCsv(head + 'sl_fee,2004,2005,5,3,x,S,x,y\n')).toThrow(/line 2: low\/high/);
    expect(() => parsePatternsCsv(head + 'sl_fee,2004,2005,3,5,x,S,x,y,z\n')).toThrow(/line 2: 10 cells/);
    expect(() => parsePatternsCsv('id,from\n')).toThrow(/line 1/);
  });
  it('scores every target of a run at once', () => {
    const r = run(12, (m, row) => (m === 'coca_ha' ? 1 : m === 'households' && row !== 'ALL' ? 1 : 0));
    const s = scorePatterns([target('coca_per_household', 2004, 2004, 0, 3)], r, { coca: [], prices: [] });
    expect(s).toEqual([{ id: 'coca_per_household', value: 1, scaled: 1 / 3, within: true }]);
  });
});
