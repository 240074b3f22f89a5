/**
 * `vraem calibrate <scenario> --abc --patterns data/patterns.csv ...`: a posterior ensemble of
 * parameter sets by ABC-SMC (sim-core's `abcSmc`) against many patterns at once
 * (`data/patterns.csv`; sim-core's `analysis/patterns.ts`), in sample (the patterns' windows,
 * 2004–2015), with the out-of-sample years (after `--until`) reported for the whole ensemble.
 *
 * The prior is uniform on boxes: `--fit path=lo..hi` for behavioural levers (log-uniform when the
 * box spans a factor of 4 or more), and households per region from `--households
 * data/households.csv` (log-uniform on each region's range from census and survey figures: the
 * farm structure is data, so no member leaves it). Levers that events also set cannot be members
 * (a member is a set of start values, applied like `--set`). Every simulation runs the whole
 * scenario once with its own seed; batches run on one worker pool kept for the whole run (its
 * threads warmed up once); results are taken in proposal order, so the ensemble does not depend
 * on `--workers`.
 *
 * `--replicates k` (default 1) measures a proposal on the month-by-month mean of k runs (seeds
 * `replicateSeed(seed, 0..k−1)`; with k = 1 the run is the proposal's own seed, as before). One
 * run carries the model's own noise into every pattern — at the fitted baseline's parameters, 30
 * single runs are 12–23% off Colombia's hectares (90% of seeds) and 40% of them within 15%, the
 * means of 4 runs 90% — so a parameter set that fits is judged by its luck; the mean of k runs
 * measures what the parameters do, as the point fit and history matching do (Andrianakis et al.
 * 2015), and the ensemble's users put the noise back with their own replicates
 * (`compare --ensemble --runs`). The farm ceiling
 * holds in every replicate: a parameter set any of whose runs breaks it is never accepted.
 *
 * Writes a new folder (atomic; `--force` to replace): `ensemble.csv` + `ensemble.json` (the
 * ensemble contract, analysis/ensemble.ts), `members.csv` (each member's pattern values and
 * out-of-sample errors), `generations.csv`, `summary.json` (per pattern: range, source and the
 * share of members within it; out of sample: median and 90% band of each error; the coca per
 * household check; the posterior of each lever), `manifest.json`.
 *
 * `--continue-from DIR` goes on from a saved ensemble (sim-core's `start`): its members, whose
 * levers must be exactly the prior's and inside its boxes, are simulated again under the present
 * model and targets as generation 0, with their weights; the generations that follow propose
 * from them. A changed model is re-measured rather than trusted, and the generations that
 * narrowed the prior are not paid for twice.
 *
 * `--sampler mcmc` samples the same posterior with sim-core's `abcReplenish` (Drovandi & Pettitt
 * 2011): equal weights, the members over the tolerance refilled from the rest and moved by a
 * Metropolis random walk, stopping when fewer than `--min-acceptance` of the moves are accepted.
 * With many parameters its moves stay local where the importance-weighted sampler's kernel must
 * cover the whole population (docs/validation.md §7.3). A continued run resamples the saved
 * members by weight.
 *
 * The `coca_per_household` target, when present, is also a constraint on the whole run: a
 * parameter set whose households ever hold more coca on average than its ceiling (in any region
 * and month, out of sample included) has distance ∞ and is never accepted — the farm structure
 * is part of the prior, not a pattern to trade against others.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../errors.ts';
import { readInputFile } from '../integrity.ts';
import { loadScenario, shownPath } from '../load.ts';
import { VERSION, commandLine, manifest } from '../manifest.ts';
import { planOutput, writeOutput } from '../output.ts';
import { progress } from '../progress.ts';
import { finished, provenance, sayNotes } from '../batch.ts';
import { readEnsembleFolder } from '../ensemble.ts';
import { openPool, type Task } from '../pool.ts';
import { formatNumber, renderTable } from '../table.ts';
import {
  abcReplenish,
  abcSmc,
  ensembleCsv,
  ensembleJson,
  fitReport,
  maxCocaPerHousehold,
  meanRun,
  parseMonth,
  parsePatternsCsv,
  patternDistance,
  replicateSeeds,
  scorePatterns,
  validateScenario,
  weightedQuantile,
  type AbcGeneration,
  type AbcParameter,
  type PatternData,
  type PatternTarget,
  type RunResult,
  type Scenario,
} from '../core.ts';
import { MAX_OBSERVED_BYTES, eventsSetting, moveLevers, readFits, readObserved, type CalibrateArgs, type FitParam } from './calibrate.ts';
import { intOption, seedOption } from './common.ts';

export interface AbcArgs extends CalibrateArgs {
  patterns?: string;
  prices?: string;
  households?: string;
  particles: number;
  generations: number;
  quantile: number;
  batch?: number;
  replicates?: number;
  /** An ensemble folder to continue from (its members become generation 0). */
  continueFrom?: string;
  /** `smc`: sim-core's abcSmc; `mcmc`: abcReplenish. */
  sampler?: 'smc' | 'mcmc';
  minAcceptance?: number;
  workers: number;
}

