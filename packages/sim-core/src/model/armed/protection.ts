/**
 * Protection for payment: the armed group that controls a firma's valleys sells it protection on
 * the routes through its territory, for a fee per kilo moved (calibration §2.5: $3–5/kg, under
 * 1% of origin value; revenue of $50–100k a month in the 2000s). A firma buys when the seizures
 * it avoids are worth more than the fee. The group sets the fee as a revenue-seeking territorial
 * monopolist — a stationary bandit (Olson 1993) — by hill-climbing on its fee revenue: keep
 * moving the fee while revenue rises, turn back when it falls (the Laffer curve). A firma the
 * group predated on refuses to deal until the racket is renegotiated (grim trigger on its side).
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
