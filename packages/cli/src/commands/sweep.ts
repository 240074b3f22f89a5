/**
 * `vraem sweep` and `vraem merge`. A sweep runs every design row × replicate (or the slice of
 * shard `i/n`) and writes, in canonical task order (point-major, then replicate):
 * - `design.csv`      `point,<levers>...,replicate,seed`, one line a task;
 * - `series.csv`      `point,run,seed,tick,date,region,<metrics>`;
 * - `replicates.csv`  each run's final-year and whole-run means, exact (shortest round-trip
 *                     decimals), from which `summary.json` is computed;
 * - `summary.json`    `{ scenario, levers, design, runs, points: [{ point, values, summary }] }`
 *                     (complete sweeps only, not single shards);
 * - `manifest.json`   the base scenario, the design, the shard, the hash identifying the sweep.
 * Shards take contiguous ranges of tasks, so `merge` concatenates them in shard order and then
 * finishes the folder exactly as an unsharded sweep does: the files are equal byte for byte.
 * An interrupted or failed sweep with `--out DIR` keeps its folder as `DIR.partial`; `--resume`
 * keeps the whole tasks written there and runs only the others (see {@link resumePoint}).
 */
import { closeSync, openSync, readSync, existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError, RunError } from '../errors.ts';
import { loadScenario, shownPath, type LoadedScenario } from '../load.ts';
import { commandLine, inputHash, manifest } from '../manifest.ts';
import { MAX_MANIFEST_BYTES, forEachLine, readInputFile, verifyFolder } from '../integrity.ts';
import { PROGRESS, planOutput, tmpPrefix, writeOutput, type OutputFolder, type PartialKeep } from '../output.ts';
import { runWithProgress } from '../pool.ts';
import { finished, provenance, sayNotes, tryReport } from '../batch.ts';
import {
  METRICS,
  SERIES_HEADER,
  count,
  WINDOWS,
  ScenarioError,
  designRows,
  factorialDesign,
  latinHypercube,
  parseFactor,
  parseShard,
  planSweep,
  resolveLever,
  splitAssignment,
  stat,
  tickOf,
  windowMeans,
  windowsFor,
  writeSeriesRows,
  type Design,
  type DesignRow,
  type Factor,
  type RunResult,
  type Scenario,
  type Shard,
  type Summary,
} from '../core.ts';
import { checkCommon, confirmJob, estimateJob, intOption, type CommonArgs } from './common.ts';

/** Most tasks (design rows × replicates) one sweep may hold. */
export const MAX_SWEEP_TASKS = 1_000_000;

export interface SweepArgs extends CommonArgs {
  scenario: string;
  vary: string[];
  design: 'factorial' | 'lhs';
  samples?: number;
  shard?: string;
  /** Hold each varied value from the start against the scenario's events (default true; `--no-hold-varied` lets events change it). */
  holdVaried?: boolean;
  /** Carry on from the partial folder an interrupted run of the same sweep left (`<out>.partial`). */
  resume?: boolean;
}

/** What `manifest.json` of a sweep or shard records (besides the common fields). */
interface SweepManifest {
  command: 'sweep';
  inputHash: string;
  scenario: Scenario;
  levers: string[];
  design: { kind: 'factorial' | 'lhs'; samples?: number; held: boolean; rows: { point: number; values: DesignRow['values'] }[] };
  runs: number;
  baseSeed: number;
  shard: { index: number; count: number; from: number; to: number; total: number } | null;
}

const REPLICATE_HEADER = ['point', 'run', 'seed', 'window', 'region', ...METRICS].join(',');

/** Each run's window means, one line per window and row, exact decimals. */
function replicateRows(point: number, r: RunResult): string {
  const windows = windowsFor(r.start, r.months);
  let out = '';
  for (const w of WINDOWS) {
    for (let row = 0; row < r.rows.length; row++) {
      out += `${point},${r.run},${r.seed},${w},${r.rows[row]}`;
      for (let m = 0; m < r.metrics.length; m++) out += ',' + String(windowMeans([r], row, m, windows[w])[0]);
      out += '\n';
    }
  }
  return out;
}

const csvValue = (v: unknown) => (Array.isArray(v) ? v.join(';') : String(v));

