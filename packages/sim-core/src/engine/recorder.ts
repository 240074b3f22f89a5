/**
 * The recorder: after every month, the contract metrics per region, then per country and for
 * ALL, aggregated as engine/metrics.ts says (sums for quantities, weighted means for prices and
 * shares, recounts for distinct firmas). It writes straight into the run's result buffer.
 */
import type { World } from '../model/world.ts';
import { COUNTRIES } from '../scenario/schema.ts';
import { METRICS, M, AGGREGATION } from './metrics.ts';
import { betaMean } from '../model/world.ts';
import { armedControl, stationedShare } from '../model/territory.ts';
import { associationShare } from '../model/associations.ts';

const NM = METRICS.length;

/** Row ids of a world's results: regions, then countries, then ALL. */
export function rowIds(world: World): string[] {
  return [...world.regionIds, ...COUNTRIES, 'ALL'];
}

const WEIGHTS = METRICS.map((m) => {
  const a = AGGREGATION[m];
  return typeof a === 'object' ? M[a.weight] : -1;
});
const KIND = METRICS.map((m) => {
  const a = AGGREGATION[m];
  return a === 'sum' ? 0 : a === 'distinct' ? 2 : 1;
});

/** Record month `tick` into `data` (the layout of RunResult.data). */
export function record(world: World, data: Float64Array, tick: number): void {
  const { regions, market } = world;
  const nR = world.regionIds.length;
  const nRows = nR + COUNTRIES.length + 1;
  const base = tick * nRows * NM;
  for (let r = 0; r < nR; r++) {
    const o = base + r * NM;
    let fighters = 0;
    let funds = 0;
    for (const g of world.groups) {
      const s = stationedShare(g, r);
      fighters += g.fighters * s;
      funds += g.funds * s;
    }
    let firmas = 0;
    for (const f of world.firmas) if (f.alive && f.regions.includes(r)) firmas++;
    data[o + M.households] = regions.households[r];
    data[o + M.coca_ha] = regions.cocaHa[r];
    data[o + M.licit_ha] = regions.licitHa[r];
    data[o + M.ad_enrolled_ha] = regions.adHa[r];
    data[o + M.eradicated_ha] = regions.eradicatedHa[r];
    data[o + M.leaf_price_usd_kg] = regions.leafPrice[r];
    data[o + M.leaf_output_t] = regions.harvestKg[r] / 1000;
    data[o + M.cocaine_output_t] = regions.cocaineKg[r] / 1000;
    data[o + M.seized_t] = regions.seizedKg[r] / 1000;
    data[o + M.export_price_usd_kg] = market.price;
    data[o + M.farmer_income_usd_month] = regions.income[r];
    data[o + M.association_share] = associationShare(regions, r);
    data[o + M.trust_in_state] = betaMean(regions.trustA[r], regions.trustB[r]);
    data[o + M.firmas_active] = firmas;
    data[o + M.firma_profit_usd] = regions.firmaProfit[r];
    data[o + M.protection_paid_usd] = regions.protectionPaid[r];
    data[o + M.armed_fighters] = fighters;
    data[o + M.armed_funds_usd] = funds;
    data[o + M.armed_control] = armedControl(world, r);
    data[o + M.violence_events] = regions.violence[r];
    data[o + M.corruption_index] = regions.corruption[r];
    data[o + M.ad_promised_usd] = regions.adPromised[r];
    data[o + M.ad_delivered_usd] = regions.adDelivered[r];
    data[o + M.state_budget_usd] = regions.stateBudgetUsd[r];
    data[o + M.state_spending_usd] = regions.stateSpendUsd[r];
    data[o + M.state_presence] = regions.presence[r];
  }
  // Aggregates: each country, then ALL.
  for (let a = 0; a <= COUNTRIES.length; a++) {
    const o = base + (nR + a) * NM;
    const inAgg = (r: number) => a === COUNTRIES.length || regions.country[r] === a;
    for (let m = 0; m < NM; m++) {
      if (KIND[m] === 0) {
        let s = 0;
        for (let r = 0; r < nR; r++) if (inAgg(r)) s += data[base + r * NM + m];
        data[o + m] = s;
      } else if (KIND[m] === 1) {
        let s = 0;
        let w = 0;
        let plain = 0;
        let count = 0;
        for (let r = 0; r < nR; r++) {
          if (!inAgg(r)) continue;
          const wt = data[base + r * NM + WEIGHTS[m]];
          s += wt * data[base + r * NM + m];
          w += wt;
          plain += data[base + r * NM + m];
          count++;
        }
        // With no weight at all (no leaf, no households), fall back to the plain mean.
        data[o + m] = w > 0 ? s / w : count > 0 ? plain / count : 0;
      } else {
        let n = 0;
        for (const f of world.firmas) if (f.alive && f.regions.some(inAgg)) n++;
        data[o + m] = n;
      }
    }
  }
}
