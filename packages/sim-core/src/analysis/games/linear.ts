/**
 * The linear algebra the solvers need, on payoffs already normalised to [0, 1] per player (see
 * solving.ts), so that fixed tolerances are meaningful whatever the payoffs' units: Gaussian
 * elimination for square systems and a dense two-phase simplex for the small linear programmes of
 * domination by mixed strategies.
 *
 * Sources: Chvátal, *Linear Programming* (1983), ch. 2–3 (the simplex method, two phases, Bland's
 * rule against cycling).
 */

/** Pivots and feasibility below this count as zero (inputs are O(1) after normalisation). */
export const EPS = 1e-9;

/**
 * Solve the square system `m·x = b` by Gaussian elimination with partial pivoting. Returns null
 * when the matrix is singular (a pivot smaller than 1e-12 × the largest entry). Inputs are not
 * modified.
 * @example gaussianSolve([[0, 1], [1, 0]], [2, 3]) // [3, 2]
 */
export function gaussianSolve(m: readonly (readonly number[])[], b: readonly number[]): number[] | null {
  const n = b.length;
  if (m.length !== n || m.some((r) => r.length !== n)) throw new Error(`gaussianSolve needs an ${n}×${n} matrix`);
  const a = m.map((r, i) => [...r, b[i]]);
  let scale = 0;
  for (const r of m) for (const x of r) scale = Math.max(scale, Math.abs(x));
  const eps = 1e-12 * (scale || 1);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
    if (!(Math.abs(a[piv][c]) > eps)) return null;
    if (piv !== c) [a[piv], a[c]] = [a[c], a[piv]];
    for (let r = c + 1; r < n; r++) {
      const f = a[r][c] / a[c][c];
      if (f === 0) continue;
      for (let k = c; k <= n; k++) a[r][k] -= f * a[c][k];
    }
  }
  const x = new Array<number>(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = a[r][n];
    for (let k = r + 1; k < n; k++) s -= a[r][k] * x[k];
    x[r] = s / a[r][r];
  }
  return x.every(Number.isFinite) ? x : null;
}

/** One constraint `Σ coef·x (≤ | = | ≥) rhs` of a linear programme over x ≥ 0. */
export interface LinearConstraint {
  coef: readonly number[];
  kind: '<=' | '=' | '>=';
  rhs: number;
}

/** The answer of {@link maximise}. */
export type LpResult = { status: 'optimal'; value: number; x: number[] } | { status: 'infeasible' } | { status: 'unbounded' };

/**
 * Maximise `c·x` subject to the constraints and x ≥ 0, by the two-phase simplex method on a dense
 * tableau with Bland's rule (no cycling in degenerate programmes). Meant for the small
 * programmes of this module (tens of variables and constraints).
 * @example maximise([1, 1], [{ coef: [1, 2], kind: '<=', rhs: 4 }, { coef: [3, 1], kind: '<=', rhs: 6 }]) // value 2.8
 */
export function maximise(c: readonly number[], constraints: readonly LinearConstraint[]): LpResult {
  const n = c.length;
  // Rows with a non-negative right-hand side; each gets a slack (≤), surplus (≥) and/or artificial.
  const rows = constraints.map((k) => (k.rhs < 0 ? { coef: k.coef.map((v) => -v), kind: k.kind === '<=' ? '>=' : k.kind === '>=' ? '<=' : '=', rhs: -k.rhs } : k));
  const m = rows.length;
  let cols = n;
  const slackOf: number[] = [];
  const artOf: number[] = [];
  for (const r of rows) {
    slackOf.push(r.kind === '=' ? -1 : cols++);
  }
  const firstArt = cols;
  for (const r of rows) artOf.push(r.kind === '<=' ? -1 : cols++);
  const width = cols + 1; // last column: right-hand side
  const t: Float64Array[] = rows.map((r, i) => {
    const row = new Float64Array(width);
    for (let j = 0; j < n; j++) row[j] = r.coef[j] ?? 0;
    if (slackOf[i] >= 0) row[slackOf[i]] = r.kind === '<=' ? 1 : -1;
    if (artOf[i] >= 0) row[artOf[i]] = 1;
    row[width - 1] = r.rhs;
    return row;
  });
  const basis = rows.map((r, i) => (artOf[i] >= 0 ? artOf[i] : slackOf[i]));

  const pivot = (pr: number, pc: number) => {
    const prow = t[pr];
    const p = prow[pc];
    for (let j = 0; j < width; j++) prow[j] /= p;
    for (let i = 0; i < m; i++) {
      if (i === pr) continue;
      const f = t[i][pc];
      if (f === 0) continue;
      const row = t[i];
      for (let j = 0; j < width; j++) row[j] -= f * prow[j];
    }
    basis[pr] = pc;
  };
  // Run the simplex on objective `obj` (length cols), over the allowed columns; true if bounded.
  const run = (obj: Float64Array, allowed: (j: number) => boolean): boolean => {
    for (let iter = 0; iter < 10_000; iter++) {
      // Reduced costs: obj_j − Σ_i obj_basis(i) · t[i][j]; Bland: the lowest improving column.
      let enter = -1;
      for (let j = 0; j < cols && enter < 0; j++) {
        if (!allowed(j) || basis.includes(j)) continue;
        let rc = obj[j];
        for (let i = 0; i < m; i++) rc -= obj[basis[i]] * t[i][j];
        if (rc > EPS) enter = j;
      }
      if (enter < 0) return true;
      let leave = -1;
      let best = Infinity;
      for (let i = 0; i < m; i++) {
        const a = t[i][enter];
        if (a <= EPS) continue;
        const ratio = t[i][width - 1] / a;
        if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && basis[i] < basis[leave])) {
          best = ratio;
          leave = i;
        }
      }
      if (leave < 0) return false;
      pivot(leave, enter);
    }
    throw new Error('simplex did not converge in 10,000 pivots');
  };

  if (firstArt < cols) {
    const phase1 = new Float64Array(cols);
    for (let j = firstArt; j < cols; j++) phase1[j] = -1;
    run(phase1, () => true);
    let infeasibility = 0;
    for (let i = 0; i < m; i++) if (basis[i] >= firstArt) infeasibility += t[i][width - 1];
    if (infeasibility > 1e-7) return { status: 'infeasible' };
    // Drive artificials left in the basis (at zero) out where a real column can replace them.
    for (let i = 0; i < m; i++) {
      if (basis[i] < firstArt) continue;
      for (let j = 0; j < firstArt; j++) {
        if (Math.abs(t[i][j]) > EPS && !basis.includes(j)) {
          pivot(i, j);
          break;
        }
      }
    }
  }
  const obj = new Float64Array(cols);
  for (let j = 0; j < n; j++) obj[j] = c[j];
  if (!run(obj, (j) => j < firstArt)) return { status: 'unbounded' };
  const x = new Array<number>(n).fill(0);
  for (let i = 0; i < m; i++) if (basis[i] < n) x[basis[i]] = t[i][width - 1];
  return { status: 'optimal', value: x.reduce((s, v, j) => s + v * c[j], 0), x };
}
