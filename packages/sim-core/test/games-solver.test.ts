/**
 * The solver fit for measured payoffs (issue 19): answers invariant to a scale and a shift of each
 * player's payoffs, every extreme equilibrium of textbook degenerate games (vertex enumeration),
 * domination by mixed strategies, and Lemke–Howson where enumeration is too large.
 */
import { describe, expect, it } from 'vitest';
import {
  bimatrixGame,
  gameFromPayoffs,
  mixedNashEquilibria,
  mixedMethod,
  pureNashEquilibria,
  dominatedStrategies,
  iteratedElimination,
  analyzeGame,
  maximise,
  cartelSustainability,
  type NormalFormGame,
} from '../src/analysis/games/index.ts';
import { lemkeHowson } from '../src/analysis/games/bimatrix.ts';
import { normalisedBimatrix } from '../src/analysis/games/solving.ts';

/** A small deterministic generator for test games (mulberry32). */
function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The same game with player p's payoffs mapped by u → a·u + b. */
function affine(game: NormalFormGame, p: number, a: number, b: number): NormalFormGame {
  return { players: game.players, payoffs: game.payoffs.map((v) => v.map((s, q) => (q === p ? { ...s, mean: a * s.mean + b, ci95: [a * s.ci95[0] + b, a * s.ci95[1] + b] as [number, number] } : s))) };
}

const round = (v: readonly number[]) => v.map((x) => Math.round(x * 1e6) / 1e6);
const mixedKey = (g: NormalFormGame) => mixedNashEquilibria(g).map((e) => [round(e.probabilities[0]), round(e.probabilities[1])]);

const stagHunt = bimatrixGame(['stag', 'hare'], ['stag', 'hare'], [[4, 0], [3, 3]], [[4, 3], [0, 3]]);
const rps = bimatrixGame(['R', 'P', 'S'], ['R', 'P', 'S'], [[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]]);
/** A fee grid against two firma rules, in dollars a month of the stationary-bandit lesson's size. */
const bandit = bimatrixGame(
  ['fee 2', 'fee 4', 'fee 8', 'fee 12', 'fee 16', 'fee 20', 'fee 24', 'fee 32'],
  ['when worth it', 'always pay'],
  [[3.1e6, 3.0e6], [4.9e6, 4.8e6], [6.7e6, 7.9e6], [7.2e6, 9.6e6], [6.9e6, 11.1e6], [6.1e6, 12.4e6], [5.2e6, 13.3e6], [3.4e6, 15.2e6]],
  [[8.1e6, 8.0e6], [7.6e6, 7.5e6], [7.0e6, 6.4e6], [6.5e6, 5.2e6], [6.2e6, 4.1e6], [6.0e6, 3.0e6], [5.9e6, 2.1e6], [5.8e6, 0.4e6]],
);

function randomGame(m: number, n: number, seed: number): NormalFormGame {
  const r = mulberry(seed);
  const A = Array.from({ length: m }, () => Array.from({ length: n }, () => r() * 100));
  const B = Array.from({ length: m }, () => Array.from({ length: n }, () => r() * 100));
  return bimatrixGame(Array.from({ length: m }, (_, i) => `r${i}`), Array.from({ length: n }, (_, j) => `c${j}`), A, B);
}

describe('invariance to the scale and shift of each player’s payoffs', () => {
  const games: [string, NormalFormGame][] = [['stag hunt', stagHunt], ['rock-paper-scissors', rps], ['bandit (millions)', bandit], ['random 4×4', randomGame(4, 4, 7)], ['random 5×3', randomGame(5, 3, 11)]];
  const transforms: [string, number, number][] = [['× 1e6', 1e6, 0], ['+ 1e6', 1, 1e6], ['× 1e-6', 1e-6, 0], ['× 1e6 + 1e6', 1e6, 1e6]];
  for (const [name, g] of games) {
    for (const [t, a, b] of transforms) {
      it(`${name}: ${t} on either player changes no answer`, () => {
        for (const p of [0, 1]) {
          const h = affine(g, p, a, b);
          expect(pureNashEquilibria(h).map((e) => e.profile)).toEqual(pureNashEquilibria(g).map((e) => e.profile));
          expect(mixedKey(h)).toEqual(mixedKey(g));
          expect(dominatedStrategies(h).map((d) => [d.player, d.strategy, d.kind])).toEqual(dominatedStrategies(g).map((d) => [d.player, d.strategy, d.kind]));
          expect(iteratedElimination(h).surviving).toEqual(iteratedElimination(g).surviving);
        }
      });
    }
  }

  it('the million-dollar fee game keeps its equilibrium', () => {
    const pure = pureNashEquilibria(bandit).map((e) => e.labels);
    expect(pure).toEqual([['fee 12', 'when worth it']]);
    expect(mixedNashEquilibria(bandit).length).toBeGreaterThanOrEqual(1);
  });
});

