/**
 * Empirical games: normal-form games whose payoffs are measured from the simulation (fix each
 * player's strategy, run R replicates, read each player's payoff) — players, strategy profiles,
 * payoff tables with their 95% intervals, and restriction to sub-games.
 *
 * Sources: Osborne, *An Introduction to Game Theory* (2004), ch. 2; Wellman, "Methods for
 * empirical game-theoretic analysis" (AAAI 2006).
 */
import { type Stat, stat } from '../statistics.ts';

/** A player and its named strategies (strategy `i` of the player is `strategies[i]`). */
export interface GamePlayer {
  name: string;
  strategies: readonly string[];
}

/**
 * A normal-form game with n players and measured payoffs.
 *
 * Profiles are indexed row-major with player 0 slowest: profile `[s0, s1, …, s(n−1)]` has index
 * `((s0·m1 + s1)·m2 + s2)…` where `mi` is the number of strategies of player i. For two players
 * this is the usual matrix reading: row = player 0's strategy, column = player 1's.
 */
export interface NormalFormGame {
  players: GamePlayer[];
  /** `payoffs[profileIndex][player]`: the payoff with its uncertainty over replicates. */
  payoffs: Stat[][];
  /**
   * `samples[profileIndex][player][replicate]`, kept by {@link measureGame} so that deviation
   * gains can be paired by replicate; absent for games built from fixed numbers.
   */
  samples?: number[][][];
}

/** Anything with players and their strategy sets (a game, or its shape before payoffs exist). */
export interface GameShape {
  readonly players: readonly GamePlayer[];
}

/** Number of strategy profiles of a game (the product of the strategy-set sizes). */
export function profileCount(game: GameShape): number {
  return game.players.reduce((acc, p) => acc * p.strategies.length, 1);
}

/**
 * Index of a profile in {@link NormalFormGame.payoffs} (row-major, player 0 slowest).
 * @example profileIndex(game2x2, [1, 0]) === 2
 */
export function profileIndex(game: GameShape, profile: readonly number[]): number {
  const { players } = game;
  if (profile.length !== players.length) throw new Error(`a profile needs one strategy per player (${players.length}), got ${profile.length}`);
  let k = 0;
  for (let p = 0; p < players.length; p++) {
    const m = players[p].strategies.length;
    const s = profile[p];
    if (!Number.isInteger(s) || s < 0 || s >= m) throw new Error(`strategy ${s} out of range for player ${players[p].name} (0..${m - 1})`);
    k = k * m + s;
  }
  return k;
}

/**
 * The profile at an index (inverse of {@link profileIndex}).
 * @example profileAt(game2x2, 2) // [1, 0]
 */
export function profileAt(game: GameShape, index: number): number[] {
  const { players } = game;
  const out = new Array<number>(players.length);
  let k = index;
  for (let p = players.length - 1; p >= 0; p--) {
    const m = players[p].strategies.length;
    out[p] = k % m;
    k = Math.floor(k / m);
  }
  return out;
}

/** Strategy names of a profile, one per player. */
export function profileLabels(game: GameShape, profile: readonly number[]): string[] {
  return profile.map((s, p) => game.players[p].strategies[s]);
}

/** Mean payoff of `player` at `profile`. */
export function meanPayoff(game: NormalFormGame, profile: readonly number[], player: number): number {
  return game.payoffs[profileIndex(game, profile)][player].mean;
}

const MAX_PROFILES = 1_000_000;

function checkPlayers(players: readonly GamePlayer[]): void {
  if (players.length === 0) throw new Error('a game needs at least one player');
  let count = 1;
  for (const p of players) {
    if (p.strategies.length === 0) throw new Error(`player ${p.name} has no strategies`);
    if (new Set(p.strategies).size !== p.strategies.length) throw new Error(`player ${p.name} has duplicate strategy names`);
    count *= p.strategies.length;
  }
  if (count > MAX_PROFILES) throw new Error(`too many strategy profiles (${count} > ${MAX_PROFILES})`);
}

function copyPlayers(players: readonly GamePlayer[]): GamePlayer[] {
  return players.map((p) => ({ name: p.name, strategies: [...p.strategies] }));
}

/** A payoff known exactly: n = 1, sd = 0, the interval is the point itself. */
export function exactStat(x: number): Stat {
  return stat([x]);
}

/**
 * Build a game from fixed payoffs (no uncertainty), e.g. a textbook game.
 * `payoffs[profileIndex][player]` in the row-major order of {@link profileIndex}.
 * @example gameFromPayoffs([{ name: 'A', strategies: ['x'] }], [[1]])
 */
