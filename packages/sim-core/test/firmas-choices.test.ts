/**
 * Firmas that choose (issue 14): the leaf price comes from the firmas' bids, the buyers' cartel
 * is a repeated game with imperfect public monitoring, hitmen are an investment that Shining
 * Path's control suppresses, and bribes buy officials as a public good. Each claim is a paired
 * comparison over the eight seeds of helpers.ts whose 95% interval excludes zero, on the
 * (scaled-down) baseline, or on scenarios/buyers-valley.yaml, the baseline's Apurímac valley
 * alone, where the number of firmas sharing a valley is exactly the lever.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { baseline, runs, expectIncrease, VRAEM, SEEDS } from './helpers.ts';
import { seriesOf, setPath, stat, validateScenario, type MetricName, type PathValue, type RunResult, type Scenario } from '../src/index.ts';

/** Mean over months [from, to) of a metric over rows, weighted by another metric (or summed). */
function over(r: RunResult, rows: string[], metric: MetricName, from: number, to: number, weight?: MetricName): number {
  let s = 0;
  let w = 0;
  for (const row of rows) {
    const x = seriesOf(r, row, metric);
    const wt = weight ? seriesOf(r, row, weight) : undefined;
    for (let t = from; t < to; t++) {
      s += x[t] * (wt ? wt[t] : 1);
      w += wt ? wt[t] : 1;
    }
  }
  return weight ? (w > 0 ? s / w : 0) : s / (to - from);
}

const PERU_REST = ['alto-huallaga', 'peru-other'];
/** The last six years of the scaled baseline's eight. */
const LATE: [number, number] = [24, 96];

/** The one-valley laboratory with lever overrides, at the tests' scale. */
function valley(set: Record<string, PathValue>): Scenario {
  const raw = YAML.parse(readFileSync(fileURLToPath(new URL('../../../scenarios/buyers-valley.yaml', import.meta.url)), 'utf8')) as Record<string, unknown>;
  raw.householdsPerAgent = 20;
  for (const [path, value] of Object.entries(set)) setPath(raw, path, value);
  const v = validateScenario(raw);
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return v.scenario;
}

/** Assert that every x is above `floor` beyond the noise (the 95% interval of the mean). */
function expectAbove(xs: number[], floor: number, what: string): void {
  const s = stat(xs.map((x) => x - floor));
  expect(s.ci95[0], `${what}: mean ${(s.mean + floor).toPrecision(4)}, 95% interval of the excess over ${floor} [${s.ci95[0].toPrecision(4)}, ${s.ci95[1].toPrecision(4)}]`).toBeGreaterThan(0);
}

/** n firmas based in Peru, the other countries held at 2 and 4, and entry closed: the number of buyers is the lever. */
const peruFirmas = (n: number): Record<string, PathValue> => ({
  'firmas.byCountry.PE': n,
  'firmas.byCountry.BO': 2,
  'firmas.byCountry.CO': 4,
  'firmas.count': n + 6,
  'firmas.maxCount': n + 6,
});

describe('1. bids: monopsony power, the VRAEM discount, organised growers', () => {
  it('fewer firmas buying in Peru pay a lower VRAEM farm-gate price', () => {
    const few = runs(baseline(peruFirmas(3))).map((r) => over(r, VRAEM, 'leaf_price_usd_kg', ...LATE, 'leaf_output_t'));
    const many = runs(baseline(peruFirmas(12))).map((r) => over(r, VRAEM, 'leaf_price_usd_kg', ...LATE, 'leaf_output_t'));
    expectIncrease(few, many, 'VRAEM leaf price, 12 Peruvian firmas vs 3');
  });

  it('organised growers get a higher VRAEM farm-gate price', () => {
    const organised: Record<string, PathValue> = {};
    for (const v of VRAEM) organised[`regions.${v}.association.share`] = 0.7;
    const a = runs(baseline()).map((r) => over(r, VRAEM, 'leaf_price_usd_kg', ...LATE, 'leaf_output_t'));
    const b = runs(baseline(organised)).map((r) => over(r, VRAEM, 'leaf_price_usd_kg', ...LATE, 'leaf_output_t'));
    expectIncrease(a, b, 'VRAEM leaf price with 70% of growers organised');
  });

  it('the baseline’s VRAEM price stays below the rest of Peru’s, with its history and without', () => {
    for (const history of [true, false]) {
      const rs = runs(baseline({}, { history }));
      const vraem = rs.map((r) => over(r, VRAEM, 'leaf_price_usd_kg', ...LATE, 'leaf_output_t'));
      const rest = rs.map((r) => over(r, PERU_REST, 'leaf_price_usd_kg', ...LATE, 'leaf_output_t'));
      expectIncrease(vraem, rest, `rest of Peru's leaf price over the VRAEM's (history ${history})`);
    }
  });
});

