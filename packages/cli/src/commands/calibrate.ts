/**
 * `vraem calibrate <scenario> --against <observed.csv> --fit path=lo..hi ...`: fit levers of a
 * scenario to observed hectares by sim-core's Nelder–Mead on a box (`minimizeBox`), over
 * replicates with common random numbers (every candidate runs the same replicate seeds), within a
 * fixed budget of simulation runs. It reports, per series, the MAPE and the error of the trend in
 * the fitting window and out of sample (the years after `--until` that the scenario covers), and
 * writes a new output folder (atomic, no overwrite without `--force`):
 * - `<name>-fit.yaml`  the fitted scenario: `extends` the input and sets the fitted levers, with a
 *                      comment block stating the fit, the budget and the seed;
 * - `summary.json`     the parameters (box, start, fitted), the optimiser's account, and the
 *                      per-series fit before and after, in and out of sample;
 * - `history.csv`      every candidate evaluated: its lever values and objective;
 * - `fit-<series>.png` model (mean of the replicates' December values) against observation;
 * - `manifest.json`.
 *
 * A fitted lever is either set (`path=lo..hi`) or, when events of the scenario also set it,
 * scaled (`path=*lo..hi`): the factor multiplies its starting value and every event's value
 * (clamped to the lever's bounds), so a yearly series keeps its shape and only its level moves.
 * Runs happen in this process, one after another (Nelder–Mead is sequential; this avoids worker
 * start-up on every candidate), with a turn of the event loop between runs so that Ctrl-C removes
 * the unfinished folder.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { InputError, RunError, describeFsError } from '../errors.ts';
import { readInputFile } from '../integrity.ts';
import { replaceFile } from '../atomic.ts';
import { loadScenario, shownPath, type LoadedScenario } from '../load.ts';
import { commandLine, manifest } from '../manifest.ts';
import { makeDirs, planOutput, writeOutput } from '../output.ts';
import { progress } from '../progress.ts';
import { finished, provenance, sayNotes } from '../batch.ts';
import { formatNumber, renderTable } from '../table.ts';
import {
  INPUT_SERIES,
  SERIES_ROWS,
  calibrationObjective,
  fitReport,
  getPath,
  minimizeBox,
  modelYearly,
  parseMonth,
  parseObservedCsv,
  resolveLever,
  runScenario,
  setPath,
  splitAssignment,
  validateScenario,
  type LeverSpec,
  type ObservedRow,
  type RunResult,
  type Scenario,
  type SeriesFit,
} from '../core.ts';
import { intOption, seedOption, seedsFor } from './common.ts';

export interface CalibrateArgs {
  scenario: string;
  against: string;
  fit: string[];
  from?: number;
  until: number;
  budget: number;
  runs: number;
  seed?: number;
  series?: string;
  trendWeight: number;
  set: string[];
  out?: string;
  force: boolean;
  scenarioOut?: string;
}

/** A lever moved by a fit or a sensitivity design. */
export interface MovedLever {
  path: string;
  spec: LeverSpec;
  /** `set`: the value itself; `scale`: a factor on the starting value and on every event's value. */
  mode: 'set' | 'scale';
}

/** Events of a scenario (as written) that set a path. */
export function eventsSetting(input: Record<string, unknown>, path: string): number {
  const events = Array.isArray(input.events) ? (input.events as { set?: Record<string, unknown> }[]) : [];
  return events.filter((e) => e.set && path in e.set).length;
}

/**
 * A copy of a scenario as written with levers moved: `set` levers take the value (rounded for
 * integers), `scale` levers multiply their starting value (the resolved one when the file does
 * not write it) and every event's value (products kept to 4 significant digits), clamped to the
 * lever's bounds.
 */
export function moveLevers(input: Record<string, unknown>, resolved: Scenario, levers: readonly MovedLever[], values: readonly number[]): Record<string, unknown> {
  const copy = structuredClone(input);
  levers.forEach((l, i) => {
    const fit = (v: number) => {
      let x = l.spec.kind === 'integer' ? Math.round(v) : v;
      if (l.spec.min !== undefined) x = Math.max(l.spec.min, x);
      if (l.spec.max !== undefined) x = Math.min(l.spec.max, x);
      return x;
    };
    if (l.mode === 'set') {
      setPath(copy, l.path, fit(values[i]));
      return;
    }
    const start = getPath(resolved, l.path);
    const scaled = (v: number) => fit(Number((v * values[i]).toPrecision(4)));
    if (typeof start === 'number') setPath(copy, l.path, scaled(start));
    for (const e of (Array.isArray(copy.events) ? copy.events : []) as { set?: Record<string, unknown> }[]) {
      const v = e.set?.[l.path];
      if (typeof v === 'number') e.set![l.path] = scaled(v);
    }
  });
  return copy;
}

