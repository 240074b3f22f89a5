/**
 * The lesson machinery without long runs: every bundled lesson file validates; bad lesson files
 * are refused with the path of each problem; payoff expressions read results as documented
 * (sums, weighted means, final values, changes per month, per-lever division); each claim kind
 * judges synthetic measurements both ways (a claim that is false is reported unsupported); and a
 * tiny lesson runs end to end, deterministically, with common seeds across profiles.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import {
  METRICS,
  analyzeGame,
  profileAt,
  profileCount,
  profileLabels,
  stat,
  type NormalFormGame,
  type RunResult,
  type Scenario,
} from '../src/index.ts';
import {
  parseLesson,
  prepareLesson,
  runLesson,
  judgeClaim,
  expressionValue,
  expressionSeries,
  payoffWindow,
  formatLesson,
  type Lesson,
  type LessonOutcome,
  type ProfileCell,
  type ConditionOutcome,
  type Claim,
} from '../src/lessons/index.ts';

const LESSONS = fileURLToPath(new URL('../../../scenarios/lessons/', import.meta.url));
const BASELINE = fileURLToPath(new URL('../../../scenarios/baseline.yaml', import.meta.url));
const readYaml = (f: string) => YAML.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;

/** A minimal valid lesson (two players, two strategies each) to edit in tests. */
function miniLesson(): Record<string, unknown> {
  return {
    id: 'mini',
    title: 'Mini',
    concept: 'test',
    question: 'does it run?',
    setting: 'two players',
    world: { scenario: '../baseline.yaml', set: { householdsPerAgent: 400, months: 24 } },
    runs: { replicates: 3, seed: 5, warmupMonths: 6 },
    players: [
      {
        name: 'SL',
        strategies: [
          { name: 'honour', set: { 'armedGroups.sl.strategy': 'always-honour' } },
          { name: 'predate', set: { 'armedGroups.sl.strategy': 'always-predate' } },
        ],
        payoff: { unit: 'USD/month', describe: 'fees', terms: [{ metric: 'protection_paid_usd', rows: ['ALL'] }] },
      },
      {
        name: 'firmas',
        strategies: [
          { name: 'pay', set: { 'firmas.protection': 'always-pay' } },
          { name: 'refuse', set: { 'firmas.protection': 'never-pay' } },
        ],
        payoff: { unit: 'USD/month', describe: 'profit per firma', terms: [{ metric: 'firma_profit_usd', rows: ['vraem-ene', 'vraem-apurimac'], per: 'firmas.count' }] },
      },
    ],
    measures: [{ name: 'price', unit: 'USD/kg', describe: 'leaf price', terms: [{ metric: 'leaf_price_usd_kg', rows: ['vraem-ene', 'vraem-apurimac'], combine: { weightedBy: 'leaf_output_t' } }] }],
    claims: [{ kind: 'equilibrium', claim: 'something', profile: ['honour', 'pay'] }],
  };
}