describe('2. the buyers’ cartel: a repeated game with imperfect public monitoring', () => {
  // Only months two or more buyers share the valley hold a question: a firma left alone (its rivals
  // gone bust, which growers' own paste makes likelier by thinning the buyers' margin) has no
  // agreement to keep.
  const shared = (r: RunResult) => {
    const n = seriesOf(r, 'vraem-apurimac', 'firmas_active');
    // Firmas enter and go bust after the month's market: a month's buyers are those of the month before.
    return Array.from({ length: r.months }, (_, t) => t).filter((t) => n[Math.max(0, t - 1)] >= 2);
  };
  const held = (r: RunResult) => {
    const h = seriesOf(r, 'vraem-apurimac', 'cartel_held');
    const months = shared(r);
    expect(months.length, 'months two or more firmas share the valley').toBeGreaterThan(r.months / 4);
    return months.reduce((a, t) => a + h[t], 0) / months.length;
  };

  // Two tests read the two-firma valley: its eight runs are simulated once.
  let twoHeld: number[] | undefined;
  const two = () => (twoHeld ??= runs(valley({ 'firmas.count': 2, 'firmas.maxCount': 2 })).map(held));
  const dozen = () => runs(valley({ 'firmas.count': 12, 'firmas.maxCount': 12 })).map(held);

  it('two firmas sharing a valley hold the agreement in more months than a dozen, and a dozen in few', () => {
    const d = dozen();
    expectAbove(d.map((x) => -x), -0.5, 'share of months a dozen firmas hold the agreement, negated');
    expectIncrease(d, two(), 'months held, two firmas over a dozen');
  });

  // KNOWN (eighth stop, 6 December 2026): since growers' own paste bounds the markdown
  // (farmers/ownPaste.ts), two firmas hold in 0.72 of the months they share the valley over the
  // eight seeds, [0.40, 1.04] (per seed 1, 0.93, 0.01, 0.99, 0.35, 0.49, 0.97, 1; without the option
  // 1, 1, 0.44, 0.99, 0.60, 0.64, 1, 1). Growers take most of the netback, so the two buyers' margins
  // are thin and a small gap between their netbacks is a large gap between their margins: the
  // weaker one's incentive condition fails at any patience (δ* = 1 in every month of seed 33). An
  // asymmetric cartel is harder to hold; the claim "in most months" is within the noise. Not tuned.
  it.fails('two patient firmas sharing a valley hold the agreement in most months at the baseline’s noise', () => {
    expectAbove(two(), 0.5, 'share of months two firmas hold the agreement');
  });

  it('without noise the agreement holds exactly in the months where patience reaches the stage game’s δ*', () => {
    const quiet = (patience: number) =>
      runs(valley({ 'firmas.count': 3, 'firmas.maxCount': 3, 'firmas.monitoringNoise': 0, 'firmas.hitmen.divideAndRule': 0, 'firmas.patience': patience }));
    const byPatience = new Map([0.6, 0.75, 0.85, 0.95].map((p) => [p, quiet(p)]));
    for (const [patience, rs] of byPatience) {
      for (const r of rs) {
        const h = seriesOf(r, 'vraem-apurimac', 'cartel_held');
        const d = seriesOf(r, 'vraem-apurimac', 'cartel_critical_discount');
        for (const t of shared(r)) expect(h[t], `patience ${patience}, month ${t}: δ* ${d[t]}`).toBe(d[t] <= patience ? 1 : 0);
      }
    }
    // And so the collapse point moves with patience: more months held at 0.95 than at 0.6.
    expectIncrease(byPatience.get(0.6)!.map(held), byPatience.get(0.95)!.map(held), 'months held without noise, patience 0.95 over 0.6');
  });

  it('on the baseline, more firmas sharing the valleys need more patience to hold the agreement', () => {
    const dStar = (n: number) =>
      runs(baseline({ 'firmas.byCountry.PE': n, 'firmas.byCountry.BO': 2, 'firmas.byCountry.CO': 4, 'firmas.count': n + 6, 'firmas.maxCount': n + 6 })).map((r) =>
        over(r, ['PE'], 'cartel_critical_discount', ...LATE, 'leaf_output_t'),
      );
    expectIncrease(dStar(5), dStar(15), 'Peru’s δ*, 15 Peruvian firmas over 5');
  });
});

describe('3–4. Shining Path contained: hitmen, violence among firmas, bribes', () => {
  /** The baseline for five years; in B, SL's fighters are gone from the start of the fourth (2007-01). */
  const AT = 36;
  const slGone = (gone: boolean): Scenario => {
    const s = baseline({}, { months: 60 });
    if (gone) s.events = [{ at: '2007-01', set: { 'armedGroups.sl.fighters': 0, 'armedGroups.sl.maxFighters': 1 } }];
    return s;
  };
  const [kept, gone] = [runs(slGone(false)), runs(slGone(true))];
  const nextYear = (r: RunResult, metric: MetricName) => over(r, VRAEM, metric, AT + 12, AT + 24) * VRAEM.length;

  it('3. SL’s fighters removed → firmas hire hitmen → violence among firmas rises the following year', () => {
    expectIncrease(kept.map((r) => nextYear(r, 'hitmen')), gone.map((r) => nextYear(r, 'hitmen')), 'VRAEM hitmen the year after SL is gone');
    expectIncrease(
      kept.map((r) => nextYear(r, 'firma_violence_events')),
      gone.map((r) => nextYear(r, 'firma_violence_events')),
      'VRAEM violence among firmas the year after SL is gone',
    );
  });

  it('4. SL contained → the firmas pay more bribes and the VRAEM’s corruption index rises', () => {
    expectIncrease(kept.map((r) => nextYear(r, 'bribes_paid_usd')), gone.map((r) => nextYear(r, 'bribes_paid_usd')), 'VRAEM bribes the year after SL is gone');
    expectIncrease(
      kept.map((r) => over(r, VRAEM, 'corruption_index', AT + 12, AT + 24, 'households')),
      gone.map((r) => over(r, VRAEM, 'corruption_index', AT + 12, AT + 24, 'households')),
      'VRAEM corruption the year after SL is gone',
    );
  });
});

void SEEDS;