/** A parsed `--fit`. */
export interface FitParam extends MovedLever {
  lo: number;
  hi: number;
  scale: 'linear' | 'log';
  start: number;
}

/** Read `--fit path=lo..hi` (set) or `path=*lo..hi` (scale) against the scenario. */
export function readFits(loaded: LoadedScenario, texts: readonly string[]): FitParam[] {
  const problems: string[] = [];
  const out: FitParam[] = [];
  for (const text of texts) {
    const split = splitAssignment(text);
    if (!split.ok) {
      problems.push(`--fit ${text}: ${split.message}`);
      continue;
    }
    const { path, raw } = split.value;
    const lever = resolveLever(loaded.input, path);
    if (!lever.ok) {
      problems.push(`--fit ${text}: ${lever.message}`);
      continue;
    }
    if (lever.spec.kind !== 'number' && lever.spec.kind !== 'integer') {
      problems.push(`--fit ${text}: ${path} is not a number lever`);
      continue;
    }
    const m = /^(\*)?\s*(-?[\d._eE+]+)\s*\.\.\s*(-?[\d._eE+]+)$/.exec(raw);
    const lo = m ? Number(m[2].replace(/_/g, '')) : Number.NaN;
    const hi = m ? Number(m[3].replace(/_/g, '')) : Number.NaN;
    if (!m || !Number.isFinite(lo) || !Number.isFinite(hi) || !(hi > lo)) {
      problems.push(`--fit ${text}: expected a range lo..hi with lo < hi (or *lo..hi to scale the lever and its events)`);
      continue;
    }
    if (out.some((f) => f.path === path)) {
      problems.push(`--fit ${text}: ${path} is fitted twice`);
      continue;
    }
    const mode = m[1] ? 'scale' : 'set';
    const events = eventsSetting(loaded.input, path);
    if (mode === 'set' && events > 0) {
      const first = (loaded.input.events as { at: string; set?: Record<string, unknown> }[]).filter((e) => e.set && path in e.set).map((e) => e.at).sort()[0];
      process.stderr.write(`note: --fit ${text}: ${events} event${events > 1 ? 's' : ''} of the scenario also set ${path} (the first at ${first}); the fitted value holds until then.${lo > 0 ? ` To move the whole series, fit a factor: --fit ${path}=*${lo}..${hi}` : ''}\n`);
    }
    const current = getPath(loaded.scenario, path);
    if (mode === 'set') {
      if (lever.spec.min !== undefined && lo < lever.spec.min) problems.push(`--fit ${text}: ${lo} is below the lever's minimum ${lever.spec.min}`);
      if (lever.spec.max !== undefined && hi > lever.spec.max) problems.push(`--fit ${text}: ${hi} is above the lever's maximum ${lever.spec.max}`);
    } else if (typeof current !== 'number' && events === 0) problems.push(`--fit ${text}: ${path} has no value to scale`);
    if (mode === 'scale' && !(lo > 0)) problems.push(`--fit ${text}: a scale factor's range must be positive`);
    const start = mode === 'scale' ? 1 : typeof current === 'number' ? current : (lo + hi) / 2;
    const scale = lo > 0 && hi / lo >= 4 ? 'log' : 'linear';
    out.push({ path, spec: lever.spec, mode, lo, hi, scale, start: Math.min(hi, Math.max(lo, start)) });
  }
  if (problems.length) throw new InputError(problems);
  return out;
}

/** The largest observed-series CSV read (a few thousand year,series,value lines are kilobytes). */
export const MAX_OBSERVED_BYTES = 16 * 1024 * 1024;

