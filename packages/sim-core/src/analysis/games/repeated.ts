/**
 * Repeated games: the folk-theorem threshold of grim trigger, δ* = (T − R)/(T − P), and its
 * reading for the n-firma buyers' cartel over n.
 *
 * Sources: Osborne (2004) ch. 14–15 (repeated games, grim trigger); Gibbons (1992) §2.3.
 */
import { type Stat } from '../statistics.ts';

/**
 * The critical discount factor of grim trigger in a repeated prisoner's dilemma:
 * δ* = (T − R)/(T − P), where R is each player's stage payoff when all cooperate, T the
 * defector's one-shot payoff when the others cooperate and P the payoff when all defect.
 * Cooperation is a subgame-perfect equilibrium iff R/(1−δ) ≥ T + δP/(1−δ), i.e. δ ≥ δ*
 * (Osborne 2004, §14.7; Gibbons 1992, §2.3.B).
 *
 * Edge cases: T ≤ R (no temptation) gives 0; T > R with T ≤ P (punishment no worse than the
 * temptation) gives Infinity (never sustainable); R ≤ P gives δ* ≥ 1 (never sustainable for δ < 1).
 * @example criticalDiscount(3, 5, 1) === 0.5
 */
export function criticalDiscount(R: number, T: number, P: number): number {
  if (![R, T, P].every(Number.isFinite)) throw new Error(`criticalDiscount needs finite payoffs, got R=${R}, T=${T}, P=${P}`);
  if (T <= R) return 0;
  if (T <= P) return Infinity;
  return (T - R) / (T - P);
}

/** Measured stage payoffs of the buyers' game with n firmas. */
export interface CartelPayoffs {
  /** Number of firmas. */
  n: number;
  /** Each firma's monthly payoff when all hold the agreement (a number or a measured Stat). */
  R: number | Stat;
  /** The defector's one-shot payoff when the others hold. */
  T: number | Stat;
  /** Each firma's payoff when all break it. */
  P: number | Stat;
}

/** The folk-theorem reading for one n. */
export interface CartelRow {
  n: number;
  R: number;
  T: number;
  P: number;
  /** δ*(n) on the mean payoffs. */
  deltaStar: number;
  /**
   * Range of δ* over the payoffs' 95% intervals (a point for exact payoffs); its top is Infinity
   * ("unbounded") when the intervals allow a temptation with a punishment no worse than it.
   */
  deltaStarRange: [number, number];
  /** δ ≥ δ*(n) on means. */
  sustainable: boolean;
  /** δ ≥ δ* at every corner of the intervals. */
  robustlySustainable: boolean;
}

/** The folk-theorem reading of the buyers' cartel over n. */
export interface CartelSustainability {
  delta: number;
  /** One row per n, ascending. */
  rows: CartelRow[];
  /** The largest n at which cooperation is sustainable (δ ≥ δ*(n)); null if none. */
  maxSustainableN: number | null;
  /** The largest n such that cooperation is sustainable at every measured n up to it; null if not at the smallest. */
  sustainableUpTo: number | null;
}

function asInterval(x: number | Stat): { mean: number; lo: number; hi: number } {
  return typeof x === 'number' ? { mean: x, lo: x, hi: x } : { mean: x.mean, lo: x.ci95[0], hi: x.ci95[1] };
}

/**
 * For the n-player buyers' game (firmas holding or breaking an informal leaf-price agreement),
 * the folk-theorem critical discount δ*(n) = (T(n) − R(n))/(T(n) − P(n)) at each measured n, and
 * the largest n at which grim-trigger cooperation is sustainable at discount factor δ
 * (δ ≥ δ*(n)). With more firmas each one's share of the cartel rent R(n) shrinks while the
 * one-shot gain of outbidding stays large, so δ*(n) rises toward 1: the collective-action
 * failure (Osborne 2004, ch. 14–15; Gibbons 1992, §2.3.B; Stigler 1964).
 *
 * @param delta the firmas' monthly discount factor, in [0, 1).
 * @example
 * cartelSustainability([{ n: 2, R: 6, T: 10, P: 2 }, { n: 6, R: 2, T: 10, P: 0 }], 0.75).maxSustainableN === 2
 */
export function cartelSustainability(points: readonly CartelPayoffs[], delta: number): CartelSustainability {
  if (!(delta >= 0 && delta < 1)) throw new Error(`discount factor must be in [0, 1), got ${delta}`);
  const sorted = [...points].sort((a, b) => a.n - b.n);
  sorted.forEach((p, i) => {
    if (!Number.isFinite(p.n) || p.n < 1) throw new Error(`number of firmas must be ≥ 1, got ${p.n}`);
    if (i > 0 && sorted[i - 1].n === p.n) throw new Error(`n = ${p.n} appears twice`);
  });
  const rows: CartelRow[] = sorted.map((pt) => {
    const R = asInterval(pt.R);
    const T = asInterval(pt.T);
    const P = asInterval(pt.P);
    const deltaStar = criticalDiscount(R.mean, T.mean, P.mean);
    // δ* falls with R and rises with P; in T it rises when R > P but, when R ≤ P is possible,
    // jumps to Infinity for R < T ≤ P: inside the box that case makes the range unbounded, and
    // elsewhere the extremes are at corners.
    let lo = deltaStar;
    let hi = deltaStar;
    for (const r of [R.lo, R.hi]) {
      for (const t of [T.lo, T.hi]) {
        for (const p of [P.lo, P.hi]) {
          const d = criticalDiscount(r, t, p);
          lo = Math.min(lo, d);
          hi = Math.max(hi, d);
        }
      }
    }
    if (Math.max(T.lo, R.lo) < Math.min(T.hi, P.hi)) hi = Infinity;
    return { n: pt.n, R: R.mean, T: T.mean, P: P.mean, deltaStar, deltaStarRange: [lo, hi], sustainable: delta >= deltaStar, robustlySustainable: delta >= hi };
  });
  let maxSustainableN: number | null = null;
  for (const r of rows) if (r.sustainable) maxSustainableN = r.n;
  let sustainableUpTo: number | null = null;
  for (const r of rows) {
    if (!r.sustainable) break;
    sustainableUpTo = r.n;
  }
  return { delta, rows, maxSustainableN, sustainableUpTo };
}
