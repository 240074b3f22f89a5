/**
 * Alternative development (AD) as programmes. A programme belongs to one state and offers, in its
 * regions, a payment per hectare of coca substituted for a number of years, technical assistance,
 * and roads and buyers (market access). Each has its own budget (funded by the state's budget,
 * budget.ts), terms, announcement date and delivery; many may run at once, in different regions
 * or in the same one (a household enrols in the best open offer). A country's standing programme
 * is `states.<c>.alternativeDevelopment`; further ones are `states.<c>.programmes.<id>`.
 *
 * Only `deliveryRate` of what is promised reaches farmers, less what corruption takes
 * (calibration §2.7: the VRAEM delivered 0 of 5,000 ha in 2014; San Martín's delivered programme
 * converted); where the state is absent, delivering costs more (presence.ts). Farmers weigh the
 * promise by their trust, a belief updated from delivery (beliefs.ts) — the commitment problem
 * (Kydland & Prescott 1977). Where eligibility is the coca a household holds when it enrols, an
 * announcement makes growers plant to qualify from the day it is made, whether or not the
 * programme then delivers (Mejía, Prem & Vargas 2023; Colombia's PNIS). Delivered AD converts
 * coca durably only where licit output reaches a market (Bosker & de Vries Robbé): once support
 * ends the household keeps the licit crops only if they pay (farmers.ts, licitCrops.ts).
 */
import type { World, Programme } from '../world.ts';
import type { FarmOutlook } from '../farmers/farmers.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { COUNTRIES } from '../../scenario/schema.ts';
import { betaMean } from '../world.ts';
import { tickOf } from '../../engine/calendar.ts';
import { absenceFactor } from './presence.ts';

/** `announcedTick` of a programme never announced. */
export const NEVER = -1e9;

/** Months after a programme's announcement during which growers expand coca to qualify (at least). */
export const ANNOUNCEMENT_MONTHS = 12;

/** Every state's programmes: its standing programme, then its named ones in file order. */
export function createProgrammes(scenario: Scenario, nRegions: number): Programme[] {
  const out: Programme[] = [];
  for (const c of COUNTRIES) {
    const sp = scenario.states[c];
    if (!sp) continue;
    for (const key of ['', ...Object.keys(sp.programmes)]) {
      out.push({
        country: c,
        key,
        announcedTick: NEVER,
        offered: false,
        budgetUsdYear: 0,
        roomHa: new Float64Array(nRegions),
        enrolledHa: new Float64Array(nRegions),
        compliantHa: new Float64Array(nRegions),
        promised: new Float64Array(nRegions),
        delivered: new Float64Array(nRegions),
        paid: new Float64Array(nRegions),
      });
    }
  }
  if (out.length > 255) throw new Error(`at most 255 AD programmes can run in one world (${out.length} given)`);
  return out;
}

/** A programme's terms as the scenario holds them this month. */
export function programmeTerms(world: World, pr: Programme) {
  const sp = world.scenario.states[pr.country];
  if (!sp) return undefined;
  return pr.key === '' ? sp.alternativeDevelopment : sp.programmes[pr.key];
}

/** Whether programme `pr` covers region r (its regions, or every region of its country if none are listed). */
function covers(world: World, pr: Programme, r: number): boolean {
  const terms = programmeTerms(world, pr)!;
  const id = world.regionIds[r];
  if (world.scenario.regions[id].country !== pr.country) return false;
  return terms.regions.length === 0 || terms.regions.includes(id);
}

/** Whether AD is offered in region r this month, by any programme. */
export function adOffered(world: World, r: number): boolean {
  for (const pr of world.programmes) if (pr.offered && covers(world, pr, r)) return true;
  return false;
}

/** Event hook: a programme enabled again is announced anew (growers plant to qualify again). */
export function reannounce(world: World, country: string, key: string): void {
  for (const pr of world.programmes) if (pr.country === country && pr.key === key) pr.offered = false;
}

/**
 * Phase 1: which programmes are offered this month; the first month a programme is offered is
 * its announcement.
 */
export function announceProgrammes(world: World): void {
  for (const pr of world.programmes) {
    const terms = programmeTerms(world, pr);
    const due = !!terms && terms.enabled && (terms.announced === undefined || world.tick >= tickOf(world.scenario.start, terms.announced));
    if (due && !pr.offered) pr.announcedTick = world.tick;
    pr.offered = due;
  }
}

/** Share of programme `pr`'s money that goes to region r: by coca among the regions it covers. */
function regionWeight(world: World, pr: Programme, r: number): number {
  let total = 0;
  let count = 0;
  for (let k = 0; k < world.regionIds.length; k++) {
    if (!covers(world, pr, k)) continue;
    total += world.regions.cocaHa[k];
    count++;
  }
  if (count === 0) return 0;
  return total > 0 ? world.regions.cocaHa[r] / total : 1 / count;
}

/** Share of what programme `pr` promises in region r that reaches farmers. */
function reachOf(world: World, pr: Programme, r: number): number {
  const sp = world.scenario.states[pr.country]!;
  return programmeTerms(world, pr)!.deliveryRate * (1 - sp.corruption.erosion * world.regions.corruption[r]);
}

/**
 * Terms farmers see this month, by region: the best open offer (its value, its programme, the
 * room left to enrol), the technical assistance it brings, and the pull of announced
 * programmes that pay for coca held (growers plant to qualify).
 */
