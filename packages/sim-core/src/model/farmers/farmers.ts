/**
 * Coca farmers: the crop decision and the monthly farm pass over the farmer columns.
 *
 * Every `decisionEveryMonths` (a harvest cycle; decisions are staggered by each household's
 * phase) a household compares expected net income per hectare of coca and of licit crops, and
 * sets a target coca share of its land by a logit on the difference minus its moral cost
 * (Ibáñez & Martinsson 2013 types; Ibáñez & Carlsson 2010: choice is inelastic to risk). It moves
 * toward the target slowly (labour limits planting; uprooting is slow), replants eradicated
 * coca first when coca still pays (calibration §3 fact 3), may move coca to a frontier
 * neighbour under high eradication risk (displacement.ts), joins or leaves an association by a
 * threshold rule (associations.ts), complies with or resists the armed group holding its valley
 * (governance.ts) and enrols in alternative development where it is offered
 * (alternativeDevelopment.ts sets the terms).
 *
 * The pass is one loop over typed arrays; it allocates nothing and reads regional quantities
 * precomputed once a month in `FarmOutlook`.
 */
import type { World, Farmers } from '../world.ts';
import { ownRiskBoost, ownRiskTable, OWN_MEMORY_MONTHS } from './beliefs.ts';
import { displaceCoca, displacementTerms, createDisplacementTerms, type DisplacementTerms } from './displacement.ts';
import { capCoca } from './associations.ts';
import { type GovernanceTerms, createGovernanceTerms, supportsArmedGroup, associationChoice, refusedLeave } from '../armed/governance.ts';
import { localCostFactor } from '../state/exchangeRate.ts';
import { exp } from '../../engine/math.ts';

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
  /** Pull of announced programmes that pay for coca held: the extra value a hectare held may earn (USD/ha/year; growers expand to qualify). */
  adAnticipation: Float64Array;
  /** Programme (index in `World.programmes`) of the best open offer. */
  adProgramme: Uint8Array;
  /** Months of support the best open offer pays. */
  adMonths: Int32Array;
  /** Running sums of a region's enrolled and compliant hectares by programme (2 a programme). */
  programmeSums: Float64Array;
  /**
   * What a hectare enrolled in each programme is worth to its household (subsidy × trust, USD/ha/year),
   * by region then programme: an enrolled household weighs the promise of its own programme,
   * whether or not that programme still has room for new enrolment.
   */
  programmeValue: Float64Array;
  /** Association share last month. */
  assocShare: Float64Array;
  /** The armed group's levy, offer and threats, and the pull toward associations (governance.ts). */
  governance: GovernanceTerms;
  /** The month's and the region's constants a household's decision reads (reused). */
  decision: DecisionContext;
  /** Households by region and decision phase, built on the first pass. */
  deciders: Deciders | null;
  /** Running sums of a region's aging pass. */
  sums: Float64Array;
}

export function createOutlook(nRegions: number): FarmOutlook {
  return {
    riskYear: new Float64Array(nRegions),
    cocaRevenue: new Float64Array(nRegions),
    licitMargin: new Float64Array(nRegions),
    adValue: new Float64Array(nRegions),
    adOpen: new Uint8Array(nRegions),
    adAssist: new Float64Array(nRegions),
    adAnticipation: new Float64Array(nRegions),
    adProgramme: new Uint8Array(nRegions),
    adMonths: new Int32Array(nRegions),
    programmeSums: new Float64Array(0),
    programmeValue: new Float64Array(0),
    assocShare: new Float64Array(nRegions),
    governance: createGovernanceTerms(nRegions),
    decision: new DecisionContext(),
    deciders: null,
    sums: new Float64Array(11),
  };
}

/**
 * What a household's decision reads besides its own columns: the month's constants and its
 * region's, set once a region (one object a world's tick scratch, so the pass allocates nothing).
 * `adRoom` is the one field decisions change: the AD hectares still fundable, consumed in
 * household order.
 */
