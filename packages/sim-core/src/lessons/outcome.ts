/**
 * What running a lesson produces: the game measured in each condition, cell by cell, and the
 * verdicts on its claims. Types only, shared by the runner (run.ts), the judge (claims.ts) and
 * the writer (format.ts), so none of them imports another for its data.
 */
import type { Stat } from '../analysis/statistics.ts';
import type { GameAnalysis, NormalFormGame } from '../analysis/games/index.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Claim, Lesson } from './schema.ts';
import type { PayoffWindow, SeriesBand } from './measure.ts';

/** The verdict on one claim. */
export interface ClaimResult {
  kind: Claim['kind'];
  /** The claim as the lesson states it. */
  claim: string;
  /** Whether the measured payoffs make the claim's condition true. */
  supported: boolean;
  /** The numbers that decide it, in a sentence or two. */
  evidence: string;
}

/** What one strategy profile measured in one condition. */
export interface ProfileCell {
  profile: number[];
  labels: string[];
  /** Per player, then per measure (in lesson order), keyed by `payoff:<player>` or the measure's name. */
  values: Record<string, Stat>;
  /** Replicate values behind {@link values}, in replicate order (paired across cells). */
  samples: Record<string, number[]>;
  /** Monthly bands of each payoff and measure (levels before the window summary). */
  series: Record<string, SeriesBand>;
}

/** The game measured in one condition. */
export interface ConditionOutcome {
  name: string;
  note?: string;
  game: NormalFormGame;
  analysis: GameAnalysis;
  /** One cell per profile, in profile order (row-major, player 0 slowest). */
  cells: ProfileCell[];
  /** Lever values of the condition's first scenario (for discount factors and strategy levers). */
  scenario: Scenario;
}

/** Everything a lesson measured and concluded. */
export interface LessonOutcome {
  lesson: Lesson;
  replicates: number;
  seeds: number[];
  /** Months of each run and the payoff window. */
  months: number;
  start: string;
  window: PayoffWindow;
  /** Calendar labels of the months. */
  dates: string[];
  conditions: ConditionOutcome[];
  claims: ClaimResult[];
  /** Number of simulation runs made. */
  runCount: number;
}