/** Read the factors of `--vary` against the base scenario. */
function readFactors(input: Record<string, unknown>, vary: readonly string[]): Factor[] {
  const problems: string[] = [];
  const factors: Factor[] = [];
  for (const text of vary) {
    const split = splitAssignment(text);
    if (!split.ok) {
      problems.push(`--vary ${text}: ${split.message}`);
      continue;
    }
    const lever = resolveLever(input, split.value.path);
    if (!lever.ok) {
      problems.push(`--vary ${text}: ${lever.message}`);
      continue;
    }
    if (factors.some((f) => f.path === split.value.path)) {
      problems.push(`--vary ${text}: ${split.value.path} is varied twice`);
      continue;
    }
    const f = parseFactor(split.value.path, split.value.raw, lever.spec);
    if (typeof f === 'string') problems.push(`--vary ${text}: ${f}`);
    else factors.push(f);
  }
  if (problems.length) throw new InputError(problems);
  return factors;
}

/** Notes for varied levers that the scenario's events set, when the varied values are not held. */
function replacedVaried(base: LoadedScenario, factors: readonly Factor[]): string[] {
  const s = base.scenario;
  return factors.flatMap((f) => {
    const later = s.events.filter((e) => f.path in e.set && tickOf(s.start, e.at) >= 0 && tickOf(s.start, e.at) < s.months);
    return later.length ? [`--vary ${f.path}: the event of ${later[0].at}${later.length > 1 ? ` (and ${later.length - 1} more)` : ''} replaces the varied value (--no-hold-varied)`] : [];
  });
}

/**
 * The design for the chosen kind, checked against the task limit from its size alone (before
 * any row is made: a design of 64 million rows is refused at once).
 */
function buildDesign(args: SweepArgs, factors: Factor[], seed: number, runs: number): Design {
  if (factors.length === 0) throw new InputError('sweep needs at least one --vary path=v1,v2,... (or path=lo..hi with --design lhs)');
  const limit = (rows: number) => {
    if (rows * runs > MAX_SWEEP_TASKS) throw new InputError(`the sweep has ${rows} design rows × ${runs} runs, over the limit of ${MAX_SWEEP_TASKS} runs`);
  };
  if (args.design === 'lhs') {
    const samples = intOption('samples', args.samples, 1, MAX_SWEEP_TASKS);
    if (samples === undefined) throw new InputError('--design lhs needs --samples N');
    const ranges = factors.map((f) => {
      if (!('range' in f)) throw new InputError(`--vary ${f.path}=...: --design lhs needs a range lo..hi`);
      return f;
    });
    limit(samples);
    return latinHypercube(ranges, samples, seed);
  }
  if (args.samples !== undefined) throw new InputError('--samples goes with --design lhs');
  const lists = factors.map((f) => {
    if ('range' in f) throw new InputError(`--vary ${f.path}=${f.range[0]}..${f.range[1]}: a range needs --design lhs --samples N (or list values: v1,v2,...)`);
    return f;
  });
  const design = factorialDesign(lists);
  limit(design.size);
  return design;
}

