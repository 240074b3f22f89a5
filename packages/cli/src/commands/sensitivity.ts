/**
 * `vraem sensitivity <scenario> --metric M [--row PE] [--window finalYear|wholeRun]
 * [--method morris|oat] [--levers a,b,...] [--compare <scenarioB>]`: which levers an output hangs
 * on, over each lever's documented range (the schema's `meta.range`, shown by `vraem params`).
 *
 * **Factors.** By default every number lever with a documented range, except the run's own
 * (`months`, `warmupMonths`). A lever that every region has (`regions.<id>.x`) or every state has
 * (`states.<C>.x`) is one factor, `regions.*.x` / `states.*.x`: the factor's value u moves every
 * member by the same amount, member + (u − mean of the members), clamped to the range, so the
 * regions keep their differences while their level moves (Campolongo et al. 2007's groups). A
 * lever set by an event of either scenario is a policy being compared, not an assumption: it is
 * left out (listed under `skipped`) unless named in `--levers`, and then held at the sampled
 * value through the run (its events' values replaced).
 *
 * **Output.** Each design point runs `--runs` replicates with the same seeds at every point
 * (common random numbers); the metric is each run's mean of `--metric` for `--row` over the
 * window, averaged over replicates. With `--compare B` the same lever values apply to both
 * scenarios and the output is the paired difference B − A (the AD comparison: which assumptions
 * does it hang on?).
 *
 * **Cost.** Morris: r(k + 1) points, OAT: 2k + 1, each × runs × (2 with --compare). With the
 * defaults (r = 2, 1 run) on the baseline (about 92 factors after grouping) that is 186 points;
 * at householdsPerAgent 10 and 240 months a run takes 1–1.6 s a core: 2–3 minutes on two idle
 * cores for one scenario, twice that with --compare (docs/validation.md).
 *
 * Writes `summary.json` (factors, ranking, skipped levers), `design.csv` (every point's factor
 * values and output), `sensitivity.png` (a tornado chart) and `manifest.json` into a new folder.
 */
import { InputError } from '../errors.ts';
import { loadScenario, type LoadedScenario } from '../load.ts';
import { manifest } from '../manifest.ts';
import { planOutput, writeOutput } from '../output.ts';
import { runWithProgress, type Task } from '../pool.ts';
import { finished, provenance, sayNotes } from '../batch.ts';
import { formatNumber, renderTable } from '../table.ts';
import {
  METRICS,
  fromUnit,
  getPath,
  listLevers,
  morrisDesign,
  morrisEffects,
  oatDesign,
  oatEffects,
  rankMorris,
  replicateTasks,
  toUnit,
  validateScenario,
  windowMeans,
  windowsFor,
  type Lever,
  type RunResult,
  type Scenario,
} from '../core.ts';
import { eventsSetting } from './calibrate.ts';
import { intOption, seedOption, seedsFor, workersOption } from './common.ts';

export interface SensitivityArgs {
  scenario: string;
  metric: string;
  row: string;
  window: 'finalYear' | 'wholeRun';
  method: 'morris' | 'oat';
  levers?: string;
  compare?: string;
  trajectories: number;
  levels: number;
  runs: number;
  seed?: number;
  set: string[];
  hold?: string[];
  workers?: number;
  oversubscribe?: boolean;
  out?: string;
  force: boolean;
}

/** One factor of the design: a lever, or a group of the same lever across regions or states. */
export interface Factor {
  name: string;
  members: string[];
  range: [number, number];
  integer: boolean;
  /** Mean of the members' current values (the base point of OAT). */
  base: number;
  /** Named explicitly with --levers although events set it (every factor is held: the events no longer change it). */
  hold: boolean;
}

const groupName = (path: string) => path.replace(/^(regions|states)\.[^.]+\./, '$1.*.');

/**
 * The factors of a scenario (and of B with --compare): documented-range number levers, grouped
 * across regions and states; levers set by events are skipped unless named.
 */
