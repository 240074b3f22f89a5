/**
 * Armed groups (Shining Path's remnants; the type serves other groups too) as budgeted
 * organisations. Each month a group collects the fees of the firmas it protects (protection.ts)
 * and the levies of the growers who comply with it (governance.ts), and sells what it predated;
 * it pays its fighters, loses fighters to counter-insurgency and to organised growers' patrols,
 * takes on fighters while one more adds more to its take than he costs and lets them go when he
 * adds less (recruitment.ts), contests territory (territory.ts) and strikes its fee with the firmas
 * (protection.ts). Its size is what a fighter is worth to it: `maxFighters` is a safety bound only
 * (calibration §2.5: ~500 fighters in 2012 on $50–100k a month).
 *
 * It honours protection while the alliance's future is worth more than one-shot predation: the
 * repeated-game condition (calibration §4: δ ≥ (T−R)/(T−P); Smith & Varese 2001) with the
 * horizon counter-insurgency actually leaves it (the chance its leadership survives the month
 * under the state's effort). The one-shot gain is what the taken cocaine fetches
 * once the group carries it out itself. A group whose income no longer covers its fighters
 * loses them (they drift away) rather than turning on its clients. A broken racket
 * brings violence (violence.ts) for some months before a new arrangement.
 */
import type { World, ArmedGroup } from '../world.ts';
import { contestTerritory, patrolShare, stationedShare, escortShare } from './territory.ts';
import { reviseFee, bargainFee } from './protection.ts';
import { holderOf } from './governance.ts';
import { wantedFighters, fighterCost } from './recruitment.ts';
import { seizureChance } from '../state/interdiction.ts';

/** The group's monthly discount factor under the state's counter-insurgency effort. */
export function effectivePatience(patience: number, pressureHazard: number, counterinsurgency: number): number {
  return patience * (1 - pressureHazard * counterinsurgency);
}

/**
 * Present value, in months of today's fee income, of the racket's future: Σ_{t≥1} δ^t = δ/(1−δ).
 * @example racketHorizon(0.95) // 19
 */
export function racketHorizon(delta: number): number {
  return delta >= 1 ? Infinity : delta / (1 - delta);
}

/**
 * Whether predation beats honouring: one-shot gain against the discounted stream of fees
 * (fee income × the racket's horizon).
 */