describe('degenerate games: every extreme equilibrium (vertex enumeration)', () => {
  const asSet = (g: NormalFormGame) => mixedKey(g).map((e) => JSON.stringify(e)).sort();
  const expected = (eqs: [number[], number[]][]) => eqs.map(([x, y]) => JSON.stringify([round(x), round(y)])).sort();

  it('a column player indifferent everywhere: four extreme equilibria at the ends of two intervals', () => {
    const g = bimatrixGame(['T', 'B'], ['L', 'R'], [[1, 0], [0, 1]], [[1, 1], [1, 1]]);
    expect(asSet(g)).toEqual(expected([[[1, 0], [1, 0]], [[1, 0], [0.5, 0.5]], [[0, 1], [0, 1]], [[0, 1], [0.5, 0.5]]]));
  });

  it('entry deterrence: (In, Accommodate) and the component (Out, fight with probability ≥ 1/2)', () => {
    const g = bimatrixGame(['out', 'in'], ['fight', 'accommodate'], [[0, 0], [-1, 1]], [[2, 2], [-1, 1]]);
    expect(asSet(g)).toEqual(expected([[[0, 1], [0, 1]], [[1, 0], [1, 0]], [[1, 0], [0.5, 0.5]]]));
  });

  it('von Stengel’s 3×2 degenerate game: (T, L), (T, (2/3, 1/3)) and ((0, 1/3, 2/3), (1/3, 2/3))', () => {
    const g = bimatrixGame(['T', 'M', 'B'], ['L', 'R'], [[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]);
    expect(asSet(g)).toEqual(expected([[[1, 0, 0], [1, 0]], [[1, 0, 0], [2 / 3, 1 / 3]], [[0, 1 / 3, 2 / 3], [1 / 3, 2 / 3]]]));
  });

  it('an all-ties game: every pure profile is an extreme equilibrium', () => {
    const g = bimatrixGame(['a', 'b'], ['c', 'd'], [[1, 1], [1, 1]], [[2, 2], [2, 2]]);
    expect(asSet(g)).toEqual(expected([[[1, 0], [1, 0]], [[1, 0], [0, 1]], [[0, 1], [1, 0]], [[0, 1], [0, 1]]]));
  });
});

describe('domination by mixed strategies', () => {
  // M pays 1 whatever the column does; T and B pay 3 or 0: neither dominates M, their average does.
  const g = bimatrixGame(['T', 'M', 'B'], ['L', 'R'], [[3, 0], [1, 1], [0, 3]], [[1, 0], [0, 2], [1, 0]]);

  it('finds M strictly dominated by ½T + ½B although no pure strategy dominates it', () => {
    const d = dominatedStrategies(g).find((x) => x.player === 0 && x.strategy === 1);
    expect(d?.kind).toBe('strict');
    expect(d?.dominatedBy).toEqual([0, 2]);
    expect(d?.mixture?.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    for (const col of [0, 1]) {
      const mix = d!.dominatedBy.reduce((s, t, k) => s + d!.mixture![k] * [[3, 0], [1, 1], [0, 3]][t][col], 0);
      expect(mix).toBeGreaterThan(1);
    }
  });

  it('iterated elimination removes it first (then R, then B), and nothing that only ties', () => {
    const e = iteratedElimination(g);
    expect(e.eliminated[0]).toMatchObject({ player: 0, strategy: 1, round: 1, dominatedBy: [0, 2] });
    expect(e.surviving).toEqual([[0], [0]]);
    const ties = bimatrixGame(['T', 'M', 'B'], ['L', 'R'], [[2, 0], [1, 1], [0, 2]], [[1, 1], [1, 1], [1, 1]]);
    expect(iteratedElimination(ties).surviving[0]).toEqual([0, 1, 2]);
  });

  it('works for three players', () => {
    // Player 0's middle strategy pays 1; the extremes pay 3 or 0 by player 1's choice.
    const players = [{ name: 'a', strategies: ['x', 'm', 'z'] }, { name: 'b', strategies: ['l', 'r'] }, { name: 'c', strategies: ['u', 'v'] }];
    const row = [[3, 0], [1, 1], [0, 3]];
    const payoffs: number[][] = [];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) for (let k = 0; k < 2; k++) payoffs.push([row[i][j], 0, 0]);
    const d = dominatedStrategies(gameFromPayoffs(players, payoffs)).filter((x) => x.player === 0);
    expect(d.map((x) => x.strategy)).toEqual([1]);
  });
});

describe('large games', () => {
  it('uses Lemke–Howson from 13×13 on, returns verified equilibria, and says so', () => {
    const g = randomGame(13, 13, 3);
    expect(mixedMethod(g)).toBe('lemke-howson');
    const eqs = mixedNashEquilibria(g);
    expect(eqs.length).toBeGreaterThanOrEqual(1);
    for (const e of eqs) {
      const [x, y] = e.probabilities;
      const A = (i: number, j: number) => g.payoffs[i * 13 + j][0].mean;
      const B = (i: number, j: number) => g.payoffs[i * 13 + j][1].mean;
      const rowPay = x.map((_, i) => y.reduce((s, yj, j) => s + A(i, j) * yj, 0));
      const colPay = y.map((_, j) => x.reduce((s, xi, i) => s + B(i, j) * xi, 0));
      expect(Math.max(...rowPay)).toBeLessThanOrEqual(e.payoffs[0] + 1e-6);
      expect(Math.max(...colPay)).toBeLessThanOrEqual(e.payoffs[1] + 1e-6);
    }
    expect(analyzeGame(g).mixedMethod).toBe('lemke-howson');
  });

  it('enumerates every equilibrium below the limit, and Lemke–Howson finds a subset of them', () => {
    const g = randomGame(6, 6, 5);
    expect(mixedMethod(g)).toBe('vertex-enumeration');
    const all = mixedKey(g).map((e) => JSON.stringify(e));
    expect(all.length % 2).toBe(1); // a nondegenerate game has an odd number (Wilson 1971)
    const [A, B] = normalisedBimatrix(g);
    const some = lemkeHowson(A, B).map(([x, y]) => JSON.stringify([round(x), round(y)]));
    expect(some.length).toBeGreaterThanOrEqual(1);
    for (const e of some) expect(all).toContain(e);
  });
});

describe('the simplex', () => {
  it('solves a textbook programme and reports infeasible and unbounded ones', () => {
    const r = maximise([1, 1], [{ coef: [1, 2], kind: '<=', rhs: 4 }, { coef: [3, 1], kind: '<=', rhs: 6 }]);
    expect(r.status).toBe('optimal');
    if (r.status === 'optimal') {
      expect(r.value).toBeCloseTo(2.8, 9);
      expect(r.x[0]).toBeCloseTo(1.6, 9);
    }
    expect(maximise([1], [{ coef: [1], kind: '>=', rhs: 2 }, { coef: [1], kind: '<=', rhs: 1 }]).status).toBe('infeasible');
    expect(maximise([1], [{ coef: [1], kind: '>=', rhs: 2 }]).status).toBe('unbounded');
    const eq = maximise([0, 1], [{ coef: [1, 1], kind: '=', rhs: 1 }, { coef: [1, -1], kind: '>=', rhs: -0.5 }]);
    expect(eq.status === 'optimal' && eq.value).toBeCloseTo(0.75, 9);
  });
});

describe('the folk-theorem threshold over measured payoffs', () => {
  const stat = (mean: number, lo: number, hi: number) => ({ mean, sd: 0, n: 4, min: lo, max: hi, ci95: [lo, hi] as [number, number] });
  it('is unbounded when the intervals allow a punishment no worse than the temptation, and always holds its estimate', () => {
    // T − P can cross zero: δ* may be anything from its lowest corner to Infinity.
    const row = cartelSustainability([{ n: 2, R: stat(100, 90, 110), T: stat(160, 120, 200), P: stat(130, 100, 170) }], 0.9).rows[0];
    expect(row.deltaStarRange[1]).toBe(Infinity);
    expect(row.deltaStarRange[0]).toBeLessThanOrEqual(row.deltaStar);
    // Well separated: a finite interval around the estimate.
    const tight = cartelSustainability([{ n: 2, R: stat(100, 95, 105), T: stat(200, 190, 210), P: stat(20, 10, 30) }], 0.9).rows[0];
    expect(Number.isFinite(tight.deltaStarRange[1])).toBe(true);
    expect(tight.deltaStarRange[0]).toBeLessThanOrEqual(tight.deltaStar);
    expect(tight.deltaStarRange[1]).toBeGreaterThanOrEqual(tight.deltaStar);
  });
});