export class DecisionContext {
  tick = 0;
  scale = 1;
  adjust = 0;
  replantRate = 0;
  intens = 0;
  clearing = 0;
  riskThreshold = 0;
  ownRisk: Float64Array = new Float64Array(OWN_MEMORY_MONTHS + 1);
  riskYear: Float64Array = new Float64Array(0);
  displacement: DisplacementTerms = createDisplacementTerms(0);
  r = 0;
  riskR = 0;
  cocaRevenue = 0;
  cocaCost = 0;
  licitMargin = 0;
  adValue = 0;
  adOpen = false;
  adProgramme = 0;
  /** Programme values of the region (`FarmOutlook.programmeValue`) and where the region's start in it. */
  programmeValue: Float64Array = new Float64Array(0);
  programmeBase = 0;
  anticipation = 0;
  adAssist = 0;
  adMonths = 0;
  capHa = 0;
  enforcement = 0;
  assocShare = 0;
  // governance (governance.ts): the valley's armed group and the pull toward associations
  armedControl = 0;
  shieldHa = 0;
  levyHa = 0;
  punishment = 0;
  aversion = 0;
  associationPull = 0;
  repression = 0;
  leaveGap = 0;
  /** Share of households the armed group's rule keeps from clearing new land for coca (governance.ts, clearingHeld). */
  clearingHeld = 0;
  hasNeighbours = false;
  w = 0;
  adRoom = 0;
}

const logistic = (z: number): number => 1 / (1 + exp(-z));

/**
 * Who decides when: every household's index, grouped by region and decision phase (in index
 * order within a group), so a month's decisions visit only the households whose turn it is.
 * Derived from the `phase` column (fixed at setup), so it lives in the tick's scratch, not in
 * the world, and is rebuilt after a restore.
 */
export interface Deciders {
  index: Int32Array;
  /** Group g = region × cycle + phase holds index[start[g] .. start[g + 1]). */
  start: Int32Array;
}

function buildDeciders(world: World, every: number): Deciders {
  const { phase, n } = world.farmers;
  const { regions } = world;
  const nR = world.regionIds.length;
  const start = new Int32Array(nR * every + 1);
  for (let r = 0; r < nR; r++) for (let i = regions.start[r]; i < regions.end[r]; i++) start[r * every + phase[i] + 1]++;
  for (let g = 0; g < nR * every; g++) start[g + 1] += start[g];
  const fill = start.slice(0, nR * every);
  const index = new Int32Array(n);
  for (let r = 0; r < nR; r++) for (let i = regions.start[r]; i < regions.end[r]; i++) index[fill[r * every + phase[i]]++] = i;
  return { index, start };
}

/** Households a block of the farm pass: decisions, then aging, while the block is in cache. */
const BLOCK = 2048;

/** Running sums of the aging pass of a region, in this order (float64, so exact across calls). */
const S_COCA = 0;
const S_MATURE = 1;
const S_LICIT = 2;
const S_MATURE_LICIT = 3;
const S_AD = 4;
const S_AD_COMPLIANT = 5;
const S_MEMBERS = 6;
const S_SUPPORTERS = 7;
const S_SUPPORTER_COCA = 8;
const S_ORGANISED_RESISTERS = 9;
const S_GROWERS = 10;

/**
 * Crop decisions for the households whose turn it is, then aging of young crops and the
 * regional aggregates (hectares, members, enrolment) for the rest of the tick.
 *
 * Every household is touched every month (aging and the regional sums), only a quarter decide.
 * A region's decisions run first (in household order), then its aging pass: the same as
 * deciding each household just before aging it, because a decision reads and writes only its
 * own household (and the region's AD room, in the same order) — displacement writes to another
 * region. Where a region is its own neighbour, displacement could reach a household already
 * aged, so there decisions and aging interleave in household order. Aging is not advanced in
 * closed form: the sums are of float32 values rounded month by month, in household order, and a
 * closed form would change their last bits (and, through the decisions, the output).
 */