export function gameFromPayoffs(players: readonly GamePlayer[], payoffs: readonly (readonly number[])[]): NormalFormGame {
  checkPlayers(players);
  const count = profileCount({ players });
  if (payoffs.length !== count) throw new Error(`expected ${count} payoff vectors, got ${payoffs.length}`);
  return {
    players: copyPlayers(players),
    payoffs: payoffs.map((v, k) => {
      if (v.length !== players.length) throw new Error(`profile ${k}: expected ${players.length} payoffs, got ${v.length}`);
      return v.map((x) => {
        if (!Number.isFinite(x)) throw new Error(`profile ${k}: payoff ${x} is not a finite number`);
        return exactStat(x);
      });
    }),
  };
}

/**
 * A two-player game from its two payoff matrices: `a[i][j]` is the row player's payoff and
 * `b[i][j]` the column player's when row plays i and column plays j.
 * @example
 * const pd = bimatrixGame(['C', 'D'], ['C', 'D'], [[3, 0], [5, 1]], [[3, 5], [0, 1]]);
 */
export function bimatrixGame(
  rowStrategies: readonly string[],
  colStrategies: readonly string[],
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
  names: readonly [string, string] = ['row', 'column'],
): NormalFormGame {
  const m = rowStrategies.length;
  const n = colStrategies.length;
  if (a.length !== m || b.length !== m || a.some((r) => r.length !== n) || b.some((r) => r.length !== n)) {
    throw new Error(`payoff matrices must be ${m}×${n}`);
  }
  const payoffs: number[][] = [];
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) payoffs.push([a[i][j], b[i][j]]);
  return gameFromPayoffs(
    [
      { name: names[0], strategies: rowStrategies },
      { name: names[1], strategies: colStrategies },
    ],
    payoffs,
  );
}

/**
 * Measure a game: evaluate every strategy profile over `replicates` replicates and summarise each
 * player's payoff (mean, sd, 95% interval of the mean).
 *
 * Calls are made in a fixed order: profiles row-major with player 0 slowest (index 0, 1, … of
 * {@link profileIndex}), and for each profile replicates 0 … R−1. The callback receives a fresh
 * copy of the profile. Pass the replicate index on to the seed so that replicate r of every profile
 * shares its random numbers (common random numbers): deviation gains can then be paired.
 *
 * @param payoff returns one finite payoff per player; anything else throws.
 * @example
 * const game = measureGame(
 *   [{ name: 'SL', strategies: ['protect', 'predate'] }, { name: 'firma', strategies: ['pay', 'refuse'] }],
 *   30,
 *   (profile, r) => runWithStrategies(profile, seedFor(r)), // → [slPayoff, firmaPayoff]
 * );
 */
export function measureGame(
  players: readonly GamePlayer[],
  replicates: number,
  payoff: (profile: number[], replicate: number) => readonly number[],
): NormalFormGame {
  checkPlayers(players);
  if (!Number.isInteger(replicates) || replicates < 1) throw new Error(`replicates must be a positive integer, got ${replicates}`);
  const n = players.length;
  const shape = { players };
  const count = profileCount(shape);
  const payoffs: Stat[][] = [];
  const samples: number[][][] = [];
  for (let k = 0; k < count; k++) {
    const profile = profileAt(shape, k);
    const perPlayer: number[][] = Array.from({ length: n }, () => new Array<number>(replicates));
    for (let r = 0; r < replicates; r++) {
      const v = payoff([...profile], r);
      if (!v || v.length !== n) throw new Error(`payoff callback returned ${v?.length} values for profile [${profile}] (expected ${n})`);
      for (let p = 0; p < n; p++) {
        if (!Number.isFinite(v[p])) throw new Error(`payoff callback returned ${v[p]} for player ${players[p].name} at profile [${profile}], replicate ${r}`);
        perPlayer[p][r] = v[p];
      }
    }
    samples.push(perPlayer);
    payoffs.push(perPlayer.map((xs) => stat(xs)));
  }
  return { players: copyPlayers(players), payoffs, samples };
}

/**
 * The sub-game in which each player keeps only the listed strategies (indices into the original
 * sets, in the order given). Payoffs and samples are carried over.
 */
export function restrictGame(game: NormalFormGame, keep: readonly (readonly number[])[]): NormalFormGame {
  if (keep.length !== game.players.length) throw new Error('restrictGame needs one strategy list per player');
  const players = game.players.map((p, i) => {
    if (keep[i].length === 0) throw new Error(`player ${p.name} must keep at least one strategy`);
    return { name: p.name, strategies: keep[i].map((s) => p.strategies[s]) };
  });
  checkPlayers(players);
  const count = profileCount({ players });
  const payoffs: Stat[][] = [];
  const samples: number[][][] | undefined = game.samples ? [] : undefined;
  for (let k = 0; k < count; k++) {
    const sub = profileAt({ players }, k);
    const orig = profileIndex(game, sub.map((s, p) => keep[p][s]));
    payoffs.push(game.payoffs[orig]);
    if (samples && game.samples) samples.push(game.samples[orig]);
  }
  return samples ? { players, payoffs, samples } : { players, payoffs };
}
