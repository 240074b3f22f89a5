import { describe, it, expect } from 'vitest';
import {
  analyzeGame,
  bimatrixGame,
  cartelSustainability,
  criticalDiscount,
  dominatedStrategies,
  equilibriumRobustness,
  formatPayoffMatrix,
  gameFromPayoffs,
  gaussianSolve,
  iteratedElimination,
  measureGame,
  mixedNashEquilibria,
  paretoDominators,
  paretoOptimalProfiles,
  profileAt,
  profileIndex,
  pureNashEquilibria,
  type GamePlayer,
  type NormalFormGame,
} from '../src/analysis/games/index.ts';
import { stat } from '../src/analysis/statistics.ts';

const labels = (g: NormalFormGame) => pureNashEquilibria(g).map((e) => e.labels.join('/'));

const pd = () => bimatrixGame(['C', 'D'], ['C', 'D'], [[3, 0], [5, 1]], [[3, 5], [0, 1]]);
const pennies = () => bimatrixGame(['H', 'T'], ['H', 'T'], [[1, -1], [-1, 1]], [[-1, 1], [1, -1]]);
const stagHunt = () => bimatrixGame(['stag', 'hare'], ['stag', 'hare'], [[4, 0], [3, 3]], [[4, 3], [0, 3]]);
const chicken = () => bimatrixGame(['swerve', 'straight'], ['swerve', 'straight'], [[0, -1], [1, -10]], [[0, 1], [-1, -10]]);
const bos = () => bimatrixGame(['opera', 'football'], ['opera', 'football'], [[2, 0], [0, 1]], [[1, 0], [0, 2]]);

function expectMix(actual: number[], expected: number[]) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((p, i) => expect(p).toBeCloseTo(expected[i], 9));
}

