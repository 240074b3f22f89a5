/**
 * Policy answers over a posterior ensemble (issue 18): `vraem compare A B --ensemble <folder>`
 * runs every member of the ensemble with the same paired seeds on both sides and reports each
 * effect with its total uncertainty split into parameter uncertainty and chance. Runs stream: a
 * run pair is reduced to its window means and monthly chart bands as soon as both sides are in
 * (results arrive in task order, member by member), so memory does not grow with the members.
 *
 * The folder: `summary.json` (effects by metric, row and window with the split; the answer),
 * `members.csv` (each member's lever values and mean effects: the input of `vraem discover`),
 * `monthly.csv` (chart bands), `manifest.json` and the report.
 */
import { readEnsembleFolder } from '../ensemble.ts';
import { InputError } from '../errors.ts';
import { type LoadedScenario, shownPath, validateVariant } from '../load.ts';
import { manifest } from '../manifest.ts';
import { planOutput, writeOutput, type FileSink } from '../output.ts';
import { runWithProgress } from '../pool.ts';
import { finished, provenance, tryReport } from '../batch.ts';
import {
  EFFECT_SIDES,
  EFFECT_WINDOWS,
  MemberAccumulator,
  MonthlyBandAccumulator,
  answerChartSeries,
  cellIndex,
  comparisonTasks,
  effectCells,
  effectLayout,
  formatValue,
  monthLabel,
  policyAnswer,
  resolveLever,
  type Ensemble,
  type EffectLayout,
  type MemberMoments,
  type Override,
  type RunResult,
  type Scenario,
} from '../core.ts';
import { type CommonArgs, seedsFor } from './common.ts';
import { answerText, ensembleTable, regionNamesOf } from './answer.ts';

/**
 * Each member applied to a scenario as start values (like `--set`); every member checked before
 * anything runs. A lever the scenario does not have (an ensemble fitted to regions it lacks) is
 * one problem naming the lever, not a scenario problem repeated for every member.
 */
export function memberScenarios(base: LoadedScenario, ensemble: Ensemble, problems: string[], given: string): Scenario[] {
  const absent = ensemble.levers
    .map((path) => resolveLever(base.input, path))
    .flatMap((r, k) => (r.ok ? [] : [`--ensemble ${shownPath(given)}: its lever ${ensemble.levers[k]} is not a lever of scenario ${base.scenario.name}: ${r.message}`]));
  if (absent.length) {
    for (const p of absent) if (!problems.includes(p)) problems.push(p);
    return ensemble.members.map(() => base.scenario);
  }
  return ensemble.members.map((m) => {
    const overrides: Override[] = ensemble.levers.map((path, k) => ({ path, value: m.values[k], text: `${path}=${m.values[k]}` }));
    try {
      return validateVariant(base, overrides, `--ensemble member ${m.member}:`);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      for (const p of e.problems) if (!problems.includes(p)) problems.push(p);
      return base.scenario;
    }
  });
}

/** `members.csv` header: member, weight, the ensemble's levers, window, row, side, then every metric. */
function membersHeader(ensemble: Ensemble, layout: EffectLayout): string {
  return ['member', 'weight', ...ensemble.levers, 'window', 'region', 'side', ...layout.metrics].join(',') + '\n';
}

const cellText = (x: number) => (Number.isFinite(x) ? formatValue(x) : '');

/** A member's lines of `members.csv`: its mean of every cell, by window, row and side. */
function memberRows(sink: FileSink, member: number, values: readonly number[], layout: EffectLayout, m: MemberMoments): void {
  const cells = EFFECT_WINDOWS.length * layout.rows.length * layout.metrics.length;
  const lead = [member, formatValue(m.weight), ...values.map((v) => formatValue(v))].join(',');
  let out = '';
  EFFECT_WINDOWS.forEach((w, wi) => {
    layout.rows.forEach((row, r) => {
      EFFECT_SIDES.forEach((side, s) => {
        out += `${lead},${w},${row},${side}`;
        for (let k = 0; k < layout.metrics.length; k++) out += ',' + cellText(m.mean[s * cells + cellIndex(layout, wi, r, k)]);
        out += '\n';
      });
    });
  });
  sink.write(out);
}