/** `vraem sweep`. */
export async function sweepCommand(args: SweepArgs): Promise<void> {
  const opts = checkCommon(args);
  const base = loadScenario(args.scenario, { set: opts.set, hold: opts.hold });
  sayNotes(base);
  const factors = readFactors(base.input, (args.vary ?? []).map(String));
  const baseSeed = opts.seed ?? base.scenario.seed;
  const design = buildDesign(args, factors, baseSeed, opts.runs);
  let shard: Shard = { index: 0, count: 1 };
  if (args.shard !== undefined) {
    const s = parseShard(String(args.shard));
    if (typeof s === 'string') throw new InputError(s);
    shard = s;
  }
  const hold = args.holdVaried !== false;
  if (!hold) for (const n of replacedVaried(base, factors)) process.stderr.write(`note: ${n}\n`);
  // The sweep's tasks, seeds, shard slice and points' scenarios: sim-core's experiment API.
  const sweep = planSweep(base, design, { runs: opts.runs, seed: baseSeed, hold, shard, flag: '--vary' });
  // Every row is validated before anything runs (a bad combination is a bad input); the
  // scenarios are not kept: each is made again when its point runs.
  const problems: string[] = [];
  for (let p = 0; p < design.size; p++) {
    try {
      sweep.scenario(p);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      problems.push(...e.problems.filter((x) => !problems.includes(x)));
    }
  }
  if (problems.length) throw new InputError(problems);

  const { total, from, to } = sweep;
  const sharded = args.shard !== undefined;
  const levers = factors.map((f) => f.path);
  const inputs = {
    scenario: base.scenario,
    levers,
    design: { kind: args.design, ...(args.design === 'lhs' ? { samples: design.size } : {}), held: hold, rows: designRows(design).map((r) => ({ point: r.point, values: r.values })) },
    runs: opts.runs,
    baseSeed,
  };
  const shardInfo = sharded ? { index: shard.index, count: shard.count, from, to, total } : null;
  const name = sharded ? `${base.scenario.name}-shard-${shard.index}-of-${shard.count}` : base.scenario.name;
  const plan = planOutput(opts.out, opts.force, 'sweep', name);
  const designLine = (i: number) => {
    const t = sweep.task(i);
    const values = design.row(t.point).values;
    return [t.point, ...levers.map((l) => csvValue(values[l])), t.replicate, t.seed].join(',') + '\n';
  };
  const headers = { design: ['point', ...levers, 'replicate', 'seed'].join(','), series: 'point,' + SERIES_HEADER, replicates: REPLICATE_HEADER };
  // The sweep a partial folder belongs to: the manifest's inputs and the shard (the same tasks).
  const sweepHash = inputHash({ command: 'sweep', ...inputs, shard: shardInfo });
  let done = 0;
  let keep: PartialKeep | undefined;
  let resumed: Resumed | undefined;
  if (plan.chosen) {
    const progressText = () => JSON.stringify({ format: 'vraem-sweep-progress/1', inputHash: sweepHash, commandLine: commandLine(), tasks: { from, to }, done: resumed ? resumed.done + done : done }, null, 2) + '\n';
    keep = { dir: plan.target + '.partial', progress: progressText };
    if (args.resume) {
      const found = findPartial(plan.target, sweepHash);
      if (found) {
        resumed = resumePoint(found, { from, to, runs: opts.runs, headers, designLine });
        keep.resume = found;
        process.stderr.write(`note: resuming ${shownPath(found)}: ${resumed.done} of ${to - from} tasks are done\n`);
      } else process.stderr.write(`note: --resume: no interrupted run of this sweep at ${shownPath(keep.dir)}; starting it\n`);
    }
  } else if (args.resume) throw new InputError('--resume needs --out DIR: the sweep resumes from DIR.partial');
  const start = from + (resumed?.done ?? 0);
  confirmJob(estimateJob([base.scenario], to - start, opts.workers), opts);
  // Tasks are made from their index when sent; they are point-major, so one scenario is cached.
  const slice = sweep.tasks(start);
  let warning: string | undefined;
  const path = await writeOutput(
    plan,
    async (out) => {
    // Written first, so a folder left by kill -9 can be resumed too.
    if (keep) out.writeFile(PROGRESS, keep.progress());
    let designCsv, series, reps;
    if (resumed) {
      designCsv = out.append('design.csv', resumed.bytes.design);
      series = out.append('series.csv', resumed.bytes.series);
      reps = out.append('replicates.csv', resumed.bytes.replicates);
    } else {
      designCsv = out.open('design.csv');
      series = out.open('series.csv');
      reps = out.open('replicates.csv');
      designCsv.write(headers.design + '\n');
      series.write(headers.series + '\n');
      reps.write(headers.replicates + '\n');
    }
    await runWithProgress(base.scenario.name, slice, {
      workers: opts.workers,
      check: opts.check,
      onResult: (i, r) => {
        const t = sweep.task(start + i);
        // The design line last: a task is whole once its design line is (resumePoint).
        writeSeriesRows(r, (text) => series.write(text), `${t.point},`);
        reps.write(replicateRows(t.point, r));
        designCsv.write(designLine(start + i));
        done++;
      },
    });
    designCsv.close();
    series.close();
    reps.close();
    if (keep) out.remove(PROGRESS);
    const text = manifest('sweep', inputs, { ...provenance(base), shard: shardInfo });
    out.writeFile('manifest.json', text);
    if (!sharded) warning = await finishSweep(out, JSON.parse(text) as SweepManifest);
    },
    keep,
  );
  process.stdout.write(`${sharded ? `shard ${shard.index}/${shard.count}: tasks ${from}..${to - 1} of ${total}; ` : ''}${count(design.size, 'design row')} × ${count(opts.runs, 'run')}\n`);
  finished(path, warning);
}

/** Where a resumed sweep goes on: its whole tasks, and the bytes of each file holding them. */
interface Resumed {
  done: number;
  bytes: { design: number; series: number; replicates: number };
}

