/**
 * Protection for payment: the armed group that controls a firma's valleys sells it protection on
 * the routes through its territory, for a fee per kilo moved (calibration §2.5: $3–5/kg, under
 * 1% of origin value; revenue of $50–100k a month in the 2000s). A firma buys when the seizures
 * it avoids are worth more than the fee. A firma the group predated on refuses to deal until the
 * racket is renegotiated (grim trigger on its side).
 *
 * How the fee moves. The group deals with a dozen firmas it knows, not with an anonymous crowd:
 * the fee is a bargain over the surplus protection creates (what it saves the firmas in
 * seizures), struck again every few months. In Rubinstein's (1982) alternating-offers game the
 * side that can wait longer takes more: the group's share is (1 − δ_F)/(1 − δ_G·δ_F), with δ_F the
 * firmas' patience and δ_G the group's horizon, which counter-insurgency shortens
 * (armedGroups.ts). A posted-price monopolist — the stationary bandit of the Laffer lesson
 * (Olson 1993), searching the fee that maximises f·Q(f) — would take nearly all of the surplus of
 * its best customers; the bargain leaves the firmas theirs, which is why observed fees sit well
 * under what protection is worth. `feeRule: laffer` keeps the posted-price search (hill-climbing
 * on fee revenue: keep moving while revenue rises, turn back when it falls).
 */
import type { World, Firma, ArmedGroup } from '../world.ts';

/** The group with the most control over a firma's valleys, and that average control. */
export function strongestGroup(world: World, f: Firma): { group: ArmedGroup | null; control: number } {
  let best: ArmedGroup | null = null;
  let bestCtrl = 0;
  for (const g of world.groups) {
    let c = 0;
    for (const r of f.regions) c += g.control[r];
    c /= f.regions.length;
    if (c > bestCtrl) {
      bestCtrl = c;
      best = g;
    }
  }
  return { group: best, control: bestCtrl };
}

/**
 * Whether a firma buys protection this month: the group must be dealing (no broken racket), the
 * firma not refusing, and the expected seizure loss avoided per kilo above the fee.
 * @param avoidedPerKg expected value saved per kilo on corridor routes (USD/kg)
 */
export function buysProtection(group: ArmedGroup, f: Firma, avoidedPerKg: number, rule: 'when-worth-it' | 'always-pay' | 'never-pay'): boolean {
  if (rule === 'never-pay') return false;
  if (rule === 'always-pay') return true;
  return group.brokenMonths === 0 && f.refuseMonths === 0 && avoidedPerKg > group.fee;
}

/** Months between fee revisions in the group's search. */
export const FEE_WINDOW = 3;
/** Relative step of a fee revision. */
export const FEE_STEP = 0.1;

/**
 * One step of the stationary bandit's fee search, every FEE_WINDOW months: keep the direction
 * while revenue over the window rose, reverse it when it fell.
 */
export function reviseFee(g: ArmedGroup, tick: number, minFee: number, maxFee: number): void {
  if ((((tick + 1) % FEE_WINDOW) + FEE_WINDOW) % FEE_WINDOW !== 0) return;
  // Nobody paying means the fee is above what protection is worth: come down.
  if (g.feeRevenueWindow <= 0) g.feeDirection = -1;
  else if (g.feeRevenueWindow < g.feeRevenuePrev) g.feeDirection = -g.feeDirection;
  g.feeRevenuePrev = g.feeRevenueWindow;
  g.feeRevenueWindow = 0;
  g.fee = Math.min(maxFee, Math.max(minFee, g.fee * (1 + FEE_STEP * g.feeDirection)));
}

/** The group's share of the protection surplus in Rubinstein's alternating-offers bargain. */
export function rubinsteinShare(deltaGroup: number, deltaFirmas: number): number {
  return (1 - deltaFirmas) / (1 - deltaGroup * deltaFirmas);
}

/**
 * Every FEE_WINDOW months, the fee the group strikes with the firmas of its territory: its
 * Rubinstein share of what protection saves them per kilo (each firma's saving weighted by the
 * leaf it bought in the group's valleys, as the group sees it moving).
 */
export function bargainFee(world: World, g: ArmedGroup, deltaGroup: number, maxFee: number): void {
  if ((((world.tick + 1) % FEE_WINDOW) + FEE_WINDOW) % FEE_WINDOW !== 0) return;
  let saving = 0;
  let weight = 0;
  for (const f of world.firmas) {
    if (!f.alive || f.protectionValue <= 0) continue;
    let w = 0;
    for (const r of f.regions) w += f.boughtKg[r] * g.control[r];
    if (w <= 0 || strongestGroup(world, f).group !== g) continue;
    saving += w * f.protectionValue;
    weight += w;
  }
  g.feeRevenueWindow = 0;
  if (weight <= 0) return;
  g.fee = Math.min(maxFee, rubinsteinShare(deltaGroup, world.scenario.firmas.patience) * (saving / weight));
}