export function farmPass(world: World, o: FarmOutlook): void {
  const f = world.farmers;
  const { regions, scenario, tick } = world;
  const fp = scenario.farmers;
  const every = fp.decisionEveryMonths;
  const phaseNow = ((tick % every) + every) % every; // ticks are negative during the warm-up
  const cocaAge = 1 / fp.cocaMaturityMonths;
  const licitAge = 1 / fp.licitMaturityMonths;
  if (o.deciders === null || o.deciders.index.length !== f.n || o.deciders.start.length !== world.regionIds.length * every + 1) {
    o.deciders = buildDeciders(world, every);
  }
  const { index, start: groupStart } = o.deciders;
  const d = o.decision;
  d.tick = tick;
  d.scale = fp.responsivenessUsdHa;
  d.adjust = fp.adjustmentRate;
  d.replantRate = fp.replantRate;
  d.intens = fp.intensification;
  d.clearing = fp.clearingCostUsdHa / 3;
  d.riskThreshold = fp.displacement.riskThreshold;
  ownRiskTable(fp.riskMemory, d.ownRisk);
  d.riskYear = o.riskYear;
  if (d.displacement.frontier.length !== world.regionIds.length) d.displacement = createDisplacementTerms(world.regionIds.length);
  displacementTerms(world, d.displacement);
  const sums = o.sums;
  if (o.programmeSums.length !== 2 * world.programmes.length) o.programmeSums = new Float64Array(2 * world.programmes.length);
  const progSums = o.programmeSums;
  const nR = world.regionIds.length;

  for (let r = 0; r < nR; r++) {
    const reg = scenario.regions[world.regionIds[r]];
    d.r = r;
    d.riskR = o.riskYear[r];
    d.cocaRevenue = o.cocaRevenue[r];
    d.cocaCost = reg.cocaCostUsdHaYear * localCostFactor(world, reg.country);
    d.licitMargin = o.licitMargin[r];
    d.adValue = o.adValue[r];
    d.programmeValue = o.programmeValue;
    d.programmeBase = r * world.programmes.length;
    d.adOpen = o.adOpen[r] === 1;
    d.adProgramme = o.adProgramme[r];
    d.anticipation = o.adAnticipation[r];
    d.adAssist = o.adAssist[r];
    d.adMonths = o.adMonths[r];
    d.capHa = reg.association.capHaPerMember;
    d.enforcement = reg.association.enforcement;
    d.assocShare = o.assocShare[r];
    const gv = o.governance;
    d.armedControl = gv.control[r];
    d.shieldHa = gv.shieldHa[r];
    d.levyHa = gv.levyHa[r];
    d.punishment = gv.punishment[r];
    d.aversion = gv.aversion[r];
    d.associationPull = o.assocShare[r] + gv.drive[r];
    d.repression = gv.repression[r];
    d.leaveGap = reg.association.formation.leaveGap;
    d.clearingHeld = gv.clearingHeld[r];
    d.hasNeighbours = world.neighbours[r].length > 0;
    d.w = regions.weight[r];
    d.adRoom = d.adOpen ? world.programmes[d.adProgramme].roomHa[r] : 0;
    sums.fill(0);
    progSums.fill(0);
    const g = r * every + phaseNow;
    const first = regions.start[r];
    const end = regions.end[r];
    if (world.neighbours[r].includes(r)) {
      let from = first;
      for (let k = groupStart[g]; k < groupStart[g + 1]; k++) {
        const i = index[k];
        age(f, from, i, cocaAge, licitAge, sums, progSums);
        decide(world, d, index, k, k + 1, end);
        from = i;
      }
      age(f, from, end, cocaAge, licitAge, sums, progSums);
    } else {
      // Block by block, so a block's columns are still in cache when it ages.
      let k = groupStart[g];
      const kEnd = groupStart[g + 1];
      for (let from = first; from < end; from += BLOCK) {
        const to = Math.min(end, from + BLOCK);
        k = decide(world, d, index, k, kEnd, to);
        age(f, from, to, cocaAge, licitAge, sums, progSums);
      }
    }
    if (d.adOpen) world.programmes[d.adProgramme].roomHa[r] = d.adRoom;
    const w = d.w;
    regions.cocaHa[r] = sums[S_COCA] * w;
    regions.matureCocaHa[r] = sums[S_MATURE] * w;
    regions.licitHa[r] = sums[S_LICIT] * w;
    regions.matureLicitHa[r] = sums[S_MATURE_LICIT] * w;
    regions.adHa[r] = sums[S_AD] * w;
    regions.adCompliantHa[r] = sums[S_AD_COMPLIANT] * w;
    regions.members[r] = sums[S_MEMBERS];
    regions.supporters[r] = sums[S_SUPPORTERS];
    regions.supporterCocaHa[r] = sums[S_SUPPORTER_COCA] * w;
    regions.organisedResisters[r] = sums[S_ORGANISED_RESISTERS];
    regions.growers[r] = sums[S_GROWERS] * w;
    for (let p = 0; p < world.programmes.length; p++) {
      world.programmes[p].enrolledHa[r] = progSums[2 * p] * w;
      world.programmes[p].compliantHa[r] = progSums[2 * p + 1] * w;
    }
  }
}

/**
 * Aging of households [from, to): young crops mature at a constant hazard (mean lag = maturity
 * months), AD support runs down; their hectares are added to `sums` in household order.
 */