/**
 * The folder to resume: `<target>.partial` (left by an interruption or a failure), or else a
 * temporary folder of a process that is gone (left by kill -9), holding the progress file of the
 * same sweep. A folder of another sweep is refused.
 */
function findPartial(target: string, sweepHash: string): string | undefined {
  const parent = dirname(target);
  const prefix = tmpPrefix(target);
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'EPERM';
    }
  };
  const candidates = [target + '.partial', ...(existsSync(parent) ? readdirSync(parent) : []).filter((n) => n.startsWith(prefix) && !alive(Number(n.slice(prefix.length).split('-')[0]))).map((n) => join(parent, n))];
  const found = candidates.filter((d) => existsSync(join(d, PROGRESS)));
  for (const d of found) {
    let hash: unknown;
    try {
      hash = (JSON.parse(readInputFile(join(d, PROGRESS), MAX_MANIFEST_BYTES, shownPath(join(d, PROGRESS))).toString('utf8')) as { inputHash?: unknown }).inputHash;
    } catch {
      continue;
    }
    if (hash === sweepHash) return d;
  }
  if (found.length)
    throw new InputError(
      `--resume: ${shownPath(found[0])} holds another sweep (its scenario, design, runs, seed, shard or vraem version differ); run the same command as the interrupted one, or remove the folder to start afresh`,
    );
  return undefined;
}

/**
 * Lines of a file with the byte offset where each ends; a last line without its newline (cut by
 * kill -9) is not given.
 */
