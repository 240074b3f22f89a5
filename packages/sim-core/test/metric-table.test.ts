/**
 * The metric table (model/metrics.ts) is the one place a metric is defined: its column, label,
 * aggregation, bounds and recording. These checks pin the output contract (column order) and
 * show that the compiler refuses a metric without a recording (`pnpm typecheck` fails if the
 * `@ts-expect-error` lines below ever compile).
 */
import { describe, it, expect } from 'vitest';
import { AGGREGATION, METRICS, METRIC_LABELS, MAY_BE_NEGATIVE, SHARES, runScenario, type MetricName } from '../src/index.ts';
import { metricEntry, type MetricEntry } from '../src/model/metrics.ts';
import { baseline } from './helpers.ts';

// A metric without its recording does not compile:
// @ts-expect-error `record` is missing
const noRecording: MetricEntry = { label: 'Coca (ha)', aggregate: 'sum' };
// A count of distinct actors without its recount does not compile:
// @ts-expect-error `recount` is missing
const noRecount: MetricEntry = { label: 'Active firmas', aggregate: 'distinct', record: () => 0 };

describe('metric table', () => {
  it('keeps the output columns of the contract, in order', () => {
    expect([...METRICS]).toEqual([
      'households', 'coca_ha', 'licit_ha', 'ad_enrolled_ha', 'eradicated_ha', 'leaf_price_usd_kg', 'leaf_output_t',
      'cocaine_output_t', 'seized_t', 'export_price_usd_kg', 'farmer_income_usd_month', 'association_share', 'trust_in_state',
      'firmas_active', 'firma_profit_usd', 'protection_paid_usd', 'armed_fighters', 'armed_funds_usd', 'armed_control',
      'violence_events', 'corruption_index', 'ad_promised_usd', 'ad_delivered_usd',
    ]);
  });

  it('derives labels, aggregation and bounds from the entries', () => {
    for (const m of METRICS) {
      const e = metricEntry(m);
      expect(METRIC_LABELS[m]).toBe(e.label);
      expect(AGGREGATION[m]).toEqual(e.aggregate);
      const weight = typeof e.aggregate === 'object' ? e.aggregate.weight : undefined;
      if (weight) expect(METRICS).toContain(weight as MetricName);
    }
    expect(SHARES).toEqual(['association_share', 'trust_in_state', 'armed_control', 'corruption_index']);
    expect(MAY_BE_NEGATIVE).toEqual(['farmer_income_usd_month', 'firma_profit_usd']);
    expect(noRecording.label).toBe('Coca (ha)');
    expect(noRecount.aggregate).toBe('distinct');
  });

  it('records every metric: a short run leaves no column all zero that the model fills', () => {
    const r = runScenario(baseline({}, { months: 24, householdsPerAgent: 20, history: true }), { seed: 3 });
    const width = r.rows.length * r.metrics.length;
    const touched = METRICS.filter((_, m) => {
      for (let t = 0; t < r.months; t++) for (let row = 0; row < r.rows.length; row++) if (r.data[t * width + row * r.metrics.length + m] !== 0) return true;
      return false;
    });
    // Eradication, AD and violence may be zero in a quiet two years of the baseline; everything else is recorded.
    const quiet = new Set<MetricName>(['eradicated_ha', 'ad_enrolled_ha', 'ad_promised_usd', 'ad_delivered_usd', 'violence_events']);
    expect(METRICS.filter((m) => !quiet.has(m) && !touched.includes(m))).toEqual([]);
  });
});