function age(f: Farmers, from: number, to: number, cocaAge: number, licitAge: number, sums: Float64Array, progSums: Float64Array): void {
  const { cocaYoung, cocaMature, licitYoung, licitMature, adHa: enrolledHa, adMonths, adProgramme, member, supportsArmed } = f;
  let coca = sums[S_COCA];
  let mature = sums[S_MATURE];
  let licit = sums[S_LICIT];
  let matureLicit = sums[S_MATURE_LICIT];
  let adHa = sums[S_AD];
  let adCompliant = sums[S_AD_COMPLIANT];
  let supporterCoca = sums[S_SUPPORTER_COCA];
  // The four counts in int32 arithmetic: whole numbers below 2^31 (a region's households), which
  // a float64 sum holds exactly too, so the same numbers, without an int-to-double conversion and
  // a float add a household each.
  let members = sums[S_MEMBERS] | 0;
  let supporters = sums[S_SUPPORTERS] | 0;
  let organised = sums[S_ORGANISED_RESISTERS] | 0;
  let growers = sums[S_GROWERS] | 0;
  for (let i = from; i < to; i++) {
    // Math.fround is the rounding the float32 column applies on store: the sums read exactly
    // what is stored, without loading it again.
    let cy = cocaYoung[i];
    const dc = cy * cocaAge;
    cy = Math.fround(cy - dc);
    const cm = Math.fround(cocaMature[i] + dc);
    cocaYoung[i] = cy;
    cocaMature[i] = cm;
    let ly = licitYoung[i];
    const dl = ly * licitAge;
    ly = Math.fround(ly - dl);
    const lm = Math.fround(licitMature[i] + dl);
    licitYoung[i] = ly;
    licitMature[i] = lm;
    if (adMonths[i] > 0) {
      const left = --adMonths[i];
      const e = enrolledHa[i];
      adHa += e;
      const p2 = 2 * adProgramme[i];
      progSums[p2] += e;
      if (cy + cm <= 0.1 * e + 1e-3) {
        adCompliant += e;
        progSums[p2 + 1] += e;
      }
      if (left === 0) enrolledHa[i] = 0;
    }
    // Counted without branches (whether a household grows coca or backs the group follows no
    // pattern a CPU can predict): sup and member are 0 or 1, so sup * held adds the held hectares
    // or a zero, and x + 0 is x (hectares are finite), the sums the branches gave bit for bit.
    const held = cy + cm;
    coca += held;
    growers = (growers + +(held > 0)) | 0;
    mature += cm;
    licit += ly + lm;
    matureLicit += lm;
    const m = member[i];
    members = (members + m) | 0;
    const sup = supportsArmed[i];
    supporters = (supporters + sup) | 0;
    supporterCoca += sup * held;
    organised = (organised + (1 - sup) * m) | 0;
  }
  sums[S_COCA] = coca;
  sums[S_MATURE] = mature;
  sums[S_LICIT] = licit;
  sums[S_MATURE_LICIT] = matureLicit;
  sums[S_AD] = adHa;
  sums[S_AD_COMPLIANT] = adCompliant;
  sums[S_MEMBERS] = members;
  sums[S_SUPPORTERS] = supporters;
  sums[S_SUPPORTER_COCA] = supporterCoca;
  sums[S_ORGANISED_RESISTERS] = organised;
  sums[S_GROWERS] = growers;
}

/**
 * Crop decisions of the households `index[k]` for k from `k` up to `kEnd` or to the first
 * household at `before` or beyond (region and month constants in `d`); returns where it stopped.
 * One loop with the columns as locals: the decisions are most of the model's time.
 */
