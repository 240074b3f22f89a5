/**
 * Protection for payment: the armed group that controls a firma's valleys sells it protection on
 * the routes through its territory, for a fee per kilo moved (calibration §2.5: $3–5/kg, under
 * 1% of origin value; revenue of $50–100k a month in the 2000s). A firma buys when the seizures
 * it avoids are worth more than the fee. A firma the group predated on refuses to deal until the
 * racket is renegotiated (grim trigger on its side).
 *
 * How the fee moves. The group deals with a dozen firmas it knows, not with an anonymous crowd:
 * the fee is a bargain over the surplus protection creates (what it saves the firmas in
 * seizures), struck again every few months, and it must keep the group honest — the fees it
 * would lose by robbing must outweigh what it could take (bargainFee). That floor, the share a
 * robbery takes spread over the group's horizon in months, is why observed fees are a few tenths
 * of a percent of the cocaine's value (§2.5: $3–5/kg at $900–1,500/kg). A posted-price monopolist
 * — the stationary bandit of the Laffer lesson (Olson 1993), searching the fee that maximises
 * f·Q(f) — would take nearly all of what protection saves its best customers; `feeRule: laffer`
 * keeps that search (hill-climbing on fee revenue: keep moving while revenue rises, turn back
 * when it falls).
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


/**
 * The fee of a generalised Nash bargain between the group's reservation fee (the least that keeps
 * it honest) and the firmas' (what protection saves them), with the group's bargaining power.
 * Where honesty costs more than protection is worth, no self-enforcing deal exists: the firmas
 * pay what protection is worth and the group, short of its floor, predates (armedGroups.ts).
 * @example protectionFee(3, 10, 0.1) // 3.7
 */
export function protectionFee(honestFee: number, worth: number, power: number): number {
  return honestFee >= worth ? worth : honestFee + power * (worth - honestFee);
}

/**
 * Every FEE_WINDOW months, the fee the group strikes with the firmas of its territory. It is a
 * bargain over what protection saves them per kilo (each firma's saving weighted by the leaf it
 * bought in the group's valleys, as the group sees it moving), and the deal must be
 * self-enforcing (a relational contract): the fees the group would forgo by robbing, over its
 * horizon, must be worth the kilo it could take. That floor is (share taken × what a taken kilo
 * fetches) / horizon — an ad-valorem rate, which counter-insurgency raises as it shortens the
 * horizon. Competition among those who can escort a shipment (other columns, corrupt units,
 * the firmas' own guards: §2.6) leaves the group little above its floor (`bargainingPower`).
 * @param honestFee the smallest fee per kilo at which honouring beats robbing (USD/kg)
 */
export function bargainFee(world: World, g: ArmedGroup, honestFee: number, power: number, maxFee: number): void {
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
  g.fee = Math.min(maxFee, protectionFee(honestFee, saving / weight, power));
}
