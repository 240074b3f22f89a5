/**
 * What the explorer page and its Web Worker say to each other, and what the page is built from.
 * The worker owns the simulations (sim-core) and the record of lever changes; the page owns the
 * controls, charts and map. Everything here is structured-clone safe.
 */
import type { Lever, PathValue, RowKind } from '@vraem/sim-core';

/** A player of a lesson and the strategies the page offers for it (each a set of lever values). */
export interface LessonPlayer {
  name: string;
  strategies: { name: string; set: Record<string, PathValue> }[];
}

/** What a lesson adds to its scenario in the picker: the text to read and the strategy profiles. */
export interface LessonInfo {
  concept: string;
  question: string;
  setting?: string;
  players: LessonPlayer[];
}

/** One entry of the scenario picker: a bundled scenario or a lesson's world, resolved in Node. */
export interface ExplorerEntry {
  /** File name without extension (`baseline`, `lesson:broken-promise`). */
  id: string;
  kind: 'scenario' | 'lesson';
  title: string;
  description: string;
  /** The resolved scenario (defaults applied, `extends` merged), as plain JSON. */
  scenario: Record<string, unknown>;
  lesson?: LessonInfo;
}

/** The data the page is built with (embedded in index.html). */
export interface ExplorerData {
  entries: ExplorerEntry[];
  /** Entry selected when the page opens. */
  initial: string;
  /** Households per agent the page starts with (full scale is 1). */
  householdsPerAgent: number;
  /** vraem version that built the page. */
  version: string;
}

/**
 * A lever as the page shows it: sim-core's lever (metadata from the schema, the value in the
 * run's scenario) without its zod schema, which does not cross to the page, and whether it only
 * shapes the start of a run (households, starting shares: changed at reset, not mid-run).
 */
export type LeverInfo = Omit<Lever, 'schema' | 'default'> & { startOnly: boolean };

/** A region of the run, for the map. */
export interface RegionInfo {
  id: string;
  name: string;
  country: string;
  neighbours: string[];
  /** Coca at the start (ha), the map's colour scale. */
  cocaHa: number;
}

/** A lever change made in the page: it took effect at the start of month `tick`. */
export interface LeverChange {
  tick: number;
  path: string;
  value: PathValue;
}

/**
 * Page → worker. `speed` is months a second (0: as fast as the worker can); a run pauses by
 * itself when `until` months are done.
 */
export type ToWorker =
  | { type: 'init'; scenario: Record<string, unknown>; baseline: Record<string, unknown>; seed: number; compare: boolean; scheduled?: LeverChange[] }
  | { type: 'run'; speed: number; until?: number }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'speed'; speed: number }
  | { type: 'set'; path: string; value: PathValue }
  | { type: 'compare'; on: boolean }
  | { type: 'export' };

/** Months recorded by one simulation: `data` is `count` months of the RunResult layout. */
export interface MonthBlock {
  from: number;
  count: number;
  data: Float64Array;
}

/** Worker → page. */
export type FromWorker =
  | {
      type: 'ready';
      levers: LeverInfo[];
      regions: RegionInfo[];
      rows: string[];
      rowKinds: RowKind[];
      metrics: string[];
      start: string;
      months: number;
      seed: number;
      name: string;
    }
  | { type: 'invalid'; problems: string[] }
  | { type: 'months'; main?: MonthBlock; baseline?: MonthBlock; tick: number; running: boolean }
  | { type: 'applied'; change: LeverChange }
  | { type: 'rejected'; path: string; message: string }
  | { type: 'exported'; csv: string; changes: LeverChange[]; tick: number }
  | { type: 'error'; message: string };
