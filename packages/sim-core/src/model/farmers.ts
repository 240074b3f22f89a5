/**
 * Coca farmers: the crop decision and the monthly farm pass over the farmer columns.
 *
 * Every `decisionEveryMonths` (a harvest cycle; decisions are staggered by each household's
 * phase) a household compares expected net income per hectare of coca and of licit crops, and
 * sets a target coca share of its land by a logit on the difference minus its moral cost
 * (Ibáñez & Martinsson 2013 types; Ibáñez & Carlsson 2010: choice is inelastic to risk). It moves
 * toward the target slowly (labour limits planting; uprooting is slow), replants eradicated
 * coca first when coca still pays (calibration §3 fact 3), may move coca to a frontier
 * neighbour under high eradication risk (displacement.ts), joins an association by a threshold
 * rule (associations.ts) and enrols in alternative development where it is offered
 * (alternativeDevelopment.ts sets the terms).
 *
 * The pass is one loop over typed arrays; it allocates nothing and reads regional quantities
 * precomputed once a month in `FarmOutlook`.
 */
import type { World } from './world.ts';
import { ownRiskBoost } from './beliefs.ts';
import { displaceCoca } from './displacement.ts';
import { joinsAssociation, capCoca } from './associations.ts';

/** Regional quantities a household's decision reads, computed once a month. */
export interface FarmOutlook {
  /** Perceived annual eradication risk. */
  riskYear: Float64Array;
  /** Expected leaf revenue of a mature hectare at zero risk, net of nothing (USD/ha/year). */
  cocaRevenue: Float64Array;
  /** Licit net margin per hectare, with market access and technical assistance (USD/ha/year). */
  licitMargin: Float64Array;
  /** AD subsidy a household can count on per hectare and year (subsidy × trust), 0 where none is offered. */
  adValue: Float64Array;
  /** Whether new enrolment is open (budget room) in the region. */
  adOpen: Uint8Array;
  /** Extra licit margin an enrolled household gets from delivered technical assistance (USD/ha/year). */
  adAssist: Float64Array;
  /** Whether the programme was announced within the last year (growers expand to qualify). */
  adAnnounced: Uint8Array;
  /** Association share last month. */
  assocShare: Float64Array;
}

export function createOutlook(nRegions: number): FarmOutlook {
  return {
    riskYear: new Float64Array(nRegions),
    cocaRevenue: new Float64Array(nRegions),
    licitMargin: new Float64Array(nRegions),
    adValue: new Float64Array(nRegions),
    adOpen: new Uint8Array(nRegions),
    adAssist: new Float64Array(nRegions),
    adAnnounced: new Uint8Array(nRegions),
    assocShare: new Float64Array(nRegions),
  };
}

const logistic = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Crop decisions for the households whose turn it is, then aging of young crops and the
 * regional aggregates (hectares, members, enrolment) for the rest of the tick.
 */