export function sensitivityFactors(a: LoadedScenario, b: LoadedScenario | undefined, chosen?: readonly string[]): { factors: Factor[]; skipped: { lever: string; why: string }[] } {
  const levers = listLevers(a.scenario).filter((l) => (l.kind === 'number' || l.kind === 'integer') && l.range && l.group !== 'run');
  const byEvents = (path: string) => eventsSetting(a.input, path) + (b ? eventsSetting(b.input, path) : 0);
  const skipped: { lever: string; why: string }[] = [];
  const groups = new Map<string, Lever[]>();
  for (const l of levers) {
    const g = groupName(l.path);
    groups.set(g, [...(groups.get(g) ?? []), l]);
  }
  const problems: string[] = [];
  const wanted = chosen?.length ? chosen : undefined;
  if (wanted) for (const w of wanted) if (!groups.has(w) && !levers.some((l) => l.path === w)) problems.push(`--levers ${w}: not a number lever with a documented range (see vraem params); groups are written regions.*.x or states.*.x`);
  if (problems.length) throw new InputError(problems);
  const factors: Factor[] = [];
  const make = (name: string, members: Lever[], hold: boolean): Factor => {
    const values = members.map((m) => Number(getPath(a.scenario, m.path)));
    const range = members[0].range!;
    return { name, members: members.map((m) => m.path), range, integer: members[0].kind === 'integer', base: values.reduce((s, v) => s + v, 0) / values.length, hold };
  };
  for (const [g, members] of groups) {
    if (wanted) {
      if (wanted.includes(g)) factors.push(make(g, members, true));
      else for (const m of members) if (wanted.includes(m.path)) factors.push(make(m.path, [m], true));
      continue;
    }
    const free = members.filter((m) => {
      const n = byEvents(m.path);
      if (n) skipped.push({ lever: m.path, why: `set by ${n} event${n > 1 ? 's' : ''} (a policy of the scenario${b ? 's' : ''}, not an assumption); name it in --levers to vary it` });
      return n === 0;
    });
    if (free.length) factors.push(make(free.length > 1 ? g : free[0].path, free, false));
  }
  if (factors.length === 0) throw new InputError('no lever to vary');
  return { factors, skipped };
}

/**
 * A scenario as written with every factor at its value: members shifted together, clamped to the
 * range, and held for the whole run (scenario/holds.ts), so that no event of the scenario replaces
 * the value the design asked for.
 */
export function applyFactors(loaded: LoadedScenario, factors: readonly Factor[], values: readonly number[]): Scenario {
  const input = structuredClone(loaded.input);
  const held: Record<string, number> = {};
  factors.forEach((f, i) => {
    for (const m of f.members) {
      const current = Number(getPath(loaded.scenario, m));
      let v = f.members.length > 1 ? current + (values[i] - f.base) : values[i];
      v = Math.min(f.range[1], Math.max(f.range[0], v));
      if (f.integer) v = Math.round(v);
      held[m] = v;
    }
  });
  input.hold = [...(Array.isArray(input.hold) ? input.hold : []), { set: held, note: 'sensitivity design point' }];
  const v = validateScenario(input);
  if (!v.ok) throw new InputError(v.issues.map((i) => `${factors.map((f, k) => `${f.name}=${values[k]}`).join(' ')}: ${i.path.join('.')}: ${i.message}`));
  return v.scenario;
}

/** A horizontal bar chart of the top factors (the tornado). */
function tornadoChart(title: string, subtitle: string, labels: string[], datasets: { label: string; data: (number | [number, number])[]; colour: string }[]) {
  return {
    type: 'bar' as const,
    data: { labels, datasets: datasets.map((d) => ({ label: d.label, data: d.data, backgroundColor: d.colour, borderColor: d.colour, borderWidth: 1 })) },
    options: {
      indexAxis: 'y' as const,
      plugins: { title: { display: true, text: title, font: { size: 18 } }, subtitle: { display: true, text: subtitle, font: { size: 13 } }, legend: { position: 'bottom' as const } },
      scales: { x: { type: 'linear' as const, title: { display: true, text: 'effect on the output (its units)' } }, y: { type: 'category' as const, ticks: { font: { size: 12 } } } },
    },
  };
}