function forEachWholeLine(file: string, fn: (line: string, end: number) => boolean): void {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let carry = Buffer.alloc(0);
    let offset = 0;
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) {
      const chunk = Buffer.concat([carry, buf.subarray(0, n)]);
      let at = 0;
      for (let nl; (nl = chunk.indexOf(10, at)) >= 0; at = nl + 1) if (!fn(chunk.subarray(at, nl).toString('utf8'), offset + nl + 1)) return;
      offset += at;
      carry = Buffer.from(chunk.subarray(at));
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The whole tasks of a partial sweep folder. Each task writes its series and replicate lines and
 * then its design line, so a task is whole when its design line is: the count of leading design
 * lines equal to the ones this sweep writes. The series and replicate files keep the lines of
 * those tasks (their `point,run` prefix) and lose whatever follows — a task cut midway.
 */
function resumePoint(
  dir: string,
  s: { from: number; to: number; runs: number; headers: Record<'design' | 'series' | 'replicates', string>; designLine: (i: number) => string },
): Resumed {
  const bytes = { design: 0, series: 0, replicates: 0 };
  const files = { design: 'design.csv', series: 'series.csv', replicates: 'replicates.csv' } as const;
  for (const k of Object.keys(files) as (keyof typeof files)[]) if (!existsSync(join(dir, files[k]))) return { done: 0, bytes: { design: 0, series: 0, replicates: 0 } };
  let done = 0;
  forEachWholeLine(join(dir, files.design), (line, end) => {
    if (end === Buffer.byteLength(line) + 1) {
      if (line !== s.headers.design) return false;
    } else if (s.from + done >= s.to || line + '\n' !== s.designLine(s.from + done)) return false;
    else done++;
    bytes.design = end;
    return true;
  });
  if (bytes.design === 0) return { done: 0, bytes };
  for (const k of ['series', 'replicates'] as const) {
    let last = -1;
    forEachWholeLine(join(dir, files[k]), (line, end) => {
      if (end === Buffer.byteLength(line) + 1) {
        if (line !== s.headers[k]) return false;
      } else {
        const [point, run] = line.split(',', 2).map(Number);
        const task = point * s.runs + run;
        if (!(task >= s.from && task < s.from + done && task >= last)) return false;
        last = task;
      }
      bytes[k] = end;
      return true;
    });
    if (bytes[k] === 0 || (done > 0 && last !== s.from + done - 1))
      throw new RunError(`${shownPath(join(dir, files[k]))}: does not hold the runs of the ${done} tasks its design.csv lists; remove ${shownPath(dir)} and run the sweep again`);
  }
  return { done, bytes };
}

/**
 * Finish a complete sweep folder: `summary.json` from `replicates.csv` (the same arithmetic for
 * an unsharded sweep and a merge), then the report. Returns a report warning, if any.
 * `replicates.csv` is point-major, so it is read line by line and each design point is summarised
 * and written as soon as its lines end: memory holds one point's runs, whatever the design's size.
 */
async function finishSweep(out: OutputFolder, m: SweepManifest): Promise<string | undefined> {
  const windows = windowsFor(m.scenario.start, m.scenario.months);
  const file = join(out.dir, 'replicates.csv');
  const bad = (lineNo: number, why: string) => new RunError(`replicates.csv:${lineNo}: ${why}`);
  const valuesOf = new Map(m.design.rows.map((r) => [r.point, r.values]));
  const sink = out.open('summary.json');
  // JSON.stringify(body, null, 2), written a point at a time.
  const head = JSON.stringify({ scenario: m.scenario.name, levers: m.levers, design: m.design.kind, runs: m.runs, points: [] }, null, 2);
  sink.write(head.slice(0, head.lastIndexOf('[]')) + '[');
  let written = 0;
  // The point being read: its runs and seeds in order, and per metric, row and window its runs' means.
  let cur: { point: number; runs: string[]; seeds: number[]; values: Map<string, Record<string, number[]>>[] } | undefined;
  const flush = () => {
    if (!cur) return;
    const metrics = {} as Summary['metrics'];
    METRICS.forEach((metric, k) => {
      metrics[metric] = {};
      for (const [row, cell] of cur!.values[k]) metrics[metric][row] = { finalYear: stat(cell.finalYear), wholeRun: stat(cell.wholeRun) };
    });
    const summary: Summary = { scenario: m.scenario.name, runs: cur.seeds.length, seeds: cur.seeds, windows, metrics };
    const text = JSON.stringify({ point: cur.point, values: valuesOf.get(cur.point), summary }, null, 2).replace(/^/gm, '    ');
    sink.write(`${written++ ? ',' : ''}\n${text}`);
  };
  forEachLine(file, (line, lineNo) => {
    if (lineNo === 1 || !line) {
      if (lineNo === 1 && line !== REPLICATE_HEADER) throw bad(lineNo, 'the header is not the one vraem writes');
      return;
    }
    const cells = line.split(',');
    if (cells.length !== 5 + METRICS.length) throw bad(lineNo, `has ${cells.length} fields, expected ${5 + METRICS.length}`);
    const point = Number(cells[0]);
    const [run, seed, window, row] = [cells[1], Number(cells[2]), cells[3], cells[4]];
    if (!valuesOf.has(point)) throw bad(lineNo, `design point ${cells[0]} is not in the design`);
    if (!(WINDOWS as readonly string[]).includes(window)) throw bad(lineNo, `window "${window}" is not one of ${WINDOWS.join(', ')}`);
    if (cur?.point !== point) {
      if (cur && point < cur.point) throw bad(lineNo, `design point ${point} comes after point ${cur.point}`);
      flush();
      cur = { point, runs: [], seeds: [], values: METRICS.map(() => new Map()) };
    }
    if (cur.runs[cur.runs.length - 1] !== run) {
      cur.runs.push(run);
      cur.seeds.push(seed);
    }
    for (let k = 0; k < METRICS.length; k++) {
      let cell = cur.values[k].get(row);
      if (!cell) cur.values[k].set(row, (cell = { finalYear: [], wholeRun: [] }));
      const x = Number(cells[5 + k]);
      if (Number.isNaN(x) && cells[5 + k] !== 'NaN') throw bad(lineNo, `${METRICS[k]} "${cells[5 + k]}" is not a number`);
      cell[window].push(x);
    }
  });
  flush();
  if (written !== m.design.rows.length) {
    sink.close();
    throw new RunError(`replicates.csv has runs of ${written} of the ${m.design.rows.length} design points`);
  }
  sink.write(written ? '\n  ]\n}\n' : ']\n}\n');
  sink.close();
  return tryReport(out.dir);
}

/** Append a file's lines to a sink, skipping its header line; streamed in 1 MB chunks. */
function appendBody(sink: { write(t: string): void }, file: string): void {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let headerSkipped = false;
    let carry = Buffer.alloc(0);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      let chunk = Buffer.concat([carry, buf.subarray(0, n)]);
      if (!headerSkipped) {
        const nl = chunk.indexOf(10);
        if (nl < 0) {
          carry = chunk;
          continue;
        }
        chunk = chunk.subarray(nl + 1);
        headerSkipped = true;
      }
      // Keep a possibly split UTF-8 sequence for the next chunk: write up to the last newline.
      const last = chunk.lastIndexOf(10);
      sink.write(chunk.subarray(0, last + 1).toString('utf8'));
      carry = Buffer.from(chunk.subarray(last + 1));
    }
    if (carry.length && headerSkipped) sink.write(carry.toString('utf8'));
  } finally {
    closeSync(fd);
  }
}

