/**
 * The lesson language: what a lesson file under `scenarios/lessons/` holds. The YAML is the source
 * of truth for everything a teacher may edit — the concept, the question, the world the runs use
 * (a bundled scenario with lever overrides), the players and their strategies (each strategy is a
 * set of levers that fixes what the player does), the conditions under which the game is measured
 * (state pressure low or high, n firmas, ...), how each player's payoff is read from the results,
 * extra measures, and the claims the reading makes with the condition that makes each true.
 * This module validates such an object (zod, every problem reported at once with its path) and
 * returns a typed {@link Lesson}; `run.ts` measures it and `claims.ts` judges its claims.
 *
 * Sources: DESIGN §7 (the lessons), docs/sources.md §4 (concepts and devices);
 * Wellman (2006) on empirical game-theoretic analysis.
 */
import { z } from 'zod';
import { METRICS } from '../model/metrics.ts';

/** Lever settings: lever path → value, applied to the lesson's world. */
const leverSet = z.record(z.string().min(1), z.union([z.number(), z.boolean(), z.string(), z.array(z.string())]));

const name = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.,'()%$/+-]*$/, 'a name is letters, digits, spaces and simple punctuation');

/** One term of a payoff or measure: a metric over result rows, summarised over the payoff window. */
export const termSchema = z.strictObject({
  metric: z.enum(METRICS),
  /** Result rows (region ids, PE/BO/CO, ALL) the metric is taken over. */
  rows: z.array(z.string().min(1)).min(1),
  /** How rows combine each month: summed (quantities) or averaged weighted by another metric (prices, shares). */
  combine: z.union([z.literal('sum'), z.strictObject({ weightedBy: z.enum(METRICS) })]).default('sum'),
  /**
   * How the monthly values combine over the window: their mean, the mean of its last 12 months
   * (`final-year`), the last month's value, or the change from the first month of the window to
   * the last, per month.
   */
  stat: z.enum(['mean', 'final-year', 'final', 'change-per-month']).default('mean'),
  weight: z.number().finite().default(1),
  /** Divide by this lever's value (e.g. `firmas.count`, for a payoff per firma). */
  per: z.string().min(1).optional(),
});

/** A payoff or measure: a weighted sum of terms, with its unit and a sentence saying what it is. */
export const expressionSchema = z.strictObject({
  unit: z.string().min(1),
  describe: z.string().min(1),
  terms: z.array(termSchema).min(1),
});

const strategySchema = z.strictObject({ name, set: leverSet.default({}), note: z.string().optional() });
const playerSchema = z.strictObject({
  name,
  strategies: z.array(strategySchema).min(1).max(12),
  payoff: expressionSchema,
});
const conditionSchema = z.strictObject({ name, set: leverSet.default({}), note: z.string().optional() });

/** A profile named by its strategies, one per player, in player order. */
const profile = z.array(name).min(1);

const claimBase = {
  /** The claim in words, as the teacher states it. */
  claim: z.string().min(1),
};

/** The conditions in which a cooperation claim says cooperation holds, and those where it breaks. */
const byCondition = {
  holds: z.array(name).default([]),
  breaks: z.array(name).default([]),
};

/**
 * Player `player`'s best reply to the others' strategies `against` is `expect`: the best on mean
 * payoffs, with a paired gain over the runner-up whose 95% interval lies above zero.
 */
export const bestResponseClaim = z.strictObject({
  kind: z.literal('best-response'),
  ...claimBase,
  condition: name.optional(),
  player: name,
  /** The other players' strategies, in player order (the player's own entry left out). */
  against: z.array(name),
  expect: name,
});

/** The profile is a pure Nash equilibrium of the measured game (on mean payoffs). */
export const equilibriumClaim = z.strictObject({
  kind: z.literal('equilibrium'),
  ...claimBase,
  condition: name.optional(),
  profile,
});

/**
 * The repeated-game condition: with R (cooperate), T (temptation) and P (punishment) read from
 * the player's measured payoffs, cooperation holds where δ ≥ δ* = (T − R)/(T − P), δ being the
 * player's monthly discount factor in that condition: patience × (1 − hazard × pressure) (the
 * armed group's horizon shortened by state pressure, model/armed/armedGroups.ts).
 */
export const folkTheoremClaim = z.strictObject({
  kind: z.literal('folk-theorem'),
  ...claimBase,
  player: name,
  cooperate: profile,
  temptation: profile,
  punishment: profile,
  discount: z.strictObject({ patience: z.string().min(1), hazard: z.string().min(1).optional(), pressure: z.string().min(1).optional() }),
  ...byCondition,
});

/** `measure` (a payoff as `payoff:<player>` or a measure's name) at cell b compared with cell a. */
export const compareClaim = z.strictObject({
  kind: z.literal('compare'),
  ...claimBase,
  measure: z.string().min(1),
  a: z.strictObject({ condition: name.optional(), profile }),
  b: z.strictObject({ condition: name.optional(), profile }),
  expect: z.enum(['greater', 'less']),
});

