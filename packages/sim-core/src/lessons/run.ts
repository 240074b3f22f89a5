/**
 * Running a lesson: build one scenario per condition and strategy profile (the lesson's world,
 * then the condition's levers, then each player's strategy levers), check them all before
 * anything runs, then measure the game in every condition — every profile over the same
 * replicate seeds (common random numbers, so deviation gains pair by replicate) — with
 * `measureGame`, solve it with `analyzeGame`, and judge the lesson's claims on the numbers.
 *
 * Sources: Wellman (2006), empirical game-theoretic analysis; games.ts for the solvers.
 */
import { validateScenario } from '../scenario/validate.ts';
import { getPath, setPath, type PathValue } from '../scenario/paths.ts';
import type { Scenario } from '../scenario/schema.ts';
import { COUNTRIES } from '../scenario/schema.ts';
import { runScenario } from '../model/simulation.ts';
import { replicateSeed } from '../engine/rng.ts';
import { monthLabel } from '../engine/calendar.ts';
import type { RunResult } from '../engine/results.ts';
import { stat, type Stat } from '../analysis/statistics.ts';
import { analyzeGame, measureGame, profileAt, profileCount, profileIndex, profileLabels } from '../analysis/games/index.ts';
import { AS_IS, type Expression, type Lesson, type LessonIssue } from './schema.ts';
import { bandOf, expressionOf, expressionSeries, expressionValue, measureKeys, payoffWindow, type SeriesBand } from './measure.ts';
import { judgeClaims } from './claims.ts';
import type { ClaimResult, ConditionOutcome, LessonOutcome, ProfileCell } from './outcome.ts';

/** A condition's name, note and lever settings (a lesson without conditions has one, "as set"). */
export interface LessonCondition {
  name: string;
  note?: string;
  set: Record<string, PathValue>;
}

/** The conditions a lesson is measured under. */
export function lessonConditions(lesson: Lesson): LessonCondition[] {
  return lesson.conditions.length ? lesson.conditions : [{ name: AS_IS, set: {} }];
}

/** Every scenario a lesson runs, by condition and profile index, validated. */
export interface PreparedLesson {
  lesson: Lesson;
  conditions: LessonCondition[];
  /** `scenarios[condition][profileIndex]`. */
  scenarios: Scenario[][];
}

type Layer = { where: (string | number)[]; set: Record<string, PathValue> };

/** Which layer set a path (the last one wins, as in the build). */
function blame(layers: Layer[], path: readonly (string | number)[]): (string | number)[] {
  const dotted = path.join('.');
  for (let k = layers.length - 1; k >= 0; k--) {
    for (const key of Object.keys(layers[k].set)) if (dotted === key || dotted.startsWith(key + '.')) return [...layers[k].where, key];
  }
  return ['world', 'scenario'];
}

/** Result rows a scenario produces. */
function rowsOf(s: Scenario): Set<string> {
  return new Set([...Object.keys(s.regions), ...COUNTRIES, 'ALL']);
}

/**
 * Build and validate every scenario of a lesson from its base scenario (as written, `extends`
 * already resolved by the loader). Returns every problem at once, each pointing into the lesson
 * (`world.set.<path>`, `conditions[i].set.<path>`, `players[p].strategies[s].set.<path>`).
 * @param base the scenario the lesson's `world.scenario` names, as a plain object
 */
