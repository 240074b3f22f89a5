/**
 * `vraem robust <policies...> --ensemble F`: robustness of policies across a posterior ensemble
 * (robust decision making, Lempert, Popper & Bankes 2003). Every member runs every policy with the
 * same seeds; a policy's outcome in a member is the mean over seeds of a metric's window mean, and
 * its regret there is how far it falls short of the best policy in that member (Savage 1951). The
 * minimax-regret policy has the smallest worst regret. Runs stream: each result is reduced to one
 * number as it arrives, so memory holds policies × members numbers.
 */
import { InputError } from '../errors.ts';
import { loadScenario, type LoadedScenario } from '../load.ts';
import { manifest } from '../manifest.ts';
import { planOutput, writeOutput } from '../output.ts';
import { runWithProgress } from '../pool.ts';
import { finished, sayNotes } from '../batch.ts';
import { EFFECT_WINDOWS, METRICS, cellIndex, count, divergenceTick, effectLayout, formatValue, monthLabel, regretTable, replicateTasks, runWindowMeans, type EffectLayout, type EffectWindow, type Goal } from '../core.ts';
import { formatNumber, renderTable } from '../table.ts';
import { checkCommon, seedsFor, type CommonArgs } from './common.ts';
import { readEnsembleFolder } from '../ensemble.ts';
import { memberScenarios } from './ensemble.ts';

export interface RobustArgs extends CommonArgs {
  policies: string[];
  ensemble: string;
  metric: string;
  row: string;
  window: EffectWindow;
  goal: Goal;
  quantile: number;
}