/** Series reported out of sample for every member (MAPE after `--until`). */
const OUT_SERIES = ['peru_ha', 'bolivia_ha', 'colombia_ha', 'vraem_ha', 'alto_huallaga_ha'] as const;

/** What one simulation leaves for the report. */
interface Outcome {
  values: number[];
  scaled: number[];
  outOfSample: number[];
  /** Largest mean coca per household of any region in any month of the whole run. */
  cocaPerHouseholdRun: number;
}

/** A data file given by a flag: a regular file within the size an observed CSV may have. */
function readText(file: string, flag: string): string {
  return readInputFile(file, MAX_OBSERVED_BYTES, `${flag} ${shownPath(file)}`).toString('utf8');
}

/** Households per region from `data/households.csv` (`region,low,high,...`): one log-uniform prior per region of the scenario. */
export function householdPriors(text: string, file: string, regions: readonly string[]): { path: string; lo: number; hi: number }[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.trim());
  const [ir, il, ih] = ['region', 'low', 'high'].map((c) => header.indexOf(c));
  if (ir < 0 || il < 0 || ih < 0) throw new InputError(`--households ${file}:1: expected a header with region,low,high`);
  const out: { path: string; lo: number; hi: number }[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const c = lines[i].split(',').map((x) => x.trim());
    const lo = Number(c[il]);
    const hi = Number(c[ih]);
    if (!regions.includes(c[ir])) throw new InputError(`--households ${file}:${i + 1}: region "${c[ir]}" is not a region of the scenario (${regions.join(', ')})`);
    if (!(lo > 0) || !(hi > lo)) throw new InputError(`--households ${file}:${i + 1}: low/high "${c[il]}".."${c[ih]}" is not a range 0 < low < high`);
    out.push({ path: `regions.${c[ir]}.households`, lo, hi });
  }
  return out;
}

const q = (xs: number[], ws: number[], p: number) => weightedQuantile(xs, ws, p);

/**
 * The population `--continue-from` names: an ensemble folder (checked as every command reads one) whose
 * levers are all in the prior, every member inside the prior's boxes; its values in the prior's
 * order (NaN for a lever the prior adds: sim-core draws each member's from the prior) and its
 * weights, and the levers it adds.
 */
function continuedFrom(dir: string, params: readonly FitParam[]) {
  const e = readEnsembleFolder(dir, '--continue-from');
  const where = `--continue-from ${shownPath(dir)}`;
  const want = params.map((p) => p.path);
  const added = want.filter((p) => !e.levers.includes(p));
  const extra = e.levers.filter((l) => !want.includes(l));
  // A lever the ensemble lacks is a question the prior adds; one the prior lacks would be dropped
  // silently, fixed at the scenario's value, so it is refused.
  if (extra.length) throw new InputError(`${where}: the ensemble has levers the prior does not; not in --fit or --households: ${extra.join(', ')}`);
  const col = want.map((p) => e.levers.indexOf(p));
  const problems: string[] = [];
  const thetas = e.members.map((m, i) =>
    col.map((c, k) => {
      if (c < 0) return Number.NaN;
      const x = m.values[c];
      // ensemble.csv's line: the header, then one member a line.
      if (!(x >= params[k].lo && x <= params[k].hi)) problems.push(`${where}: ensemble.csv:${i + 2}: ${params[k].path}=${x} lies outside its prior box ${params[k].lo}..${params[k].hi}`);
      return x;
    }),
  );
  if (problems.length) throw new InputError(problems);
  return { thetas, weights: e.members.map((m) => m.weight), folder: shownPath(dir), sha256: e.manifest.sha256, members: e.members.length, added };
}