describe('lesson files', () => {
  const files = readdirSync(LESSONS).filter((f) => f.endsWith('.yaml'));

  it('bundles the seven lessons of DESIGN §7', () => {
    expect(files.map((f) => f.replace('.yaml', '')).sort()).toEqual(
      ['adoption', 'balloon-effect', 'broken-promise', 'cartel-of-buyers', 'price-coercion', 'protection-racket', 'stationary-bandit'].sort(),
    );
  });

  it.each(files)('%s validates, its id is its file name, and every scenario it runs is valid', (f) => {
    const v = parseLesson(readYaml(join(LESSONS, f)));
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    expect(v.lesson.id).toBe(f.replace('.yaml', ''));
    // Its world is a bundled scenario (the baseline, or a laboratory such as buyers-valley.yaml).
    expect(v.lesson.world.scenario).toMatch(/^\.\.\/[a-z-]+\.yaml$/);
    const p = prepareLesson(v.lesson, readYaml(join(LESSONS, v.lesson.world.scenario)));
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    // Short enough to run in class: at most 96 months, at least 20 households an agent.
    const s = p.prepared.scenarios[0][0];
    expect(s.months).toBeLessThanOrEqual(96);
    expect(s.householdsPerAgent).toBeGreaterThanOrEqual(20);
  });

  it('refuses a lesson with every problem at its path', () => {
    const bad = miniLesson();
    (bad as { extra?: number }).extra = 1;
    (bad.players as { strategies: { name: string }[] }[])[1].strategies[1].name = 'pay';
    bad.claims = [
      { kind: 'best-response', claim: 'x', player: 'SL', against: ['bribe'], expect: 'predate' },
      { kind: 'compare', claim: 'y', measure: 'nothing', a: { profile: ['honour', 'pay'] }, b: { condition: 'hot', profile: ['honour'] }, expect: 'greater' },
      { kind: 'folk-theorem', claim: 'z', player: 'SL', cooperate: ['honour', 'pay'], temptation: ['predate', 'pay'], punishment: ['predate', 'pay'], discount: { patience: 'armedGroups.sl.patience' }, holds: ['as set'], breaks: ['cold'] },
    ];
    const first = parseLesson(bad);
    expect(first.ok).toBe(false);
    if (!first.ok) expect(first.issues.some((i) => i.message.includes('extra'))).toBe(true);
    delete (bad as { extra?: number }).extra;
    const v = parseLesson(bad);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    const byPath = Object.fromEntries(v.issues.map((i) => [i.path.join('.'), i.message]));
    expect(byPath['players.1.strategies.1.name']).toMatch(/"pay" appears twice/);
    expect(byPath['claims.0.against.0']).toMatch(/player firmas has no strategy "bribe"/);
    expect(byPath['claims.1.measure']).toMatch(/no measure "nothing"/);
    expect(byPath['claims.1.b.condition']).toMatch(/no condition "hot"/);
    expect(byPath['claims.1.b.profile']).toMatch(/one strategy per player/);
    expect(byPath['claims.2.holds.0']).toBeUndefined();
    expect(byPath['claims.2.breaks.0']).toMatch(/no condition "cold"/);
  });

  it('points a bad lever value at the strategy that sets it', () => {
    const bad = miniLesson();
    (bad.players as { strategies: { set: Record<string, unknown> }[] }[])[0].strategies[1].set['armedGroups.sl.strategy'] = 'always-steal';
    (bad.world as { set: Record<string, unknown> }).set['firmas.cuont'] = 3;
    const v = parseLesson(bad);
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    const p = prepareLesson(v.lesson, readYaml(BASELINE));
    expect(p.ok).toBe(false);
    if (p.ok) return;
    const paths = p.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('players.0.strategies.1.set.armedGroups.sl.strategy');
    expect(paths).toContain('world.set.firmas.cuont');
  });
});

/** A synthetic result: one row per id, `value(row, metric, tick)` filled in. */
function fakeResult(rows: string[], months: number, value: (row: string, metric: string, t: number) => number): RunResult {
  const data = new Float64Array(months * rows.length * METRICS.length);
  for (let t = 0; t < months; t++) rows.forEach((row, k) => METRICS.forEach((m, j) => (data[(t * rows.length + k) * METRICS.length + j] = value(row, m, t))));
  return { scenario: 'fake', run: 0, seed: 1, start: '2004-01', months, rows, rowKinds: rows.map(() => 'region'), metrics: METRICS, data };
}

describe('payoff expressions', () => {
  const r = fakeResult(['a', 'b'], 10, (row, m, t) => {
    if (m === 'leaf_price_usd_kg') return row === 'a' ? 1 : 3;
    if (m === 'leaf_output_t') return row === 'a' ? 3 : 1;
    if (m === 'armed_funds_usd') return 100 * t;
    return row === 'a' ? t : 10;
  });
  const win = payoffWindow(10, 4);
  const one = () => 1;

  it('sums rows and averages over the window after the warm-up', () => {
    // coca_ha: a = t, b = 10 → sum t + 10 over t = 4..9 → mean 6.5 + 10
    expect(expressionValue(r, { unit: '', describe: '', terms: [{ metric: 'coca_ha', rows: ['a', 'b'], combine: 'sum', stat: 'mean', weight: 1 }] }, win, one)).toBeCloseTo(16.5);
  });

  it('weights a mean by another metric, takes final values and changes per month, divides by a lever', () => {
    const price = { metric: 'leaf_price_usd_kg' as const, rows: ['a', 'b'], combine: { weightedBy: 'leaf_output_t' as const }, stat: 'mean' as const, weight: 1 };
    expect(expressionValue(r, { unit: '', describe: '', terms: [price] }, win, one)).toBeCloseTo((1 * 3 + 3 * 1) / 4);
    expect(expressionValue(r, { unit: '', describe: '', terms: [{ metric: 'coca_ha', rows: ['a'], combine: 'sum', stat: 'final', weight: 2 }] }, win, one)).toBe(18);
    expect(expressionValue(r, { unit: '', describe: '', terms: [{ metric: 'armed_funds_usd', rows: ['a'], combine: 'sum', stat: 'change-per-month', weight: 1 }] }, win, one)).toBeCloseTo(100);
    const per = expressionValue(r, { unit: '', describe: '', terms: [{ metric: 'coca_ha', rows: ['b'], combine: 'sum', stat: 'mean', weight: 1, per: 'firmas.count' }] }, win, () => 4);
    expect(per).toBeCloseTo(2.5);
    const series = expressionSeries(r, { unit: '', describe: '', terms: [{ metric: 'coca_ha', rows: ['a', 'b'], combine: 'sum', stat: 'mean', weight: -1 }] }, one);
    expect(Array.from(series.slice(0, 3))).toEqual([-10, -11, -12]);
  });

  it('refuses a row the result does not have', () => {
    expect(() => expressionValue(r, { unit: '', describe: '', terms: [{ metric: 'coca_ha', rows: ['zz'], combine: 'sum', stat: 'mean', weight: 1 }] }, win, one)).toThrow(/no row "zz"/);
  });
});