export function predationPays(feeIncome: number, oneShotGain: number, horizon: number): boolean {
  return oneShotGain > feeIncome * horizon;
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

/**
 * What the group gets for a kilo it takes, as a share of the export price: it carries the kilo
 * out by its own backpack columns, under its own protection, and sells at the origin price
 * (§2.5: SL charged $30/kg to carry drugs itself), less the route's cost and expected seizures
 * (its own escort cuts them as far as it holds its main valley against the state's forces).
 */
export function realisedShare(world: World, g: ArmedGroup): number {
  const price = world.market.price;
  if (price <= 0) return 0;
  let r0 = -1;
  for (let r = 0; r < g.control.length; r++) if (r0 < 0 || g.control[r] > g.control[r0]) r0 = r;
  const country = world.scenario.regions[world.regionIds[r0]].country;
  const backpack = world.scenario.firmas.routes.backpack;
  const p = seizureChance(backpack, world.states[country]?.interdiction ?? 0, 0, world.scenario.armedGroups[g.id].protectionEffect * escortShare(world, g, r0));
  return Math.max(0, 1 - p - backpack.costUsdKg / price);
}

/** Monthly losses to counter-insurgency at full effort, and to patrols that hold a valley outright (share of fighters). */
const CI_LOSS = 0.015;
/** Share of funds above the reserve a group spends on recruits each month while it is below the size it wants (how fast it grows). */
const RECRUIT_SPEND = 0.1;
/** Months of upkeep a group keeps in reserve before it spends on recruits. */
const RESERVE_MONTHS = 3;
/**
 * Share of its fighters a group loses a month when it does not pay them: unpaid, or no longer
 * wanted (it stops their pay and food and they drift home). 3% a month, a half-life of about two
 * years: an assumption [W]; demobilisation is slow where going home means facing the state.
 */
const DESERTION = 0.03;

/**
 * The group holding each valley levies the growers who comply (governance.ts) and punishes those
 * who resist, as far as its control reaches: the levy is its income, the reprisals a cost to the
 * households (farmers.ts counts both against their income; violence.ts counts the reprisals).
 */
function governGrowers(world: World): void {
  const { regions, scenario } = world;
  for (let r = 0; r < world.regionIds.length; r++) {
    regions.levyPaid[r] = 0;
    regions.reprisals[r] = 0;
    regions.reprisalCost[r] = 0;
    const k = holderOf(world, r);
    if (k < 0) continue;
    const g = world.groups[k];
    const gp = scenario.armedGroups[g.id];
    const levy = (gp.levyUsdPerHaYear / 12) * regions.supporterCocaHa[r] * g.control[r];
    regions.levyPaid[r] = levy;
    g.levyIncome += levy;
    // Resisters, members or not; an association shares the blow among its members.
    const resisters = (regions.agents[r] - regions.supporters[r]) * regions.weight[r];
    const members = regions.organisedResisters[r] * regions.weight[r];
    const shared = regions.agents[r] > 0 ? regions.members[r] / regions.agents[r] : 0;
    regions.reprisals[r] = resisters * g.control[r];
    regions.reprisalCost[r] = ((gp.punishmentUsdYear / 12) * g.control[r]) * (resisters - members * shared);
  }
}

/** The month of every armed group, after the firmas have shipped. */
export function armedGroupsMonth(world: World): void {
  const { scenario, regions } = world;
  governGrowers(world);
  for (let k = 0; k < world.groups.length; k++) {
    const g = world.groups[k];
    const gp = scenario.armedGroups[g.id];
    const ci = pressureOn(world, g);
    const realised = realisedShare(world, g);
    world.balance.feesReceived += g.feeIncome;
    g.income = g.feeIncome + g.levyIncome + g.predatedValue * realised;
    g.funds += g.income;
    g.funds -= g.fighters * gp.upkeepUsdPerFighterMonth;
    if (g.funds < 0) {
      // Unpaid fighters drift away.
      g.fighters *= 1 - DESERTION;
      g.funds = 0;
    }
    // The horizon the state leaves it: the chance its leadership survives the month; and the
    // fee that keeps it honest over that horizon (protection.ts bargainFee).
    const delta = effectivePatience(gp.patience, gp.pressureHazard, ci);
    const horizon = racketHorizon(delta);
    const honestFee = (gp.predationShare * realised * world.market.price) / horizon;

    // Its size: it takes on fighters while one more adds more to its take than his upkeep, and
    // lets them go when he adds less (recruitment.ts). Volunteers come from the grievance of the
    // households that support it; the rest it buys with what it holds above a reserve of a few
    // months' upkeep. Fighters it no longer pays for drift away as unpaid ones do.
    let grievance = 0;
    let resisted = 0;
    for (let r = 0; r < g.control.length; r++) {
      if (g.control[r] <= 0) continue;
      const support = regions.agents[r] > 0 ? regions.supporters[r] / regions.agents[r] : 0;
      grievance += g.control[r] * regions.grievance[r] * support;
      // Patrols of organised growers wear its fighters down where they stand.
      resisted += stationedShare(g, r) * patrolShare(world, g, r);
    }
    // Losses first, to counter-insurgency and to patrols: the group replaces its fallen.
    const lost = CI_LOSS * Math.min(1, ci + resisted);
    g.fighters -= g.fighters * lost;
    const wanted = wantedFighters(world, g, k, honestFee, fighterCost(gp.upkeepUsdPerFighterMonth, gp.recruitCostUsd, delta, lost));
    if (g.fighters < wanted) {
      const volunteers = Math.min(gp.grievanceRecruitment * grievance, wanted - g.fighters);
      const reserve = RESERVE_MONTHS * g.fighters * gp.upkeepUsdPerFighterMonth;
      const spend = Math.max(0, g.funds - reserve) * RECRUIT_SPEND;
      const bought = Math.min(spend / gp.recruitCostUsd, wanted - g.fighters - volunteers);
      g.funds -= bought * gp.recruitCostUsd;
      g.fighters += volunteers + bought;
    } else {
      g.fighters -= Math.min(g.fighters - wanted, g.fighters * DESERTION);
    }
    if (g.fighters < 1e-6) g.fighters = 0;

    // The fee: bargained with the firmas, or searched on revenue.
    g.feeRevenueWindow += g.feeIncome;
    if (gp.adaptFee) {
      if (gp.feeRule === 'bargain') bargainFee(world, g, honestFee, gp.bargainingPower, gp.maxFeeUsdPerKg);
      else reviseFee(g, world.tick, 0.25, gp.maxFeeUsdPerKg);
    }

    // Honour or predate next month.
    if (g.brokenMonths > 0) g.brokenMonths--;
    const wasPredating = g.predating;
    g.predating =
      gp.strategy === 'always-predate' ||
      (gp.strategy === 'grim-trigger' && predationPays(g.feeIncome, gp.predationShare * g.protectedValue * realised, horizon));
    if (wasPredating && !g.predating) g.brokenMonths = gp.reconcileMonths;
    g.feeIncome = 0;
    g.levyIncome = 0;
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
