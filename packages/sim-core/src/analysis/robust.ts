/**
 * Robustness of policies across an ensemble, and the split of an effect's uncertainty.
 *
 * **Minimax regret** (Savage 1951; robust decision making: Lempert, Popper & Bankes 2003): in
 * each state of the world s (here an ensemble member), the regret of policy p is how far its
 * outcome falls short of the best policy's in that state,
 *   regret(p, s) = max_p' outcome(p', s) − outcome(p, s)   (outcomes where more is better),
 * and the robust choice is the policy whose largest regret (or a high quantile of it, over the
 * members' posterior weights) is smallest. It asks "how much could I regret this choice?", not
 * "what is best on average?".
 *
 * **Variance decomposition** over an ensemble with replicates (a random-effects / one-way ANOVA
 * split): a run's effect varies because members differ (parameter uncertainty) and because seeds
 * differ (chance). With posterior weights w_m (Σ w_m = 1), member means μ_m over n_m runs and
 * within-member sample variances s²_m:
 *   chance    = Σ w_m s²_m
 *   parameter = max(0, Σ w_m (μ_m − μ)² − Σ w_m s²_m / n_m)
 * (the spread of member means, less the part of it that is only the noise of averaging n_m
 * runs), and total = parameter + chance is the variance of the effect in one history drawn from
 * the posterior. Pure.
 */
import { weightedQuantile } from './abc.ts';
import { stat } from './statistics.ts';

/** Whether a larger outcome is better (`max`, e.g. income) or worse (`min`, e.g. coca hectares). */
export type Goal = 'min' | 'max';

/** One policy's robustness. */
export interface PolicyRegret {
  policy: string;
  /** Weighted mean outcome over members. */
  meanOutcome: number;
  /** Regret in each member, in member order. */
  regret: number[];
  /** Largest regret over members. */
  maxRegret: number;
  /** Weighted quantile of regret (the `quantile` option). */
  quantileRegret: number;
  /** Weighted mean regret. */
  meanRegret: number;
  /** Weighted share of members in which this policy is the best (ties shared). */
  bestShare: number;
}

/** The regret table of policies over members. */
export interface RegretTable {
  goal: Goal;
  quantile: number;
  policies: PolicyRegret[];
  /** The policy of smallest maximum regret (ties: smallest quantile regret, then order given). */
  minimaxRegret: string;
  /** The policy of smallest quantile regret. */
  quantileChoice: string;
}

/**
 * Regret of each policy in each member and the minimax-regret choice.
 * @param outcomes `outcomes[p][m]`: policy p's outcome in member m (e.g. its mean over seeds).
 * @example regretTable(['baseline', 'ad'], [[10, 20], [12, 8]], 'min').minimaxRegret === 'ad'
 */
export function regretTable(policies: readonly string[], outcomes: readonly ArrayLike<number>[], goal: Goal, options: { weights?: ArrayLike<number>; quantile?: number } = {}): RegretTable {
  if (policies.length < 2) throw new Error('regret compares at least two policies');
  if (outcomes.length !== policies.length) throw new Error('one row of outcomes per policy');
  const members = outcomes[0].length;
  if (members === 0) throw new Error('regret needs at least one member');
  for (const o of outcomes) if (o.length !== members) throw new Error('every policy needs an outcome in every member');
  const weights = options.weights ?? new Float64Array(members).fill(1 / members);
  const quantile = options.quantile ?? 0.9;
  const sign = goal === 'max' ? 1 : -1;
  const best = Array.from({ length: members }, (_, m) => Math.max(...outcomes.map((o) => sign * o[m])));
  let wsum = 0;
  for (let m = 0; m < members; m++) wsum += weights[m];
  const table = policies.map((policy, p): PolicyRegret => {
    const regret = Array.from({ length: members }, (_, m) => best[m] - sign * outcomes[p][m]);
    let mean = 0;
    let meanRegret = 0;
    let bestShare = 0;
    for (let m = 0; m < members; m++) {
      mean += (weights[m] * outcomes[p][m]) / wsum;
      meanRegret += (weights[m] * regret[m]) / wsum;
      if (regret[m] <= 1e-12 * Math.max(1, Math.abs(best[m]))) {
        const ties = outcomes.filter((o) => best[m] - sign * o[m] <= 1e-12 * Math.max(1, Math.abs(best[m]))).length;
        bestShare += weights[m] / wsum / ties;
      }
    }
    return { policy, meanOutcome: mean, regret, maxRegret: Math.max(...regret), quantileRegret: weightedQuantile(regret, weights, quantile), meanRegret, bestShare };
  });
  const by = (key: (r: PolicyRegret) => number[]) =>
    table.reduce((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let i = 0; i < ka.length; i++) if (kb[i] < ka[i] - 1e-12) return b;
        else if (kb[i] > ka[i] + 1e-12) return a;
      return a;
    }).policy;
  return { goal, quantile, policies: table, minimaxRegret: by((r) => [r.maxRegret, r.quantileRegret]), quantileChoice: by((r) => [r.quantileRegret, r.maxRegret]) };
}