/**
 * The player's best reply to `against` among its strategies ordered by the lever `lever` is
 * interior (neither the lowest nor the highest value tried) and, optionally, that lever value is
 * below `maxShareOf.share` of a measure's mean (the fee as a share of the export price).
 */
export const interiorOptimumClaim = z.strictObject({
  kind: z.literal('interior-optimum'),
  ...claimBase,
  condition: name.optional(),
  player: name,
  against: z.array(name),
  lever: z.string().min(1),
  maxShareOf: z.strictObject({ measure: z.string().min(1), share: z.number().positive() }).optional(),
});

/**
 * An n-player cooperation game measured by fixing every player's strategy: in each condition
 * (a number of players) the cooperation index (A − P)/(R − P) of the observed strategy A against
 * all-cooperate R and all-defect P; cooperation holds where the index is at least one half.
 */
export const cooperationClaim = z.strictObject({
  kind: z.literal('cooperation-threshold'),
  ...claimBase,
  player: name,
  cooperate: name,
  defect: name,
  observed: name,
  ...byCondition,
});

/** The gap `measure(b) − measure(a)` is larger in condition `larger` than in `smaller` (a difference in differences). */
export const amplifiesClaim = z.strictObject({
  kind: z.literal('amplifies'),
  ...claimBase,
  measure: z.string().min(1),
  a: profile,
  b: profile,
  larger: name,
  smaller: name,
});

export const claimSchema = z.discriminatedUnion('kind', [
  bestResponseClaim,
  equilibriumClaim,
  folkTheoremClaim,
  compareClaim,
  interiorOptimumClaim,
  cooperationClaim,
  amplifiesClaim,
]);

export const lessonSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a lesson id is lower-case letters, digits and dashes'),
  title: z.string().min(1),
  concept: z.string().min(1),
  question: z.string().min(1),
  /** The game in words: who plays, what each strategy means in the model. */
  setting: z.string().min(1),
  /** Readings and sources for the teacher. */
  sources: z.array(z.string().min(1)).default([]),
  world: z.strictObject({
    /** Scenario file the lesson's world starts from, relative to the lesson file. */
    scenario: z.string().min(1),
    /** `drop` the scenario's scheduled events (levers stay where the lesson puts them) or `keep` them. */
    events: z.enum(['drop', 'keep']).default('drop'),
    /** Lever overrides for every run (scale, length, fixed rules). */
    set: leverSet.default({}),
  }),
  runs: z.strictObject({
    replicates: z.number().int().min(2).max(200).default(5),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    /** Months at the start left out of every payoff (the model settles). */
    warmupMonths: z.number().int().min(0).default(12),
  }),
  players: z.array(playerSchema).min(1).max(4),
  conditions: z.array(conditionSchema).max(12).default([]),
  measures: z.array(expressionSchema.extend({ name })).default([]),
  claims: z.array(claimSchema).min(1),
});

/** A lesson file as written. */
export type LessonInput = z.input<typeof lessonSchema>;
/** A validated lesson with defaults applied. */
export type Lesson = z.output<typeof lessonSchema>;
export type LessonPlayer = Lesson['players'][number];
export type Expression = z.output<typeof expressionSchema>;
export type Term = z.output<typeof termSchema>;
export type Claim = z.output<typeof claimSchema>;

/** A problem in a lesson file, with the path of the offending value. */
export interface LessonIssue {
  path: (string | number)[];
  message: string;
}

export type LessonValidation = { ok: true; lesson: Lesson } | { ok: false; issues: LessonIssue[] };

/** The name every condition-less lesson measures its game under. */
export const AS_IS = 'as set';

