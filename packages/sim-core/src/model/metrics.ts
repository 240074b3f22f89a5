/**
 * The contract metrics (DESIGN §9), in output column order: one table whose entry for a metric
 * says everything about it — its label with units, how it aggregates from regions to countries
 * and to ALL, its bounds, and how the recorder reads it from the world each month. A metric is
 * added here, in one place (plus the mechanism that produces what it reads); a name without a
 * recording, or a weight that is not a metric, does not compile.
 *
 * Aggregation: quantities sum; prices, shares and per-household means are means weighted by
 * another metric of the same row (leaf price by leaf output, shares and incomes by households);
 * a count of distinct actors (firmas) is recounted for each aggregate rather than summed.
 */
import type { World } from './world.ts';
import { betaMean } from './world.ts';
import { armedControl, stationedShare } from './armed/territory.ts';
import { associationShare } from './farmers/associations.ts';

interface MetricCommon {
  /** Human label with units, for tables and charts. */
  readonly label: string;
  /** `share`: bounded to 0..1; `signed`: may be negative (an income, a profit); otherwise ≥ 0. */
  readonly bounds?: 'share' | 'signed';
  /** The metric's value in region `r` this month. */
  readonly record: (world: World, r: number) => number;
}

/** How a metric's regions add up to a country and to ALL; a count of distinct actors says how to recount them. */
export type MetricEntry = MetricCommon &
  (
    | { readonly aggregate: 'sum' | { readonly weight: string } }
    | { readonly aggregate: 'distinct'; readonly recount: (world: World, inRow: (r: number) => boolean) => number }
  );

/** Fighters, funds or income of every group, by the share of its strength stationed in region r. */
function stationed(world: World, r: number, of: 'fighters' | 'funds' | 'income'): number {
  let total = 0;
  for (const g of world.groups) total += g[of] * stationedShare(g, r);
  return total;
}

const METRIC_TABLE = {
  households: { label: 'Households', aggregate: 'sum', record: (w, r) => w.regions.households[r] },
  coca_ha: { label: 'Coca (ha)', aggregate: 'sum', record: (w, r) => w.regions.cocaHa[r] },
  licit_ha: { label: 'Licit crops (ha)', aggregate: 'sum', record: (w, r) => w.regions.licitHa[r] },
  ad_enrolled_ha: { label: 'AD enrolled (ha)', aggregate: 'sum', record: (w, r) => w.regions.adHa[r] },
  eradicated_ha: { label: 'Eradicated (ha/month)', aggregate: 'sum', record: (w, r) => w.regions.eradicatedHa[r] },
  leaf_price_usd_kg: { label: 'Farm-gate leaf price (USD/kg)', aggregate: { weight: 'leaf_output_t' }, record: (w, r) => w.regions.leafPrice[r] },
  leaf_output_t: { label: 'Leaf output (t/month)', aggregate: 'sum', record: (w, r) => w.regions.harvestKg[r] / 1000 },
  cocaine_output_t: { label: 'Cocaine output (t/month)', aggregate: 'sum', record: (w, r) => w.regions.cocaineKg[r] / 1000 },
  seized_t: { label: 'Seized (t/month)', aggregate: 'sum', record: (w, r) => w.regions.seizedKg[r] / 1000 },
  export_price_usd_kg: { label: 'Export price (USD/kg)', aggregate: { weight: 'households' }, record: (w) => w.market.price },
  farmer_income_usd_month: {
    label: 'Farmer income (USD/household/month)',
    aggregate: { weight: 'households' },
    bounds: 'signed',
    record: (w, r) => w.regions.income[r],
  },
  association_share: { label: 'Association share', aggregate: { weight: 'households' }, bounds: 'share', record: (w, r) => associationShare(w.regions, r) },
  trust_in_state: {
    label: 'Trust in AD delivery',
    aggregate: { weight: 'households' },
    bounds: 'share',
    record: (w, r) => betaMean(w.regions.trustA[r], w.regions.trustB[r]),
  },
  firmas_active: {
    label: 'Active firmas',
    aggregate: 'distinct',
    record: (w, r) => {
      let n = 0;
      for (const f of w.firmas) if (f.alive && f.regions.includes(r)) n++;
      return n;
    },
    recount: (w, inRow) => {
      let n = 0;
      for (const f of w.firmas) if (f.alive && f.regions.some(inRow)) n++;
      return n;
    },
  },
  firma_profit_usd: { label: 'Firma profit (USD/month)', aggregate: 'sum', bounds: 'signed', record: (w, r) => w.regions.firmaProfit[r] },
  protection_paid_usd: { label: 'Protection paid (USD/month)', aggregate: 'sum', record: (w, r) => w.regions.protectionPaid[r] },
  protected_cocaine_t: { label: 'Cocaine moved under protection (t/month)', aggregate: 'sum', record: (w, r) => w.regions.protectedKg[r] / 1000 },
  armed_fighters: { label: 'Armed fighters', aggregate: 'sum', record: (w, r) => stationed(w, r, 'fighters') },
  armed_funds_usd: { label: 'Armed group funds (USD)', aggregate: 'sum', record: (w, r) => stationed(w, r, 'funds') },
  armed_control: { label: 'Armed control (0..1)', aggregate: { weight: 'households' }, bounds: 'share', record: (w, r) => armedControl(w, r) },
  violence_events: { label: 'Violence events (/month)', aggregate: 'sum', record: (w, r) => w.regions.violence[r] },
  corruption_index: { label: 'Corruption index (0..1)', aggregate: { weight: 'households' }, bounds: 'share', record: (w, r) => w.regions.corruption[r] },
  ad_promised_usd: { label: 'AD promised (USD/month)', aggregate: 'sum', record: (w, r) => w.regions.adPromised[r] },
  ad_delivered_usd: { label: 'AD delivered (USD/month)', aggregate: 'sum', record: (w, r) => w.regions.adDelivered[r] },
  // Armed groups' governance of growers and the growers' federations (model/armed/governance.ts, model/farmers/associations.ts).
  sl_levy_usd: { label: 'Armed levies on growers (USD/month)', aggregate: 'sum', record: (w, r) => w.regions.levyPaid[r] },
  sl_support_share: {
    label: 'Growers supporting the armed group',
    aggregate: { weight: 'households' },
    bounds: 'share',
    record: (w, r) => (w.regions.agents[r] > 0 ? w.regions.supporters[r] / w.regions.agents[r] : 0),
  },
  federation_share: {
    label: 'Growers in a federation',
    aggregate: { weight: 'households' },
    bounds: 'share',
    record: (w, r) => w.regions.federated[r] * associationShare(w.regions, r),
  },
  armed_income_usd: { label: 'Armed group income (USD/month)', aggregate: 'sum', record: (w, r) => stationed(w, r, 'income') },
  // the firmas' choices (issue 14): the buyers' cartel, hitmen, bribes
  cartel_held: {
    label: 'Buyers’ agreement held (1 in a month two or more buyers held it)',
    aggregate: { weight: 'leaf_output_t' },
    bounds: 'share',
    record: (w, r) => w.regions.cartelHeld[r],
  },
  cartel_critical_discount: {
    label: 'Patience the buyers’ agreement needs (δ*; 0 with fewer than two buyers)',
    aggregate: { weight: 'leaf_output_t' },
    bounds: 'share',
    record: (w, r) => w.regions.cartelDeltaStar[r],
  },
  hitmen: { label: 'Firmas’ hitmen (each firma’s spread over its valleys)', aggregate: 'sum', record: (w, r) => w.regions.hitmen[r] },
  firma_violence_events: { label: 'Violence among firmas (events/month)', aggregate: 'sum', record: (w, r) => w.regions.firmaViolence[r] },
  bribes_paid_usd: { label: 'Bribes paid to officials (USD/month)', aggregate: 'sum', record: (w, r) => w.regions.bribes[r] },
  // the budgeted state (issue 16): a country's budget is attributed to its regions by households
  state_budget_usd: { label: 'State budget, national + aid (USD/month)', aggregate: 'sum', record: (w, r) => w.regions.stateBudgetUsd[r] },
  state_spending_usd: { label: 'State spending (USD/month)', aggregate: 'sum', record: (w, r) => w.regions.stateSpendUsd[r] },
  state_presence: { label: 'State presence (0..1)', aggregate: { weight: 'households' }, bounds: 'share', record: (w, r) => w.regions.presence[r] },
  // households growing coca (issue 16): the households of the start and the potential growers who entered
  growing_households: { label: 'Households growing coca', aggregate: 'sum', record: (w, r) => w.regions.growers[r] },
  // the standing coca the crews destroyed (eradication.ts); eradicated_ha counts the hectares they worked, as their reports do
  eradicated_coca_ha: { label: 'Coca destroyed by eradication (ha/month)', aggregate: 'sum', record: (w, r) => w.regions.eradicatedCocaHa[r] },
} as const satisfies Record<string, MetricEntry>;