/** Read an observed CSV given by a flag (exit 2 on a bad file, naming the flag, file and line). */
export function readObserved(file: string, flag = '--against'): ObservedRow[] {
  // A regular file within the limit: /dev/zero or a FIFO is refused at once, not read forever.
  const text = readInputFile(file, MAX_OBSERVED_BYTES, `${flag} ${shownPath(file)}`).toString('utf8');
  try {
    return parseObservedCsv(text);
  } catch (e) {
    throw new InputError(`${flag} ${shownPath(file)}: ${(e as Error).message}`);
  }
}

/** Run the replicates of a scenario in this process. */
async function replicates(s: Scenario, seeds: readonly number[], onRun?: () => void): Promise<RunResult[]> {
  const out: RunResult[] = [];
  for (let run = 0; run < seeds.length; run++) {
    out.push(runScenario(s, { seed: seeds[run], run }));
    onRun?.();
    // Give the event loop a turn between runs, so Ctrl-C and SIGTERM are handled (and clean up).
    await new Promise((r) => setImmediate(r));
  }
  return out;
}

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '-');
const num = (x: number) => (Number.isFinite(x) ? formatNumber(x) : '-');

/** The per-series table: MAPE and trends in and out of sample. */
export function fitTable(inSample: readonly SeriesFit[], outSample: readonly SeriesFit[], windows: { in: string; out: string }): string {
  const rows: string[][] = [['series', `n ${windows.in}`, 'MAPE', 'slope obs', 'slope model', 'ratio', `n ${windows.out}`, 'MAPE', 'slope obs', 'slope model', 'ratio']];
  for (const f of inSample) {
    const o = outSample.find((x) => x.series === f.series);
    const trend = (s?: SeriesFit) => (s && s.n > 0 ? [String(s.n), pct(s.mape), num(s.slopeObserved), num(s.slopeModel), Number.isFinite(s.slopeRatio) ? s.slopeRatio.toFixed(2) : '-'] : ['0', '-', '-', '-', '-']);
    rows.push([f.series, ...trend(f), ...trend(o)]);
  }
  return renderTable(rows) + 'MAPE: mean |model − observed| / observed over the years with data (model: December, mean of replicates); slopes: least squares, ha a year\n';
}

/** A line chart of model against observation for one series (in and out of sample). */
function fitChart(series: string, years: number[], model: (number | null)[], observed: (number | null)[], split: number, subtitle: string) {
  const labels = years.map(String);
  const inside = (i: number) => years[i] <= split;
  return {
    type: 'line' as const,
    data: {
      labels,
      datasets: [
        { label: 'model (December, mean of replicates)', data: model, borderColor: '#0072B2', backgroundColor: '#0072B2', pointRadius: 2, borderWidth: 2, spanGaps: true },
        { label: `observed, fitted (to ${split})`, data: observed.map((v, i) => (inside(i) ? v : null)), borderColor: '#000000', backgroundColor: '#000000', showLine: false, pointRadius: 5, pointStyle: 'circle' },
        { label: `observed, out of sample (after ${split})`, data: observed.map((v, i) => (inside(i) ? null : v)), borderColor: '#D55E00', backgroundColor: '#D55E00', showLine: false, pointRadius: 6, pointStyle: 'triangle' },
      ],
    },
    options: {
      plugins: {
        title: { display: true, text: `${series}: coca hectares, model against observation (ha, 31 December)`, font: { size: 18 } },
        subtitle: { display: true, text: subtitle, font: { size: 13 } },
        legend: { position: 'bottom' as const },
      },
      scales: {
        x: { type: 'category' as const, title: { display: true, text: 'Year' } },
        y: { type: 'linear' as const, beginAtZero: true, title: { display: true, text: 'Coca (ha)' } },
      },
    },
  };
}

