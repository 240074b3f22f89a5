/**
 * Invariants of a run's result, checked from the outside (on the numbers a user gets, not the
 * engine's internals), for the property and long-run tests (issue 8):
 * - every value finite; none negative except the two incomes (`farmer_income_usd_month`,
 *   `firma_profit_usd`, which may be losses);
 * - shares within 0..1; AD delivered never above AD promised, per row and month; a state's
 *   spending never above its budget, per country (and ALL) and month, hence every year;
 * - aggregates: a country row is the sum of its regions for summed metrics and ALL the sum of all
 *   regions; weighted means lie within their regions' range and equal the weighted mean the
 *   aggregation rule states; active firmas of an aggregate lie between its busiest region and the
 *   sum of its regions;
 * - the export price is one world price: equal in every region row;
 * - households are the scenario's (they shape the start and never change).
 *
 * `resultProblems` returns what is wrong (empty when sound), so a property can print it and a
 * test can show that a tampered result is caught.
 */
import { AGGREGATION, COUNTRIES, M, METRICS, SHARES, type RunResult, type Scenario } from '../src/index.ts';

const MAY_BE_NEGATIVE = new Set<number>([M.farmer_income_usd_month, M.firma_profit_usd]);
const close = (a: number, b: number, rel = 1e-9) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

/** Problems of a result (at most `max`, so a broken run does not print a million lines). */
export function resultProblems(r: RunResult, scenario?: Scenario, max = 10): string[] {
  const out: string[] = [];
  const nM = METRICS.length;
  const nRows = r.rows.length;
  const regionRows = r.rowKinds.flatMap((k, i) => (k === 'region' ? [i] : []));
  const countryOf = scenario ? regionRows.map((i) => scenario.regions[r.rows[i]]?.country) : undefined;
  const v = (t: number, row: number, m: number) => r.data[(t * nRows + row) * nM + m];
  const say = (t: number, row: number, what: string) => out.length < max && out.push(`month ${t} ${r.rows[row]}: ${what}`);
  if (r.data.length !== r.months * nRows * nM) out.push(`data holds ${r.data.length} values, expected ${r.months * nRows * nM}`);

  for (let t = 0; t < r.months && out.length < max; t++) {
    for (let row = 0; row < nRows; row++) {
      for (let m = 0; m < nM; m++) {
        const x = v(t, row, m);
        if (!Number.isFinite(x)) say(t, row, `${METRICS[m]} is ${x}`);
        else if (x < 0 && !MAY_BE_NEGATIVE.has(m)) say(t, row, `${METRICS[m]} is negative (${x})`);
      }
      for (const s of SHARES) {
        const x = v(t, row, M[s]);
        if (x > 1 + 1e-9) say(t, row, `${s} is ${x} > 1`);
      }
      if (v(t, row, M.ad_delivered_usd) > v(t, row, M.ad_promised_usd) * (1 + 1e-9) + 1e-9)
        say(t, row, `AD delivered ${v(t, row, M.ad_delivered_usd)} exceeds promised ${v(t, row, M.ad_promised_usd)}`);
      if (r.rowKinds[row] !== 'region' && v(t, row, M.state_spending_usd) > v(t, row, M.state_budget_usd) * (1 + 1e-9) + 1e-6)
        say(t, row, `the state spent ${v(t, row, M.state_spending_usd)}, more than its budget ${v(t, row, M.state_budget_usd)}`);
    }
    const price = v(t, regionRows[0], M.export_price_usd_kg);
    for (const row of regionRows) if (v(t, row, M.export_price_usd_kg) !== price) say(t, row, `export price ${v(t, row, M.export_price_usd_kg)} differs from ${price}`);
    if (scenario)
      for (const row of regionRows) {
        // A region's farming households: those of the start and its potential growers.
        const reg = scenario.regions[r.rows[row]];
        const h = reg === undefined ? undefined : reg.households + reg.potentialGrowers;
        if (h !== undefined && !close(v(t, row, M.households), h, 1e-12)) say(t, row, `households ${v(t, row, M.households)}, the scenario has ${h}`);
        // Households growing coca are some of them.
        if (h !== undefined && v(t, row, M.growing_households) > h * (1 + 1e-9)) say(t, row, `growing households ${v(t, row, M.growing_households)} above the ${h} households`);
      }

    // Aggregates: each country row, then ALL.
    if (!countryOf) continue;
    const groups: [number, number[]][] = [
      ...COUNTRIES.map((c): [number, number[]] => [r.rows.indexOf(c), regionRows.filter((_, k) => countryOf[k] === c)]),
      [r.rows.indexOf('ALL'), regionRows],
    ];
    for (const [agg, members] of groups) {
      if (agg < 0) {
        out.push('a country or ALL row is missing');
        continue;
      }
      for (let m = 0; m < nM; m++) {
        const rule = AGGREGATION[METRICS[m]];
        const xs = members.map((row) => v(t, row, m));
        const got = v(t, agg, m);
        if (rule === 'sum') {
          const sum = xs.reduce((a, b) => a + b, 0);
          if (!close(got, sum)) say(t, agg, `${METRICS[m]} ${got} ≠ sum of its regions ${sum}`);
        } else if (rule === 'distinct') {
          const most = Math.max(0, ...xs);
          const sum = xs.reduce((a, b) => a + b, 0);
          if (got < most || got > sum || !Number.isInteger(got)) say(t, agg, `${METRICS[m]} ${got} not within [${most}, ${sum}]`);
        } else if (xs.length) {
          const ws = members.map((row) => v(t, row, M[rule.weight]));
          const w = ws.reduce((a, b) => a + b, 0);
          const want = w > 0 ? xs.reduce((a, x, k) => a + x * ws[k], 0) / w : xs.reduce((a, b) => a + b, 0) / xs.length;
          const lo = Math.min(...xs);
          const hi = Math.max(...xs);
          const slack = 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi));
          if (!close(got, want) || got < lo - slack || got > hi + slack) say(t, agg, `${METRICS[m]} ${got} is not the ${rule.weight}-weighted mean of its regions (${want}, within ${lo}..${hi})`);
        } else if (got !== 0) say(t, agg, `${METRICS[m]} ${got} with no regions`);
      }
    }
  }
  return out;
}