export function prepareLesson(lesson: Lesson, base: Record<string, unknown>): { ok: true; prepared: PreparedLesson } | { ok: false; issues: LessonIssue[] } {
  const conditions = lessonConditions(lesson);
  const shape = { players: lesson.players.map((p) => ({ name: p.name, strategies: p.strategies.map((s) => s.name) })) };
  const count = profileCount(shape);
  const issues: LessonIssue[] = [];
  const seen = new Set<string>();
  const scenarios: Scenario[][] = [];
  const expressions: { e: Expression; where: (string | number)[] }[] = [
    ...lesson.players.map((p, i) => ({ e: p.payoff, where: ['players', i, 'payoff'] as (string | number)[] })),
    ...lesson.measures.map((m, i) => ({ e: m, where: ['measures', i] as (string | number)[] })),
  ];
  conditions.forEach((c, ci) => {
    const row: Scenario[] = [];
    for (let k = 0; k < count; k++) {
      const profile = profileAt(shape, k);
      const layers: Layer[] = [
        { where: ['world', 'set'], set: lesson.world.set },
        { where: ['conditions', ci, 'set'], set: c.set },
        ...profile.map((s, p) => ({ where: ['players', p, 'strategies', s, 'set'], set: lesson.players[p].strategies[s].set })),
      ];
      const input = structuredClone(base);
      if (lesson.world.events === 'drop') input.events = [];
      delete input.extends;
      for (const l of layers) for (const [path, value] of Object.entries(l.set)) setPath(input, path, Array.isArray(value) ? [...value] : value);
      const v = validateScenario(input);
      if (!v.ok) {
        for (const issue of v.issues) {
          const where = blame(layers, issue.path);
          const key = `${where.join('.')}|${issue.message}`;
          if (!seen.has(key)) {
            seen.add(key);
            issues.push({ path: where, message: `${issue.path.join('.')}: ${issue.message}` });
          }
        }
        continue;
      }
      const s = v.scenario;
      const rows = rowsOf(s);
      for (const { e, where } of expressions) {
        e.terms.forEach((t, ti) => {
          t.rows.forEach((id, ri) => {
            const key = `${where.join('.')}.${ti}.${ri}`;
            if (!rows.has(id) && !seen.has(key)) {
              seen.add(key);
              issues.push({ path: [...where, 'terms', ti, 'rows', ri], message: `no row "${id}" in the lesson's world (rows: ${[...rows].join(', ')})` });
            }
          });
          if (t.per !== undefined) {
            const x = getPath(s, t.per);
            const key = `${where.join('.')}.${ti}.per`;
            if ((typeof x !== 'number' || !(x > 0)) && !seen.has(key)) {
              seen.add(key);
              issues.push({ path: [...where, 'terms', ti, 'per'], message: `${t.per} must be a lever holding a positive number (got ${JSON.stringify(x)})` });
            }
          }
        });
      }
      lesson.claims.forEach((cl, i) => {
        if (cl.kind === 'folk-theorem') {
          for (const [k, path] of Object.entries(cl.discount)) {
            const key = `claims.${i}.discount.${k}`;
            if (path !== undefined && typeof getPath(s, path) !== 'number' && !seen.has(key)) {
              seen.add(key);
              issues.push({ path: ['claims', i, 'discount', k], message: `${path} is not a numeric lever of the lesson's world` });
            }
          }
        }
      });
      row.push(s);
    }
    scenarios.push(row);
  });
  return issues.length ? { ok: false, issues } : { ok: true, prepared: { lesson, conditions, scenarios } };
}

/** Options of {@link runLesson}. */
export interface RunLessonOptions {
  /** Replicates per profile (default: the lesson's `runs.replicates`). */
  replicates?: number;
  /** Base seed (default: the lesson's `runs.seed`). Replicate r of every profile uses `replicateSeed(seed, r)`. */
  seed?: number;
  /** Called after each run with the runs done and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Run one replicate (default: `runScenario` in this thread); a caller may supply a pool-backed runner. */
  runOne?: (scenario: Scenario, seed: number, run: number) => RunResult;
}

/**
 * Run a prepared lesson: measure its game in every condition over common replicate seeds, solve
 * each game, and judge the claims. Deterministic for a given lesson, base scenario and seed.
 * @example
 * const p = prepareLesson(lesson, baseline);
 * if (p.ok) { const outcome = runLesson(p.prepared, { replicates: 4 }); outcome.claims.every((c) => c.supported); }
 */