/** The fitted scenario file: extends the input, sets the fitted levers; scaled levers rewrite their events. */
export function fittedYaml(args: { input: Record<string, unknown>; resolved: Scenario; parentFile: string; yamlFile: string; name: string; params: FitParam[]; values: number[]; comment: string[] }): string {
  const moved = moveLevers(args.input, args.resolved, args.params, args.values);
  const body: Record<string, unknown> = {};
  let ext = relative(dirname(args.yamlFile), args.parentFile).split('\\').join('/');
  if (!ext.startsWith('.')) ext = `./${ext}`;
  body.extends = ext;
  body.name = args.name;
  body.description = `${String(args.resolved.description ?? args.resolved.name).trim()} Calibrated by vraem calibrate (see the comment at the top).`;
  const events: { at: string; note: string; set: Record<string, unknown> }[] = [];
  const movedEvents = (Array.isArray(moved.events) ? moved.events : []) as { at: string; set: Record<string, unknown> }[];
  args.params.forEach((p, i) => {
    const v = getPath(moved, p.path);
    if (typeof v === 'number') setPath(body, p.path, v);
    if (p.mode === 'scale') {
      for (const e of movedEvents) if (p.path in e.set) events.push({ at: e.at, note: `calibrated: ${p.path} × ${Number(args.values[i].toPrecision(4))} of the parent's value`, set: { [p.path]: e.set[p.path] } });
    }
  });
  if (events.length) {
    events.sort((a, b) => parseMonth(a.at) - parseMonth(b.at));
    body.events = events;
  }
  return args.comment.map((l) => `# ${l}`.trimEnd()).join('\n') + '\n' + stringify(body, { lineWidth: 0 });
}

