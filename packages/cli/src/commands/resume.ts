/**
 * Snapshots of runs and resuming them (issue 8, DESIGN §8 "deterministic"):
 *
 * - `vraem run <scenario> --snapshot-at <months|YYYY-MM> [--snapshot FILE]` saves every run's
 *   whole state (RNG streams included) at that month as `snapshots/run-<k>.snapshot` in the output
 *   folder, written with the rest of the folder (atomically: nothing is left if the run fails or
 *   is interrupted). With one run, `--snapshot FILE` puts the snapshot at FILE instead. Months are
 *   counted from the start: `--snapshot-at 60` (or the month it names, `2009-01` for a run from
 *   2004-01) is the state before the 61st month is simulated.
 * - `vraem run --resume <snapshot file | folder>` continues the runs to their end and writes the
 *   folder a straight run writes: `series.csv` and `summary.json` byte-identical to the straight
 *   run's, `manifest.json` the same plus `resumedFrom` (and its own command line). A folder
 *   (an output folder with `snapshots/`, or the `snapshots/` folder itself) resumes all its runs,
 *   which must be the complete set of one batch; a file resumes its run alone.
 *
 * A snapshot file is sim-core's snapshot bytes (compact, versioned, with a CRC-32 over the whole
 * file: engine/snapshot.ts) whose `meta` is this command's header: the resolved scenario, the
 * seeds, the files and overrides it came from (for the manifest) and the vraem version. A file
 * that was edited, cut short, is foreign or was written by another version is refused (exit 2)
 * before anything runs.
 * Snapshot runs step in the main thread (one run at a time; the worker pool runs whole runs).
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { InputError, RunError, describeFsError, errnoCode } from '../errors.ts';
import { shownPath, type LoadedScenario } from '../load.ts';
import { manifest, inputHash, VERSION } from '../manifest.ts';
import { planOutput, writeOutput, type OutputFolder } from '../output.ts';
import { progress } from '../progress.ts';
import { checkAgainstManifest } from '../integrity.ts';
import { RunSink, finished, provenance, tryReport } from '../batch.ts';
import {
  BalanceError,
  createSimulation,
  monthLabel,
  restoreSimulation,
  snapshotMeta,
  SnapshotError,
  tickOf,
  validateScenario,
  MONTH,
  type RunResult,
  type Scenario,
  type Simulation,
} from '../core.ts';
import { countriesOf, runTable, type CommonArgs } from './common.ts';
import type { Task } from '../pool.ts';

/** The options of `run` this file adds. */
export interface SnapshotArgs {
  snapshotAt?: string;
  snapshot?: string;
  resume?: string;
}

/** Add `--snapshot-at`, `--snapshot` and `--resume` to `run`. */
export function snapshotOptions<T>(y: Argv<T>) {
  return y
    .option('snapshot-at', { type: 'string', describe: 'also save each run\u2019s whole state at this month (months from the start, or YYYY-MM) as snapshots/run-<k>.snapshot' })
    .option('snapshot', { type: 'string', describe: 'with --snapshot-at and one run: write the snapshot to this file instead' })
    .option('resume', { type: 'string', describe: 'continue runs from a snapshot file or a folder of them to the end (instead of a scenario)' });
}

/** Format of a snapshot file. */
export const SNAPSHOT_FORMAT = 'vraem-run-snapshot';
export const SNAPSHOT_FILE_VERSION = 2;
/** The largest snapshot file read (a full-scale baseline's is a few MB). */
export const MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024;
/** A snapshot file's name in an output folder. */
export const snapshotName = (run: number) => `run-${run}.snapshot`;
const SNAPSHOT_NAME = /^run-\d+\.snapshot$/;

/** What a snapshot file says about itself (everything but the model state). */
export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  createdBy: 'vraem';
  vraemVersion: string;
  scenarioName: string;
  /** Month of the state: `tick` months after the start (YYYY-MM). */
  at: string;
  tick: number;
  run: number;
  seed: number;
  /** Seeds of every run of the batch, and the hash that names the batch (the manifest's inputHash). */
  seeds: number[];
  batch: string;
  files: string[];
  overrides: string[];
  /** The `--hold` texts the run was given (its manifest records them; absent in snapshots written before holds). */
  holds?: string[];
  /** The scenario as resolved before the run (events not yet applied). */
  scenario: Scenario;
}

/** Where and when `run` saves snapshots. */
export interface SnapshotPlan {
  tick: number;
  at: string;
  /** `--snapshot FILE` (absolute), for one run. */
  file?: string;
}