/** `vraem merge <dir>... --out DIR`: join the shards of one sweep into the folder the unsharded sweep writes. */
export async function mergeCommand(args: { dirs: string[]; out: string; force: boolean }): Promise<void> {
  const shards: { dir: string; m: SweepManifest }[] = [];
  const problems: string[] = [];
  for (const dir of args.dirs.map(String)) {
    const file = join(dir, 'manifest.json');
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      problems.push(`${shownPath(dir)}: not a folder`);
      continue;
    }
    let m: SweepManifest;
    try {
      m = JSON.parse(readInputFile(file, MAX_MANIFEST_BYTES, shownPath(file)).toString('utf8')) as SweepManifest;
    } catch {
      problems.push(`${shownPath(file)}: missing, not a regular file or not JSON: not a vraem sweep shard`);
      continue;
    }
    if ((m as { createdBy?: string }).createdBy !== 'vraem' || m.command !== 'sweep' || !m.shard)
      problems.push(`${shownPath(dir)}: not a shard of a vraem sweep (its manifest has no "shard")`);
    else {
      // A shard cut, edited or swapped would merge into a wrong answer: its checksums must hold.
      const v = verifyFolder(dir);
      problems.push(...v.problems);
      for (const f of ['design.csv', 'series.csv', 'replicates.csv'])
        if (!existsSync(join(dir, f)) && !v.problems.some((p) => p.startsWith(`${shownPath(join(dir, f))}:`))) problems.push(`${shownPath(join(dir, f))}: missing`);
      if (v.unsealed.length) problems.push(`${shownPath(file)}: records no checksums, so the shard cannot be verified; run it again with this vraem`);
      shards.push({ dir, m });
    }
  }
  if (problems.length) throw new InputError(problems);
  const first = shards[0].m;
  for (const s of shards) {
    if (s.m.inputHash !== first.inputHash) problems.push(`${shownPath(s.dir)}: belongs to a different sweep (input hash ${s.m.inputHash.slice(0, 12)} ≠ ${first.inputHash.slice(0, 12)})`);
    else if (s.m.shard!.count !== first.shard!.count) problems.push(`${shownPath(s.dir)}: is shard ${s.m.shard!.index}/${s.m.shard!.count}, the others are of ${first.shard!.count}`);
  }
  if (problems.length) throw new InputError(problems);
  shards.sort((a, b) => a.m.shard!.index - b.m.shard!.index);
  const count = first.shard!.count;
  const seen = shards.map((s) => s.m.shard!.index);
  const dup = seen.find((x, i) => seen.indexOf(x) !== i);
  if (dup !== undefined) throw new InputError(`shard ${dup}/${count} is given twice`);
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.includes(i));
  if (missing.length) throw new InputError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} of ${count}`);

  const plan = planOutput(args.out, args.force, 'sweep', first.scenario.name);
  let warning: string | undefined;
  const path = await writeOutput(plan, async (out) => {
    for (const [name, header] of [
      ['design.csv', ['point', ...first.levers, 'replicate', 'seed'].join(',')],
      ['series.csv', 'point,' + SERIES_HEADER],
      ['replicates.csv', REPLICATE_HEADER],
    ] as const) {
      const sink = out.open(name);
      sink.write(header + '\n');
      for (const s of shards) appendBody(sink, join(s.dir, name));
      sink.close();
    }
    const { design, runs, baseSeed, levers, scenario } = first;
    const fields = first as unknown as { files?: unknown; overrides?: unknown; holds?: unknown };
    const text = manifest('sweep', { scenario, levers, design, runs, baseSeed }, { files: fields.files, overrides: fields.overrides, holds: fields.holds, shard: null, mergedFrom: count });
    const m = JSON.parse(text) as SweepManifest;
    if (m.inputHash !== first.inputHash) throw new InputError('the shards were written by another version of vraem; re-run them with this one');
    out.writeFile('manifest.json', text);
    warning = await finishSweep(out, m);
  });
  process.stdout.write(`merged ${count} shard${count > 1 ? 's' : ''}\n`);
  finished(path, warning);
}
