/**
 * An armed group's governance of growers, and growers' answer. Where a group holds a valley it
 * levies growers a quota per hectare of coca (SL's cupos), offers them something in return —
 * its presence keeps the eradication crews out (territory.ts, eradication.ts) — and punishes
 * those who resist or organise. At each crop decision a household weighs that offer against the
 * state's: it complies (pays, supports) when what SL's protection saves its coca (a union member's
 * coca within a cato agreed with the state is legal and needs none), plus the
 * reprisals it avoids, exceed the levy, what the state offers it (AD it believes will be
 * delivered: the subsidy × trust, on the hectares it would substitute or has enrolled) and its
 * own reluctance (a type drawn once a household). The article's reading of the VRAEM: without
 * delivered alternatives, farmers accept SL's protection; where they are organised, resistance is
 * shared and reprisals weigh less on each member (Bolivia's unions kept guerrillas and criminal
 * intermediaries out).
 *
 * What growers choose is real for the group and for them: supporters pay the levy (armedGroups.ts
 * collects it) and the crews pass over their fields where the group holds the valley
 * (eradication.ts reads supporterShield), the group recruits from them, and its fighters hold a valley only as well as its people
 * hide and feed them (territory.ts); organised resisters field patrols against it
 * (associations.ts, selfDefenceForce).
 *
 * A group may also rule on the land itself: the FARC kept the clearing of forest in its areas in
 * check — a family needed its leave to open new plots — until its ceasefire (December 2014) and
 * exit (2017); afterwards clearing rose most in the areas it had held (Prem, Saavedra & Vargas
 * 2020, World Development). `clearingHeld` is the share of the valley's households the group's
 * rule keeps from clearing land for coca (in farmers.ts, turning bearing plantations over to coca
 * at the clearing cost: how a new grower enters and a grower expands past its free land; its own
 * free land, young plots and eradicated fields need no leave): its `clearingRestraint` × its control
 * of the valley, bounded by its fighters' present share of the contest there (a rule is enforced
 * by the fighters who patrol it: when they leave, the rule goes with them at once, while the
 * control they leave behind erodes more slowly). Who is refused is a fixed order over the
 * households (`refusedLeave`), so the same families stay held while the rule holds and clear
 * when it lifts: the rule delays entry, it does not only slow it.
 */
import type { World } from '../world.ts';
import { betaMean } from '../world.ts';
import { controlTarget } from './territory.ts';

/** Regional terms of the governance choice, computed once a month before the farm pass. */
export interface GovernanceTerms {
  /** Control of the strongest armed group in the valley (0 = none holds it). */
  control: Float64Array;
  /** What SL's protection saves a hectare of coca from the crews (USD/ha/year). */
  shieldHa: Float64Array;
  /** The group's levy on a hectare of coca, where it collects (USD/ha/year). */
  levyHa: Float64Array;
  /** Reprisals a resisting household expects (USD/year), before its association shares them. */
  punishment: Float64Array;
  /** Scale of households' reluctance to submit (USD/year). */
  aversion: Float64Array;
  /** Pull toward associations besides the share of neighbours in them (share of households). */
  drive: Float64Array;
  /** What an armed group's punishment of organisers takes off the pull to join (share of households). */
  repression: Float64Array;
  /** Share of the region's households the holding group's rule keeps from clearing new land for coca (0 where it sets none). */
  clearingHeld: Float64Array;
}

export function createGovernanceTerms(n: number): GovernanceTerms {
  return {
    control: new Float64Array(n),
    shieldHa: new Float64Array(n),
    levyHa: new Float64Array(n),
    punishment: new Float64Array(n),
    aversion: new Float64Array(n),
    drive: new Float64Array(n),
    repression: new Float64Array(n),
    clearingHeld: new Float64Array(n),
  };
}

/** The group with the most control of region r (index into world.groups), or −1. */
export function holderOf(world: World, r: number): number {
  let best = -1;
  let c = 0;
  for (let k = 0; k < world.groups.length; k++) {
    if (world.groups[k].control[r] > c) {
      c = world.groups[k].control[r];
      best = k;
    }
  }
  return best;
}

/**
 * This month's governance terms in every region.
 * @param riskYear growers' perceived annual eradication risk by region
 * @param cocaRevenue expected leaf revenue of a mature hectare by region (USD/ha/year)
 * @param assocShare last month's association share by region
 */
