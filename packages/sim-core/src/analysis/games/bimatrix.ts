/**
 * Nash equilibria of two-player games from their best-response polytopes: every extreme
 * equilibrium by vertex enumeration (Avis, Rosenberg, Savani & von Stengel 2010, as Gambit's
 * `enummixed` does), and one equilibrium per dropped label by Lemke–Howson (Lemke & Howson 1964;
 * von Stengel 2002, Handbook of Game Theory vol. 3 ch. 45) where enumeration is too large.
 *
 * Both work on payoff matrices A (row player) and B (column player) that the caller has normalised
 * to [0, 1] per player and shifted to be positive ([1, 2]): a shift or a positive scale of a
 * player's payoffs changes no equilibrium, and tolerances are then relative to each player's range.
 *
 * The polytopes: P = {x ∈ Rᵐ : x ≥ 0, Bᵀx ≤ 1} and Q = {y ∈ Rⁿ : A·y ≤ 1, y ≥ 0}. Label i < m is
 * "x_i = 0" in P and "(A·y)_i = 1" in Q (row strategy i unplayed or a best response); label m + j
 * is "(Bᵀx)_j = 1" in P and "y_j = 0" in Q. A pair of vertices (x, y) ≠ (0, 0) that carries every
 * label, normalised to probabilities, is an equilibrium; in degenerate games the equilibria form
 * convex components whose extreme points are exactly such vertex pairs.
 */
import { EPS, gaussianSolve } from './linear.ts';

/** A vertex of a best-response polytope: its point and the labels of its tight constraints. */
interface Vertex {
  point: number[];
  labels: Set<number>;
}

/** Binomial coefficient (as a float: only compared with limits). */
export function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** The k-subsets of 0..n-1 in lexicographic order, one at a time. */
function forEachSubset(n: number, k: number, f: (s: readonly number[]) => void): void {
  const s = Array.from({ length: k }, (_, i) => i);
  if (k > n) return;
  for (;;) {
    f(s);
    let i = k - 1;
    while (i >= 0 && s[i] === n - k + i) i--;
    if (i < 0) return;
    s[i]++;
    for (let j = i + 1; j < k; j++) s[j] = s[j - 1] + 1;
  }
}

/**
 * The vertices of {z ∈ Rᵈ : z ≥ 0, M·z ≤ 1} (M has r rows), labelled: coordinate c's label is
 * `zeroLabel(c)`, row k's label `rowLabel(k)`. A vertex is where d linearly independent
 * constraints are tight; points reached from several bases (degenerate vertices) are merged.
 */
function vertices(M: readonly (readonly number[])[], d: number, zeroLabel: (c: number) => number, rowLabel: (k: number) => number): Vertex[] {
  const r = M.length;
  const out: Vertex[] = [];
  forEachSubset(d + r, d, (tight) => {
    // Constraint t < d: z_t = 0; t ≥ d: row t − d of M·z = 1.
    const sys = tight.map((t) => (t < d ? Array.from({ length: d }, (_, c) => (c === t ? 1 : 0)) : [...M[t - d]]));
    const rhs = tight.map((t) => (t < d ? 0 : 1));
    const z = gaussianSolve(sys, rhs);
    if (!z || z.some((v) => v < -EPS)) return;
    for (let c = 0; c < d; c++) if (z[c] < 0) z[c] = 0;
    const labels = new Set<number>();
    for (let c = 0; c < d; c++) if (z[c] <= EPS) labels.add(zeroLabel(c));
    for (let k = 0; k < r; k++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += M[k][c] * z[c];
      if (s > 1 + EPS) return;
      if (s >= 1 - EPS) labels.add(rowLabel(k));
    }
    if (out.some((v) => v.point.every((x, c) => Math.abs(x - z[c]) <= 1e-7))) return;
    out.push({ point: z, labels });
  });
  return out;
}

/** How many linear systems vertex enumeration of an m×n game solves. */
export function enumerationSize(m: number, n: number): number {
  return binomial(m + n, m) * 2;
}

const normalised = (v: readonly number[]): number[] => {
  const s = v.reduce((a, b) => a + b, 0);
  return v.map((p) => (p <= EPS * s ? 0 : p / s));
};

/**
 * Every extreme Nash equilibrium of the bimatrix game (A, B), as pairs of probability vectors, by
 * enumerating the vertices of both best-response polytopes and keeping the completely labelled
 * pairs. A and B must be positive (the caller normalises them).
 */
export function vertexEnumeration(A: readonly (readonly number[])[], B: readonly (readonly number[])[]): [number[], number[]][] {
  const m = A.length;
  const n = A[0].length;
  const Bt = Array.from({ length: n }, (_, j) => A.map((_, i) => B[i][j]));
  const P = vertices(Bt, m, (i) => i, (j) => m + j).filter((v) => v.point.some((x) => x > EPS));
  const Q = vertices(A, n, (j) => m + j, (i) => i).filter((v) => v.point.some((y) => y > EPS));
  const out: [number[], number[]][] = [];
  for (const p of P) {
    for (const q of Q) {
      let all = true;
      for (let l = 0; l < m + n && all; l++) all = p.labels.has(l) || q.labels.has(l);
      if (all) out.push([normalised(p.point), normalised(q.point)]);
    }
  }
  return out;
}