export function adOutlook(world: World, o: FarmOutlook): void {
  const { regions } = world;
  const nP = world.programmes.length;
  if (o.programmeValue.length !== world.regionIds.length * nP) o.programmeValue = new Float64Array(world.regionIds.length * nP);
  for (let r = 0; r < world.regionIds.length; r++) {
    o.adValue[r] = 0;
    o.adOpen[r] = 0;
    o.adAssist[r] = 0;
    o.adAnticipation[r] = 0;
    o.adProgramme[r] = 0;
    o.adMonths[r] = 0;
    const trust = betaMean(regions.trustA[r], regions.trustB[r]);
    const reg = world.scenario.regions[world.regionIds[r]];
    let best = -1;
    for (let p = 0; p < world.programmes.length; p++) {
      const pr = world.programmes[p];
      pr.roomHa[r] = 0;
      o.programmeValue[r * nP + p] = 0;
      if (!pr.offered || !covers(world, pr, r)) continue;
      const terms = programmeTerms(world, pr)!;
      const sp = world.scenario.states[pr.country]!;
      const value = terms.subsidyUsdPerHaYear * trust;
      o.programmeValue[r * nP + p] = value;
      const since = world.tick - pr.announcedTick;
      // Eligibility by coca held: from the announcement until a year into enrolment, an extra
      // hectare held is an extra hectare paid for, weighed by trust.
      if (terms.eligibility === 'coca-held' && since < Math.max(ANNOUNCEMENT_MONTHS, terms.enrolmentLagMonths + ANNOUNCEMENT_MONTHS)) {
        o.adAnticipation[r] = Math.max(o.adAnticipation[r], value * terms.anticipation);
      }
      if (since < terms.enrolmentLagMonths || terms.subsidyUsdPerHaYear <= 0) continue;
      // Enrolment is itself part of what is delivered: a programme whose staff, contracts and
      // money do not arrive signs nobody up (VRAEM 2014: 0 of 5,000 ha, calibration §2.7).
      const perHa = terms.subsidyUsdPerHaYear * absenceFactor(world, sp, r);
      const fundable = (pr.budgetUsdYear * (1 - terms.infrastructureShare)) / perHa;
      pr.roomHa[r] = Math.max(0, fundable * reachOf(world, pr, r) * regionWeight(world, pr, r) - pr.enrolledHa[r]);
      if (pr.roomHa[r] > 0 && value > best) {
        best = value;
        o.adValue[r] = value;
        o.adOpen[r] = 1;
        o.adProgramme[r] = p;
        o.adMonths[r] = Math.round(terms.years * 12);
        // Assistance raises an enrolled household's licit yield, as far as it is delivered (and believed).
        o.adAssist[r] = terms.technicalAssistance * trust * reg.licitPriceUsdKg * reg.licitYieldKgHaYear * regions.marketAccess[r];
      }
    }
  }
}

/** Technical-assistance yield gain licit growers in region r get from delivered AD (every programme's enrolled share). */
export function assistanceGain(world: World, r: number): number {
  const licit = world.regions.licitHa[r];
  if (licit <= 0) return 0;
  let gain = 0;
  for (const pr of world.programmes) {
    if (pr.enrolledHa[r] <= 0 || pr.promised[r] <= 0) continue;
    const terms = programmeTerms(world, pr)!;
    gain += terms.technicalAssistance * (pr.delivered[r] / pr.promised[r]) * Math.min(1, pr.enrolledHa[r] / licit);
  }
  return gain;
}

/**
 * Phase 6: every programme promises and delivers this month's AD — payments to its compliant
 * enrolled hectares (at most its money for the region) and its infrastructure share; delivered
 * infrastructure raises market access. The region's totals are the programmes' sums.
 */
export function deliverAd(world: World): void {
  const { regions } = world;
  regions.adPromised.fill(0);
  regions.adDelivered.fill(0);
  regions.adPaidToFarmers.fill(0);
  for (const pr of world.programmes) {
    pr.promised.fill(0);
    pr.delivered.fill(0);
    pr.paid.fill(0);
    if (!pr.offered) continue;
    const terms = programmeTerms(world, pr)!;
    const sp = world.scenario.states[pr.country]!;
    for (let r = 0; r < world.regionIds.length; r++) {
      if (!covers(world, pr, r)) continue;
      const money = (pr.budgetUsdYear * regionWeight(world, pr, r)) / 12;
      const overhead = absenceFactor(world, sp, r);
      const payments = Math.min((pr.compliantHa[r] * terms.subsidyUsdPerHaYear) / 12, (money * (1 - terms.infrastructureShare)) / overhead);
      const infra = money * terms.infrastructureShare;
      const promised = payments * overhead + infra;
      const reach = reachOf(world, pr, r);
      pr.promised[r] = promised;
      pr.delivered[r] = promised * reach;
      pr.paid[r] = payments * reach;
      regions.adPromised[r] += promised;
      regions.adDelivered[r] += promised * reach;
      regions.adPaidToFarmers[r] += payments * reach;
      regions.marketAccess[r] = Math.min(1, regions.marketAccess[r] + (0.01 * infra * reach) / terms.usdPerAccessPoint);
    }
  }
}
