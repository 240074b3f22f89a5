/**
 * The contract metrics (DESIGN §9), in output column order, with how each aggregates from
 * regions to countries and to ALL. Quantities sum; prices, shares and per-household means are
 * weighted means (the weight is another metric or a recorder-side weight); a count of distinct
 * actors (firmas) is recounted for each aggregate rather than summed.
 */

export const METRICS = [
  'households',
  'coca_ha',
  'licit_ha',
  'ad_enrolled_ha',
  'eradicated_ha',
  'leaf_price_usd_kg',
  'leaf_output_t',
  'cocaine_output_t',
  'seized_t',
  'export_price_usd_kg',
  'farmer_income_usd_month',
  'association_share',
  'trust_in_state',
  'firmas_active',
  'firma_profit_usd',
  'protection_paid_usd',
  'armed_fighters',
  'armed_funds_usd',
  'armed_control',
  'violence_events',
  'corruption_index',
  'ad_promised_usd',
  'ad_delivered_usd',
  // the budgeted state (issue 16)
  'state_budget_usd',
  'state_spending_usd',
  'state_presence',
] as const;

export type MetricName = (typeof METRICS)[number];

/** Column index of each metric, for typed-array access. */
export const M = Object.fromEntries(METRICS.map((m, i) => [m, i])) as { readonly [K in MetricName]: number };

/**
 * How a metric aggregates over regions:
 * - `sum`: a quantity (hectares, tonnes, dollars, fighters, events);
 * - `mean:<metric>`: a mean weighted by another metric of the same row (leaf price by leaf sold
 *   is approximated by leaf output; shares and incomes by households);
 * - `distinct`: a count of actors present, recounted by the recorder for each aggregate.
 */
export const AGGREGATION: { readonly [K in MetricName]: 'sum' | 'distinct' | { weight: MetricName } } = {
  households: 'sum',
  coca_ha: 'sum',
  licit_ha: 'sum',
  ad_enrolled_ha: 'sum',
  eradicated_ha: 'sum',
  leaf_price_usd_kg: { weight: 'leaf_output_t' },
  leaf_output_t: 'sum',
  cocaine_output_t: 'sum',
  seized_t: 'sum',
  export_price_usd_kg: { weight: 'households' },
  farmer_income_usd_month: { weight: 'households' },
  association_share: { weight: 'households' },
  trust_in_state: { weight: 'households' },
  firmas_active: 'distinct',
  firma_profit_usd: 'sum',
  protection_paid_usd: 'sum',
  armed_fighters: 'sum',
  armed_funds_usd: 'sum',
  armed_control: { weight: 'households' },
  violence_events: 'sum',
  corruption_index: { weight: 'households' },
  ad_promised_usd: 'sum',
  ad_delivered_usd: 'sum',
  state_budget_usd: 'sum',
  state_spending_usd: 'sum',
  state_presence: { weight: 'households' },
};

/** Human labels with units, for tables and charts. */
export const METRIC_LABELS: { readonly [K in MetricName]: string } = {
  households: 'Households',
  coca_ha: 'Coca (ha)',
  licit_ha: 'Licit crops (ha)',
  ad_enrolled_ha: 'AD enrolled (ha)',
  eradicated_ha: 'Eradicated (ha/month)',
  leaf_price_usd_kg: 'Farm-gate leaf price (USD/kg)',
  leaf_output_t: 'Leaf output (t/month)',
  cocaine_output_t: 'Cocaine output (t/month)',
  seized_t: 'Seized (t/month)',
  export_price_usd_kg: 'Export price (USD/kg)',
  farmer_income_usd_month: 'Farmer income (USD/household/month)',
  association_share: 'Association share',
  trust_in_state: 'Trust in AD delivery',
  firmas_active: 'Active firmas',
  firma_profit_usd: 'Firma profit (USD/month)',
  protection_paid_usd: 'Protection paid (USD/month)',
  armed_fighters: 'Armed fighters',
  armed_funds_usd: 'Armed group funds (USD)',
  armed_control: 'Armed control (0..1)',
  violence_events: 'Violence events (/month)',
  corruption_index: 'Corruption index (0..1)',
  ad_promised_usd: 'AD promised (USD/month)',
  ad_delivered_usd: 'AD delivered (USD/month)',
  state_budget_usd: 'State budget, national + aid (USD/month; a country’s by households)',
  state_spending_usd: 'State spending (USD/month)',
  state_presence: 'State presence (0..1)',
};

/** The two metrics that may be negative: incomes (a loss is an income too). Every other is a stock, a flow, a price, a count or a share. */
export const MAY_BE_NEGATIVE: readonly MetricName[] = ['farmer_income_usd_month', 'firma_profit_usd'];
/** Metrics bounded to 0..1. */
export const SHARES: readonly MetricName[] = ['association_share', 'trust_in_state', 'armed_control', 'corruption_index', 'state_presence'];