export function governanceTerms(world: World, riskYear: Float64Array, cocaRevenue: Float64Array, assocShare: Float64Array, out: GovernanceTerms): void {
  const { scenario, regions } = world;
  for (let r = 0; r < world.regionIds.length; r++) {
    const reg = scenario.regions[world.regionIds[r]];
    const k = holderOf(world, r);
    const c = k >= 0 ? world.groups[k].control[r] : 0;
    out.control[r] = c;
    if (k >= 0) {
      const gp = scenario.armedGroups[world.groups[k].id];
      // The crews it keeps out: the eradication a hectare would suffer, times how far its control blocks them.
      out.shieldHa[r] = gp.blocksEradication * c * riskYear[r] * cocaRevenue[r];
      out.levyHa[r] = gp.levyUsdPerHaYear * c;
      out.punishment[r] = gp.punishmentUsdYear * c;
      out.aversion[r] = gp.aversionUsdYear;
      out.clearingHeld[r] = gp.clearingRestraint > 0 ? clearingHeld(world, k, r) : 0;
    } else {
      out.shieldHa[r] = 0;
      out.levyHa[r] = 0;
      out.punishment[r] = 0;
      out.aversion[r] = 0;
      out.clearingHeld[r] = 0;
    }
    // Associations: trust in the state, eradication pressure and neighbours' organisation draw
    // households in; an armed group that punishes organisers pushes them out.
    const fm = reg.association.formation;
    let nb = 0;
    const ns = world.neighbours[r];
    for (const n of ns) nb += assocShare[n];
    nb = ns.length > 0 ? nb / ns.length : 0;
    const trust = betaMean(regions.trustA[r], regions.trustB[r]);
    out.drive[r] = fm.trust * (trust - 0.5) + fm.eradication * riskYear[r] + fm.neighbours * nb;
    out.repression[r] = fm.repression * c;
  }
}

/**
 * A household's governance choice: 1 to comply with and support the group holding its valley,
 * 0 to resist. All amounts are USD a year.
 * @param exposedHa the coca the crews could take (a union member's cato is legal: not exposed)
 * @param cocaHa the coca it holds (the levy base)
 * @param shieldHa what the group's protection saves a hectare from the crews
 * @param levyHa the group's levy on a hectare
 * @param punishment reprisals on a resisting household
 * @param organised share of the valley in the association, if the household is a member (reprisals are shared), else 0
 * @param stateOffer what the state offers it: believed AD on the hectares it would substitute or has enrolled
 * @param aversion its own reluctance to submit
 */
export function supportsArmedGroup(
  exposedHa: number,
  cocaHa: number,
  shieldHa: number,
  levyHa: number,
  punishment: number,
  organised: number,
  stateOffer: number,
  aversion: number,
): boolean {
  const comply = exposedHa * shieldHa - cocaHa * levyHa + punishment * (1 - organised);
  return comply > stateOffer + aversion;
}

/**
 * A household's association membership after its decision (threshold rule with hysteresis): it
 * joins when the pull (neighbours' share plus the valley's drive), less what an armed group's
 * punishment of organisers deters, reaches its threshold; a member leaves only when the pull
 * falls a gap below its threshold. Reprisals fall on those who organise: they stop a union from
 * forming, while members of a standing one share the risk and hold together as long as their
 * neighbours do.
 */
export function associationChoice(member: number, threshold: number, pull: number, repression: number, leaveGap: number): number {
  if (member === 0) return pull - repression >= threshold ? 1 : 0;
  return pull < threshold - leaveGap ? 0 : 1;
}

/** Chance the crews pass over a supporter's field in region r: the holding group guards those who comply. */
export function supporterShield(world: World, r: number): number {
  const k = holderOf(world, r);
  if (k < 0) return 0;
  const g = world.groups[k];
  return world.scenario.armedGroups[g.id].blocksEradication * g.control[r];
}

/** The golden ratio's fractional part: i × it mod 1 spreads any run of consecutive households evenly over [0, 1). */
const GOLDEN = 0.6180339887498949;

/**
 * Whether household i is refused leave to clear new land where a rule holds back the share `held`
 * of households. The group refuses a fixed share, not a random one each month: the households are
 * ranked once by an even spread (i × the golden ratio mod 1, no draw, so a valley's share refused is
 * `held` whatever its size and order, and the same families stay refused as long as the rule holds).
 * @example refusedLeave(1, 0) === false
 */
export function refusedLeave(i: number, held: number): boolean {
  return held > 0 && (i * GOLDEN) % 1 < held;
}

/**
 * Share of region r's households group k's rule keeps from clearing land for coca: its
 * restraint × its control of the valley, bounded by its fighters' present share of the contest
 * there (what they can still police). 0 once its fighters are gone.
 */
export function clearingHeld(world: World, k: number, r: number): number {
  const g = world.groups[k];
  const restraint = world.scenario.armedGroups[g.id].clearingRestraint;
  if (restraint <= 0 || g.fighters <= 0) return 0;
  return restraint * Math.min(g.control[r], controlTarget(world, g, r));
}