export function runLesson(prepared: PreparedLesson, options: RunLessonOptions = {}): LessonOutcome {
  const { lesson, conditions, scenarios } = prepared;
  const replicates = options.replicates ?? lesson.runs.replicates;
  if (!Number.isInteger(replicates) || replicates < 2) throw new Error(`a lesson needs at least 2 replicates to give intervals, got ${replicates}`);
  const base = options.seed ?? lesson.runs.seed;
  const seeds = Array.from({ length: replicates }, (_, r) => replicateSeed(base, r));
  const runOne = options.runOne ?? ((s: Scenario, seed: number, run: number) => runScenario(s, { seed, run }));
  const players = lesson.players.map((p) => ({ name: p.name, strategies: p.strategies.map((s) => s.name) }));
  const keys = measureKeys(lesson);
  const expressions = keys.map((key) => expressionOf(lesson, key));
  const first = scenarios[0][0];
  const window = payoffWindow(first.months, lesson.runs.warmupMonths);
  const total = conditions.length * profileCount({ players }) * replicates;
  let done = 0;

  const outcomes: ConditionOutcome[] = conditions.map((c, ci) => {
    const cellSamples = new Map<number, { values: number[][]; series: Float64Array[][] }>();
    const game = measureGame(players, replicates, (profile, r) => {
      const k = profileIndex({ players }, profile);
      const s = scenarios[ci][k];
      const result = runOne(s, seeds[r], r);
      const per = (path: string) => getPath(s, path) as number;
      const entry = cellSamples.get(k) ?? { values: keys.map(() => [] as number[]), series: keys.map(() => [] as Float64Array[]) };
      expressions.forEach((e, i) => {
        entry.values[i].push(expressionValue(result, e, window, per));
        entry.series[i].push(expressionSeries(result, e, per));
      });
      cellSamples.set(k, entry);
      done++;
      options.onProgress?.(done, total);
      return entry.values.slice(0, players.length).map((xs) => xs[r]);
    });
    const cells: ProfileCell[] = [];
    for (let k = 0; k < game.payoffs.length; k++) {
      const profile = profileAt(game, k);
      const entry = cellSamples.get(k)!;
      const values: Record<string, Stat> = {};
      const samples: Record<string, number[]> = {};
      const series: Record<string, SeriesBand> = {};
      keys.forEach((key, i) => {
        values[key] = stat(entry.values[i]);
        samples[key] = entry.values[i];
        series[key] = bandOf(entry.series[i]);
      });
      cells.push({ profile, labels: profileLabels(game, profile), values, samples, series });
    }
    return { name: c.name, ...(c.note ? { note: c.note } : {}), game, analysis: analyzeGame(game, { method: 'paired' }), cells, scenario: scenarios[ci][0] };
  });

  const partial = {
    lesson,
    replicates,
    seeds,
    months: first.months,
    start: first.start,
    window,
    dates: Array.from({ length: first.months }, (_, t) => monthLabel(first.start, t)),
    conditions: outcomes,
    runCount: total,
  };
  return { ...partial, claims: judgeClaims(partial) };
}

/** How each claim of a lesson fared over several base seeds. */
export interface ClaimsOverSeeds {
  seeds: number[];
  /** `verdicts[claim][k]`: the claim's result with base seed `seeds[k]`. */
  verdicts: ClaimResult[][];
  outcomes: LessonOutcome[];
}

/**
 * Run a lesson once per base seed and collect each claim's verdicts: a reading a class can rely
 * on holds whatever the seed, not on one lucky draw.
 * @example claimsOverSeeds(prepared, [1, 2, 3]).verdicts.every((v) => v.every((c) => c.supported))
 */
export function claimsOverSeeds(prepared: PreparedLesson, seeds: readonly number[], options: Omit<RunLessonOptions, 'seed'> = {}): ClaimsOverSeeds {
  const outcomes = seeds.map((seed) => runLesson(prepared, { ...options, seed }));
  return { seeds: [...seeds], outcomes, verdicts: prepared.lesson.claims.map((_, i) => outcomes.map((o) => o.claims[i])) };
}
