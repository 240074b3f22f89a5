/**
 * `vraem run <scenario>` and `vraem compare <a> <b>`: replicates on worker threads, written as
 * run folders (compare: `DIR/a/`, `DIR/b/` and the paired comparison at the top), a report, and a
 * short table on the terminal.
 */
import { InputError } from '../errors.ts';
import { loadScenario, type LoadedScenario } from '../load.ts';
import { manifest } from '../manifest.ts';
import { planOutput, writeOutput } from '../output.ts';
import { runTasks, runWithProgress, type Task } from '../pool.ts';
import { progress } from '../progress.ts';
import { RunSink, compareSinks, finished, provenance, sayNotes, tryReport } from '../batch.ts';
import { MemberAccumulator, comparisonTasks, effectCells, effectLayout, policyAnswer, replicateTasks, runWindowMeans, type Answer, type EffectLayout, type RunResult, type Scenario } from '../core.ts';
import { checkCommon, compareTable, confirmJob, estimateJob, countriesOf, runTable, seedsFor, type CommonArgs } from './common.ts';
import { ensembleCompare } from './ensemble.ts';
import { answerText, regionNamesOf } from './answer.ts';
import { placeSnapshot, planSnapshot, resumeCommand, runWithSnapshots, snapshotName, type SnapshotArgs } from './resume.ts';

/** `vraem run` (or, with `--resume`, the continuation of snapshotted runs: resume.ts). */
export async function runCommand(args: CommonArgs & SnapshotArgs & { scenario?: string }): Promise<void> {
  const opts = checkCommon(args);
  if (args.resume !== undefined) return resumeCommand(args, opts);
  if (args.scenario === undefined) throw new InputError('Not enough non-option arguments: got 0, need a scenario file, or --resume a snapshot (see vraem run --help)');
  const loaded = loadScenario(args.scenario, { set: opts.set, hold: opts.hold });
  sayNotes(loaded);
  const s = loaded.scenario;
  const seeds = seedsFor(opts.seed ?? s.seed, opts.runs);
  const snap = planSnapshot(args, s, seeds.length);
  const plan = planOutput(opts.out, opts.force, 'run', s.name);
  confirmJob(estimateJob([s], seeds.length, snap ? 1 : opts.workers), opts);
  let table = '';
  let warning: string | undefined;
  const path = await writeOutput(plan, async (out) => {
    const sink = new RunSink(out, '');
    if (snap?.file) out.leaveOut(`snapshots/${snapshotName(0)}`);
    const bar = progress(s.name, seeds.length);
    const tasks: Task[] = replicateTasks(s, seeds);
    try {
      if (snap) await runWithSnapshots(tasks, { plan: snap, out, check: opts.check, loaded, seeds, onResult: (_i, r) => sink.add(r), onProgress: bar.update });
      else await runTasks(tasks, { workers: opts.workers, check: opts.check, onResult: (_i, r) => sink.add(r), onProgress: bar.update });
    } finally {
      bar.stop();
    }
    const summary = sink.finish(manifest('run', { scenario: s, seeds }, provenance(loaded)));
    sink.dispose();
    table = runTable(summary, countriesOf(s));
    warning = await tryReport(out.dir);
  });
  placeSnapshot(snap, path);
  process.stdout.write(table);
  finished(path, warning);
}

/** `vraem compare`: both sides share the seeds (replicate k of A and of B use the same seed). */
export async function compareCommand(args: CommonArgs & { a: string; b: string; ensemble?: string }): Promise<void> {
  const opts = checkCommon(args);
  const problems: string[] = [];
  const load = (file: string): LoadedScenario | undefined => {
    try {
      return loadScenario(file, { set: opts.set, hold: opts.hold });
    } catch (e) {
      if (e instanceof InputError) problems.push(...e.problems);
      else throw e;
      return undefined;
    }
  };
  const la = load(args.a);
  const lb = load(args.b);
  if (!la || !lb) throw new InputError(problems);
  sayNotes(la);
  sayNotes(lb);
  const [a, b] = [la.scenario, lb.scenario];
  if (a.start !== b.start || a.months !== b.months)
    throw new InputError(`A (${a.name}: ${a.start}, ${a.months} months) and B (${b.name}: ${b.start}, ${b.months} months) must share start and months to be compared`);
  if (args.ensemble !== undefined) return ensembleCompare({ ...opts, ensemble: String(args.ensemble) }, la, lb);
  const seeds = seedsFor(opts.seed ?? a.seed, opts.runs);
  const plan = planOutput(opts.out, opts.force, 'compare', `${a.name}-vs-${b.name}`);
  confirmJob(estimateJob([a, b], seeds.length, opts.workers), opts);
  let table = '';
  let warning: string | undefined;
  const path = await writeOutput(plan, async (out) => {
    const sinkA = new RunSink(out, 'a');
    const sinkB = new RunSink(out, 'b');
    const effects = new PairedEffects(a, b, seeds.length);
    await runWithProgress(`${a.name} vs ${b.name}`, comparisonTasks(a, b, seeds), {
      workers: opts.workers,
      check: opts.check,
      onResult: (i, r) => {
        effects.add(i, r);
        (i < seeds.length ? sinkA : sinkB).add(r);
      },
    });
    sinkA.finish(manifest('run', { scenario: a, seeds }, { side: 'a', ...provenance(la) }));
    sinkB.finish(manifest('run', { scenario: b, seeds }, { side: 'b', ...provenance(lb) }));
    const comparison = compareSinks(sinkA, sinkB);
    sinkA.dispose();
    sinkB.dispose();
    const answer = effects.answer();
    out.writeFile('summary.json', JSON.stringify({ ...comparison, answer }, null, 2) + '\n');
    out.writeFile('manifest.json', manifest('compare', { scenarios: { a, b }, seeds }, { files: { a: la.files, b: lb.files } }));
    table = answerText(answer) + compareTable(comparison);
    warning = (await tryReport(out.path('a'))) ?? (await tryReport(out.path('b'))) ?? (await tryReport(out.dir));
  });
  process.stdout.write(table);
  finished(path, warning);
}

/**
 * The answer of a one-parameter-set comparison, from the paired runs as they arrive (A's runs,
 * then B's): each run is reduced at once to its window means (a few thousand numbers), so the
 * answer holds no run's monthly table; pairs go through the accumulator an ensemble uses.
 */
class PairedEffects {
  private layout: EffectLayout | undefined;
  private readonly meansA: Float64Array[] = [];
  private acc: MemberAccumulator | undefined;
  constructor(
    private readonly a: Scenario,
    private readonly b: Scenario,
    private readonly runs: number,
  ) {}

  /** Task i's result: A's run i, or B's run i − runs. */
  add(i: number, r: RunResult): void {
    this.layout ??= effectLayout(this.a, this.b, r.rows);
    this.acc ??= new MemberAccumulator(this.layout);
    const means = runWindowMeans(r, this.layout);
    if (i < this.runs) this.meansA[i] = means;
    else this.acc.addMeans(this.meansA[i - this.runs], means);
  }

  answer(): Answer {
    return policyAnswer(effectCells(this.layout!, [this.acc!.finish(1)], 'seeds'), { a: this.a.name, b: this.b.name, regions: regionNamesOf(this.a) });
  }
}