/**
 * Lemke–Howson from every dropped label (0..m+n−1), de-duplicated: at least one equilibrium,
 * often several, never a guarantee of all of them. Complementary pivoting on the two tableaux
 * r + A·y = 1 (basis starts with the slacks r, labels 0..m−1) and s + Bᵀx = 1 (slacks s, labels
 * m..m+n−1); a minimum-ratio test with lexicographic tie-breaking keeps degenerate games finite.
 */
export function lemkeHowson(A: readonly (readonly number[])[], B: readonly (readonly number[])[]): [number[], number[]][] {
  const m = A.length;
  const n = A[0].length;
  const out: [number[], number[]][] = [];
  for (let k0 = 0; k0 < m + n; k0++) {
    const eq = lemkeHowsonFrom(A, B, k0);
    if (eq && !out.some(([x, y]) => x.every((p, i) => Math.abs(p - eq[0][i]) <= 1e-7) && y.every((p, j) => Math.abs(p - eq[1][j]) <= 1e-7))) out.push(eq);
  }
  return out;
}

/** One Lemke–Howson path, dropping label k0; null if it does not close within its pivot limit. */
function lemkeHowsonFrom(A: readonly (readonly number[])[], B: readonly (readonly number[])[], k0: number): [number[], number[]] | null {
  const m = A.length;
  const n = A[0].length;
  // Tableau rows [coefficients of variables labelled 0..m+n−1 | identity part for lexico | rhs].
  // Q-tableau (for y): variables are r_i (label i) and y_j (label m+j); rows i: r_i + Σ A_ij y_j = 1.
  // P-tableau (for x): variables are x_i (label i) and s_j (label m+j); rows j: s_j + Σ B_ij x_i = 1.
  const mk = (rows: number, coef: (row: number, label: number) => number) =>
    Array.from({ length: rows }, (_, r) => {
      const row = new Float64Array(m + n + 1);
      for (let l = 0; l < m + n; l++) row[l] = coef(r, l);
      row[m + n] = 1;
      return row;
    });
  const tq = mk(m, (i, l) => (l < m ? (l === i ? 1 : 0) : A[i][l - m]));
  const tp = mk(n, (j, l) => (l < m ? B[l][j] : l - m === j ? 1 : 0));
  const basisQ = Array.from({ length: m }, (_, i) => i);
  const basisP = Array.from({ length: n }, (_, j) => m + j);
  // The original slack columns serve as the lexicographic tie-break (their columns of B⁻¹).
  const slackCols = (isP: boolean) => (isP ? Array.from({ length: n }, (_, j) => m + j) : Array.from({ length: m }, (_, i) => i));

  const step = (t: Float64Array[], basis: number[], enter: number, isP: boolean): number | null => {
    let leave = -1;
    for (let r = 0; r < t.length; r++) {
      if (t[r][enter] <= EPS) continue;
      if (leave < 0) {
        leave = r;
        continue;
      }
      // Lexicographic minimum of (rhs, slack columns) / pivot entry.
      const a = t[r][enter];
      const b = t[leave][enter];
      let cmp = t[r][m + n] / a - t[leave][m + n] / b;
      if (Math.abs(cmp) <= EPS) {
        cmp = 0;
        for (const c of slackCols(isP)) {
          const d = t[r][c] / a - t[leave][c] / b;
          if (Math.abs(d) > EPS) {
            cmp = d;
            break;
          }
        }
      }
      if (cmp < 0) leave = r;
    }
    if (leave < 0) return null;
    const prow = t[leave];
    const p = prow[enter];
    for (let c = 0; c <= m + n; c++) prow[c] /= p;
    for (let r = 0; r < t.length; r++) {
      if (r === leave) continue;
      const f = t[r][enter];
      if (f === 0) continue;
      for (let c = 0; c <= m + n; c++) t[r][c] -= f * prow[c];
    }
    const left = basis[leave];
    basis[leave] = enter;
    return left;
  };

  // Drop label k0: its variable enters in the tableau where it is non-basic (x_k0 in P, y_j in Q).
  let inP = k0 < m;
  let enter = k0;
  for (let iter = 0; iter < 10_000; iter++) {
    const left = inP ? step(tp, basisP, enter, true) : step(tq, basisQ, enter, false);
    if (left === null) return null;
    if (left === k0) {
      const x = new Array<number>(m).fill(0);
      const y = new Array<number>(n).fill(0);
      basisP.forEach((l, r) => l < m && (x[l] = tp[r][m + n]));
      basisQ.forEach((l, r) => l >= m && (y[l - m] = tq[r][m + n]));
      if (!x.some((v) => v > EPS) || !y.some((v) => v > EPS)) return null;
      return [normalised(x), normalised(y)];
    }
    // The label that left enters in the other tableau.
    enter = left;
    inP = !inP;
  }
  return null;
}