/**
 * A measured lesson built from given replicate samples: `samples[condition][profileIndex][key]`.
 * Lets each claim kind be judged on numbers chosen to make it true or false.
 */
function synthetic(lessonInput: Record<string, unknown>, samples: Record<string, Record<string, number[]>[]>, scenario: Record<string, unknown> = {}): Omit<LessonOutcome, 'claims'> {
  const v = parseLesson(lessonInput);
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  const lesson: Lesson = v.lesson;
  const players = lesson.players.map((p) => ({ name: p.name, strategies: p.strategies.map((s) => s.name) }));
  const names = lesson.conditions.length ? lesson.conditions.map((c) => c.name) : ['as set'];
  const conditions: ConditionOutcome[] = names.map((name) => {
    const cellsIn = samples[name];
    const count = profileCount({ players });
    const cells: ProfileCell[] = [];
    const game: NormalFormGame = { players, payoffs: [], samples: [] };
    for (let k = 0; k < count; k++) {
      const profile = profileAt({ players }, k);
      const s = cellsIn[k];
      cells.push({ profile, labels: profileLabels({ players }, profile), values: Object.fromEntries(Object.entries(s).map(([key, xs]) => [key, stat(xs)])), samples: s, series: {} });
      game.payoffs.push(players.map((p) => stat(s[`payoff:${p.name}`])));
      game.samples!.push(players.map((p) => s[`payoff:${p.name}`]));
    }
    return { name, game, analysis: analyzeGame(game, { method: 'paired' }), cells, scenario: scenario as unknown as Scenario };
  });
  return { lesson, replicates: 3, seeds: [1, 2, 3], months: 24, start: '2004-01', window: { from: 6, to: 24 }, dates: [], conditions, runCount: 0 };
}

const around = (x: number) => [x - 1, x, x + 1];