/** `vraem calibrate`. */
export async function calibrateCommand(args: CalibrateArgs): Promise<void> {
  const runs = intOption('runs', args.runs, 1, 1000)!;
  const budget = intOption('budget', args.budget, 1, 1_000_000)!;
  const seedOpt = seedOption(args.seed);
  const fitting = (args.fit ?? []).length > 0;
  if (fitting && budget < runs * 2) throw new InputError(`--budget ${budget} runs is less than two candidates of ${runs} replicates`);
  if (!Number.isFinite(args.trendWeight) || args.trendWeight < 0) throw new InputError(`--trend-weight: expected a number ≥ 0, got ${args.trendWeight}`);
  const loaded = loadScenario(args.scenario, { set: (args.set ?? []).map(String) });
  sayNotes(loaded);
  const s = loaded.scenario;
  const observed = readObserved(args.against);
  const params = readFits(loaded, (args.fit ?? []).map(String));
  const startMonth = parseMonth(s.start);
  const startYear = Math.floor(startMonth / 12);
  const lastYear = Math.floor((startMonth + s.months - 1 - 11) / 12); // last year whose December is simulated
  const from = args.from ?? startYear;
  const until = intOption('until', args.until, from, 9999)!;
  if (until > lastYear) throw new InputError(`--until ${until}: the scenario's last December is ${lastYear}`);
  const known = Object.keys(SERIES_ROWS);
  const wanted = args.series ? String(args.series).split(',').map((x) => x.trim()).filter(Boolean) : known.filter((k) => observed.some((o) => o.series === k));
  const problems: string[] = [];
  for (const w of wanted) {
    if (INPUT_SERIES.includes(w)) problems.push(`--series ${w}: an input of the scenario (its events), not a target`);
    else if (!known.includes(w)) problems.push(`--series ${w}: unknown series (targets: ${known.join(', ')})`);
    else if (!observed.some((o) => o.series === w && o.year >= from && o.year <= until)) problems.push(`--series ${w}: no observations in ${from}..${until}`);
    else if (SERIES_ROWS[w].some((r) => !(r in s.regions) && !['PE', 'BO', 'CO'].includes(r))) problems.push(`--series ${w}: the scenario has no region ${SERIES_ROWS[w].join(' / ')}`);
  }
  if (problems.length) throw new InputError(problems);
  const series = wanted.filter((w) => !INPUT_SERIES.includes(w));

  const baseSeed = seedOpt ?? s.seed;
  const seeds = seedsFor(baseSeed, runs);
  const fitMonths = (until + 1) * 12 - startMonth;
  const candidate = (values: readonly number[], months?: number): Scenario => {
    const input = moveLevers(loaded.input, s, params, values);
    if (months !== undefined) input.months = months;
    const v = validateScenario(input);
    if (!v.ok) throw new InputError(v.issues.map((i) => `candidate ${params.map((p, k) => `${p.path}=${values[k]}`).join(' ')}: ${i.path.join('.')}: ${i.message}`));
    return v.scenario;
  };
  const evaluations = fitting ? Math.floor(budget / runs) : 0;
  if (!fitting && args.scenarioOut) throw new InputError('--scenario-out needs at least one --fit (without --fit, calibrate only reports the fit of the scenario as it is)');
  const plan = planOutput(args.out, args.force, 'calibrate', s.name);
  const scenarioOut = args.scenarioOut ? resolve(args.scenarioOut) : undefined;
  if (scenarioOut && existsSync(scenarioOut)) {
    if (!statSync(scenarioOut).isFile()) throw new InputError(`--scenario-out ${shownPath(scenarioOut)}: exists and is not a regular file`);
    if (!args.force) throw new InputError(`--scenario-out ${shownPath(scenarioOut)}: the file exists; add --force to replace it`);
  }

  const win = { from, to: until, series };
  const outFrom = until + 1;
  const outWin = { from: outFrom, to: lastYear, series };
  const history: { values: number[]; f: number }[] = [];
  let text = '';
  let yamlText = '';
  const path = await writeOutput(plan, async (out) => {
    const bar = progress(`calibrate ${s.name}`, evaluations * runs + (fitting ? 2 : 1) * runs);
    let done = 0;
    const tick = () => bar.update(++done);
    let result;
    let before: { in: SeriesFit[]; out: SeriesFit[]; f: number };
    let after: { in: SeriesFit[]; out: SeriesFit[]; f: number };
    let full: RunResult[];
    try {
      const objective = async (values: number[]) => {
        const rs = await replicates(candidate(values, fitMonths), seeds, tick);
        const f = calibrationObjective(fitReport(rs, observed, win), args.trendWeight);
        history.push({ values, f });
        return f;
      };
      result = fitting
        ? await minimizeBox(
            async (points) => {
              const values: number[] = [];
              for (const p of points) values.push(await objective(p));
              return values;
            },
            params.map((p) => ({ lo: p.lo, hi: p.hi, scale: p.scale })),
            params.map((p) => p.start),
            { budget: evaluations, seed: baseSeed },
          )
        : { x: [] as number[], f: Number.NaN, evaluations: 0, restarts: 0, history: [] };
      const report = async (values: number[]) => {
        const rs = await replicates(candidate(values), seeds, tick);
        const inFit = fitReport(rs, observed, win);
        return { rs, in: inFit, out: outFrom <= lastYear ? fitReport(rs, observed, outWin) : [], f: calibrationObjective(inFit, args.trendWeight) };
      };
      const b = await report(params.map((p) => p.start));
      before = { in: b.in, out: b.out, f: b.f };
      // The fitted point is written and reported at 4 significant digits (what the scenario file holds).
      result = { ...result, x: result.x.map((v) => Number(v.toPrecision(4))) };
      const a = fitting ? await report(result.x) : b;
      after = { in: a.in, out: a.out, f: a.f };
      full = a.rs;
    } finally {
      bar.stop();
    }
    const fitted = params.map((p, i) => ({
      path: p.path,
      mode: p.mode,
      lo: p.lo,
      hi: p.hi,
      scale: p.scale,
      start: p.start,
      fitted: p.spec.kind === 'integer' && p.mode === 'set' ? Math.round(result.x[i]) : result.x[i],
    }));
    const windows = { in: `${from}-${until}`, out: outFrom <= lastYear ? `${outFrom}-${lastYear}` : 'none' };
    const hpa = s.householdsPerAgent;
    const name = `${s.name}-fit`;
    const yamlFile = scenarioOut ?? out.path(`${name}.yaml`);
    const parentFile = resolve(args.scenario);
    const line = (f: SeriesFit) => `${f.series} ${pct(f.mape)}`;
    const comment = [
      `Fitted by vraem calibrate (docs/validation.md). Reproduce with:`,
      `  ${commandLine()}`,
      `Fit: ${series.join(', ')} against ${basename(args.against)}, ${windows.in}; objective = mean MAPE + ${args.trendWeight} × mean trend error`,
      `(Nelder–Mead, adaptive coefficients, on logit/log-logit transforms of the boxes, restarts).`,
      `Budget: ${budget} runs = ${evaluations} candidates × ${runs} replicates (common random numbers), ${result.evaluations} evaluated, ${result.restarts} restarts;`,
      `seed ${baseSeed}; householdsPerAgent ${hpa} while fitting.`,
      `Objective: ${before.f.toFixed(4)} at the start, ${after.f.toFixed(4)} fitted.`,
      `In sample (${windows.in}) MAPE: ${after.in.map(line).join(', ')}.`,
      ...(after.out.length ? [`Out of sample (${windows.out}) MAPE: ${after.out.filter((f) => f.n > 0).map(line).join(', ')}.`] : []),
      `Fitted levers (box, start → fitted):`,
      ...fitted.map((f) => `  ${f.path}${f.mode === 'scale' ? ' (factor on the value and its events)' : ''}: [${f.lo}, ${f.hi}] ${Number(f.start.toPrecision(4))} → ${Number(f.fitted.toPrecision(4))}`),
    ];
    if (fitting) yamlText = fittedYaml({ input: loaded.input, resolved: s, parentFile, yamlFile, name, params, values: result.x, comment });
    if (fitting) out.writeFile(`${name}.yaml`, scenarioOut ? fittedYaml({ input: loaded.input, resolved: s, parentFile, yamlFile: out.path(`${name}.yaml`), name, params, values: result.x, comment }) : yamlText);
    const summary = {
      scenario: s.name,
      against: shownPath(args.against),
      series,
      windows: { inSample: [from, until], outOfSample: outFrom <= lastYear ? [outFrom, lastYear] : null },
      objective: { definition: `mean MAPE + ${args.trendWeight} × mean trend error over series`, trendWeight: args.trendWeight, start: before.f, fitted: after.f },
      optimiser: { method: 'nelder-mead (adaptive coefficients, logit/log-logit box transform, restarts)', budgetRuns: budget, replicates: runs, candidates: evaluations, evaluated: result.evaluations, restarts: result.restarts, seed: baseSeed, seeds },
      householdsPerAgent: hpa,
      parameters: fitted,
      start: { inSample: before.in, outOfSample: before.out },
      fitted: { inSample: after.in, outOfSample: after.out },
    };
    out.writeFile('summary.json', JSON.stringify(summary, null, 2) + '\n');
    out.writeFile('history.csv', ['evaluation', ...params.map((p) => p.path), 'objective'].join(',') + '\n' + history.map((h, i) => [i, ...h.values, h.f].join(',')).join('\n') + '\n');
    out.writeFile(
      'manifest.json',
      manifest('calibrate', { scenario: s, against: observed, fit: (args.fit ?? []).map(String), until, from, budget, runs, seeds, trendWeight: args.trendWeight }, provenance(loaded)),
    );
    const { renderPng } = await import('@vraem/viz');
    for (const name of series) {
      const years = Array.from({ length: lastYear - from + 1 }, (_, i) => from + i);
      const obs = years.map((y) => observed.find((o) => o.series === name && o.year === y)?.value ?? null);
      const mod = modelYearly(full, name, years).map((v) => (Number.isFinite(v) ? v : null));
      const chart = fitChart(name, years, mod, obs, until, `${s.name}, fitted on ${windows.in} · ${runs} replicates, seeds from ${baseSeed} · householdsPerAgent ${hpa}`);
      out.writeFile(`fit-${name}.png`, await renderPng(chart as never));
    }
    if (!fitting) {
      text = `objective ${after.f.toFixed(4)} (no --fit: the scenario as it is, ${runs} replicates)\n\n` + fitTable(after.in, after.out, windows);
      return;
    }
    text = `objective ${before.f.toFixed(4)} → ${after.f.toFixed(4)} (${result.evaluations} candidates × ${runs} runs, ${result.restarts} restarts)\n\n`;
    text += renderTable([['lever', 'box', 'start', 'fitted'], ...fitted.map((f) => [f.path + (f.mode === 'scale' ? ' (×)' : ''), `${f.lo}..${f.hi}`, num(f.start), num(f.fitted)])], [0]);
    text += '\nbefore:\n' + fitTable(before.in, before.out, windows) + '\nfitted:\n' + fitTable(after.in, after.out, windows);
  });
  if (scenarioOut) {
    try {
      makeDirs(dirname(scenarioOut));
      replaceFile(scenarioOut, yamlText); // the old file stays whole until the new one is
    } catch (e) {
      throw new RunError(`cannot write --scenario-out ${shownPath(scenarioOut)}: ${describeFsError(e)}; the fitted scenario is in ${shownPath(join(path, `${s.name}-fit.yaml`))}`);
    }
    text += `fitted scenario: ${shownPath(scenarioOut)}\n`;
  }
  process.stdout.write(text);
  finished(path, undefined);
}
