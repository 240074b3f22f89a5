/**
 * A participatory session of a lesson (HubNet-style; Wilensky & Stroup 1999): students take the
 * lesson's players (Shining Path, the firmas, the state, a growers' association...) in place of
 * the model's rules, round by round, and the model plays every other agent. The class is split
 * into tables, each a world of its own with one seat per player; a round is `roundMonths` of
 * model time in which each seat's chosen strategy holds (the strategy's lever settings, applied
 * as a scenario event would apply them). Each seat's payoff for the round is the lesson's payoff
 * expression over the round's months, so after the session the rounds the class played give its
 * own payoff matrix, to set beside the one the model measures.
 *
 * Deterministic: table k's world runs on `replicateSeed(seed, k)`, and the same choices give the
 * same worlds byte for byte, which is what a session log's replay relies on. Pure: no I/O, clock
 * or randomness of its own.
 */
import type { RunResult } from '../engine/results.ts';
import { replicateSeed } from '../engine/rng.ts';
import { createSimulation, type Simulation } from '../model/simulation.ts';
import type { MetricName } from '../model/metrics.ts';
import { getPath } from '../scenario/paths.ts';
import { stat } from '../analysis/statistics.ts';
import { profileCount, profileIndex, profileAt, type NormalFormGame } from '../analysis/games/index.ts';
import { monthLabel } from '../engine/calendar.ts';
import { expressionValue } from './measure.ts';
import type { PreparedLesson } from './run.ts';

/** How a session is set up: everything its replay needs besides the choices. */
export interface ClassroomConfig {
  /** The condition of the lesson played (index into its conditions). */
  condition: number;
  /** Base seed; table k runs on replicateSeed(seed, k). */
  seed: number;
  /** Worlds played side by side, each with one seat per player. */
  tables: number;
  /** Months of model time a round lasts. */
  roundMonths: number;
}

/** What a round gave each table. */
export interface RoundOutcome {
  round: number;
  /** Calendar months covered, e.g. `2005-01..2005-12`. */
  months: [string, string];
  /** `choices[table][player]`: the strategy played. */
  choices: number[][];
  /** `payoffs[table][player]`: the round's payoff in the lesson's unit. */
  payoffs: number[][];
}

/** A seat's running account. */
export interface SeatAccount {
  table: number;
  player: number;
  /** Sum of the seat's round payoffs. */
  total: number;
  last: { strategy: number; payoff: number } | null;
}

/** The most rounds a lesson's world allows at a round length. */
export function maxRounds(prepared: PreparedLesson, roundMonths: number): number {
  const s = prepared.scenarios[0][0];
  return Math.floor((s.months - prepared.lesson.runs.warmupMonths) / roundMonths);
}

/**
 * A classroom session in play.
 * @example
 * const game = new ClassroomGame(prepared, { condition: 0, seed: 1, tables: 3, roundMonths: 12 });
 * game.playRound([[0, 0], [1, 0], [0, 1]]); // table 0 honours and pays, table 1 predates...
 * game.classMatrix(); // the payoff matrix of the profiles the class played
 */
export class ClassroomGame {
  readonly rounds: RoundOutcome[] = [];
  private readonly sims: Simulation[];
  private readonly warmup: number;

  constructor(
    readonly prepared: PreparedLesson,
    readonly config: ClassroomConfig,
  ) {
    const { lesson, scenarios } = prepared;
    if (!(config.condition >= 0 && config.condition < scenarios.length)) throw new Error(`no condition ${config.condition} in lesson ${lesson.id}`);
    if (!(Number.isInteger(config.tables) && config.tables >= 1)) throw new Error(`a session needs at least one table, got ${config.tables}`);
    if (!(Number.isInteger(config.roundMonths) && config.roundMonths >= 1)) throw new Error(`a round lasts at least a month, got ${config.roundMonths}`);
    if (maxRounds(prepared, config.roundMonths) < 1) throw new Error(`lesson ${lesson.id}'s world is too short for a round of ${config.roundMonths} months`);
    // Every seat starts on its player's first strategy: the scenario of profile 0.
    const start = scenarios[config.condition][0];
    this.warmup = lesson.runs.warmupMonths;
    this.sims = Array.from({ length: config.tables }, (_, k) => createSimulation(start, { seed: replicateSeed(config.seed, k), run: k }));
    for (const sim of this.sims) for (let t = 0; t < this.warmup; t++) sim.step();
  }