describe('claims are judged on the numbers, both ways', () => {
  const racket = (claims: unknown[]) => ({ ...miniLesson(), conditions: [{ name: 'light', set: {} }, { name: 'heavy', set: {} }], claims });
  // Profiles in order: honour/pay, honour/refuse, predate/pay, predate/refuse.
  const cells = (R: number, T: number, P: number) => [
    { 'payoff:SL': around(R), 'payoff:firmas': around(50), price: around(2) },
    { 'payoff:SL': around(P), 'payoff:firmas': around(40), price: around(2) },
    { 'payoff:SL': around(T), 'payoff:firmas': around(45), price: around(2) },
    { 'payoff:SL': around(P), 'payoff:firmas': around(40), price: around(2) },
  ];
  const folk: Claim = {
    kind: 'folk-theorem',
    claim: 'holds when patient',
    player: 'SL',
    cooperate: ['honour', 'pay'],
    temptation: ['predate', 'pay'],
    punishment: ['predate', 'refuse'],
    discount: { patience: 'armedGroups.sl.patience', hazard: 'armedGroups.sl.pressureHazard', pressure: 'states.PE.counterinsurgency' },
    holds: ['light'],
    breaks: ['heavy'],
  };
  const world = { armedGroups: { sl: { patience: 0.9, pressureHazard: 0.5 } }, states: { PE: { counterinsurgency: 0.5 } } };

  it('folk theorem: δ = 0.9·(1 − 0.5·0.5) = 0.675 against δ* = (T − R)/(T − P)', () => {
    // light: R 60, T 100, P 0 → δ* 0.4 ≤ 0.675 holds; heavy: R 10, T 100, P 0 → δ* 0.9 > 0.675 breaks.
    const m = synthetic(racket([folk]), { light: cells(60, 100, 0), heavy: cells(10, 100, 0) }, world);
    const r = judgeClaim(m, folk);
    expect(r.supported).toBe(true);
    expect(r.evidence).toMatch(/δ\* = 0\.4.*δ = 0\.675 → cooperation holds.*δ\* = 0\.9.*cooperation breaks/);
    // Swap the conditions: the same claim is now false.
    const swapped = synthetic(racket([folk]), { light: cells(10, 100, 0), heavy: cells(60, 100, 0) }, world);
    expect(judgeClaim(swapped, folk).supported).toBe(false);
  });

  it('best response needs the expected strategy best and its paired gain clear of zero', () => {
    const claim: Claim = { kind: 'best-response', claim: 'predation tempts', condition: 'light', player: 'SL', against: ['pay'], expect: 'predate' };
    expect(judgeClaim(synthetic(racket([claim]), { light: cells(60, 100, 0), heavy: cells(60, 100, 0) }), claim).supported).toBe(true);
    expect(judgeClaim(synthetic(racket([claim]), { light: cells(100, 60, 0), heavy: cells(60, 100, 0) }), claim).supported).toBe(false);
    // Best on means by a hair, within the noise: not a clear best reply.
    const noisy = cells(60, 60.5, 0);
    noisy[2]['payoff:SL'] = [40, 61.5, 80];
    const r = judgeClaim(synthetic(racket([claim]), { light: noisy, heavy: noisy }), claim);
    expect(r.supported).toBe(false);
    expect(r.evidence).toMatch(/within the noise/);
  });

  it('compare reads paired differences and needs the interval clear of zero', () => {
    const claim: Claim = { kind: 'compare', claim: 'more', measure: 'payoff:firmas', a: { condition: 'light', profile: ['honour', 'refuse'] }, b: { condition: 'light', profile: ['honour', 'pay'] }, expect: 'greater' };
    expect(judgeClaim(synthetic(racket([claim]), { light: cells(60, 100, 0), heavy: cells(60, 100, 0) }), claim).supported).toBe(true);
    const less = { ...claim, expect: 'less' as const };
    expect(judgeClaim(synthetic(racket([less]), { light: cells(60, 100, 0), heavy: cells(60, 100, 0) }), less).supported).toBe(false);
  });

  it('equilibrium claims follow the solver', () => {
    const claim: Claim = { kind: 'equilibrium', claim: 'PD-like', condition: 'light', profile: ['predate', 'pay'] };
    const m = synthetic(racket([claim]), { light: cells(60, 100, 0), heavy: cells(60, 100, 0) });
    expect(judgeClaim(m, claim).supported).toBe(true);
    const other: Claim = { ...claim, profile: ['honour', 'pay'] };
    expect(judgeClaim(m, other).supported).toBe(false);
  });

  const bandit = (claims: unknown[]) => ({
    ...miniLesson(),
    players: [
      {
        name: 'SL',
        strategies: [1, 2, 4, 8].map((f) => ({ name: `fee ${f}`, set: { 'armedGroups.sl.feeUsdPerKg': f } })),
        payoff: { unit: 'USD', describe: 'fees', terms: [{ metric: 'protection_paid_usd', rows: ['ALL'] }] },
      },
    ],
    measures: [{ name: 'export price', unit: 'USD/kg', describe: 'p', terms: [{ metric: 'export_price_usd_kg', rows: ['ALL'] }] }],
    claims,
  });
  const curve = (ys: number[]) => ys.map((y) => ({ 'payoff:SL': around(y), 'export price': around(1000) }));

  it('interior optimum: a Laffer curve peaks inside the grid and below the share of the price', () => {
    const claim: Claim = { kind: 'interior-optimum', claim: 'Laffer', player: 'SL', against: [], lever: 'armedGroups.sl.feeUsdPerKg', maxShareOf: { measure: 'export price', share: 0.02 } };
    expect(judgeClaim(synthetic(bandit([claim]), { 'as set': curve([1, 5, 3, 0]) }), claim).supported).toBe(true);
    // Revenue still rising at the top of the grid: not interior.
    expect(judgeClaim(synthetic(bandit([claim]), { 'as set': curve([1, 2, 3, 4]) }), claim).supported).toBe(false);
    // Interior but above the share bound (4 / 1000 > 0.2%).
    const tight = { ...claim, maxShareOf: { measure: 'export price', share: 0.002 } };
    expect(judgeClaim(synthetic(bandit([tight]), { 'as set': curve([1, 2, 5, 0]) }), tight).supported).toBe(false);
  });

  const cartel = (claims: unknown[]) => ({
    ...miniLesson(),
    players: [
      {
        name: 'firmas',
        strategies: ['cooperate', 'defect', 'adaptive'].map((name) => ({ name, set: {} })),
        payoff: { unit: 'USD', describe: 'profit per firma', terms: [{ metric: 'firma_profit_usd', rows: ['ALL'] }] },
      },
    ],
    measures: [],
    conditions: [{ name: 'n2', set: {} }, { name: 'n8', set: {} }],
    claims,
  });

  it('cooperation threshold: the index (A − P)/(R − P) at least one half where it holds, below where it breaks', () => {
    const claim: Claim = { kind: 'cooperation-threshold', claim: 'breaks with numbers', player: 'firmas', cooperate: 'cooperate', defect: 'defect', observed: 'adaptive', holds: ['n2'], breaks: ['n8'] };
    const c = (R: number, P: number, A: number) => [{ 'payoff:firmas': around(R) }, { 'payoff:firmas': around(P) }, { 'payoff:firmas': around(A) }];
    expect(judgeClaim(synthetic(cartel([claim]), { n2: c(10, 2, 9), n8: c(5, 1, 1.5) }), claim).supported).toBe(true);
    expect(judgeClaim(synthetic(cartel([claim]), { n2: c(10, 2, 3), n8: c(5, 1, 1.5) }), claim).supported).toBe(false);
    expect(judgeClaim(synthetic(cartel([claim]), { n2: c(10, 2, 9), n8: c(5, 1, 4.5) }), claim).supported).toBe(false);
  });

  it('amplifies: a difference in differences, paired by replicate', () => {
    const claim: Claim = { kind: 'amplifies', claim: 'tips', measure: 'payoff:firmas', a: ['defect'], b: ['cooperate'], larger: 'n8', smaller: 'n2' };
    const c = (R: number, P: number) => [{ 'payoff:firmas': around(R) }, { 'payoff:firmas': around(P) }, { 'payoff:firmas': around(0) }];
    expect(judgeClaim(synthetic(cartel([claim]), { n2: c(3, 1), n8: c(9, 1) }), claim).supported).toBe(true);
    expect(judgeClaim(synthetic(cartel([claim]), { n2: c(9, 1), n8: c(3, 1) }), claim).supported).toBe(false);
  });
});

