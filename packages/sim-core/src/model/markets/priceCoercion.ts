/**
 * Price coercion as the outcome of bids: the firmas present in a valley are Cournot monopsonists
 * (Robinson 1933). Each chooses how much leaf to buy, up to its capacity, knowing that the more
 * the valley's buyers take the higher the price that draws the leaf out of growers. Growers'
 * inverse supply over a month is w(Q) = v̄ · (Q / S)^(1/ε): at the buyers' competitive price v̄
 * (their capacity-weighted netback) growers would sell all the leaf S on offer; below it they
 * hold leaf back (it keeps a while, they make paste themselves, they carry it out), with
 * elasticity ε (`firmas.leafSupplyElasticity`). Buyer i earns (v_i − w(Q))·q_i; its first-order
 * condition v_i − w − w'(Q)·q_i = 0 gives, with n equal buyers, w = v / (1 + 1/(nε)): the markdown
 * (monopsony power) shrinks as buyers multiply, and a held cartel buys as one (n = 1). Capacity
 * limits cap q_i, and a valley whose harvest outruns its buyers' capacity clears below their
 * bids (calibration §3 fact 6: VRAE $1.02/kg against a national $2.2 in 2003).
 *
 * Organised growers bargain: their association splits the markdown with the buyers by a Nash
 * bargaining rule whose weight is its bargaining power times the share of households it
 * organises (Binmore, Rubinstein & Wolinsky 1986): price p = w + β·(v̄ − w), and growers sell
 * what their supply curve offers at p, up to the buyers' capacity.
 *
 * Why Cournot rather than sealed bids: leaf is bought by collectors who go valley to valley
 * through the month with a budget and truck capacity sized beforehand (the firma's network), and
 * the price that month is whatever clears what they came to take — capacity is committed before
 * the price forms, which is Kreps & Scheinkman's (1983) case for Cournot outcomes. A sealed
 * first-price auction for a divisible good would, with capacities that can take the harvest,
 * bid up to the netback (Bertrand), leaving no monopsony rent, against the observed discount.
 */
import { pow } from '../../engine/math.ts';

/** Bisection steps: enough for 1e-12 of the price range. */
const STEPS = 60;

/**
 * Growers' inverse supply: the price that draws Q kilos out of S on offer, when at the price
 * `vref` they would sell all of it.
 */
export function supplyPrice(q: number, s: number, vref: number, eps: number): number {
  return s > 0 && q > 0 ? vref * pow(Math.min(1, q / s), 1 / eps) : 0;
}

/** Leaf growers offer at price w (kg): S·(w/vref)^ε, at most S. */
export function supplyAt(w: number, s: number, vref: number, eps: number): number {
  return vref > 0 && w > 0 ? s * Math.min(1, pow(w / vref, eps)) : 0;
}

/**
 * A valley's Cournot equilibrium among the buyers with `free[k]` set, given the fixed quantities
 * of the others (the cartel's members holding their agreed quota, or none). Buyer k's quantity
 * at price w solves its first-order condition, q_k = (v_k − w)·εQ(w)/w, capped at `cap[k]`; the
 * price is the unique w at which those quantities and the fixed ones add up to what growers
 * offer at w (the excess is decreasing in w, so bisection finds it). Writes the quantities into
 * `q` (fixed buyers keep theirs) and returns the price.
 * @param v netback per kilo of leaf of each buyer (USD/kg)
 * @param cap each buyer's capacity this month (kg)
 */
export function cournotMonopsony(
  s: number,
  vref: number,
  eps: number,
  n: number,
  v: ArrayLike<number>,
  cap: ArrayLike<number>,
  free: ArrayLike<boolean>,
  q: Float64Array,
): number {
  let fixed = 0;
  let hi = 0;
  for (let k = 0; k < n; k++) {
    if (!free[k]) fixed += q[k];
    else if (cap[k] > 0) hi = Math.max(hi, v[k]);
  }
  if (s <= 0 || vref <= 0) {
    for (let k = 0; k < n; k++) if (free[k]) q[k] = 0;
    return 0;
  }
  // Fixed buyers alone draw out at least their quota: the price cannot be below what that takes.
  let lo = supplyPrice(fixed, s, vref, eps);
  hi = Math.max(hi, lo);
  if (lo <= 0) lo = 1e-12 * Math.max(1e-12, hi);
  for (let i = 0; i < STEPS && hi - lo > 1e-12 * vref; i++) {
    const mid = 0.5 * (lo + hi);
    if (excessDemand(mid, s, vref, eps, n, v, cap, free, fixed) > 0) lo = mid;
    else hi = mid;
  }
  const w = 0.5 * (lo + hi);
  const Q = supplyAt(w, s, vref, eps);
  // Share what growers offer at w among the free buyers in proportion to their conditions (the
  // bisection's last rounding goes to them, so purchases equal supply exactly).
  let want = 0;
  for (let k = 0; k < n; k++) if (free[k]) want += Math.min(cap[k], Math.max(0, ((v[k] - w) * eps * Q) / w));
  const room = Math.max(0, Q - fixed);
  const scale = want > 0 ? Math.min(1, room / want) : 0;
  for (let k = 0; k < n; k++) if (free[k]) q[k] = Math.min(cap[k], Math.max(0, ((v[k] - w) * eps * Q) / w)) * scale;
  return w;
}