/** Deterministic noise in [-1, 1] from integers (an integer hash, no Math.random). */
function noise(...keys: number[]): number {
  let h = 0x9e3779b9;
  for (const k of keys) {
    h = Math.imul(h ^ (k + 0x7f4a7c15), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return ((h >>> 0) / 0xffffffff) * 2 - 1;
}

describe('profiles', () => {
  it('enumerates row-major, player 0 slowest', () => {
    const g = gameFromPayoffs(
      [
        { name: 'a', strategies: ['0', '1'] },
        { name: 'b', strategies: ['0', '1', '2'] },
        { name: 'c', strategies: ['0', '1'] },
      ],
      Array.from({ length: 12 }, (_, k) => [k, k, k]),
    );
    expect(profileAt(g, 0)).toEqual([0, 0, 0]);
    expect(profileAt(g, 1)).toEqual([0, 0, 1]);
    expect(profileAt(g, 2)).toEqual([0, 1, 0]);
    expect(profileAt(g, 6)).toEqual([1, 0, 0]);
    for (let k = 0; k < 12; k++) expect(profileIndex(g, profileAt(g, k))).toBe(k);
    expect(() => profileIndex(g, [0, 3, 0])).toThrow(/out of range/);
  });
});

describe("prisoner's dilemma", () => {
  it('has the unique pure equilibrium (D, D), Pareto-dominated by (C, C)', () => {
    const g = pd();
    const eq = pureNashEquilibria(g);
    expect(eq.map((e) => e.profile)).toEqual([[1, 1]]);
    expect(eq[0].payoffs).toEqual([1, 1]);
    expect(eq[0].strict).toBe(true);
    expect(paretoDominators(g, [1, 1])).toEqual([[0, 0]]);
    expect(paretoOptimalProfiles(g)).toEqual([[0, 0], [0, 1], [1, 0]]);
  });

  it('has C strictly dominated by D for both players, and IESDS leaves (D, D)', () => {
    const g = pd();
    expect(dominatedStrategies(g)).toEqual([
      { player: 0, strategy: 0, kind: 'strict', dominatedBy: [1] },
      { player: 1, strategy: 0, kind: 'strict', dominatedBy: [1] },
    ]);
    const it = iteratedElimination(g);
    expect(it.surviving).toEqual([[1], [1]]);
    expect(it.solved).toBe(true);
    expect(it.reduced.players.map((p) => p.strategies)).toEqual([['D'], ['D']]);
    expect(it.reduced.payoffs[0].map((s) => s.mean)).toEqual([1, 1]);
  });

  it('has no mixed equilibrium beyond (D, D)', () => {
    const mixed = mixedNashEquilibria(pd());
    expect(mixed).toHaveLength(1);
    expect(mixed[0].pure).toBe(true);
    expect(mixed[0].probabilities).toEqual([[0, 1], [0, 1]]);
  });

  it('analyzeGame flags (D, D) as robust and Pareto-dominated', () => {
    const a = analyzeGame(pd());
    expect(a.pure).toHaveLength(1);
    expect(a.pure[0].verdict).toBe('robust');
    expect(a.pure[0].paretoDominatedBy).toEqual([[0, 0]]);
    expect(a.mixed).toHaveLength(1);
    expect(a.elimination.solved).toBe(true);
  });
});

describe('matching pennies', () => {
  it('has no pure equilibrium and the unique mixed one at 1/2, 1/2', () => {
    const g = pennies();
    expect(pureNashEquilibria(g)).toEqual([]);
    const mixed = mixedNashEquilibria(g);
    expect(mixed).toHaveLength(1);
    expectMix(mixed[0].probabilities[0], [0.5, 0.5]);
    expectMix(mixed[0].probabilities[1], [0.5, 0.5]);
    expect(mixed[0].payoffs[0]).toBeCloseTo(0, 12);
    expect(mixed[0].payoffs[1]).toBeCloseTo(0, 12);
    expect(mixed[0].support).toEqual([[0, 1], [0, 1]]);
    expect(dominatedStrategies(g)).toEqual([]);
    expect(iteratedElimination(g).solved).toBe(false);
  });
});

describe('stag hunt', () => {
  it('has two pure equilibria and a mixed one with stag at 3/4', () => {
    const g = stagHunt();
    expect(labels(g)).toEqual(['stag/stag', 'hare/hare']);
    const mixed = mixedNashEquilibria(g);
    expect(mixed.filter((e) => e.pure).map((e) => e.probabilities)).toEqual([
      [[1, 0], [1, 0]],
      [[0, 1], [0, 1]],
    ]);
    const m = mixed.filter((e) => !e.pure);
    expect(m).toHaveLength(1);
    expectMix(m[0].probabilities[0], [0.75, 0.25]);
    expectMix(m[0].probabilities[1], [0.75, 0.25]);
    expect(m[0].payoffs[0]).toBeCloseTo(3, 9);
    // (stag, stag) Pareto-dominates (hare, hare): the coordination trap.
    expect(paretoDominators(g, [1, 1])).toEqual([[0, 0]]);
    expect(paretoDominators(g, [0, 0])).toEqual([]);
  });
});

describe('chicken', () => {
  it('has two asymmetric pure equilibria and the symmetric mixed one (swerve with 0.9)', () => {
    const g = chicken();
    expect(labels(g)).toEqual(['swerve/straight', 'straight/swerve']);
    const mixed = mixedNashEquilibria(g);
    expect(mixed).toHaveLength(3);
    const m = mixed.filter((e) => !e.pure);
    expect(m).toHaveLength(1);
    expectMix(m[0].probabilities[0], [0.9, 0.1]);
    expectMix(m[0].probabilities[1], [0.9, 0.1]);
    expect(m[0].payoffs[0]).toBeCloseTo(-0.1, 9);
    expect(m[0].payoffs[1]).toBeCloseTo(-0.1, 9);
  });
});

describe('battle of the sexes', () => {
  it('has two pure equilibria and a mixed one at (2/3, 1/3) and (1/3, 2/3)', () => {
    const g = bos();
    expect(labels(g)).toEqual(['opera/opera', 'football/football']);
    const m = mixedNashEquilibria(g).filter((e) => !e.pure);
    expect(m).toHaveLength(1);
    expectMix(m[0].probabilities[0], [2 / 3, 1 / 3]);
    expectMix(m[0].probabilities[1], [1 / 3, 2 / 3]);
    expect(m[0].payoffs[0]).toBeCloseTo(2 / 3, 9);
    expect(m[0].payoffs[1]).toBeCloseTo(2 / 3, 9);
  });
});

describe('larger supports', () => {
  it('finds the unique fully mixed equilibrium of rock-paper-scissors', () => {
    const a = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]];
    const g = bimatrixGame(['R', 'P', 'S'], ['R', 'P', 'S'], a, a.map((r) => r.map((x) => -x)));
    const mixed = mixedNashEquilibria(g);
    expect(mixed).toHaveLength(1);
    expectMix(mixed[0].probabilities[0], [1 / 3, 1 / 3, 1 / 3]);
    expectMix(mixed[0].probabilities[1], [1 / 3, 1 / 3, 1 / 3]);
  });

  it('finds an odd number of verified equilibria in generic 4×4 games', () => {
    for (let seed = 0; seed < 20; seed++) {
      const m = (who: number) => [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => noise(seed, who, i, j)));
      const A = m(0);
      const B = m(1);
      const g = bimatrixGame(['a', 'b', 'c', 'd'], ['w', 'x', 'y', 'z'], A, B);
      const mixed = mixedNashEquilibria(g);
      expect(mixed.length % 2).toBe(1); // nondegenerate games have an odd number (Wilson 1971)
      for (const e of mixed) {
        const [x, y] = e.probabilities;
        expect(x.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
        expect(y.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
        const rowPay = A.map((r) => r.reduce((s, u, j) => s + u * y[j], 0));
        const colPay = [0, 1, 2, 3].map((j) => x.reduce((s, p, i) => s + p * B[i][j], 0));
        expect(Math.max(...rowPay)).toBeLessThanOrEqual(e.payoffs[0] + 1e-9);
        expect(Math.max(...colPay)).toBeLessThanOrEqual(e.payoffs[1] + 1e-9);
      }
      expect(mixed.filter((e) => e.pure).length).toBe(pureNashEquilibria(g).length);
    }
  });
});

describe('iterated elimination', () => {
  it("solves Gibbons' 2×3 example to (Up, Middle) in three rounds", () => {
    // Gibbons (1992), §1.1.B, figure 1.1.1.
    const g = bimatrixGame(['Up', 'Down'], ['Left', 'Middle', 'Right'], [[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]]);
    const r = iteratedElimination(g);
    expect(r.surviving).toEqual([[0], [1]]);
    expect(r.eliminated.map((e) => [e.round, e.player, e.strategy])).toEqual([
      [1, 1, 2],
      [2, 0, 1],
      [3, 1, 0],
    ]);
    expect(labels(g)).toEqual(['Up/Middle']);
  });

  it('tells weak from strict dominance', () => {
    const g = bimatrixGame(['a', 'b'], ['x', 'y'], [[1, 1], [0, 1]], [[0, 0], [0, 0]]);
    expect(dominatedStrategies(g)).toEqual([{ player: 0, strategy: 1, kind: 'weak', dominatedBy: [0] }]);
    // Weak dominance is not eliminated by IESDS.
    expect(iteratedElimination(g).eliminated).toEqual([]);
  });
});

describe('three players', () => {
  const players: GamePlayer[] = [0, 1, 2].map((i) => ({ name: `firma ${i}`, strategies: ['hold', 'break'] }));

  it('finds the unique equilibrium of a public-goods game (all break), Pareto-dominated by all hold', () => {
    // Each holder puts in 1; the pot is multiplied by 1.5 and shared by the three.
    const payoffs = Array.from({ length: 8 }, (_, k) => {
      const prof = [(k >> 2) & 1, (k >> 1) & 1, k & 1];
      const holders = prof.filter((s) => s === 0).length;
      return prof.map((s) => (1.5 * holders) / 3 - (s === 0 ? 1 : 0));
    });
    const g = gameFromPayoffs(players, payoffs);
    expect(pureNashEquilibria(g).map((e) => e.profile)).toEqual([[1, 1, 1]]);
    // All hold (0.5 each) and the profiles where two hold and one free-rides (0, 0, 1) leave
    // nobody worse off than all break (0 each).
    expect(paretoDominators(g, [1, 1, 1])).toEqual([[0, 0, 0], [0, 0, 1], [0, 1, 0], [1, 0, 0]]);
    expect(paretoOptimalProfiles(g)).not.toContainEqual([1, 1, 1]);
    expect(dominatedStrategies(g).map((d) => [d.player, d.strategy, d.kind])).toEqual([
      [0, 0, 'strict'],
      [1, 0, 'strict'],
      [2, 0, 'strict'],
    ]);
    expect(analyzeGame(g).mixed).toBeNull();
    expect(() => mixedNashEquilibria(g)).toThrow(/two-player/);
  });

  it("finds the three pure equilibria of the volunteer's dilemma", () => {
    // Everyone gets 2 if at least one volunteers; volunteering costs 1.
    const vol: GamePlayer[] = [0, 1, 2].map((i) => ({ name: `p${i}`, strategies: ['volunteer', 'wait'] }));
    const payoffs = Array.from({ length: 8 }, (_, k) => {
      const prof = [(k >> 2) & 1, (k >> 1) & 1, k & 1];
      const any = prof.some((s) => s === 0);
      return prof.map((s) => (any ? 2 : 0) - (s === 0 ? 1 : 0));
    });
    const g = gameFromPayoffs(vol, payoffs);
    expect(pureNashEquilibria(g).map((e) => e.profile)).toEqual([
      [0, 1, 1],
      [1, 0, 1],
      [1, 1, 0],
    ]);
  });
});

describe('degenerate games', () => {
  it('returns every profile of an all-ties game as a fragile pure equilibrium, and only verified mixed ones', () => {
    const g = bimatrixGame(['a', 'b'], ['x', 'y'], [[0, 0], [0, 0]], [[0, 0], [0, 0]]);
    const a = analyzeGame(g);
    expect(a.pure).toHaveLength(4);
    expect(a.pure.every((e) => !e.strict && e.verdict === 'fragile')).toBe(true);
    expect(a.mixed!.every((e) => e.pure)).toBe(true);
    expect(a.mixed).toHaveLength(4);
    expect(a.dominated).toEqual([]);
  });

  it('handles one-strategy players', () => {
    const g = bimatrixGame(['only'], ['x', 'y'], [[1, 2]], [[3, 1]]);
    expect(labels(g)).toEqual(['only/x']);
    expect(mixedNashEquilibria(g).map((e) => e.probabilities)).toEqual([[[1], [1, 0]]]);
  });

  it('rejects malformed games', () => {
    expect(() => bimatrixGame(['a'], ['x'], [[1, 2]], [[1]])).toThrow();
    expect(() => gameFromPayoffs([{ name: 'p', strategies: [] }], [])).toThrow(/no strategies/);
    expect(() => gameFromPayoffs([{ name: 'p', strategies: ['a', 'a'] }], [[1], [2]])).toThrow(/duplicate/);
  });
});

describe('gaussianSolve', () => {
  it('pivots past a zero leading entry', () => {
    const x = gaussianSolve([[0, 2, 1], [1, 1, 1], [2, 0, 3]], [5, 6, 13])!;
    expectMix(x, [2, 1, 3]);
  });
  it('returns null for a singular system', () => {
    expect(gaussianSolve([[1, 2], [2, 4]], [1, 2])).toBeNull();
  });
});

describe('measureGame', () => {
  const players: GamePlayer[] = [
    { name: 'A', strategies: ['C', 'D'] },
    { name: 'B', strategies: ['C', 'D'] },
  ];
  const truth = [[3, 3], [0, 5], [5, 0], [1, 1]];
  const noisy = (profile: number[], r: number) => {
    const k = profile[0] * 2 + profile[1];
    return truth[k].map((u, p) => u + 2 * noise(k, p, r));
  };

  it('calls the callback profile by profile (player 0 slowest), replicate by replicate', () => {
    const calls: string[] = [];
    measureGame(players, 2, (profile, r) => {
      calls.push(`${profile.join('')}:${r}`);
      profile[0] = 99; // the callback gets a copy
      return [0, 0];
    });
    expect(calls).toEqual(['00:0', '00:1', '01:0', '01:1', '10:0', '10:1', '11:0', '11:1']);
  });

  it('is deterministic and its intervals shrink with replicates', () => {
    const half = (R: number) => {
      const g = measureGame(players, R, noisy);
      return g.payoffs.map((v) => v.map((s) => (s.ci95[1] - s.ci95[0]) / 2));
    };
    expect(measureGame(players, 20, noisy)).toEqual(measureGame(players, 20, noisy));
    const h5 = half(5);
    const h50 = half(50);
    const h500 = half(500);
    for (let k = 0; k < 4; k++) {
      for (let p = 0; p < 2; p++) {
        expect(h50[k][p]).toBeLessThan(h5[k][p]);
        expect(h500[k][p]).toBeLessThan(h50[k][p]);
      }
    }
    const g = measureGame(players, 500, noisy);
    g.payoffs.forEach((v, k) => v.forEach((s, p) => {
      expect(s.n).toBe(500);
      expect(s.ci95[0]).toBeLessThan(truth[k][p] + 0.3);
      expect(s.ci95[1]).toBeGreaterThan(truth[k][p] - 0.3);
    }));
    expect(labels(g)).toEqual(['D/D']);
    expect(g.samples![3][0]).toHaveLength(500);
  });

  it('rejects a callback that returns the wrong number of payoffs or non-finite ones', () => {
    expect(() => measureGame(players, 3, () => [1])).toThrow(/expected 2/);
    expect(() => measureGame(players, 3, () => [1, Number.NaN])).toThrow(/NaN/);
    expect(() => measureGame(players, 0, () => [1, 1])).toThrow(/replicates/);
  });
});

describe('robustness', () => {
  const players: GamePlayer[] = [
    { name: 'A', strategies: ['C', 'D'] },
    { name: 'B', strategies: ['C', 'D'] },
  ];
  /** A prisoner's dilemma whose (D, D) beats the deviation by `margin`, with noise of size `sd`. */
  const game = (margin: number, sd: number, R: number, common = false) =>
    measureGame(players, R, (profile, r) => {
      const k = profile[0] * 2 + profile[1];
      const base = [[3, 3], [1 - margin, 5], [5, 1 - margin], [1, 1]][k];
      return base.map((u, p) => u + sd * (common ? noise(r) : noise(k, p, r)));
    });

  it('calls an equilibrium with a wide margin robust and a thin one fragile', () => {
    const wide = analyzeGame(game(2, 0.1, 10));
    expect(wide.pure.map((e) => e.labels.join('/'))).toEqual(['D/D']);
    expect(wide.pure[0].verdict).toBe('robust');
    expect(wide.pure[0].robustness.deviations.every((d) => d.ci95[1] < 0)).toBe(true);

    const thin = analyzeGame(game(0.05, 1, 10));
    expect(thin.pure.map((e) => e.labels.join('/'))).toEqual(['D/D']);
    expect(thin.pure[0].verdict).toBe('fragile');
    const w = thin.pure[0].robustness.worst!;
    expect(w.ci95[0]).toBeLessThan(0);
    expect(w.ci95[1]).toBeGreaterThan(0);
  });

  it('uses worst-direction intervals by default and paired differences on request', () => {
    // Noise common to every profile in a replicate (common random numbers) cancels when paired.
    const g = game(0.3, 1, 10, true);
    const interval = equilibriumRobustness(g, [1, 1]);
    expect(interval.method).toBe('interval');
    expect(interval.robust).toBe(false);
    const dev = g.payoffs[profileIndex(g, [0, 1])][0];
    const eq = g.payoffs[3][0];
    const d = interval.deviations.find((x) => x.player === 0)!;
    expect(d.ci95[1]).toBeCloseTo(dev.ci95[1] - eq.ci95[0], 12);
    expect(d.ci95[0]).toBeCloseTo(dev.ci95[0] - eq.ci95[1], 12);
    const paired = equilibriumRobustness(g, [1, 1], { method: 'paired' });
    expect(paired.method).toBe('paired');
    expect(paired.robust).toBe(true);
    // Every deviation loses exactly 0.3 in every replicate: the paired interval is that point.
    for (const x of paired.deviations) {
      expect(x.mean).toBeCloseTo(-0.3, 9);
      expect(x.ci95[0]).toBeCloseTo(-0.3, 9);
      expect(x.ci95[1]).toBeCloseTo(-0.3, 9);
    }
  });

  it('falls back to intervals when a game has no samples; exact strict equilibria are robust', () => {
    const r = equilibriumRobustness(pd(), [1, 1], { method: 'paired' });
    expect(r.method).toBe('interval');
    expect(r.robust).toBe(true);
    expect(r.worst).toMatchObject({ player: 0, from: 1, to: 0, mean: -1, ci95: [-1, -1] });
    // A profile that is not an equilibrium is not robust.
    expect(equilibriumRobustness(pd(), [0, 0]).robust).toBe(false);
  });
});

describe('folk theorem: the buyers cartel', () => {
  it("computes δ* = (T − R)/(T − P) with its edge cases", () => {
    expect(criticalDiscount(3, 5, 1)).toBe(0.5);
    expect(criticalDiscount(4, 10, 1)).toBeCloseTo(6 / 9, 12);
    expect(criticalDiscount(5, 5, 1)).toBe(0);
    expect(criticalDiscount(5, 4, 1)).toBe(0);
    expect(criticalDiscount(1, 2, 3)).toBe(Infinity);
    expect(criticalDiscount(1, 3, 1)).toBe(1);
  });

  it('finds the largest sustainable n on hand-computed numbers', () => {
    // δ*: n=2 → 4/8 = 0.5; n=3 → 6/9 ≈ 0.667; n=4 → 7/9.5 ≈ 0.737; n=6 → 8/10 = 0.8.
    const points = [
      { n: 6, R: 2, T: 10, P: 0 },
      { n: 2, R: 6, T: 10, P: 2 },
      { n: 4, R: 3, T: 10, P: 0.5 },
      { n: 3, R: 4, T: 10, P: 1 },
    ];
    const at75 = cartelSustainability(points, 0.75);
    expect(at75.rows.map((r) => r.n)).toEqual([2, 3, 4, 6]);
    expect(at75.rows.map((r) => r.deltaStar)).toEqual([0.5, 6 / 9, 7 / 9.5, 0.8]);
    expect(at75.rows.map((r) => r.sustainable)).toEqual([true, true, true, false]);
    expect(at75.maxSustainableN).toBe(4);
    expect(at75.sustainableUpTo).toBe(4);
    expect(cartelSustainability(points, 0.6).maxSustainableN).toBe(2);
    expect(cartelSustainability(points, 0.4).maxSustainableN).toBeNull();
    expect(cartelSustainability(points, 0.9).maxSustainableN).toBe(6);
    expect(() => cartelSustainability(points, 1)).toThrow(/discount/);
    expect(() => cartelSustainability([...points, { n: 2, R: 1, T: 2, P: 0 }], 0.5)).toThrow(/twice/);
  });

  it('reports a non-monotone reading and δ* ranges from measured intervals', () => {
    const noisyPoints = [
      { n: 2, R: 6, T: 10, P: 2 },
      { n: 3, R: 1, T: 10, P: 0 }, // δ* = 0.9
      { n: 4, R: 3, T: 10, P: 0.5 },
    ];
    const r = cartelSustainability(noisyPoints, 0.75);
    expect(r.maxSustainableN).toBe(4);
    expect(r.sustainableUpTo).toBe(2);

    const R = stat([5.5, 6, 6.5]);
    const T = stat([10, 10, 10]);
    const P = stat([2, 2, 2]);
    const row = cartelSustainability([{ n: 2, R, T, P }], 0.55).rows[0];
    expect(row.deltaStar).toBeCloseTo(0.5, 12);
    // δ* is decreasing in R: the range comes from R's interval ends.
    expect(row.deltaStarRange[0]).toBeCloseTo((10 - R.ci95[1]) / 8, 12);
    expect(row.deltaStarRange[1]).toBeCloseTo((10 - R.ci95[0]) / 8, 12);
    expect(row.sustainable).toBe(true);
    expect(row.robustlySustainable).toBe(false);
  });
});

describe('formatPayoffMatrix', () => {
  it('draws exact payoffs with the equilibrium starred', () => {
    const text = formatPayoffMatrix(pd());
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^row \\ column\s+C\s+D$/);
    expect(lines[1]).toMatch(/^C\s+3\.00, 3\.00\s+0\.00, 5\.00$/);
    expect(lines[2]).toMatch(/^D\s+5\.00, 0\.00\s+1\.00, 1\.00 \*$/);
    expect(text.match(/\*/g)).toHaveLength(2); // the cell and the legend
    expect(text).not.toContain('±');
  });

  it('shows ± half-widths of measured payoffs and marks both stag-hunt equilibria', () => {
    const players: GamePlayer[] = [
      { name: 'A', strategies: ['stag', 'hare'] },
      { name: 'B', strategies: ['stag', 'hare'] },
    ];
    const base = [[4, 4], [0, 3], [3, 0], [3, 3]];
    const g = measureGame(players, 2, (p, r) => base[p[0] * 2 + p[1]].map((u) => u + (r === 0 ? -0.1 : 0.1)));
    const text = formatPayoffMatrix(g, { digits: 1 });
    const half = (g.payoffs[0][0].ci95[1] - g.payoffs[0][0].ci95[0]) / 2;
    expect(text).toContain(`4.0 ± ${half.toFixed(1)}, 4.0 ± ${half.toFixed(1)} *`);
    const rows = text.split('\n');
    expect(rows[1].startsWith('stag')).toBe(true);
    expect(rows[2].startsWith('hare')).toBe(true);
    expect(rows[1].endsWith('*')).toBe(false);
    expect(rows[1]).toContain('*');
    expect(rows[2].endsWith('*')).toBe(true);
    expect(() => formatPayoffMatrix(gameFromPayoffs([{ name: 'solo', strategies: ['a'] }], [[1]]))).toThrow(/two-player/);
  });
});