/** `vraem robust`. */
export async function robustCommand(args: RobustArgs): Promise<void> {
  const opts = checkCommon(args);
  const files = (args.policies ?? []).map(String);
  if (files.length < 2) throw new InputError('robust compares at least two policies: give two or more scenario files');
  if (!(METRICS as readonly string[]).includes(args.metric)) throw new InputError(`--metric ${args.metric}: not a metric (metrics: ${METRICS.join(', ')})`);
  if (!(args.quantile > 0 && args.quantile <= 1)) throw new InputError(`--quantile ${args.quantile}: expected a share in (0, 1]`);
  const problems: string[] = [];
  const loaded: LoadedScenario[] = [];
  for (const f of files) {
    try {
      loaded.push(loadScenario(f, { set: opts.set }));
    } catch (e) {
      if (e instanceof InputError) problems.push(...e.problems);
      else throw e;
    }
  }
  if (problems.length) throw new InputError(problems);
  loaded.forEach(sayNotes);
  const base = loaded[0].scenario;
  for (const l of loaded) {
    if (l.scenario.start !== base.start || l.scenario.months !== base.months) problems.push(`${l.scenario.name}: starts ${l.scenario.start} for ${l.scenario.months} months; every policy must share ${base.start} and ${base.months} months`);
  }
  const names = loaded.map((l) => l.scenario.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) problems.push(`two policies are named "${dup}": give each scenario its own name`);
  const ensemble = readEnsembleFolder(args.ensemble);
  const variants = loaded.map((l) => memberScenarios(l, ensemble, problems, args.ensemble));
  if (problems.length) throw new InputError(problems);
  const seeds = seedsFor(opts.seed ?? base.seed, opts.runs);
  const P = loaded.length;
  const M = ensemble.members.length;
  const R = seeds.length;
  // The programme window starts where the first policy and any other first differ.
  const starts = loaded.slice(1).map((l) => divergenceTick(base, l.scenario) ?? 0);
  const plan = planOutput(opts.out, opts.force, 'robust', names.join('-vs-'));
  let text = '';
  let warning: string | undefined;
  const path = await writeOutput(plan, async (out) => {
    // Member by member, each policy's replicates with the same seeds (paired across policies).
    const tasks = Array.from({ length: M }, (_, m) => variants.flatMap((v) => replicateTasks(v[m], seeds))).flat();
    const outcomes = Array.from({ length: P }, () => new Float64Array(M));
    let layout: EffectLayout | undefined;
    let cell = -1;
    await runWithProgress(`${P} policies × ${M} members`, tasks, {
      workers: opts.workers,
      check: opts.check,
      onResult: (i, r) => {
        if (!layout) {
          layout = effectLayout(base, loaded[P - 1].scenario, r.rows);
          const from = Math.min(...starts);
          layout.windows.programme = { from, to: r.months - 1, fromDate: monthLabel(r.start, from), toDate: layout.windows.wholeRun.toDate };
          const row = layout.rows.indexOf(args.row);
          if (row < 0) throw new InputError(`--row ${args.row}: not a row of the runs (rows: ${layout.rows.join(', ')})`);
          cell = cellIndex(layout, EFFECT_WINDOWS.indexOf(args.window), row, layout.metrics.indexOf(args.metric as (typeof METRICS)[number]));
        }
        const m = Math.floor(i / (P * R));
        const p = Math.floor(i / R) % P;
        outcomes[p][m] += runWindowMeans(r, layout).at(cell)! / R;
      },
    });
    if (outcomes.some((o) => o.some((x) => !Number.isFinite(x)))) throw new InputError(`${args.metric} of ${args.row} cannot be measured for a group (a count of distinct actors): choose a region, country or ALL`);
    const table = regretTable(names, outcomes, args.goal, { weights: ensemble.members.map((mm) => mm.weight), quantile: args.quantile });
    const w = layout!.windows[args.window];
    const what = `${args.metric}, ${args.row}, ${args.window} ${w.fromDate}..${w.toDate} (${args.goal === 'min' ? 'less' : 'more'} is better)`;
    out.writeFile('summary.json', JSON.stringify({ kind: 'robust', policyFiles: files, metric: args.metric, row: args.row, window: w, members: M, runsPerMember: R, seeds, ensemble: { sha256: ensemble.manifest.sha256, levers: ensemble.levers }, outcomes: outcomes.map((o) => [...o]), ...table }, null, 2) + '\n');
    let csv = ['member', 'weight', ...ensemble.levers, ...names.map((n) => `outcome:${n}`), ...names.map((n) => `regret:${n}`)].join(',') + '\n';
    ensemble.members.forEach((mm, m) => {
      csv += [mm.member, formatValue(mm.weight), ...mm.values.map((v) => formatValue(v)), ...outcomes.map((o) => formatValue(o[m])), ...table.policies.map((p) => formatValue(p.regret[m]))].join(',') + '\n';
    });
    out.writeFile('outcomes.csv', csv);
    const mtext = manifest('robust', { scenarios: loaded.map((l) => l.scenario), seeds, metric: args.metric, row: args.row, window: args.window, goal: args.goal, ensemble: { sha256: ensemble.manifest.sha256, levers: ensemble.levers, members: ensemble.members } }, { files: loaded.map((l) => l.files) });
    out.writeFile('manifest.json', mtext);
    const rows: string[][] = [['policy', 'mean outcome', 'max regret', `regret q${Math.round(args.quantile * 100)}`, 'mean regret', 'best in']];
    for (const p of table.policies) rows.push([p.policy + (p.policy === table.minimaxRegret ? ' *' : ''), formatNumber(p.meanOutcome), formatNumber(p.maxRegret), formatNumber(p.quantileRegret), formatNumber(p.meanRegret), `${(100 * p.bestShare).toFixed(0)}%`]);
    text = `${what}; ${M} members × ${count(R, 'run')} each, the same seeds for every policy\n${renderTable(rows)}* minimax regret: ${table.minimaxRegret}\n`;
    const { writeRobustReport } = await import('@vraem/viz');
    try {
      await writeRobustReport(out.dir, { title: `vraem robust: ${names.join(', ')}`, subtitle: `${M} ensemble members × ${count(R, 'run')} · ${what}`, what, table, manifest: { command: 'robust', policies: names.join(', '), seeds: seeds.join(', '), ensemble: ensemble.manifest.sha256 } });
    } catch (e) {
      warning = `the report could not be drawn (${(e as Error).message}); the data files are complete`;
    }
  });
  process.stdout.write(text);
  finished(path, warning);
}