/** `vraem sensitivity`. */
export async function sensitivityCommand(args: SensitivityArgs): Promise<void> {
  const runs = intOption('runs', args.runs, 1, 1000)!;
  const r = intOption('trajectories', args.trajectories, 1, 1000)!;
  const p = intOption('levels', args.levels, 2, 100)!;
  if (p % 2 !== 0) throw new InputError(`--levels ${p}: Morris levels must be even`);
  const seedOpt = seedOption(args.seed);
  const workers = workersOption(args.workers, args.oversubscribe ?? false);
  if (!(METRICS as readonly string[]).includes(args.metric)) throw new InputError(`--metric ${args.metric}: unknown metric (known: ${METRICS.join(', ')})`);
  const set = (args.set ?? []).map(String);
  const hold = (args.hold ?? []).map(String);
  const a = loadScenario(args.scenario, { set, hold });
  const b = args.compare ? loadScenario(args.compare, { set, hold }) : undefined;
  sayNotes(a);
  if (b) {
    sayNotes(b);
    if (a.scenario.start !== b.scenario.start || a.scenario.months !== b.scenario.months) throw new InputError(`--compare: A and B must share start and months`);
  }
  const rows = [...Object.keys(a.scenario.regions), 'PE', 'BO', 'CO', 'ALL'];
  if (!rows.includes(args.row)) throw new InputError(`--row ${args.row}: not a row of the scenario (rows: ${rows.join(', ')})`);
  const chosen = args.levers ? String(args.levers).split(',').map((x) => x.trim()).filter(Boolean) : undefined;
  const { factors, skipped } = sensitivityFactors(a, b, chosen);
  const baseSeed = seedOpt ?? a.scenario.seed;
  const seeds = seedsFor(baseSeed, runs);

  // Design points in unit coordinates.
  const morris = args.method === 'morris' ? morrisDesign(factors.length, { r, levels: p, seed: baseSeed }) : undefined;
  const oat = args.method === 'oat' ? oatDesign(factors.map((f) => Math.min(1, Math.max(0, toUnit(f.base, f.range))))) : undefined;
  const unitPoints = morris ? morris.trajectories.flat() : oat!.points;
  const values = unitPoints.map((u) => u.map((x, i) => fromUnit(x, factors[i].range, factors[i].integer)));
  if (oat) values[0] = factors.map((f) => f.base); // the base point runs the scenario as it is
  const sides = b ? [a, b] : [a];
  const scenarios = values.map((v) => sides.map((side) => applyFactors(side, factors, v)));
  const tasks: Task[] = [];
  scenarios.forEach((pair) => pair.forEach((s) => tasks.push(...replicateTasks(s, seeds))));
  const window = windowsFor(a.scenario.start, a.scenario.months)[args.window];
  const perTask = new Float64Array(tasks.length);

  const plan = planOutput(args.out, args.force, 'sensitivity', b ? `${a.scenario.name}-vs-${b.scenario.name}` : a.scenario.name);
  let text = '';
  const path = await writeOutput(plan, async (out) => {
    await runWithProgress(`sensitivity ${a.scenario.name}`, tasks, {
      workers,
      onResult: (i, res: RunResult) => {
        perTask[i] = windowMeans([res], res.rows.indexOf(args.row), res.metrics.indexOf(args.metric as never), window)[0];
      },
    });
    // Output per point: mean over replicates of A, or of B − A paired by seed.
    const per = sides.length * runs;
    const outputs = values.map((_, pt) => {
      let s = 0;
      for (let k = 0; k < runs; k++) s += b ? perTask[pt * per + runs + k] - perTask[pt * per + k] : perTask[pt * per + k];
      return s / runs;
    });
    const what = `${args.metric} ${args.row}, ${args.window === 'finalYear' ? `final year ${window.fromDate}..${window.toDate}` : `whole run`}${b ? `, ${b.scenario.name} − ${a.scenario.name}` : ''}`;
    let ranking: Record<string, unknown>[];
    let chart;
    const top = 20;
    if (morris) {
      const applied = morris.trajectories.map((traj, t) => traj.map((_, j) => values[t * (factors.length + 1) + j].map((v, i) => toUnit(v, factors[i].range))));
      const outs = morris.trajectories.map((_, t) => outputs.slice(t * (factors.length + 1), (t + 1) * (factors.length + 1)));
      const ranked = rankMorris(morrisEffects(morris, outs, applied));
      ranking = ranked.map((e, i) => ({ rank: i + 1, lever: factors[e.factor].name, muStar: e.muStar, mu: e.mu, sigma: e.sigma, effects: e.n, range: factors[e.factor].range }));
      const shown = ranked.slice(0, top);
      chart = tornadoChart(`Morris screening: ${what}`, `μ* (mean |elementary effect|, per full range) and σ · r = ${r}, p = ${p}, ${runs} run${runs > 1 ? 's' : ''} a point, seeds from ${baseSeed}`, shown.map((e) => factors[e.factor].name), [
        { label: 'μ* (importance)', data: shown.map((e) => e.muStar), colour: '#0072B2' },
        { label: 'μ (signed mean)', data: shown.map((e) => e.mu), colour: '#56B4E9' },
        { label: 'σ (interactions, non-linearity)', data: shown.map((e) => e.sigma), colour: '#E69F00' },
      ]);
      text = renderTable([['rank', 'lever', 'range', 'μ*', 'μ', 'σ'], ...ranked.map((e, i) => [String(i + 1), factors[e.factor].name, factors[e.factor].range.join('..'), formatNumber(e.muStar), formatNumber(e.mu), formatNumber(e.sigma)])], [1]);
    } else {
      const ranked = oatEffects(oat!, outputs);
      ranking = ranked.map((e, i) => ({ rank: i + 1, lever: factors[e.factor].name, low: e.low, high: e.high, base: e.base, effect: e.effect, swing: e.swing, range: factors[e.factor].range }));
      const shown = ranked.slice(0, top);
      chart = tornadoChart(`One at a time: ${what}`, `bars: output at the low and high end of each range, less the base (${formatNumber(outputs[0])}) · ${runs} run${runs > 1 ? 's' : ''} a point, seeds from ${baseSeed}`, shown.map((e) => factors[e.factor].name), [
        { label: 'low end of the range', data: shown.map((e) => [0, e.low - e.base] as [number, number]), colour: '#56B4E9' },
        { label: 'high end of the range', data: shown.map((e) => [0, e.high - e.base] as [number, number]), colour: '#D55E00' },
      ]);
      text = renderTable([['rank', 'lever', 'range', 'low', 'high', 'high − low'], ...ranked.map((e, i) => [String(i + 1), factors[e.factor].name, factors[e.factor].range.join('..'), formatNumber(e.low), formatNumber(e.high), formatNumber(e.effect)])], [1]);
    }
    text += `${what}; base ${formatNumber(outputs[0])}${morris ? ' (first point)' : ''}; ${values.length} points × ${runs} run${runs > 1 ? 's' : ''}${b ? ' × 2 scenarios' : ''} = ${tasks.length} runs\n`;
    if (skipped.length) text += `${skipped.length} lever${skipped.length > 1 ? 's' : ''} set by events left out (summary.json lists them)\n`;
    const summary = {
      scenario: a.scenario.name,
      compare: b?.scenario.name ?? null,
      metric: args.metric,
      row: args.row,
      window: { name: args.window, from: window.fromDate, to: window.toDate },
      output: b ? `mean over replicates of (${b.scenario.name} − ${a.scenario.name}), paired by seed` : 'mean over replicates',
      method: args.method,
      design: morris ? { trajectories: r, levels: p, delta: morris.delta, points: values.length } : { points: values.length },
      runs,
      seeds,
      householdsPerAgent: a.scenario.householdsPerAgent,
      factors: factors.map((f) => ({ name: f.name, members: f.members, range: f.range, base: f.base, held: f.hold })),
      ranking,
      skipped,
    };
    out.writeFile('summary.json', JSON.stringify(summary, null, 2) + '\n');
    out.writeFile('design.csv', ['point', ...factors.map((f) => f.name), 'output'].join(',') + '\n' + values.map((v, i) => [i, ...v, outputs[i]].join(',')).join('\n') + '\n');
    out.writeFile(
      'manifest.json',
      manifest('sensitivity', { scenario: a.scenario, compare: b?.scenario ?? null, metric: args.metric, row: args.row, window: args.window, method: args.method, factors: summary.factors, design: summary.design, seeds }, provenance(a)),
    );
    const { renderPng } = await import('@vraem/viz');
    out.writeFile('sensitivity.png', await renderPng(chart as never, { width: 1200, height: Math.max(500, 120 + 34 * Math.min(top, factors.length)) }));
  });
  process.stdout.write(text);
  finished(path, undefined);
}