export function farmPass(world: World, o: FarmOutlook): void {
  const f = world.farmers;
  const { regions, scenario, tick } = world;
  const fp = scenario.farmers;
  const every = fp.decisionEveryMonths;
  const phaseNow = ((tick % every) + every) % every; // ticks are negative during the warm-up
  const cocaAge = 1 / fp.cocaMaturityMonths;
  const licitAge = 1 / fp.licitMaturityMonths;
  const scale = fp.responsivenessUsdHa;
  const adjust = fp.adjustmentRate;
  const replantRate = fp.replantRate;
  const intens = fp.intensification;
  const clearing = fp.clearingCostUsdHa / 3;
  const memory = fp.riskMemory;
  const rand = world.streams.farmers;
  const nR = world.regionIds.length;

  for (let r = 0; r < nR; r++) {
    const reg = scenario.regions[world.regionIds[r]];
    const riskR = o.riskYear[r];
    const cocaRevenue = o.cocaRevenue[r];
    const cocaCost = reg.cocaCostUsdHaYear;
    const licitMargin = o.licitMargin[r];
    const adValue = o.adValue[r];
    const adOpen = o.adOpen[r] === 1;
    const anticipation = adOpen && o.adAnnounced[r] === 1 ? adValue * (scenario.states[reg.country]?.alternativeDevelopment.anticipation ?? 0) : 0;
    const adAssist = o.adAssist[r];
    const assoc = reg.association;
    const assocShare = o.assocShare[r];
    const hasNeighbours = world.neighbours[r].length > 0;
    let coca = 0;
    let mature = 0;
    let licit = 0;
    let matureLicit = 0;
    let adHa = 0;
    let adCompliant = 0;
    let members = 0;
    let adRoom = regions.adRoomHa[r];
    const w = regions.weight[r];

    for (let i = regions.start[r]; i < regions.end[r]; i++) {
      if (f.phase[i] === phaseNow) {
        // --- the household's decision ---
        const risk = Math.min(0.95, riskR + ownRiskBoost(tick - f.hitTick[i], memory));
        const cocaMargin = cocaRevenue * (1 + intens * risk) * (1 - risk) - cocaCost;
        const enrolled = f.adMonths[i] > 0;
        const cocaNow = f.cocaYoung[i] + f.cocaMature[i];
        const net = cocaMargin - licitMargin - f.moral[i];
        let target: number;
        if (enrolled) {
          // Coca on the farm forfeits the payment: comply (no coca) while the promise is worth more.
          target = net - adAssist > adValue ? logistic(net / scale) * f.land[i] : 0;
        } else if (adOpen && cocaNow > 0 && net - adAssist < adValue && adRoom > 0) {
          // Enrol: what is substituted is the coca held now (eligibility as programmes pay it).
          const ha = Math.min(cocaNow, adRoom / w);
          f.adHa[i] = ha;
          f.adMonths[i] = Math.round((scenario.states[reg.country]?.alternativeDevelopment.years ?? 0) * 12);
          adRoom -= ha * w;
          target = 0;
        } else {
          target = logistic((net + anticipation) / scale) * f.land[i];
        }
        if (assoc.capHaPerMember > 0) {
          if (f.member[i] === 0 && joinsAssociation(f.threshold[i], assocShare)) f.member[i] = 1;
          if (f.member[i] === 1) target = capCoca(target, assoc.capHaPerMember, assoc.enforcement);
        } else if (f.member[i] === 0 && joinsAssociation(f.threshold[i], assocShare)) f.member[i] = 1;

        if (target > cocaNow) {
          // Replanting eradicated land is quicker than clearing new land (the roots, terraces and
          // know-how are there), but no household plants past its target.
          const gap = target - cocaNow;
          let plant = Math.min(gap, adjust * gap + (cocaMargin > licitMargin ? replantRate * f.fallow[i] : 0));
          if (f.fallow[i] > 0) {
            const re = Math.min(f.fallow[i], plant);
            f.fallow[i] -= re;
            f.cocaYoung[i] += re;
            plant -= re;
          }
          if (plant > 0) {
            const free = Math.max(0, f.land[i] - cocaNow - f.licitYoung[i] - f.licitMature[i] - f.fallow[i]);
            let take = Math.min(plant, free);
            f.cocaYoung[i] += take;
            plant -= take;
            // Then convert licit plots, young ones first.
            take = Math.min(plant, f.licitYoung[i]);
            f.licitYoung[i] -= take;
            f.cocaYoung[i] += take;
            plant -= take;
            // Bearing cacao or coffee goes only when coca beats it by more than the clearing
            // cost spread over three years: the plantation is a sunk investment.
            if (net > clearing) {
              take = Math.min(plant, f.licitMature[i]);
              f.licitMature[i] -= take;
              f.cocaYoung[i] += take;
            }
          }
        } else if (target < cocaNow) {
          let up = enrolled || f.adMonths[i] > 0 ? cocaNow - target : adjust * (cocaNow - target);
          const y = Math.min(up, f.cocaYoung[i]);
          f.cocaYoung[i] -= y;
          up -= y;
          f.cocaMature[i] -= Math.min(up, f.cocaMature[i]);
          if (f.cocaMature[i] < 1e-6) f.cocaMature[i] = 0;
        }
        // Fallow that is not replanted returns to the farm's free land.
        if (f.fallow[i] > 0 && cocaMargin <= licitMargin) f.fallow[i] = 0;
        // Free land goes to licit crops when they pay.
        if (licitMargin > 0) {
          const free = f.land[i] - f.cocaYoung[i] - f.cocaMature[i] - f.licitYoung[i] - f.licitMature[i] - f.fallow[i];
          if (free > 1e-6) f.licitYoung[i] += (enrolled ? 1 : adjust) * free;
        }
        if (hasNeighbours && risk > fp.displacement.riskThreshold && f.cocaMature[i] > 0) {
          displaceCoca(world, i, r, risk, rand);
        }
      }
      // --- aging: young crops mature at a constant hazard (mean lag = maturity months) ---
      const cy = f.cocaYoung[i] * cocaAge;
      f.cocaYoung[i] -= cy;
      f.cocaMature[i] += cy;
      const ly = f.licitYoung[i] * licitAge;
      f.licitYoung[i] -= ly;
      f.licitMature[i] += ly;
      if (f.adMonths[i] > 0) {
        f.adMonths[i]--;
        adHa += f.adHa[i];
        if (f.cocaYoung[i] + f.cocaMature[i] <= 0.1 * f.adHa[i] + 1e-3) adCompliant += f.adHa[i];
        if (f.adMonths[i] === 0) f.adHa[i] = 0;
      }
      coca += f.cocaYoung[i] + f.cocaMature[i];
      mature += f.cocaMature[i];
      licit += f.licitYoung[i] + f.licitMature[i];
      matureLicit += f.licitMature[i];
      members += f.member[i];
    }
    regions.adRoomHa[r] = adRoom;
    regions.cocaHa[r] = coca * w;
    regions.matureCocaHa[r] = mature * w;
    regions.licitHa[r] = licit * w;
    regions.matureLicitHa[r] = matureLicit * w;
    regions.adHa[r] = adHa * w;
    regions.adCompliantHa[r] = adCompliant * w;
    regions.members[r] = members;
  }
}

/**
 * Mean net income of a region's households this month (USD): leaf sales, licit sales and AD
 * payments delivered, less the cash costs of both crops.
 */
export function householdIncome(world: World, r: number, licitRevenue: number, adPayments: number): number {
  const { regions } = world;
  const reg = world.scenario.regions[world.regionIds[r]];
  if (regions.households[r] <= 0) return 0;
  // Young licit plots cost little until they bear; their labour is the household's own.
  const costs = (regions.cocaHa[r] * reg.cocaCostUsdHaYear + regions.matureLicitHa[r] * reg.licitCostUsdHaYear) / 12;
  return (regions.leafRevenue[r] + licitRevenue + adPayments - costs) / regions.households[r];
}