function crossChecks(l: Lesson): LessonIssue[] {
  const issues: LessonIssue[] = [];
  const dup = (list: { name: string }[], path: (string | number)[], what: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.name)) issues.push({ path: [...path, i, 'name'], message: `${what} "${x.name}" appears twice` });
      seen.add(x.name);
    });
  };
  dup(l.players, ['players'], 'player');
  l.players.forEach((p, i) => dup(p.strategies, ['players', i, 'strategies'], 'strategy'));
  dup(l.conditions, ['conditions'], 'condition');
  dup(l.measures, ['measures'], 'measure');
  const conditions = l.conditions.length ? l.conditions.map((c) => c.name) : [AS_IS];
  const measureNames = new Set([...l.measures.map((m) => m.name), ...l.players.map((p) => `payoff:${p.name}`)]);
  const playerIndex = (n: string) => l.players.findIndex((p) => p.name === n);
  l.claims.forEach((c, i) => {
    const at = (k: string | number, ...rest: (string | number)[]) => ['claims', i, k, ...rest];
    const checkCondition = (n: string | undefined, path: (string | number)[]) => {
      if (n !== undefined && !conditions.includes(n)) issues.push({ path, message: `no condition "${n}" (conditions: ${conditions.join(', ')})` });
    };
    const checkProfile = (p: string[], path: (string | number)[]) => {
      if (p.length !== l.players.length) {
        issues.push({ path, message: `a profile names one strategy per player (${l.players.map((x) => x.name).join(', ')}), got ${p.length}` });
        return;
      }
      p.forEach((s, k) => {
        if (!l.players[k].strategies.some((x) => x.name === s)) issues.push({ path: [...path, k], message: `player ${l.players[k].name} has no strategy "${s}"` });
      });
    };
    const checkHoldsBreaks = (x: { holds: string[]; breaks: string[] }) => {
      x.holds.forEach((n, k) => checkCondition(n, at('holds', k)));
      x.breaks.forEach((n, k) => checkCondition(n, at('breaks', k)));
    };
    const checkPlayer = (n: string, path: (string | number)[]) => {
      if (playerIndex(n) < 0) issues.push({ path, message: `no player "${n}" (players: ${l.players.map((p) => p.name).join(', ')})` });
    };
    const checkMeasure = (n: string, path: (string | number)[]) => {
      if (!measureNames.has(n)) issues.push({ path, message: `no measure "${n}" (measures: ${[...measureNames].join(', ')})` });
    };
    const checkAgainst = (player: string, against: string[], path: (string | number)[]) => {
      const p = playerIndex(player);
      if (p < 0) return;
      const others = l.players.filter((_, k) => k !== p);
      if (against.length !== others.length) {
        issues.push({ path, message: `name one strategy for each other player (${others.map((x) => x.name).join(', ') || 'none'}), got ${against.length}` });
        return;
      }
      against.forEach((s, k) => {
        if (!others[k].strategies.some((x) => x.name === s)) issues.push({ path: [...path, k], message: `player ${others[k].name} has no strategy "${s}"` });
      });
    };
    switch (c.kind) {
      case 'best-response':
        checkCondition(c.condition, at('condition'));
        checkPlayer(c.player, at('player'));
        checkAgainst(c.player, c.against, at('against'));
        if (playerIndex(c.player) >= 0 && !l.players[playerIndex(c.player)].strategies.some((s) => s.name === c.expect))
          issues.push({ path: at('expect'), message: `player ${c.player} has no strategy "${c.expect}"` });
        break;
      case 'equilibrium':
        checkCondition(c.condition, at('condition'));
        checkProfile(c.profile, at('profile'));
        break;
      case 'folk-theorem':
        checkPlayer(c.player, at('player'));
        checkProfile(c.cooperate, at('cooperate'));
        checkProfile(c.temptation, at('temptation'));
        checkProfile(c.punishment, at('punishment'));
        checkHoldsBreaks(c);
        break;
      case 'compare':
        checkMeasure(c.measure, at('measure'));
        checkCondition(c.a.condition, at('a', 'condition'));
        checkCondition(c.b.condition, at('b', 'condition'));
        checkProfile(c.a.profile, at('a', 'profile'));
        checkProfile(c.b.profile, at('b', 'profile'));
        break;
      case 'interior-optimum':
        checkCondition(c.condition, at('condition'));
        checkPlayer(c.player, at('player'));
        checkAgainst(c.player, c.against, at('against'));
        if (c.maxShareOf) checkMeasure(c.maxShareOf.measure, at('maxShareOf', 'measure'));
        if (playerIndex(c.player) >= 0) {
          const strategies = l.players[playerIndex(c.player)].strategies;
          strategies.forEach((s, k) => {
            if (typeof s.set[c.lever] !== 'number') issues.push({ path: ['players', playerIndex(c.player), 'strategies', k, 'set'], message: `strategy "${s.name}" must set ${c.lever} to a number (claim ${i} orders strategies by it)` });
          });
          if (strategies.length < 3) issues.push({ path: at('player'), message: 'an interior optimum needs at least three strategies' });
        }
        break;
      case 'cooperation-threshold': {
        checkPlayer(c.player, at('player'));
        const p = playerIndex(c.player);
        if (l.players.length !== 1) issues.push({ path: at('player'), message: 'a cooperation threshold is read from a one-player lesson (all players fixed alike)' });
        for (const k of ['cooperate', 'defect', 'observed'] as const) {
          if (p >= 0 && !l.players[p].strategies.some((s) => s.name === c[k])) issues.push({ path: at(k), message: `player ${c.player} has no strategy "${c[k]}"` });
        }
        checkHoldsBreaks(c);
        break;
      }
      case 'amplifies':
        checkMeasure(c.measure, at('measure'));
        checkProfile(c.a, at('a'));
        checkProfile(c.b, at('b'));
        checkCondition(c.larger, at('larger'));
        checkCondition(c.smaller, at('smaller'));
        break;
    }
  });
  return issues;
}

/**
 * Validate a parsed lesson file and apply defaults; every problem is returned at once, each with
 * the path of the value that causes it (so a loader can point at its line).
 * @example
 * const v = parseLesson(YAML.parse(text));
 * if (v.ok) runLesson(v.lesson, baseScenario);
 */
export function parseLesson(input: unknown): LessonValidation {
  const parsed = lessonSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })) };
  }
  const issues = crossChecks(parsed.data);
  return issues.length ? { ok: false, issues } : { ok: true, lesson: parsed.data };
}