export type MetricName = keyof typeof METRIC_TABLE;

/** The metrics in output column order (the table's order). */
export const METRICS = Object.keys(METRIC_TABLE) as readonly MetricName[] as readonly [MetricName, ...MetricName[]];

// Every weight names a metric of the table (a misspelt weight does not compile).
type WeightOf<T> = T extends { aggregate: { weight: infer W } } ? W : never;
const weightsAreMetrics: readonly MetricName[] = [] as WeightOf<(typeof METRIC_TABLE)[MetricName]>[];
void weightsAreMetrics;

/** A metric's entry (label, aggregation, bounds, recording). */
export const metricEntry = (m: MetricName): MetricEntry => METRIC_TABLE[m];

/** Column index of each metric, for typed-array access. */
export const M = Object.fromEntries(METRICS.map((m, i) => [m, i])) as { readonly [K in MetricName]: number };

/**
 * How a metric aggregates over regions:
 * - `sum`: a quantity (hectares, tonnes, dollars, fighters, events);
 * - `{ weight }`: a mean weighted by another metric of the same row;
 * - `distinct`: a count of actors present, recounted by the recorder for each aggregate.
 */
export const AGGREGATION = Object.fromEntries(METRICS.map((m) => [m, METRIC_TABLE[m].aggregate])) as {
  readonly [K in MetricName]: 'sum' | 'distinct' | { weight: MetricName };
};

/** Human labels with units, for tables and charts. */
export const METRIC_LABELS = Object.fromEntries(METRICS.map((m) => [m, METRIC_TABLE[m].label])) as { readonly [K in MetricName]: string };

const bounded = (b: MetricCommon['bounds']) => METRICS.filter((m) => (METRIC_TABLE[m] as MetricEntry).bounds === b);
/** The metrics that may be negative: incomes (a loss is an income too). Every other is a stock, a flow, a price, a count or a share. */
export const MAY_BE_NEGATIVE: readonly MetricName[] = bounded('signed');
/** Metrics bounded to 0..1. */
export const SHARES: readonly MetricName[] = bounded('share');
