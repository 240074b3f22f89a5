/**
 * Armed groups (Shining Path's remnants; the type serves other groups too). Each month a group
 * collects the fees of the firmas it protects (protection.ts), pays its fighters' upkeep,
 * recruits from its funds and from local grievance (forced eradication without alternative
 * development, poverty), loses fighters to counter-insurgency, contests territory with the
 * state (territory.ts) and revises its fee (a stationary bandit's Laffer search).
 *
 * It honours protection while the alliance's future is worth more than one-shot predation: the
 * repeated-game condition with a horizon that state pressure shortens (calibration §4: δ ≥
 * (T−R)/(T−P); a state offensive lowers δ and breaks the deal; Smith & Varese 2001). When its
 * funds run out it predates too. A broken racket brings violence (violence.ts) for some months
 * before a new arrangement.
 */
import type { World, ArmedGroup } from '../world.ts';
import { contestTerritory } from './territory.ts';
import { reviseFee } from './protection.ts';

/** The group's monthly discount factor under the state's counter-insurgency effort. */
export function effectivePatience(patience: number, pressureHazard: number, counterinsurgency: number): number {
  return patience * (1 - pressureHazard * counterinsurgency);
}

/**
 * Whether predation beats honouring: one-shot gain against the discounted stream of fees
 * (fee income × δ/(1−δ)). A group that cannot pay its fighters predates regardless.
 */
export function predationPays(feeIncome: number, oneShotGain: number, delta: number, broke: boolean): boolean {
  if (broke) return oneShotGain > 0;
  const future = delta >= 1 ? Infinity : (feeIncome * delta) / (1 - delta);
  return oneShotGain > future;
}

/** Counter-insurgency effort a group faces: the mean over the countries where it holds ground. */
function pressureOn(world: World, g: ArmedGroup): number {
  let sum = 0;
  let w = 0;
  for (let r = 0; r < g.control.length; r++) {
    if (g.control[r] <= 0) continue;
    const st = world.states[world.scenario.regions[world.regionIds[r]].country];
    sum += g.control[r] * (st ? st.counterinsurgency : 0); // the effort the state's budget pays for
    w += g.control[r];
  }
  return w > 0 ? sum / w : 0;
}

/** Monthly losses to counter-insurgency at full effort (share of fighters). */
const CI_LOSS = 0.015;
/** Share of funds a group spends on recruiting each month. */
const RECRUIT_SPEND = 0.1;
/** Months of upkeep a group keeps in reserve before it spends on recruits. */
const RESERVE_MONTHS = 3;
/** What the group realises on predated cocaine, as a share of its export value. */
const PREDATION_REALISED = 0.15;

/** The month of every armed group, after the firmas have shipped. */
export function armedGroupsMonth(world: World): void {
  const { scenario, regions } = world;
  for (const g of world.groups) {
    const gp = scenario.armedGroups[g.id];
    const ci = pressureOn(world, g);
    const income = g.feeIncome + g.predatedValue * PREDATION_REALISED;
    world.balance.feesReceived += g.feeIncome;
    g.funds += income;
    g.funds -= g.fighters * gp.upkeepUsdPerFighterMonth;
    let broke = false;
    if (g.funds < 0) {
      // Unpaid fighters drift away.
      broke = true;
      g.fighters *= 0.97;
      g.funds = 0;
    }
    // Recruitment from funds and grievance in the regions it holds.
    let grievance = 0;
    for (let r = 0; r < g.control.length; r++) grievance += g.control[r] * regions.grievance[r];
    // It recruits from what it holds above a reserve of a few months' upkeep.
    const reserve = RESERVE_MONTHS * g.fighters * gp.upkeepUsdPerFighterMonth;
    const spend = Math.max(0, g.funds - reserve) * RECRUIT_SPEND;
    // Recruitment slows as the group nears what its territory and leadership can sustain.
    const room = Math.max(0, 1 - g.fighters / gp.maxFighters);
    const recruits = (spend / gp.recruitCostUsd + gp.grievanceRecruitment * grievance) * room;
    g.funds -= spend * room;
    g.fighters += recruits;
    g.fighters -= g.fighters * CI_LOSS * ci;
    if (g.fighters < 1e-6) g.fighters = 0;

    // Fee search on revenue.
    g.feeRevenueWindow += g.feeIncome;
    if (gp.adaptFee) reviseFee(g, world.tick, 0.25, gp.maxFeeUsdPerKg);

    // Honour or predate next month.
    if (g.brokenMonths > 0) g.brokenMonths--;
    const delta = effectivePatience(gp.patience, gp.pressureHazard, ci);
    const wasPredating = g.predating;
    g.predating =
      gp.strategy === 'always-predate' ||
      (gp.strategy === 'grim-trigger' && predationPays(g.feeIncome, gp.predationShare * g.protectedValue * PREDATION_REALISED, delta, broke));
    if (wasPredating && !g.predating) g.brokenMonths = gp.reconcileMonths;
    g.feeIncome = 0;
    g.protectedValue = 0;
    g.predatedValue = 0;
  }
  contestTerritory(world);
}

/**
 * Grievance in each region (0..1), the pool armed groups recruit from: forced eradication
 * (annualised share of coca destroyed) not matched by delivered AD, and poverty.
 */
export function updateGrievance(world: World): void {
  const { regions } = world;
  const poverty = world.scenario.farmers.poverty;
  for (let r = 0; r < world.regionIds.length; r++) {
    const forced = Math.min(1, regions.eradicatedShare[r] * 12);
    const covered = regions.cocaHa[r] + regions.adHa[r] > 0 ? regions.adHa[r] / (regions.cocaHa[r] + regions.adHa[r]) : 0;
    const delivered = regions.adPromised[r] > 0 ? regions.adDelivered[r] / regions.adPromised[r] : 0;
    const g = poverty * (0.1 + forced * (1 - covered * delivered));
    regions.grievance[r] = 0.9 * regions.grievance[r] + 0.1 * g;
  }
}