/** `vraem calibrate --abc`. */
export async function calibrateAbcCommand(args: AbcArgs): Promise<void> {
  const particles = intOption('particles', args.particles, 10, 100_000)!;
  const generations = intOption('generations', args.generations, 1, 100)!;
  const budget = intOption('budget', args.budget, particles, 10_000_000)!;
  const workers = intOption('workers', args.workers, 1, 1024)!;
  const batch = intOption('batch', args.batch, 1, 100_000) ?? particles;
  const replicates = intOption('replicates', args.replicates, 1, 1000) ?? 1;
  // The budget counts runs, as the point fit's does: a proposal costs `replicates` of them.
  const proposals = Math.floor(budget / replicates);
  if (proposals < particles) throw new InputError(`--budget ${budget} runs is less than the ${particles} particles of the prior's generation × ${replicates} replicates`);
  const seedOpt = seedOption(args.seed);
  if (!(args.quantile > 0 && args.quantile < 1)) throw new InputError(`--quantile: expected a number between 0 and 1, got ${args.quantile}`);
  const sampler = args.sampler ?? 'smc';
  if (args.minAcceptance !== undefined && !(args.minAcceptance >= 0 && args.minAcceptance < 1)) throw new InputError(`--min-acceptance: expected a number from 0 to below 1, got ${args.minAcceptance}`);
  if (!args.patterns) throw new InputError('--abc needs --patterns (the targets and their ranges, e.g. data/patterns.csv)');
  if (!args.prices) throw new InputError('--abc needs --prices (the observed prices, e.g. data/observed-prices.csv)');
  if (args.scenarioOut) throw new InputError('--scenario-out is for a point fit; --abc writes an ensemble');
  const loaded = loadScenario(args.scenario, { set: (args.set ?? []).map(String) });
  sayNotes(loaded);
  const s = loaded.scenario;

  let targets: PatternTarget[];
  try {
    targets = parsePatternsCsv(readText(args.patterns, '--patterns'));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`--patterns ${shownPath(args.patterns)}: ${(e as Error).message}`);
  }
  const data: PatternData = { coca: readObserved(args.against), prices: readObserved(args.prices, '--prices') };
  const startMonth = parseMonth(s.start);
  const lastYear = Math.floor((startMonth + s.months - 1 - 11) / 12);
  const until = intOption('until', args.until, Math.floor(startMonth / 12), lastYear)!;
  const late = targets.filter((t) => t.to > until);
  if (late.length) throw new InputError(`--patterns ${shownPath(args.patterns)}: ${late.map((t) => `${t.id} (to ${t.to})`).join(', ')} reach past --until ${until}: in-sample patterns must end by then`);

  // The prior: --fit boxes and the households' ranges.
  const regions = Object.keys(s.regions);
  const fitTexts = (args.fit ?? []).map(String);
  const houses = args.households ? householdPriors(readText(args.households, '--households'), shownPath(args.households), regions) : [];
  const problems: string[] = [];
  for (const t of fitTexts) {
    const path = t.split('=')[0].trim();
    if (/=\s*\*/.test(t)) problems.push(`--fit ${t}: a scale factor on events cannot be an ensemble member (members are start values); fit a lever that events do not set`);
    else if (eventsSetting(loaded.input, path) > 0) problems.push(`--fit ${t}: events of the scenario set ${path}, so a start value would not hold; leave it out of the ensemble`);
    if (houses.some((h) => h.path === path)) problems.push(`--fit ${t}: ${path} comes from --households (data); drop one of them`);
  }
  if (problems.length) throw new InputError(problems);
  const params: FitParam[] = readFits(loaded, [...fitTexts, ...houses.map((h) => `${h.path}=${h.lo}..${h.hi}`)]);
  if (params.length === 0) throw new InputError('--abc needs parameters: --fit path=lo..hi and/or --households FILE');
  const prior: AbcParameter[] = params.map((p) => ({ name: p.path, lo: p.lo, hi: p.hi, scale: p.scale }));
  const from = args.continueFrom ? continuedFrom(args.continueFrom, params) : undefined;
  if (from && from.members * replicates > budget) throw new InputError(`--budget ${budget} runs is less than the ${from.members} members of --continue-from × ${replicates} replicates`);

  // A member's values as the scenario will hold them (integers rounded), and its scenario.
  const held = (theta: readonly number[]) => theta.map((v, i) => (params[i].spec.kind === 'integer' ? Math.round(v) : v));
  const candidate = (theta: readonly number[]): Scenario => {
    const v = validateScenario(moveLevers(loaded.input, s, params, held(theta)));
    if (!v.ok) throw new InputError(v.issues.map((i) => `candidate ${params.map((p, k) => `${p.path}=${theta[k]}`).join(' ')}: ${i.path.join('.')}: ${i.message}`));
    return v.scenario;
  };
  const farmCeiling = targets.find((t) => t.id === 'coca_per_household')?.high;
  const evaluate = (runs: readonly RunResult[]): { distance: number; payload: Outcome } => {
    const r = meanRun(runs);
    const scores = scorePatterns(targets, r, data);
    const outFits = until < lastYear ? fitReport([r], data.coca, { from: until + 1, to: lastYear, series: [...OUT_SERIES] }) : [];
    const cocaPerHouseholdRun = Math.max(...runs.map((x) => maxCocaPerHousehold(x, Math.floor(startMonth / 12), lastYear)));
    return {
      // The farm-structure ceiling holds over the whole run, not only in sample: a member whose
      // households ever hold more coca than a farm can is outside the prior (never accepted).
      distance: farmCeiling !== undefined && cocaPerHouseholdRun > farmCeiling ? Number.POSITIVE_INFINITY : patternDistance(scores),
      payload: {
        values: scores.map((x) => x.value),
        scaled: scores.map((x) => x.scaled),
        outOfSample: OUT_SERIES.map((id) => outFits.find((f) => f.series === id)?.mape ?? Number.NaN),
        cocaPerHouseholdRun,
      },
    };
  };

  const baseSeed = seedOpt ?? s.seed;
  const plan = planOutput(args.out, args.force, 'calibrate', `${s.name}-abc`);
  const started = Date.now();
  let text = '';
  const path = await writeOutput(plan, async (out) => {
    // One pool for the whole run: its threads start, and compile the model, once, not once a batch.
    const pool = await openPool({ workers });
    const bar = progress(`calibrate --abc ${s.name}`, proposals * replicates);
    let result;
    try {
      result = await (sampler === 'mcmc' ? abcReplenish<Outcome> : abcSmc<Outcome>)(
        prior,
        async (thetas, seeds) => {
          // Proposal i's replicates are tasks i·k … i·k + k − 1; it is measured once all are in,
          // on their mean in replicate order (so the order they finish in does not matter).
          const tasks: Task[] = thetas.flatMap((th, i) => {
            const scenario = candidate(th);
            return replicateSeeds(seeds[i], replicates).map((seed, j) => ({ scenario, seed, run: i * replicates + j }));
          });
          const outcomes: { distance: number; payload: Outcome }[] = new Array(thetas.length);
          const pending: RunResult[][] = thetas.map(() => new Array(replicates));
          const left = thetas.map(() => replicates);
          await pool.run(tasks, {
            onResult: (t, r) => {
              const i = Math.floor(t / replicates);
              pending[i][t % replicates] = r;
              if (--left[i] === 0) {
                outcomes[i] = evaluate(pending[i]);
                pending[i] = [];
              }
            },
          });
          return outcomes;
        },
        {
          particles,
          generations,
          budget: proposals,
          seed: baseSeed,
          quantile: args.quantile,
          minAcceptance: args.minAcceptance,
          batch,
          start: from && { thetas: from.thetas, weights: from.weights },
          onProgress: (n) => bar.update(n * replicates),
        },
      );
    } finally {
      bar.stop();
      await pool.close();
    }
    const post = result.posterior as AbcGeneration<Outcome>;
    const members = post.particles.map((p, i) => ({ member: i, weight: p.weight, values: held(p.theta) }));
    const csv = ensembleCsv(params.map((p) => p.path), members);
    out.writeFile('ensemble.csv', csv);
    const sha256 = createHash('sha256').update(csv).digest('hex');
    const ws = post.particles.map((p) => p.weight);
    const within = targets.map((t, k) => {
      const inside = post.particles.map((p) => p.payload.scaled[k] <= 1);
      const vals = post.particles.map((p) => p.payload.values[k]);
      return {
        id: t.id,
        from: t.from,
        to: t.to,
        low: t.low,
        high: t.high,
        unit: t.unit,
        quality: t.quality,
        source: t.source,
        shareOfMembers: inside.filter(Boolean).length / inside.length,
        posteriorShare: inside.reduce((a, x, i) => a + (x ? ws[i] : 0), 0),
        median: q(vals, ws, 0.5),
        p05: q(vals, ws, 0.05),
        p95: q(vals, ws, 0.95),
      };
    });
    const outOfSample = OUT_SERIES.map((id, k) => {
      const vals = post.particles.map((p) => p.payload.outOfSample[k]);
      return { series: id, window: [until + 1, lastYear], median: q(vals, ws, 0.5), p05: q(vals, ws, 0.05), p95: q(vals, ws, 0.95) };
    });
    const cph = post.particles.map((p) => p.payload.cocaPerHouseholdRun);
    const levers = params.map((p, k) => {
      const vals = members.map((m) => m.values[k]);
      return { path: p.path, prior: [p.lo, p.hi], scale: p.scale, median: q(vals, ws, 0.5), p05: q(vals, ws, 0.05), p95: q(vals, ws, 0.95) };
    });
    const gens = result.generations.map((g) => ({ generation: g.index, epsilon: g.epsilon, accepted: g.particles.length, simulations: g.simulations, outsidePrior: g.outsidePrior, acceptance: g.acceptance, ess: g.ess }));
    const method = sampler === 'mcmc' ? 'abc-smc-mcmc' : 'abc-smc';
    const account = {
      algorithm:
        sampler === 'mcmc'
          ? "ABC-SMC with MCMC moves (Drovandi & Pettitt 2011's replenishment: tolerance = quantile of the population's distances, the rest refilled from survivors and moved by a Gaussian random walk on the survivors' covariance × 2.38²/d, steps set so a copy moves with chance 0.99; equal weights)"
          : 'ABC-SMC (Toni et al. 2009 with its componentwise uniform kernel, proposals outside the prior drawn again; Beaumont et al. 2009 importance weights; tolerance = quantile of the previous distances)',
      sampler,
      distance: 'root mean square over patterns of the scaled error (|value − centre| / half range; value / ceiling for one-sided targets)',
      particles,
      generationsAsked: generations,
      budget,
      simulations: result.simulations,
      stopped: result.stopped,
      quantile: args.quantile,
      batch,
      replicates,
      continuedFrom: from ? { folder: from.folder, sha256: from.sha256, members: from.members, drawnFromPrior: from.added } : null,
      householdsPerAgent: s.householdsPerAgent,
      inSample: `patterns' windows (to ${until})`,
      outOfSample: until < lastYear ? [until + 1, lastYear] : null,
    };
    out.writeFile(
      'ensemble.json',
      ensembleJson({ scenario: s.name, levers: params.map((p) => p.path), method, seed: baseSeed, accepted: members.length, command: commandLine(), version: VERSION, sha256, ...account, epsilon: post.epsilon }),
    );
    const header = ['member', 'weight', 'seed', 'distance', ...targets.map((t) => t.id), ...OUT_SERIES.map((id) => `${id}_mape_${until + 1}_${lastYear}`), 'coca_per_household_max_run'];
    out.writeFile(
      'members.csv',
      header.join(',') + '\n' + post.particles.map((p, i) => [i, p.weight, p.seed, p.distance, ...p.payload.values, ...p.payload.outOfSample, p.payload.cocaPerHouseholdRun].join(',')).join('\n') + '\n',
    );
    out.writeFile('generations.csv', 'generation,epsilon,accepted,simulations,outside_prior,acceptance,ess\n' + gens.map((g) => [g.generation, g.epsilon, g.accepted, g.simulations, g.outsidePrior, g.acceptance, g.ess].join(',')).join('\n') + '\n');
    const summary = {
      scenario: s.name,
      ...account,
      epsilon: post.epsilon,
      generations: gens,
      patterns: within,
      outOfSample,
      cocaPerHousehold: { check: 'largest mean coca per household of any region in any month, whole run', limitHa: 3, max: Math.max(...cph), membersOver: cph.filter((x) => x > 3).length },
      levers,
    };
    out.writeFile('summary.json', JSON.stringify(summary, null, 2) + '\n');
    out.writeFile(
      'manifest.json',
      manifest('calibrate', { scenario: s, abc: true, patterns: targets, against: data.coca, prices: data.prices, fit: fitTexts, households: houses, until, budget, particles, generations, quantile: args.quantile, sampler, minAcceptance: args.minAcceptance ?? null, batch, replicates, continuedFrom: account.continuedFrom, seed: baseSeed }, provenance(loaded)),
    );

    const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '-');
    const val = (x: number, unit: string) => (unit === 'mape' ? pct(x) : Number.isFinite(x) ? formatNumber(x) : '-');
    const origin = from ? `the ${from.members} members of ${from.folder}${from.added.length ? ` (${from.added.join(', ')} drawn from the prior)` : ''}` : "the prior's";
    text = `ABC-SMC${sampler === 'mcmc' ? ' with MCMC moves' : ''}: ${members.length} members, ${result.generations.length - 1} generations after ${origin}, ${result.simulations} simulations${replicates > 1 ? ` of ${replicates} runs each` : ''} (${result.stopped === 'budget' ? `budget of ${budget} runs` : result.stopped}); ${Number.isFinite(post.epsilon) ? `final tolerance ${post.epsilon.toFixed(3)}` : 'no tolerance (only generation 0 ran)'}; ${sampler === 'mcmc' ? `${post.ess} distinct members` : `ESS ${post.ess.toFixed(0)}`}\n\n`;
    text += renderTable(
      [['pattern', 'window', 'observed range', 'members within', 'median [90%]'], ...within.map((w) => [w.id, `${w.from}-${w.to}`, `${val(w.low, w.unit)}..${val(w.high, w.unit)}`, pct(w.shareOfMembers), Number.isFinite(w.median) ? `${val(w.median, w.unit)} [${val(w.p05, w.unit)}, ${val(w.p95, w.unit)}]` : 'no data in the window'])],
      [0, 1],
    );
    // A series with no observation after --until (or no such region in the scenario) has no error to report.
    const measured = outOfSample.filter((o) => Number.isFinite(o.median));
    if (measured.length && until < lastYear)
      text += `\nout of sample ${until + 1}-${lastYear}, MAPE over members: ` + measured.map((o) => `${o.series} ${pct(o.median)} [${pct(o.p05)}, ${pct(o.p95)}]`).join('; ') + '\n';
    text += `coca per household (whole run, largest regional mean): at most ${Math.max(...cph).toFixed(2)} ha; ${summary.cocaPerHousehold.membersOver} members over 3 ha\n`;
    text += 'medians and 90% intervals over members are weighted by the members\u2019 weights\n';
  });
  process.stdout.write(text);
  process.stderr.write(`run time ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  finished(path, undefined);
}