function decide(world: World, d: DecisionContext, index: Int32Array, k: number, kEnd: number, before: number): number {
  const { cocaYoung, cocaMature, licitYoung, licitMature, fallow, adHa: enrolledHa, adMonths, adProgramme, moral, hitTick, threshold, member, land, supportsArmed, aversion } = world.farmers;
  // The month's and region's constants as locals (displacement is a call: V8 would reload fields).
  const { adjust, licitMargin, riskR, ownRisk, tick, cocaRevenue, intens, cocaCost, adAssist, adValue, adOpen, w, scale, anticipation } = d;
  const { capHa, enforcement, assocShare, replantRate, clearing, hasNeighbours, riskThreshold, riskYear, displacement, r } = d;
  const { armedControl, shieldHa, levyHa, punishment, associationPull, repression, leaveGap } = d;
  const aversionScale = d.aversion;
  const rand = world.streams.farmers;
  for (; k < kEnd; k++) {
    const i = index[k];
    if (i >= before) break;
    const risk = Math.min(0.95, riskR + ownRiskBoost(ownRisk, tick - hitTick[i]));
    const cocaMargin = cocaRevenue * (1 + intens * risk) * (1 - risk) - cocaCost;
    const enrolled = adMonths[i] > 0;
    // What its own programme's promise is worth (an enrolled household's, whatever room is left for others).
    const ownValue = enrolled ? d.programmeValue[d.programmeBase + adProgramme[i]] : 0;
    const cocaNow = cocaYoung[i] + cocaMature[i];
    const net = cocaMargin - licitMargin - moral[i];
    let target: number;
    if (enrolled) {
      // Coca on the farm forfeits the payment: comply (no coca) while the promise is worth more.
      target = net - adAssist > ownValue ? logistic(net / scale) * land[i] : 0;
    } else if (adOpen && cocaNow > 0 && net - adAssist < adValue && d.adRoom > 0) {
      // Enrol: what is substituted is the coca held now (eligibility as programmes pay it).
      const ha = Math.min(cocaNow, d.adRoom / w);
      enrolledHa[i] = ha;
      adMonths[i] = d.adMonths;
      adProgramme[i] = d.adProgramme;
      d.adRoom -= ha * w;
      target = 0;
    } else {
      target = logistic((net + anticipation) / scale) * land[i];
    }
    member[i] = associationChoice(member[i], threshold[i], associationPull, repression, leaveGap);
    // Comply with the armed group holding the valley, or resist: its offer against the state's (governance.ts).
    if (armedControl > 0) {
      const offered = enrolled ? ownValue * enrolledHa[i] : adOpen ? adValue * cocaNow : 0;
      const organised = member[i] === 1 ? assocShare : 0;
      const exposed = member[i] === 1 ? Math.max(0, cocaNow - capHa) : cocaNow;
      supportsArmed[i] = supportsArmedGroup(exposed, cocaNow, shieldHa, levyHa, punishment, organised, offered, aversionScale * aversion[i]) ? 1 : 0;
    } else supportsArmed[i] = 0;
    if (capHa > 0 && member[i] === 1) target = capCoca(target, capHa, enforcement);

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
        // cost spread over three years: the plantation is a sunk investment. This is also how a
        // household growing no coca enters it (a potential grower's land is all in bearing
        // crops): when expected returns — with the pull of an announced programme that pays
        // for coca held, which a household not enrolled may qualify for — beat its crops by
        // more than the cost of clearing them (setup.ts, `potentialGrowers`). Clearing needs the
        // leave of the armed group holding the valley where it rules on clearing (governance.ts,
        // clearingHeld); the household's own free land, young plots and eradicated fields do not.
        if (net + (enrolled ? 0 : anticipation) > clearing && !refusedLeave(i, d.clearingHeld)) {
          take = Math.min(plant, licitMature[i]);
          licitMature[i] -= take;
          cocaYoung[i] += take;
        }
      }
    } else if (target < cocaNow) {
      // Enrolled households (those who just enrolled too) uproot at once: coca forfeits the payment.
      let up = adMonths[i] > 0 ? cocaNow - target : adjust * (cocaNow - target);
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
    if (hasNeighbours && risk > riskThreshold && cocaMature[i] > 0) {
      displacement.risk = risk;
      displaceCoca(world, riskYear, displacement, i, r, rand);
    }
  }
  return k;
}

/**
 * Mean net income of a region's households this month (USD): leaf sales, licit sales and AD
 * payments delivered, less the cash costs of both crops, the levies armed groups collect and what
 * their reprisals cost those who resist.
 */
export function householdIncome(world: World, r: number, licitRevenue: number, adPayments: number): number {
  const { regions } = world;
  const reg = world.scenario.regions[world.regionIds[r]];
  if (regions.households[r] <= 0) return 0;
  // Young licit plots cost little until they bear; their labour is the household's own.
  // Local costs are paid in local currency: a devaluation lowers them in dollars (state.ts).
  const costs = ((regions.cocaHa[r] * reg.cocaCostUsdHaYear + regions.matureLicitHa[r] * reg.licitCostUsdHaYear) * localCostFactor(world, reg.country)) / 12;
  return (regions.leafRevenue[r] + licitRevenue + adPayments - costs - regions.levyPaid[r] - regions.reprisalCost[r]) / regions.households[r];
}