/** `vraem compare A B --ensemble F`. */
export async function ensembleCompare(opts: CommonArgs & { ensemble: string }, la: LoadedScenario, lb: LoadedScenario): Promise<void> {
  const ensemble = readEnsembleFolder(opts.ensemble);
  const problems: string[] = [];
  const sa = memberScenarios(la, ensemble, problems, opts.ensemble);
  const sb = memberScenarios(lb, ensemble, problems, opts.ensemble);
  if (problems.length) throw new InputError(problems);
  const [a, b] = [la.scenario, lb.scenario];
  const seeds = seedsFor(opts.seed ?? a.seed, opts.runs);
  const R = seeds.length;
  const M = ensemble.members.length;
  const plan = planOutput(opts.out, opts.force, 'compare', `${a.name}-vs-${b.name}-ensemble`);
  let text = '';
  let warning: string | undefined;
  const path = await writeOutput(plan, async (out) => {
    // Tasks member by member, each a paired comparison (A's R runs, then B's); results arrive in this order.
    const tasks = sa.flatMap((s, m) => comparisonTasks(s, sb[m], seeds));
    let layout: EffectLayout | undefined;
    let acc: MemberAccumulator | undefined;
    let bands: MonthlyBandAccumulator | undefined;
    let membersCsv: FileSink | undefined;
    const pendingA: RunResult[] = [];
    const moments: MemberMoments[] = [];
    await runWithProgress(`${a.name} vs ${b.name}, ${M} members`, tasks, {
      workers: opts.workers,
      check: opts.check,
      onResult: (i, r) => {
        const m = Math.floor(i / (2 * R));
        const k = i % (2 * R);
        if (!layout) {
          layout = effectLayout(a, b, r.rows);
          bands = new MonthlyBandAccumulator(layout, answerChartSeries(layout));
          membersCsv = out.open('members.csv');
          membersCsv.write(membersHeader(ensemble, layout));
        }
        if (k === 0) acc = new MemberAccumulator(layout);
        if (k < R) {
          pendingA[k] = r;
          return;
        }
        const ra = pendingA[k - R];
        acc!.add(ra, r);
        bands!.add(ra, r, ensemble.members[m].weight / R);
        pendingA[k - R] = undefined as unknown as RunResult;
        if (k === 2 * R - 1) {
          const mm = acc!.finish(ensemble.members[m].weight);
          moments.push(mm);
          memberRows(membersCsv!, ensemble.members[m].member, ensemble.members[m].values, layout, mm);
        }
      },
    });
    membersCsv!.close();
    const cells = effectCells(layout!, moments, 'ensemble');
    const answer = policyAnswer(cells, { a: a.name, b: b.name, regions: regionNamesOf(a) });
    const monthly = bands!.finish();
    const mcsv = out.open('monthly.csv');
    mcsv.write('series,side,tick,date,mean,lo,hi\n');
    for (const id of monthly.series) {
      for (const side of ['a', 'b', 'diff'] as const) {
        const band = monthly.bands[id][side];
        let chunk = '';
        for (let t = 0; t < monthly.months; t++) chunk += `${id},${side},${t},${monthLabel(a.start, t)},${cellText(band.mean[t])},${cellText(band.lo[t])},${cellText(band.hi[t])}\n`;
        mcsv.write(chunk);
      }
    }
    mcsv.close();
    const summary = {
      kind: 'ensemble-compare',
      a: { scenario: a.name },
      b: { scenario: b.name },
      ensemble: { members: M, levers: ensemble.levers, method: ensemble.manifest.method, sha256: ensemble.manifest.sha256 },
      seeds,
      ...cells,
      answer,
    };
    out.writeFile('summary.json', JSON.stringify(summary, null, 2) + '\n');
    out.writeFile(
      'manifest.json',
      manifest(
        'compare',
        { scenarios: { a, b }, seeds, ensemble: { sha256: ensemble.manifest.sha256, levers: ensemble.levers, members: ensemble.members } },
        { files: { a: la.files, b: lb.files }, ensembleFolder: shownPath(opts.ensemble), overrides: provenance(la).overrides },
      ),
    );
    text = answerText(answer) + ensembleTable(cells);
    warning = await tryReport(out.dir);
  });
  process.stdout.write(text);
  finished(path, warning);
}