/** An effect over an ensemble: its total uncertainty and the split into parameter uncertainty and chance. */
export interface EnsembleStat {
  /** Members. */
  members: number;
  /** Runs in all. */
  runs: number;
  /** Weighted mean over members of the member means. */
  mean: number;
  /** √(total variance): the spread of the effect in one history drawn from the posterior. */
  sd: number;
  /** 95% interval of the effect in one history: mean ± 1.96·sd (a normal approximation). */
  ci95: [number, number];
  /** Variance from parameter uncertainty (between members). */
  parameterVariance: number;
  /** Variance from chance (within members, over seeds). */
  chanceVariance: number;
  /** parameter / total (0 when the total is 0). */
  parameterShare: number;
  /** 95% interval of the expected effect over the posterior: mean ± 1.96·√parameter. */
  parameterCi95: [number, number];
  /** Smallest and largest member mean. */
  min: number;
  max: number;
}

/** One member's runs reduced to moments: posterior weight, runs, mean and sample variance. */
export interface MemberSample {
  weight: number;
  n: number;
  mean: number;
  variance: number;
}

/**
 * Split the variance of an effect observed in runs grouped by member.
 * @param groups each member's posterior weight and its runs' values (≥ 1 each).
 * @example ensembleStat([{ weight: 0.5, values: [1, 1.2] }, { weight: 0.5, values: [3, 3.1] }]).parameterShare
 */
export function ensembleStat(groups: readonly { weight: number; values: ArrayLike<number> }[]): EnsembleStat {
  return ensembleStatFromMoments(
    groups.map((g) => {
      if (g.values.length === 0) throw new Error('every member needs at least one run');
      const s = stat(g.values);
      return { weight: g.weight, n: s.n, mean: s.mean, variance: s.sd * s.sd };
    }),
  );
}

/** {@link ensembleStat} from each member's moments (what a streaming accumulator keeps). */
export function ensembleStatFromMoments(groups: readonly MemberSample[]): EnsembleStat {
  if (groups.length === 0) throw new Error('an ensemble statistic needs at least one member');
  let wsum = 0;
  for (const g of groups) {
    if (!(g.n >= 1)) throw new Error('every member needs at least one run');
    wsum += g.weight;
  }
  if (!(wsum > 0)) throw new Error('the members\u2019 weights must sum to more than 0');
  let mean = 0;
  for (const g of groups) mean += (g.weight / wsum) * g.mean;
  let between = 0;
  let chance = 0;
  let noise = 0;
  let runs = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const g of groups) {
    const w = g.weight / wsum;
    between += w * (g.mean - mean) * (g.mean - mean);
    chance += w * g.variance;
    noise += (w * g.variance) / g.n;
    runs += g.n;
    min = Math.min(min, g.mean);
    max = Math.max(max, g.mean);
  }
  const parameter = Math.max(0, between - noise);
  const total = parameter + chance;
  const sd = Math.sqrt(total);
  const psd = Math.sqrt(parameter);
  return {
    members: groups.length,
    runs,
    mean,
    sd,
    ci95: [mean - 1.96 * sd, mean + 1.96 * sd],
    parameterVariance: parameter,
    chanceVariance: chance,
    parameterShare: total > 0 ? parameter / total : 0,
    parameterCi95: [mean - 1.96 * psd, mean + 1.96 * psd],
    min,
    max,
  };
}
