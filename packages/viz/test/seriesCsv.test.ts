/**
 * series.csv back to RunResults: a round trip through sim-core's writer gives the same runs
 * (to the writer's 10 significant digits), sweeps split by point, and every kind of garbling is
 * refused with the file and line named.
 */
import { describe, expect, it } from 'vitest';
import { METRICS, SERIES_HEADER, seriesCsv, seriesRows } from '@vraem/sim-core';
import { ReportInputError, parseSeriesCsv, parseSweepSeriesCsv } from '../src/index.ts';
import { syntheticRuns } from './fixtures.ts';

const runs = syntheticRuns({ months: 14, seeds: [11, 12, 13] });
const csv = seriesCsv(runs);

function expectSameRuns(got: ReturnType<typeof parseSeriesCsv>, want: typeof runs) {
  expect(got).toHaveLength(want.length);
  got.forEach((r, i) => {
    const w = want[i];
    expect({ run: r.run, seed: r.seed, start: r.start, months: r.months, rows: r.rows, rowKinds: r.rowKinds, metrics: r.metrics, scenario: r.scenario }).toEqual({
      run: w.run,
      seed: w.seed,
      start: w.start,
      months: w.months,
      rows: w.rows,
      rowKinds: w.rowKinds,
      metrics: [...METRICS],
      scenario: 'baseline',
    });
    r.data.forEach((v, k) => expect(Math.abs(v - w.data[k])).toBeLessThanOrEqual(Math.abs(w.data[k]) * 1e-9));
  });
}

describe('parseSeriesCsv', () => {
  it('reads back what seriesCsv wrote', () => {
    expectSameRuns(parseSeriesCsv(csv, { scenario: 'baseline' }), runs);
  });

  it('keeps extra metric columns and accepts CRLF line ends', () => {
    const lines = csv.trimEnd().split('\n');
    const extra = [lines[0] + ',bribes_usd', ...lines.slice(1).map((l, i) => `${l},${i}`)].join('\r\n') + '\r\n';
    const [r] = parseSeriesCsv(extra);
    expect(r.metrics[r.metrics.length - 1]).toBe('bribes_usd');
    expect(r.data[r.metrics.length - 1]).toBe(0);
  });

  const garbled: [string, (s: string) => string, RegExp][] = [
    ['an empty file', () => '', /empty/],
    ['a missing metric column', (s) => s.replace(',coca_ha', ''), /lacks the metric column\(s\) coca_ha/],
    ['a wrong key column', (s) => s.replace('run,seed', 'rum,seed'), /column 1 should be "run"/],
    ['a short line', (s) => s.replace(/\n(0,11,0,2004-01,vraem-apurimac,[^\n]*),[^,\n]*\n/, '\n$1\n'), /line 2 has \d+ fields/],
    ['a value that is not a number', (s) => s.replace(/\n(0,11,0,2004-01,vraem-apurimac),(\d+)/, '\n$1,abc'), /line 2: households "abc" is not a number/],
    ['a wrong date', (s) => s.replace('0,11,1,2004-02,vraem-ene', '0,11,1,2004-03,vraem-ene'), /tick 1 should be dated 2004-02/],
    ['a missing row', (s) => s.replace(/\n0,11,5,2004-06,bolivia,[^\n]*/, ''), /run 0 lacks row "bolivia" in month 2004-06/],
    ['a repeated row', (s) => s.replace('0,11,5,2004-06,bolivia', '0,11,5,2004-06,colombia'), /has row "colombia" twice in month 2004-06/],
    ['a sweep file', (s) => 'point,' + s.split('\n')[0], /sweep's series/],
  ];
  it.each(garbled)('refuses %s, naming the file', (_what, edit, message) => {
    const text = edit(csv);
    expect(() => parseSeriesCsv(text, { source: 'out/series.csv' })).toThrow(ReportInputError);
    expect(() => parseSeriesCsv(text, { source: 'out/series.csv' })).toThrow(message);
    expect(() => parseSeriesCsv(text, { source: 'out/series.csv' })).toThrow(/^out\/series\.csv: /);
  });
});

describe('parseSweepSeriesCsv', () => {
  it('splits the runs by design point, in point order', () => {
    const p0 = syntheticRuns({ months: 6, seeds: [1, 2] });
    const p1 = syntheticRuns({ months: 6, seeds: [1, 2], pressure: 0.5 });
    const body = (p: number, rs: typeof p0) => rs.map((r) => seriesRows(r).replace(/^(?=.)/gm, `${p},`)).join('');
    const text = `point,${SERIES_HEADER}\n${body(1, p1)}${body(0, p0)}`;
    const got = parseSweepSeriesCsv(text, { scenario: 'baseline' });
    expect(got.map((g) => g.point)).toEqual([0, 1]);
    expectSameRuns(got[0].results, p0);
    expectSameRuns(got[1].results, p1);
    expect(() => parseSweepSeriesCsv(csv)).toThrow(/must start with a "point" column/);
  });
});
