/**
 * Statistics over replicates: mean, standard deviation and the 95% confidence interval of the
 * mean (Student's t), the figures `summary.json` reports for every metric and row.
 */

export interface Stat {
  /** Number of replicates. */
  n: number;
  mean: number;
  /** Sample standard deviation (0 when n = 1). */
  sd: number;
  /** 95% confidence interval of the mean: mean ± t(0.975, n−1)·sd/√n (the point itself when n = 1). */
  ci95: [number, number];
  min: number;
  max: number;
}

// Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom; beyond, the normal 1.96
// is within 2% and a short interpolation table keeps it honest.
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101,
  2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** Student's t quantile at 0.975 for `df` degrees of freedom. */
export function tQuantile975(df: number): number {
  if (df < 1) return Number.NaN;
  if (df <= 30) return T975[df - 1];
  if (df <= 60) return 2.042 + ((2.0 - 2.042) * (df - 30)) / 30;
  if (df <= 120) return 2.0 + ((1.98 - 2.0) * (df - 60)) / 60;
  return 1.96;
}

/**
 * Summarise a sample of replicate values.
 * @example stat([1, 2, 3]).mean === 2
 */
export function stat(values: ArrayLike<number>): Stat {
  const n = values.length;
  if (n === 0) return { n: 0, mean: 0, sd: 0, ci95: [0, 0], min: 0, max: 0 };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    sum += values[i];
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) * (values[i] - mean);
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const half = n > 1 ? tQuantile975(n - 1) * (sd / Math.sqrt(n)) : 0;
  return { n, mean, sd, ci95: [mean - half, mean + half], min, max };
}

/**
 * Per-replicate differences `b − a` of paired samples (replicate k of each shares its seed, so
 * the noise common to both cancels).
 * @example pairedDifferences([1, 2], [4, 4]) // [3, 2]
 */
export function pairedDifferences(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  if (a.length !== b.length) throw new Error(`paired samples must have as many replicates (${a.length} vs ${b.length})`);
  return Array.from(b, (x, k) => x - a[k]);
}

/** The paired difference `b − a`: the statistics of the per-replicate differences. */
export function pairedStat(a: ArrayLike<number>, b: ArrayLike<number>): Stat {
  return stat(pairedDifferences(a, b));
}

/** True when a 95% interval excludes zero (never for one value: it has no interval). */
export function excludesZero(s: Pick<Stat, 'n' | 'ci95'>): boolean {
  return s.n > 1 && (s.ci95[0] > 0 || s.ci95[1] < 0);
}