const nextTurn = () => new Promise<void>((r) => setImmediate(r));

/** Check `--snapshot-at` and `--snapshot` against the scenario; undefined when not asked. */
export function planSnapshot(args: CommonArgs & SnapshotArgs, s: Scenario, runs: number): SnapshotPlan | undefined {
  if (args.snapshotAt === undefined) {
    if (args.snapshot !== undefined) throw new InputError('--snapshot FILE: say when with --snapshot-at <months|YYYY-MM>');
    return undefined;
  }
  const text = String(args.snapshotAt).trim();
  const end = monthLabel(s.start, s.months);
  let tick: number;
  if (/^\d+$/.test(text)) tick = Number(text);
  else if (MONTH.test(text)) tick = tickOf(s.start, text);
  else throw new InputError(`--snapshot-at ${text}: expected a number of months from the start or a month YYYY-MM, e.g. --snapshot-at 60 or --snapshot-at ${monthLabel(s.start, Math.min(60, s.months))}`);
  if (tick < 0) throw new InputError(`--snapshot-at ${text}: before the run starts (${s.start})`);
  if (tick > s.months) throw new InputError(`--snapshot-at ${text}: after the run ends (${s.months} months from ${s.start}: at most ${s.months} or ${end})`);
  const plan: SnapshotPlan = { tick, at: monthLabel(s.start, tick) };
  if (args.snapshot !== undefined) {
    const file = resolve(String(args.snapshot));
    const shown = shownPath(file);
    if (runs !== 1) throw new InputError(`--snapshot ${shown}: holds one run; with --runs ${runs} the snapshots go to snapshots/run-<k>.snapshot in the output folder`);
    if (existsSync(file)) {
      if (statSync(file).isDirectory()) throw new InputError(`--snapshot ${shown}: is a folder; name a file`);
      if (!args.force) throw new InputError(`--snapshot ${shown}: the file exists; choose another or add --force to replace it`);
    } else if (!existsSync(dirname(file)) || !statSync(dirname(file)).isDirectory()) throw new InputError(`--snapshot ${shown}: the folder ${shownPath(dirname(file))} does not exist`);
    plan.file = file;
  }
  return plan;
}

/** Options of {@link runWithSnapshots}. */
export interface SnapshotRunOptions {
  plan: SnapshotPlan;
  out: OutputFolder;
  check: boolean;
  loaded: LoadedScenario;
  seeds: number[];
  onResult(index: number, result: RunResult): void;
  onProgress?(done: number): void;
}

/** A failure of the model in a run, as the worker pool reports it (exit 1); input errors pass. */
function runFailure(e: unknown, t: { run: number; seed: number; name: string }): Error {
  if (e instanceof InputError || e instanceof RunError) return e;
  const why = e instanceof BalanceError || e instanceof Error ? e.message : String(e);
  return new RunError(`run ${t.run} (seed ${t.seed}) of "${t.name}" failed: ${why}`);
}

/** Step a simulation to `tick`, letting signals (Ctrl-C) through every simulated year. */
async function stepTo(sim: Simulation, tick: number): Promise<void> {
  while (sim.tick < tick) {
    sim.step();
    if (sim.tick % 12 === 0) await nextTurn();
  }
}

/** Run the tasks one after another in this thread, saving each run's state at the plan's month. */
export async function runWithSnapshots(tasks: readonly Task[], o: SnapshotRunOptions): Promise<void> {
  const s = o.loaded.scenario;
  const header: Omit<SnapshotHeader, 'run' | 'seed'> = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_FILE_VERSION,
    createdBy: 'vraem',
    vraemVersion: VERSION,
    scenarioName: s.name,
    at: o.plan.at,
    tick: o.plan.tick,
    seeds: o.seeds,
    batch: inputHash({ command: 'run', scenario: s, seeds: o.seeds }),
    ...provenance(o.loaded),
    scenario: s,
  };
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i];
    try {
      const sim = createSimulation(t.scenario, { seed: t.seed, run: t.run, check: o.check });
      await stepTo(sim, o.plan.tick);
      o.out.writeFile(`snapshots/${snapshotName(t.run)}`, sim.snapshot({ ...header, run: t.run, seed: t.seed } satisfies SnapshotHeader));
      await stepTo(sim, sim.months);
      o.onResult(i, sim.result());
      o.onProgress?.(i + 1);
    } catch (e) {
      throw runFailure(e, { run: t.run, seed: t.seed, name: s.name });
    }
  }
}