describe('a tiny lesson end to end', () => {
  const v = parseLesson(miniLesson());
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  const p = prepareLesson(v.lesson, readYaml(BASELINE));
  if (!p.ok) throw new Error(JSON.stringify(p.issues));

  it('measures every profile over the same seeds, deterministically, and prints the matrix and reading', () => {
    const seen: { name: string; seed: number; strategy: string }[] = [];
    const a = runLesson(p.prepared, {
      replicates: 2,
      seed: 9,
      runOne: (s, seed, run) => {
        seen.push({ name: s.name, seed, strategy: s.armedGroups.sl.strategy + '/' + s.firmas.protection });
        return fakeResult([...Object.keys(s.regions), 'PE', 'BO', 'CO', 'ALL'], s.months, (row, m, t) => (m === 'protection_paid_usd' ? (s.armedGroups.sl.strategy === 'always-predate' ? 2 : 1) * (t + seed % 7) : 1));
      },
    });
    expect(a.runCount).toBe(8);
    // Replicate r of every profile shares its seed.
    const seeds = [...new Set(seen.map((x) => x.seed))];
    expect(seeds).toHaveLength(2);
    expect(seen.map((x) => x.strategy)).toEqual(['always-honour/always-pay', 'always-honour/always-pay', 'always-honour/never-pay', 'always-honour/never-pay', 'always-predate/always-pay', 'always-predate/always-pay', 'always-predate/never-pay', 'always-predate/never-pay']);
    const text = formatLesson(a);
    expect(text).toContain('Question: does it run?');
    expect(text).toMatch(/SL \\ firmas\s+pay\s+refuse/);
    expect(text).toContain('[NOT supported] something');
    expect(a.claims[0].evidence).toMatch(/predate \/ pay/);
  });

  it('runs the real model for a short world and gives the same numbers twice', () => {
    const x = runLesson(p.prepared, { replicates: 2 });
    const y = runLesson(p.prepared, { replicates: 2 });
    expect(x.conditions[0].cells.map((c) => c.values['payoff:SL'].mean)).toEqual(y.conditions[0].cells.map((c) => c.values['payoff:SL'].mean));
    // Firmas that refuse protection pay no fees, whatever SL does.
    expect(x.conditions[0].cells[1].values['payoff:SL'].mean).toBe(0);
    expect(x.conditions[0].cells[0].values['payoff:SL'].mean).toBeGreaterThan(0);
  }, 300_000);
});
