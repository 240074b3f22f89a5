/**
 * Alternative development (AD): the state offers, in chosen regions, a payment per hectare of
 * coca substituted for a number of years, technical assistance, and roads and buyers (market
 * access). Only `deliveryRate` of what is promised reaches farmers, less what corruption takes
 * (calibration §2.7: the VRAEM delivered 0 of 5,000 ha in 2014; San Martín's delivered programme
 * converted). Farmers weigh the promise by their trust, a belief updated from delivery
 * (beliefs.ts) — the commitment problem (Kydland & Prescott 1977). Eligibility is the coca a
 * household holds when it enrols, as programmes pay per hectare substituted, so an announced
 * programme can raise coca before enrolment (Mejía, Prem & Vargas 2023); nothing here prevents it.
 */
import type { World } from '../world.ts';
import type { FarmOutlook } from '../farmers/farmers.ts';
import { betaMean } from '../world.ts';

/** `adStart` of a region where AD was never offered. */
export const NEVER = -1e9;

/** Months after a programme's announcement during which growers expand coca to qualify. */
export const ANNOUNCEMENT_MONTHS = 12;

/** Whether AD is offered in region r this month. */
export function adOffered(world: World, r: number): boolean {
  const reg = world.scenario.regions[world.regionIds[r]];
  const ad = world.scenario.states[reg.country]?.alternativeDevelopment;
  if (!ad || !ad.enabled) return false;
  return ad.regions.length === 0 || ad.regions.includes(world.regionIds[r]);
}

/** The programme's yearly budget including foreign aid for development (USD). */
function budgetOf(world: World, r: number): number {
  const sp = world.scenario.states[world.scenario.regions[world.regionIds[r]].country]!;
  return sp.alternativeDevelopment.budgetUsdPerYear + sp.foreignAid.usdPerYear * (1 - sp.foreignAid.interdictionShare);
}

/** Share of a country's AD budget that goes to region r (by its coca among offered regions). */
function regionWeight(world: World, r: number): number {
  const c = world.regions.country[r];
  let total = 0;
  let count = 0;
  for (let k = 0; k < world.regionIds.length; k++) {
    if (world.regions.country[k] !== c || !adOffered(world, k)) continue;
    total += world.regions.cocaHa[k];
    count++;
  }
  if (count === 0) return 0;
  return total > 0 ? world.regions.cocaHa[r] / total : 1 / count;
}

/** Terms farmers see this month: the value of the promise and the room left to enrol. */
export function adOutlook(world: World, o: FarmOutlook): void {
  const { regions } = world;
  for (let r = 0; r < world.regionIds.length; r++) {
    if (!adOffered(world, r)) {
      o.adValue[r] = 0;
      o.adOpen[r] = 0;
      o.adAssist[r] = 0;
      o.adAnnounced[r] = 0;
      regions.adRoomHa[r] = 0;
      continue;
    }
    if (regions.adStart[r] === NEVER) regions.adStart[r] = world.tick;
    o.adAnnounced[r] = world.tick - regions.adStart[r] < ANNOUNCEMENT_MONTHS ? 1 : 0;
    const reg = world.scenario.regions[world.regionIds[r]];
    const sp = world.scenario.states[reg.country]!;
    const ad = sp.alternativeDevelopment;
    const trust = betaMean(regions.trustA[r], regions.trustB[r]);
    o.adValue[r] = ad.subsidyUsdPerHaYear * trust;
    const fundable = ad.subsidyUsdPerHaYear > 0 ? (budgetOf(world, r) * (1 - ad.infrastructureShare)) / ad.subsidyUsdPerHaYear : 0;
    // Enrolment is itself part of what is delivered: a programme whose staff, contracts and
    // money do not arrive signs nobody up (VRAEM 2014: 0 of 5,000 ha, calibration §2.7).
    const reach = ad.deliveryRate * (1 - sp.corruption.erosion * regions.corruption[r]);
    regions.adRoomHa[r] = Math.max(0, fundable * reach * regionWeight(world, r) - regions.adHa[r]);
    o.adOpen[r] = regions.adRoomHa[r] > 0 ? 1 : 0;
    // Assistance raises an enrolled household's licit yield, as far as it is delivered (and believed).
    o.adAssist[r] = ad.technicalAssistance * trust * reg.licitPriceUsdKg * reg.licitYieldKgHaYear * regions.marketAccess[r];
  }
}

/** Technical-assistance yield gain licit growers in region r get from delivered AD. */
export function assistanceGain(world: World, r: number): number {
  const reg = world.scenario.regions[world.regionIds[r]];
  const ad = world.scenario.states[reg.country]?.alternativeDevelopment;
  if (!ad || !adOffered(world, r) || world.regions.licitHa[r] <= 0) return 0;
  const delivered = world.regions.adPromised[r] > 0 ? world.regions.adDelivered[r] / world.regions.adPromised[r] : 0;
  return ad.technicalAssistance * delivered * Math.min(1, world.regions.adHa[r] / world.regions.licitHa[r]);
}

/**
 * Promise and deliver this month's AD: payments to compliant enrolled hectares and the
 * infrastructure share of the budget; delivered infrastructure raises market access.
 */
export function deliverAd(world: World): void {
  const { regions } = world;
  for (let r = 0; r < world.regionIds.length; r++) {
    regions.adPromised[r] = 0;
    regions.adDelivered[r] = 0;
    regions.adPaidToFarmers[r] = 0;
    if (!adOffered(world, r)) continue;
    const sp = world.scenario.states[world.scenario.regions[world.regionIds[r]].country]!;
    const ad = sp.alternativeDevelopment;
    const payments = (regions.adCompliantHa[r] * ad.subsidyUsdPerHaYear) / 12;
    const infra = (budgetOf(world, r) * ad.infrastructureShare * regionWeight(world, r)) / 12;
    const promised = payments + infra;
    const reach = ad.deliveryRate * (1 - sp.corruption.erosion * regions.corruption[r]);
    regions.adPromised[r] = promised;
    regions.adDelivered[r] = promised * reach;
    regions.adPaidToFarmers[r] = payments * reach;
    regions.marketAccess[r] = Math.min(1, regions.marketAccess[r] + (0.01 * infra * reach) / ad.usdPerAccessPoint);
  }
}