/** After the output folder is in place: move the one snapshot to `--snapshot FILE`. */
export function placeSnapshot(plan: SnapshotPlan | undefined, folder: string): void {
  if (!plan?.file) return;
  const dir = join(folder, 'snapshots');
  const [name] = readdirSync(dir);
  const from = join(dir, name);
  try {
    try {
      renameSync(from, plan.file);
    } catch (e) {
      if (errnoCode(e) !== 'EXDEV') throw e;
      // Another file system: copy next to the target, then rename into place.
      const tmp = `${plan.file}.tmp-${process.pid}`;
      copyFileSync(from, tmp);
      renameSync(tmp, plan.file);
      unlinkSync(from);
    }
    rmdirSync(dir);
  } catch (e) {
    throw new RunError(`cannot move the snapshot to ${shownPath(plan.file)}: ${describeFsError(e)}; it is in ${shownPath(from)}`);
  }
}

// --- reading snapshots ---

/** A snapshot file checked and ready to resume. */
interface Found {
  file: string;
  header: SnapshotHeader;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isUint = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Read, check and restore one snapshot file; an InputError names the file and what is wrong. */
function readSnapshot(file: string, check = false): { header: SnapshotHeader; sim: Simulation } {
  const shown = shownPath(file);
  const bad = (why: string) => new InputError(`--resume ${shown}: ${why}`);
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw bad('is not a regular file');
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw bad(`cannot read: ${describeFsError(e)}`);
  }
  if (size > MAX_SNAPSHOT_BYTES) throw bad(`is ${(size / 1048576).toFixed(1)} MB, over the ${MAX_SNAPSHOT_BYTES / 1048576} MB limit for a snapshot file`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw bad(`cannot read: ${describeFsError(e)}`);
  }
  const not = 'is not a vraem snapshot (write one with vraem run <scenario> --snapshot-at <month>)';
  // sim-core's words for what is wrong, said of the file.
  const refused = (e: unknown) => {
    if (!(e instanceof SnapshotError)) return e;
    const m = e.message;
    const format = /^snapshot format (\d+) is not supported \(this version reads format (\d+)\)$/.exec(m);
    if (format) return bad(`is a snapshot of format ${format[1]}; this vraem reads format ${format[2]}`);
    if (m.startsWith('not a snapshot')) return bad(not);
    return bad(m.replace(/^snapshot is damaged: /, 'is damaged: ').replace(/^snapshot /, ''));
  };
  let data: unknown;
  try {
    data = snapshotMeta(bytes);
  } catch (e) {
    throw refused(e);
  }
  if (!isObj(data) || data.format !== SNAPSHOT_FORMAT) throw bad(not);
  if (data.version !== SNAPSHOT_FILE_VERSION) throw bad(`is a snapshot of format ${String(data.version)}; this vraem reads format ${SNAPSHOT_FILE_VERSION}`);
  if (data.vraemVersion !== VERSION) throw bad(`was written by vraem ${String(data.vraemVersion)}; resuming needs the same version (this is ${VERSION}) to continue the run exactly`);
  const h = data as unknown as SnapshotHeader;
  const v = validateScenario(h.scenario);
  if (!v.ok) throw bad(`is damaged: its scenario is not valid (${v.issues[0].path.join('.')}: ${v.issues[0].message})`);
  const seedsOk = Array.isArray(h.seeds) && h.seeds.length > 0 && h.seeds.every(isUint);
  if (!seedsOk || !isUint(h.run) || h.run >= h.seeds.length || h.seeds[h.run] !== h.seed || !isUint(h.tick) || h.tick > v.scenario.months || typeof h.batch !== 'string')
    throw bad('is damaged: its run, seed or month do not fit together');
  if (!Array.isArray(h.files) || !Array.isArray(h.overrides)) throw bad('is damaged: it does not say which files it came from');
  let sim: Simulation;
  try {
    // `--check` on resume asserts the balances from here on, whatever the first part did.
    sim = restoreSimulation(bytes, check ? { check: true } : {});
  } catch (e) {
    const r = refused(e);
    throw r instanceof InputError ? r : bad(`is damaged: ${r instanceof Error ? r.message : String(r)}`);
  }
  if (sim.tick !== h.tick || sim.seed !== h.seed || sim.months !== v.scenario.months) throw bad('is damaged: its model state is not at the month its header says');
  return { header: { ...h, scenario: v.scenario }, sim };
}

