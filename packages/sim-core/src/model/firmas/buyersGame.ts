/**
 * The buyers' cartel: firmas buying in the same valley share an agreed price — they buy as one
 * monopsonist and split its quantity by capacity — or one of them takes more than its quota at
 * its best response to the others' quotas (defects). A repeated game with imperfect public
 * monitoring (Green & Porter 1984): nobody sees a rival's purchases, only the valley's price,
 * blurred by a noise (the harvest's and the growers' swings, rumours; `firmas.monitoringNoise`).
 * When the price seen crosses a trigger p̄ that the cartel sets as high as its members'
 * incentives allow (the higher, the fewer false alarms, but the more a cheat can hide), every firma in the valley reverts to the stage game (Cournot among
 * them) for a price war of fixed length, and then all return to the agreement together. The war
 * is common knowledge and is not read as defection, so a misreading costs a finite war, not the
 * agreement for ever. Price wars happen on the equilibrium path, without anyone cheating, and
 * more often the noisier the signal.
 *
 * Each month the stage game is measured from the valley's market (priceCoercion.ts): R (all
 * hold the agreement), T (this firma defects alone), P (the Cournot war), and the price a lone
 * defector causes. A firma keeps the agreement when the gain from defecting today is no larger
 * than what the war it risks costs it ({@link collusionHolds}; without noise the folk theorem's
 * T − R ≤ Σ_{t=1..L} δ^t (R − P), Abreu, Pearce & Stacchetti 1986; Tirole 1988 ch. 6). The
 * valley's critical discount factor δ* is the least patience at which some trigger holds every
 * member. With n equal buyers the deviation gain grows with n against the cartel's rent, and
 * noise makes a cheat harder to tell from bad luck, so δ* passes any given patience as buyers
 * multiply (Stigler 1964; Olson 1965; calibration §4).
 *
 * Strategies (scenario `firmas.strategy`): `always-cooperate`, `always-defect` (play the stage
 * game every month), `tit-for-tat` (a price war of one month after a trigger), `grim-trigger`
 * (a war for ever after the first trigger), `adaptive` (hold the agreement while patience ≥ δ*
 * measured from the month's stage game, and a war of `priceWarMonths` after a trigger).
 */
import type { BuyerStrategy } from '../../scenario/schema.ts';
import { exp, pow } from '../../engine/math.ts';

/** Months of the price war a strategy wages after a trigger (Infinity: for ever). */
export function warLength(strategy: BuyerStrategy, priceWarMonths: number): number {
  switch (strategy) {
    case 'tit-for-tat':
      return 1;
    case 'grim-trigger':
      return Infinity;
    case 'adaptive':
      return priceWarMonths;
    default:
      return 0;
  }
}

/** Present value factor of L months of war seen from today: Σ_{t=1..L} δ^t. */
export function warWeight(delta: number, months: number): number {
  if (months === Infinity) return delta < 1 ? delta / (1 - delta) : Infinity;
  if (delta >= 1) return months;
  return (delta * (1 - pow(delta, months))) / (1 - delta);
}

/**
 * The critical discount factor of the stage game (R: all hold, T: this one defects alone,
 * P: the war) when a defection is answered by a war of `months` months: the least δ with
 * T − R ≤ Σ_{t=1..L} δ^t (R − P). 0 when defecting does not pay; 1 when no patience suffices
 * (the war is not worse than the agreement, or too short to deter).
 * @example stageCriticalDiscount(3, 5, 1, Infinity) // 0.5, the grim-trigger threshold (T − R)/(T − P)
 */
