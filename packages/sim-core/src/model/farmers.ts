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
import { ownRiskBoost, ownRiskTable, OWN_MEMORY_MONTHS } from './beliefs.ts';
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
  /** Extra risk of a household's own eradication by months since (beliefs.ts). */
  ownRisk: Float64Array;
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
    ownRisk: new Float64Array(OWN_MEMORY_MONTHS + 1),
  };
}

const logistic = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Crop decisions for the households whose turn it is, then aging of young crops and the
 * regional aggregates (hectares, members, enrolment) for the rest of the tick.
 */
export function farmPass(world: World, o: FarmOutlook): void {
  const f = world.farmers;
  // Columns as locals: the loop below is the hottest code in the model.
  const { cocaYoung, cocaMature, licitYoung, licitMature, fallow, adHa: enrolledHa, adMonths, moral, hitTick, threshold, member, phase, land } = f;
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
  const ownRisk = ownRiskTable(fp.riskMemory, o.ownRisk);
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
      if (phase[i] === phaseNow) {
        // --- the household's decision ---
        const risk = Math.min(0.95, riskR + ownRiskBoost(ownRisk, tick - hitTick[i]));
        const cocaMargin = cocaRevenue * (1 + intens * risk) * (1 - risk) - cocaCost;
        const enrolled = adMonths[i] > 0;
        const cocaNow = cocaYoung[i] + cocaMature[i];
        const net = cocaMargin - licitMargin - moral[i];
        let target: number;
        if (enrolled) {
          // Coca on the farm forfeits the payment: comply (no coca) while the promise is worth more.
          target = net - adAssist > adValue ? logistic(net / scale) * land[i] : 0;
        } else if (adOpen && cocaNow > 0 && net - adAssist < adValue && adRoom > 0) {
          // Enrol: what is substituted is the coca held now (eligibility as programmes pay it).
          const ha = Math.min(cocaNow, adRoom / w);
          enrolledHa[i] = ha;
          adMonths[i] = Math.round((scenario.states[reg.country]?.alternativeDevelopment.years ?? 0) * 12);
          adRoom -= ha * w;
          target = 0;
        } else {
          target = logistic((net + anticipation) / scale) * land[i];
        }
        if (assoc.capHaPerMember > 0) {
          if (member[i] === 0 && joinsAssociation(threshold[i], assocShare)) member[i] = 1;
          if (member[i] === 1) target = capCoca(target, assoc.capHaPerMember, assoc.enforcement);
        } else if (member[i] === 0 && joinsAssociation(threshold[i], assocShare)) member[i] = 1;

        if (target > cocaNow) {
          // Replanting eradicated land is quicker than clearing new land (the roots, terraces and
          // know-how are there), but no household plants past its target.
          const gap = target - cocaNow;
          let plant = Math.min(gap, adjust * gap + (cocaMargin > licitMargin ? replantRate * fallow[i] : 0));
          if (fallow[i] > 0) {
            const re = Math.min(fallow[i], plant);
            fallow[i] -= re;
            cocaYoung[i] += re;
            plant -= re;
          }
          if (plant > 0) {
            const free = Math.max(0, land[i] - cocaNow - licitYoung[i] - licitMature[i] - fallow[i]);
            let take = Math.min(plant, free);
            cocaYoung[i] += take;
            plant -= take;
            // Then convert licit plots, young ones first.
            take = Math.min(plant, licitYoung[i]);
            licitYoung[i] -= take;
            cocaYoung[i] += take;
            plant -= take;
            // Bearing cacao or coffee goes only when coca beats it by more than the clearing
            // cost spread over three years: the plantation is a sunk investment.
            if (net > clearing) {
              take = Math.min(plant, licitMature[i]);
              licitMature[i] -= take;
              cocaYoung[i] += take;
            }
          }
        } else if (target < cocaNow) {
          let up = enrolled || adMonths[i] > 0 ? cocaNow - target : adjust * (cocaNow - target);
          const y = Math.min(up, cocaYoung[i]);
          cocaYoung[i] -= y;
          up -= y;
          cocaMature[i] -= Math.min(up, cocaMature[i]);
          if (cocaMature[i] < 1e-6) cocaMature[i] = 0;
        }
        // Fallow that is not replanted returns to the farm's free land.
        if (fallow[i] > 0 && cocaMargin <= licitMargin) fallow[i] = 0;
        // Free land goes to licit crops when they pay.
        if (licitMargin > 0) {
          const free = land[i] - cocaYoung[i] - cocaMature[i] - licitYoung[i] - licitMature[i] - fallow[i];
          if (free > 1e-6) licitYoung[i] += (enrolled ? 1 : adjust) * free;
        }
        if (hasNeighbours && risk > fp.displacement.riskThreshold && cocaMature[i] > 0) {
          displaceCoca(world, o.riskYear, i, r, risk, rand);
        }
      }
      // --- aging: young crops mature at a constant hazard (mean lag = maturity months) ---
      const cy = cocaYoung[i] * cocaAge;
      cocaYoung[i] -= cy;
      cocaMature[i] += cy;
      const ly = licitYoung[i] * licitAge;
      licitYoung[i] -= ly;
      licitMature[i] += ly;
      if (adMonths[i] > 0) {
        adMonths[i]--;
        adHa += enrolledHa[i];
        if (cocaYoung[i] + cocaMature[i] <= 0.1 * enrolledHa[i] + 1e-3) adCompliant += enrolledHa[i];
        if (adMonths[i] === 0) enrolledHa[i] = 0;
      }
      coca += cocaYoung[i] + cocaMature[i];
      mature += cocaMature[i];
      licit += licitYoung[i] + licitMature[i];
      matureLicit += licitMature[i];
      members += member[i];
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