/** The snapshot files a `--resume` path names: the file, or `run-<k>.snapshot` in the folder (or its `snapshots/`). */
function snapshotFiles(path: string): { files: string[]; folder: boolean } {
  const shown = shownPath(path);
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw new InputError(`--resume ${shown}: cannot read: ${describeFsError(e)}`);
  }
  if (!st.isDirectory()) return { files: [path], folder: false };
  const sub = join(path, 'snapshots');
  const dir = existsSync(sub) && statSync(sub).isDirectory() ? sub : path;
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => SNAPSHOT_NAME.test(n));
  } catch (e) {
    throw new InputError(`--resume ${shown}: cannot read: ${describeFsError(e)}`);
  }
  if (!names.length) throw new InputError(`--resume ${shown}: no snapshots here (snapshots/run-<k>.snapshot); write them with vraem run <scenario> --snapshot-at <month>`);
  const run = (n: string) => Number(/\d+/.exec(n)![0]);
  return { files: names.sort((a, b) => run(a) - run(b)).map((n) => join(dir, n)), folder: true };
}

/** Check every snapshot of a `--resume` path (all before anything runs); a folder must hold one complete batch. */
function findSnapshots(path: string): Found[] {
  const { files, folder } = snapshotFiles(path);
  const problems: string[] = [];
  const found: Found[] = [];
  for (const file of files) {
    // In an output folder, a snapshot must be the one its manifest's checksum names (header included).
    const damaged = checkAgainstManifest(file);
    if (damaged) {
      problems.push(`--resume ${damaged}`);
      continue;
    }
    try {
      found.push({ file, header: readSnapshot(file).header });
    } catch (e) {
      if (e instanceof InputError) problems.push(...e.problems);
      else throw e;
    }
  }
  if (problems.length) throw new InputError(problems);
  if (folder) {
    const shown = shownPath(path);
    const first = found[0].header;
    const strangers = found.filter((f) => f.header.batch !== first.batch || f.header.tick !== first.tick);
    if (strangers.length) throw new InputError(`--resume ${shown}: the snapshots are not of one batch (${shownPath(strangers[0].file)} differs from ${shownPath(found[0].file)} in scenario, seeds or month)`);
    const have = new Set(found.map((f) => f.header.run));
    const missing = first.seeds.map((_, k) => k).filter((k) => !have.has(k));
    if (missing.length) throw new InputError(`--resume ${shown}: the batch has ${first.seeds.length} runs but run ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing; resume a single run by naming its file`);
  }
  return found;
}

/** `vraem run --resume <snapshot file | folder>`. */
export async function resumeCommand(args: CommonArgs & SnapshotArgs & { scenario?: string }, opts: CommonArgs): Promise<void> {
  const target = String(args.resume);
  const refuse: string[] = [];
  if (args.scenario !== undefined) refuse.push(`a scenario (${args.scenario})`);
  if (opts.set.length) refuse.push('--set');
  if (opts.hold.length) refuse.push('--hold');
  if (opts.seed !== undefined) refuse.push('--seed');
  if (args.snapshotAt !== undefined || args.snapshot !== undefined) refuse.push('--snapshot-at/--snapshot');
  if (refuse.length) throw new InputError(`--resume continues the runs of a snapshot with their own scenario, seeds and levers; it cannot be combined with ${refuse.join(', ')}`);
  const found = findSnapshots(resolve(target));
  const h = found[0].header;
  const s = h.scenario;
  const seeds = found.length === h.seeds.length ? h.seeds : found.map((f) => f.header.seed);
  const plan = planOutput(opts.out, opts.force, 'run', s.name);
  let table = '';
  let warning: string | undefined;
  const path = await writeOutput(plan, async (out) => {
    const sink = new RunSink(out, '');
    const bar = progress(`${s.name} (resumed at ${h.at})`, found.length);
    try {
      for (let i = 0; i < found.length; i++) {
        const f = found[i];
        const { sim } = readSnapshot(f.file, opts.check);
        try {
          await stepTo(sim, sim.months);
        } catch (e) {
          throw runFailure(e, { run: f.header.run, seed: f.header.seed, name: s.name });
        }
        sink.add(sim.result());
        bar.update(i + 1);
      }
    } finally {
      bar.stop();
    }
    const summary = sink.finish(
      manifest('run', { scenario: s, seeds }, { files: h.files, overrides: h.overrides, holds: h.holds ?? [], resumedFrom: { snapshots: shownPath(resolve(target)), at: h.at, tick: h.tick, runs: found.map((f) => f.header.run) } }),
    );
    sink.dispose();
    table = runTable(summary, countriesOf(s));
    warning = await tryReport(out.dir);
  });
  process.stdout.write(table);
  finished(path, warning);
}