export function stageCriticalDiscount(R: number, T: number, P: number, months: number): number {
  if (T <= R) return 0;
  if (R <= P) return 1;
  const need = (T - R) / (R - P);
  if (warWeight(1 - 1e-12, months) < need) return 1;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = 0.5 * (lo + hi);
    if (warWeight(mid, months) >= need) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** P(Z > x) for a standard normal Z (Abramowitz & Stegun 7.1.26, error below 1.5e-7). */
export function normalTail(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * exp(-z * z);
  return x >= 0 ? 0.5 * erfc : 1 - 0.5 * erfc;
}

/**
 * Green & Porter's incentive condition for one firma: holding the agreement is worth at least a
 * one-month defection when a signal above the trigger starts a war of `months` months, a false
 * alarm comes with chance `alpha` a month at peace and a defection is caught with chance `beta`.
 * With V the value of the agreement and W that of a war's start, T − R ≤ δ(β − α)(V − W), where
 * V − W = (1 − δ^L)(R − P)/((1 − δ) + δα(1 − δ^L)). With α = 0, β = 1 it is the folk theorem's
 * T − R ≤ Σ_{t=1..L} δ^t (R − P).
 */
export function collusionHolds(delta: number, months: number, alpha: number, beta: number, R: number, T: number, P: number): boolean {
  if (T <= R) return true;
  if (R <= P || delta <= 0) return false;
  const dL = months === Infinity ? 0 : pow(delta, months);
  const gap = ((1 - dL) * (R - P)) / (1 - delta + delta * alpha * (1 - dL));
  return T - R <= delta * (beta - alpha) * gap;
}

/** Triggers the cartel considers, in units of the signal's noise above the agreed price: fewest false alarms first. */
const TRIGGER_GRID = [4, 3.5, 3, 2.5, 2, 1.75, 1.5, 1.25, 1, 0.75, 0.5, 0.25, 0];

/**
 * The trigger price a valley's cartel sets: the highest (fewest false alarms) at which every
 * member's incentive condition holds at patience δ, or NaN when none does (the agreement cannot
 * be held). `dev[k]` is the valley price when firma k defects alone; the signal is the price times
 * (1 + σ·Z).
 */
export function bestTrigger(
  delta: number,
  months: number,
  sigma: number,
  agreed: number,
  n: number,
  R: ArrayLike<number>,
  T: ArrayLike<number>,
  P: ArrayLike<number>,
  dev: ArrayLike<number>,
): number {
  for (const k of TRIGGER_GRID) {
    const trigger = agreed * (1 + k * sigma);
    if (allHold(delta, months, detection(k, sigma, trigger, n, dev), n, R, T, P)) return trigger;
  }
  return NaN;
}

/** Scratch: each member's chance of being caught defecting, under one trigger. */
let betas = new Float64Array(16);

/** Each member's chance a lone defection trips the trigger `trigger` (into `betas`); returns the false-alarm chance. */
function detection(k: number, sigma: number, trigger: number, n: number, dev: ArrayLike<number>): number {
  if (betas.length < n) betas = new Float64Array(Math.max(n, 2 * betas.length));
  for (let i = 0; i < n; i++) betas[i] = dev[i] <= 0 ? 0 : sigma > 0 ? normalTail((trigger / dev[i] - 1) / sigma) : dev[i] > trigger ? 1 : 0;
  return sigma > 0 ? normalTail(k) : 0;
}

/** {@link collusionHolds} for every member at once (the war's weight is common to them). */
function allHold(delta: number, months: number, alpha: number, n: number, R: ArrayLike<number>, T: ArrayLike<number>, P: ArrayLike<number>): boolean {
  const dL = months === Infinity ? 0 : pow(delta, months);
  const weight = delta > 0 ? (delta * (1 - dL)) / (1 - delta + delta * alpha * (1 - dL)) : 0;
  for (let i = 0; i < n; i++) {
    if (T[i] <= R[i]) continue;
    if (R[i] <= P[i] || T[i] - R[i] > weight * (betas[i] - alpha) * (R[i] - P[i])) return false;
  }
  return true;
}

/**
 * The valley's critical discount factor: the least patience at which some trigger holds every
 * member to the agreement (0 when no firma gains by defecting, 1 when no patience suffices).
 * With no noise it is the largest member's folk-theorem threshold {@link stageCriticalDiscount}.
 */
export function valleyCriticalDiscount(
  months: number,
  sigma: number,
  agreed: number,
  n: number,
  R: ArrayLike<number>,
  T: ArrayLike<number>,
  P: ArrayLike<number>,
  dev: ArrayLike<number>,
): number {
  let gains = false;
  for (let i = 0; i < n; i++) if (T[i] > R[i]) gains = true;
  if (!gains) return 0;
  const top = 1 - 1e-9;
  let best = 1;
  for (const k of TRIGGER_GRID) {
    const alpha = detection(k, sigma, agreed * (1 + k * sigma), n, dev);
    // Only a trigger that does better than the best so far is worth the search.
    const bar = Math.min(best, top);
    if (!allHold(bar, months, alpha, n, R, T, P)) continue;
    let lo = 0;
    let hi = bar;
    for (let i = 0; i < 40; i++) {
      const mid = 0.5 * (lo + hi);
      if (allHold(mid, months, alpha, n, R, T, P)) hi = mid;
      else lo = mid;
    }
    best = hi;
  }
  return best;
}

/**
 * Whether a firma keeps the agreement this month in a valley at peace (in a war every firma plays
 * the stage game).
 */
export function holdsAgreement(strategy: BuyerStrategy, patience: number, deltaStar: number): boolean {
  switch (strategy) {
    case 'always-defect':
      return false;
    case 'adaptive':
      return patience >= deltaStar;
    default:
      return true;
  }
}