/**
 * What the buyers of {@link cournotMonopsony} want at price w (the fixed quantities and the free
 * buyers' first-order conditions, within capacity) less what growers offer at w. A function of
 * the module, not a closure: the bisection runs every valley-month, and a closure a call would be
 * allocated each time.
 */
function excessDemand(w: number, s: number, vref: number, eps: number, n: number, v: ArrayLike<number>, cap: ArrayLike<number>, free: ArrayLike<boolean>, fixed: number): number {
  const Q = supplyAt(w, s, vref, eps);
  let demand = fixed;
  for (let k = 0; k < n; k++) if (free[k]) demand += Math.min(cap[k], Math.max(0, ((v[k] - w) * eps * Q) / w));
  return demand - Q;
}

/**
 * The lone deviator's first-order condition on the valley's total Q when the others hold `fixed`:
 * w(Q)·(1 + (Q − fixed)/(εQ)) − v, increasing in Q (see {@link loneDeviation}).
 */
function deviationGap(Q: number, s: number, vref: number, eps: number, v: number, fixed: number): number {
  return supplyPrice(Q, s, vref, eps) * (1 + (Q - fixed) / (eps * Q)) - v;
}

/**
 * One buyer's best response when every other buyer holds a fixed total `fixed` (the cartel's
 * quotas): the same equilibrium as {@link cournotMonopsony} with that buyer alone free, solved on
 * the valley's total Q by its first-order condition v = w(Q)·(1 + (Q − fixed)/(εQ)) with a
 * safeguarded Newton step (a handful of iterations, whatever the number of buyers: the cartel's
 * incentive check runs it for every member every month). Returns the price and writes the
 * buyer's quantity into `out[0]`.
 */
export function loneDeviation(s: number, vref: number, eps: number, v: number, cap: number, fixed: number, out: Float64Array): number {
  out[0] = 0;
  if (s <= 0 || vref <= 0) return 0;
  let lo = fixed;
  let hi = Math.min(s, fixed + cap);
  if (hi <= lo || lo > 0 && deviationGap(lo, s, vref, eps, v, fixed) >= 0) return supplyPrice(fixed, s, vref, eps);
  if (deviationGap(hi, s, vref, eps, v, fixed) <= 0) {
    out[0] = hi - fixed;
    return supplyPrice(hi, s, vref, eps);
  }
  let Q = 0.5 * (lo + hi);
  for (let i = 0; i < STEPS && hi - lo > 1e-12 * s; i++) {
    const w = supplyPrice(Q, s, vref, eps);
    const gq = w * (1 + (Q - fixed) / (eps * Q)) - v;
    if (gq > 0) hi = Q;
    else lo = Q;
    const slope = (w / (eps * Q)) * (1 + (Q - fixed) / (eps * Q)) + (w * fixed) / (eps * Q * Q);
    const next = slope > 0 ? Q - gq / slope : NaN;
    Q = next > lo && next < hi ? next : 0.5 * (lo + hi);
    if (Math.abs(gq) <= 1e-13 * v) break;
  }
  out[0] = Math.max(0, Q - fixed);
  return supplyPrice(Q, s, vref, eps);
}

/**
 * The price a growers' association obtains by Nash bargaining over the markdown: a share
 * β = bargaining power × share of households organised, of the gap between the buyers' price
 * and their competitive price (Binmore, Rubinstein & Wolinsky 1986).
 * @example nashBargainedPrice(1, 3, 0.5, 1) // 2
 */
export function nashBargainedPrice(w: number, vref: number, bargainingPower: number, associationShare: number): number {
  const beta = Math.min(1, Math.max(0, bargainingPower * associationShare));
  return w + beta * Math.max(0, vref - w);
}