  get players(): { name: string; strategies: string[] }[] {
    return this.prepared.lesson.players.map((p) => ({ name: p.name, strategies: p.strategies.map((s) => s.name) }));
  }

  /** Rounds the world still has room for. */
  get roundsLeft(): number {
    return maxRounds(this.prepared, this.config.roundMonths) - this.rounds.length;
  }

  /**
   * Play one round: each table's seats' strategies hold for `roundMonths`, then each seat's payoff
   * is read from the round's months.
   * @param choices `[table][player]` strategy indices
   */
  playRound(choices: readonly (readonly number[])[]): RoundOutcome {
    const { lesson } = this.prepared;
    if (this.roundsLeft < 1) throw new Error('the lesson’s world has no months left for another round');
    if (choices.length !== this.config.tables) throw new Error(`choices for ${choices.length} tables, the session has ${this.config.tables}`);
    const from = this.sims[0].tick;
    const to = from + this.config.roundMonths;
    const payoffs = choices.map((row, k) => {
      if (row.length !== lesson.players.length) throw new Error(`table ${k}: ${row.length} choices for ${lesson.players.length} players`);
      const sim = this.sims[k];
      row.forEach((s, p) => {
        const strategy = lesson.players[p].strategies[s];
        if (!strategy) throw new Error(`table ${k}: player ${lesson.players[p].name} has no strategy ${s}`);
        for (const [path, value] of Object.entries(strategy.set)) sim.setLever(path, value);
      });
      for (let t = from; t < to; t++) sim.step();
      const result = sim.result();
      const per = (path: string) => getPath(sim.scenario, path) as number;
      return lesson.players.map((pl) => expressionValue(result, pl.payoff, { from, to }, per));
    });
    const start = this.sims[0].scenario.start;
    const outcome: RoundOutcome = { round: this.rounds.length + 1, months: [monthLabel(start, from), monthLabel(start, to - 1)], choices: choices.map((r) => [...r]), payoffs };
    this.rounds.push(outcome);
    return outcome;
  }

  /** A seat's running account. */
  account(table: number, player: number): SeatAccount {
    let total = 0;
    let last: SeatAccount['last'] = null;
    for (const r of this.rounds) {
      total += r.payoffs[table][player];
      last = { strategy: r.choices[table][player], payoff: r.payoffs[table][player] };
    }
    return { table, player, total, last };
  }

  /**
   * The class's payoff matrix: each profile's payoffs averaged over the (table, round) pairs that
   * played it, with their 95% intervals; `played[k]` counts them (0: the class never tried it, and
   * its cell is empty — NaN).
   */
  classMatrix(): { game: NormalFormGame; played: number[] } {
    const players = this.players;
    const count = profileCount({ players });
    const samples: number[][][] = Array.from({ length: count }, () => players.map(() => [] as number[]));
    for (const r of this.rounds) {
      r.choices.forEach((profile, k) => {
        const i = profileIndex({ players }, profile);
        profile.forEach((_, p) => samples[i][p].push(r.payoffs[k][p]));
      });
    }
    const empty = { mean: NaN, sd: NaN, n: 0, min: NaN, max: NaN, ci95: [NaN, NaN] as [number, number] };
    const game: NormalFormGame = { players, payoffs: samples.map((cell) => cell.map((xs) => (xs.length ? stat(xs) : empty))) };
    return { game, played: samples.map((cell) => cell[0].length) };
  }

  /** The profile a table played in a round, as strategy names. */
  profileLabels(profile: readonly number[]): string[] {
    return profileAt({ players: this.players }, profileIndex({ players: this.players }, profile)).map((s, p) => this.players[p].strategies[s]);
  }

  /** Each table's world so far (run k = table k), for series.csv. */
  results(): RunResult<MetricName>[] {
    return this.sims.map((s) => s.result());
  }
}
