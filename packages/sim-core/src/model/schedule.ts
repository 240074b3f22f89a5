/**
 * One month of the model, as ordered phases (DESIGN §5). The order is the model: the state moves
 * first (a Stackelberg leader), farmers act on last month's prices and beliefs, markets clear,
 * firmas ship, armed groups collect and fight, the state eradicates and delivers, beliefs
 * update, and the export price moves last, so every phase reads what the phase before it left.
 */
import type { World, Firma } from './world.ts';
import { type FarmOutlook, farmPass, householdIncome } from './farmers/farmers.ts';
import { perceivedRiskYear, updateBeliefs } from './farmers/beliefs.ts';
import { harvest } from './farmers/harvest.ts';
import { presentFirmas, clearLeafMarkets } from './markets/leafMarket.ts';
import { firmasMonth, planPurchases } from './firmas/firmas.ts';
import { armedGroupsMonth, updateGrievance } from './armed/armedGroups.ts';
import { eradicate } from './state/eradication.ts';
import { adOutlook, deliverAd, assistanceGain } from './state/alternativeDevelopment.ts';
import { licitMargin, licitRevenueMonth } from './farmers/licitCrops.ts';
import { updateCorruption } from './state/corruption.ts';
import { violenceMonth } from './armed/violence.ts';
import { updateExportPrice } from './markets/exportMarket.ts';
import { setPolicies } from './state/state.ts';
import { associationShare, updateFederations } from './farmers/associations.ts';
import { governanceTerms } from './armed/governance.ts';
import { closeBudgets } from './state/budget.ts';
import { updatePresence } from './state/presence.ts';

/** Scratch space a tick reuses (derived each month, never state). */
export interface TickScratch {
  outlook: FarmOutlook;
  assistance: Float64Array;
  /** The firmas present in each region this month (presentFirmas refills it). */
  present: Firma[][];
}

/** Monthly flow columns reset at the start of a month. */
const FLOWS = [
  'cocaineKg', 'seizedKg', 'firmaProfit', 'protectionPaid', 'protectedKg', 'bribes', 'violence', 'legalSoldKg', 'firmSoldKg', 'spoiledKg', 'leafRevenue',
  'firmaViolence', 'hitmenSuppressed',
] as const;

/** Phase 1 to 7 of a month (events are applied by the caller just before). */
export function stepMonth(world: World, s: TickScratch): void {
  const { regions } = world;
  const nR = world.regionIds.length;
  for (const k of FLOWS) regions[k].fill(0);

  // 1. the state sets this month's allocations
  setPolicies(world);

  // 2. farmers decide on what they expect
  const o = s.outlook;
  for (let r = 0; r < nR; r++) {
    const reg = world.scenario.regions[world.regionIds[r]];
    o.riskYear[r] = perceivedRiskYear(world, r);
    o.cocaRevenue[r] = regions.priceExpect[r] * regions.sellExpect[r] * reg.cocaYieldKgHaYear;
    s.assistance[r] = assistanceGain(world, r);
    o.licitMargin[r] = licitMargin(world, r, s.assistance[r]);
    o.assocShare[r] = associationShare(regions, r);
  }
  adOutlook(world, o);
  governanceTerms(world, o.riskYear, o.cocaRevenue, o.assocShare, o.governance);
  farmPass(world, o);

  // 3. harvest; the leaf market clears in every region
  harvest(world, o.riskYear);
  planPurchases(world);
  const present = presentFirmas(world, s.present);
  clearLeafMarkets(world, present);

  // 4. firmas process, buy protection, ship; interdiction resolves
  firmasMonth(world);

  // 5. armed groups collect, pay, recruit, fight
  armedGroupsMonth(world);
  updateFederations(world);

  // 6. the state eradicates and delivers AD, accounts for its spending and its presence; corruption and beliefs update
  eradicate(world);
  deliverAd(world);
  closeBudgets(world);
  updatePresence(world);
  updateCorruption(world);
  for (let r = 0; r < nR; r++) {
    regions.income[r] = householdIncome(world, r, licitRevenueMonth(world, r, s.assistance[r]), regions.adPaidToFarmers[r]);
    regions.cocaYearSum[r] = (11 / 12) * regions.cocaYearSum[r] + regions.cocaHa[r] / 12;
  }
  updateGrievance(world);
  updateBeliefs(world);
  violenceMonth(world, present);

  // 7. the export price moves
  updateExportPrice(world);
}
