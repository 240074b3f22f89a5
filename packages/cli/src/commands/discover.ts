/**
 * `vraem discover <folder> --metric M --threshold OP,VALUE`: scenario discovery (PRIM, Friedman &
 * Fisher 1999; Lempert, Bryant & Bankes 2008) over the inputs of a sweep or of an ensemble
 * comparison. Each run of a sweep (its design row's lever values) or each member of an ensemble
 * comparison (its parameters, weighted by its posterior weight) is a point; the points whose
 * outcome meets the threshold are the cases of interest, and PRIM finds the boxes of inputs in
 * which they concentrate, with coverage, density and the peeling trajectory.
 *
 * "Under which assumptions does AD fail to cut Peru's coca by 10%?" is
 *   vraem discover <compare --ensemble folder> --metric coca_ha --row PE --window programme \
 *     --side relative --threshold '>-0.1'
 * The files are read line by line (a sweep's replicates.csv can be large), keeping only each
 * point's inputs and outcome.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { InputError } from '../errors.ts';
import { intOption } from './common.ts';
import { shownPath } from '../load.ts';
import { manifest } from '../manifest.ts';
import { planOutput, writeOutput } from '../output.ts';
import { finished } from '../batch.ts';
import { METRICS, prim, type PrimResult } from '../core.ts';
import { formatNumber, renderTable } from '../table.ts';

export interface DiscoverArgs {
  folder: string;
  metric: string;
  threshold: string;
  row: string;
  window?: string;
  side: string;
  alpha: number;
  minSupport: number;
  boxes: number;
  step?: number;
  out?: string;
  force: boolean;
}

/** A threshold: which outcomes are cases of interest. */
export interface Threshold {
  op: '<' | '<=' | '>' | '>=';
  value: number;
  text: string;
}

/** Parse `--threshold` (`<V`, `<=V`, `>V`, `>=V`). */
export function parseThreshold(text: string): Threshold {
  const m = /^\s*(<=|>=|<|>)\s*(-?[\d.]+(?:e-?\d+)?)\s*$/i.exec(text);
  if (!m || !Number.isFinite(Number(m[2]))) throw new InputError(`--threshold ${text}: expected an operator and a number, e.g. '>-0.1' (the outcomes above −0.1 are the cases of interest) or '<=5000'`);
  return { op: m[1] as Threshold['op'], value: Number(m[2]), text: `${m[1]}${m[2]}` };
}

const meets = (t: Threshold, x: number) => (t.op === '<' ? x < t.value : t.op === '<=' ? x <= t.value : t.op === '>' ? x > t.value : x >= t.value);

/** The points of a folder: inputs as columns, outcomes, weights. */
interface Points {
  kind: 'sweep' | 'ensemble-compare';
  names: string[];
  x: number[][];
  y: number[];
  weights?: number[];
  /** A label per point (the run or member). */
  ids: string[];
}

async function* lines(file: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) if (line !== '') yield line;
}

function inputValue(cell: string, name: string, file: string): number {
  if (cell === 'true' || cell === 'false') return cell === 'true' ? 1 : 0;
  const v = Number(cell);
  if (cell.trim() === '' || !Number.isFinite(v)) throw new InputError(`${shownPath(file)}: input ${name} has the value ${JSON.stringify(cell)}, which PRIM cannot order (only numbers and true/false)`);
  return v;
}

/** Each run of a sweep: its design row's levers and its window mean of the metric for the row. */
async function sweepPoints(dir: string, metric: string, row: string, window: string): Promise<Points> {
  const design = join(dir, 'design.csv');
  const reps = join(dir, 'replicates.csv');
  for (const f of [design, reps]) if (!existsSync(f)) throw new InputError(`${shownPath(f)}: missing (a sweep folder holds design.csv and replicates.csv)`);
  const rowsByPoint = new Map<number, number[]>();
  let names: string[] = [];
  let first = true;
  for await (const line of lines(design)) {
    const cells = line.split(',');
    if (first) {
      names = cells.slice(1, -2);
      first = false;
      continue;
    }
    const point = Number(cells[0]);
    if (!rowsByPoint.has(point)) rowsByPoint.set(point, names.map((n, j) => inputValue(cells[j + 1], n, design)));
  }
  const x: number[][] = names.map(() => []);
  const y: number[] = [];
  const ids: string[] = [];
  let col = -1;
  for await (const line of lines(reps)) {
    const cells = line.split(',');
    if (col < 0) {
      col = cells.indexOf(metric);
      if (col < 0) throw new InputError(`${shownPath(reps)}: has no column ${metric}`);
      continue;
    }
    if (cells[3] !== window || cells[4] !== row) continue;
    const inputs = rowsByPoint.get(Number(cells[0]));
    if (!inputs) throw new InputError(`${shownPath(reps)}: point ${cells[0]} is not in design.csv`);
    inputs.forEach((v, d) => x[d].push(v));
    y.push(Number(cells[col]));
    ids.push(`point ${cells[0]} run ${cells[1]}`);
  }
  if (y.length === 0) throw new InputError(`${shownPath(reps)}: no run has row ${row} in window ${window} (windows: finalYear, wholeRun)`);
  return { kind: 'sweep', names, x, y, ids };
}

/** Each member of an ensemble comparison: its parameters, weight and mean outcome (side a, b, diff or relative). */
async function ensemblePoints(dir: string, metric: string, row: string, window: string, side: string): Promise<Points> {
  const file = join(dir, 'members.csv');
  if (!existsSync(file)) throw new InputError(`${shownPath(file)}: missing (an ensemble comparison folder holds members.csv)`);
  let header: string[] = [];
  let names: string[] = [];
  let col = -1;
  const x: number[][] = [];
  const y: number[] = [];
  const weights: number[] = [];
  const ids: string[] = [];
  for await (const line of lines(file)) {
    const cells = line.split(',');
    if (col < 0) {
      header = cells;
      const w = header.indexOf('window');
      names = header.slice(2, w);
      names.forEach(() => x.push([]));
      col = header.indexOf(metric);
      if (col < 0) throw new InputError(`${shownPath(file)}: has no column ${metric}`);
      continue;
    }
    const at = 2 + names.length;
    if (cells[at] !== window || cells[at + 1] !== row || cells[at + 2] !== side) continue;
    if (cells[col] === '') throw new InputError(`${shownPath(file)}: member ${cells[0]} has no ${side} of ${metric} for ${row} (not measurable there)`);
    names.forEach((n, d) => x[d].push(inputValue(cells[2 + d], n, file)));
    y.push(Number(cells[col]));
    weights.push(Number(cells[1]));
    ids.push(`member ${cells[0]}`);
  }
  if (y.length === 0) throw new InputError(`${shownPath(file)}: no member has row ${row}, window ${window}, side ${side} (windows: programme, finalYear, wholeRun; sides: a, b, diff, relative)`);
  return { kind: 'ensemble-compare', names, x, y, weights, ids };
}

/** Boxes in words: `firmas.count ≥ 8 and marketAccess ≤ 0.2`. */
export function boxText(r: PrimResult, b: number): string {
  const box = r.boxes[b];
  if (box.restrictions.length === 0) return 'no restriction (the whole input space)';
  return box.restrictions
    .map((q) => (q.lo !== null && q.hi !== null ? `${formatNumber(q.lo)} ≤ ${q.name} ≤ ${formatNumber(q.hi)}` : q.lo !== null ? `${q.name} ≥ ${formatNumber(q.lo)}` : `${q.name} ≤ ${formatNumber(q.hi!)}`))
    .join(' and ');
}

/** `vraem discover`. */
export async function discoverCommand(args: DiscoverArgs): Promise<void> {
  // PRIM's settings, each checked by its flag before anything is read (--boxes 0 used to run and
  // report "no case of interest" whatever the cases).
  intOption('boxes', args.boxes, 1, 100);
  intOption('step', args.step, 0, 1_000_000);
  if (!(args.alpha > 0 && args.alpha < 0.5)) throw new InputError(`--alpha: expected a share of points peeled a step, above 0 and below 0.5, got ${args.alpha}`);
  if (!(args.minSupport > 0 && args.minSupport <= 1)) throw new InputError(`--min-support: expected a share of points above 0 and at most 1, got ${args.minSupport}`);
  const dir = String(args.folder);
  const mpath = join(dir, 'manifest.json');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`${shownPath(dir)}: not a folder`);
  let m: { command?: string; ensemble?: unknown; scenario?: { name?: string }; scenarios?: { a: { name: string }; b: { name: string } } };
  try {
    m = JSON.parse(readFileSync(mpath, 'utf8'));
  } catch {
    throw new InputError(`${shownPath(mpath)}: missing or not JSON: not a vraem output folder`);
  }
  if (!(METRICS as readonly string[]).includes(args.metric)) throw new InputError(`--metric ${args.metric}: not a metric (metrics: ${METRICS.join(', ')})`);
  const threshold = parseThreshold(String(args.threshold));
  const ensemble = m.command === 'compare' && typeof m.ensemble === 'object' && m.ensemble !== null;
  if (m.command !== 'sweep' && !ensemble) throw new InputError(`${shownPath(dir)}: discover reads a sweep folder or a compare --ensemble folder (this one is from "${m.command}")`);
  const window = args.window ?? (ensemble ? 'programme' : 'finalYear');
  if (!ensemble && args.side !== 'a') throw new InputError(`--side ${args.side}: a sweep has one side; its outcomes are the runs' own values (leave --side out)`);
  const points = ensemble ? await ensemblePoints(dir, args.metric, args.row, window, args.side) : await sweepPoints(dir, args.metric, args.row, window);
  const y = points.y.map((v) => (meets(threshold, v) ? 1 : 0));
  let result: PrimResult;
  try {
    result = prim(points.x, y, { names: points.names, weights: points.weights, alpha: args.alpha, minSupport: args.minSupport, maxBoxes: args.boxes, step: args.step });
  } catch (e) {
    // PRIM's "step 9 is not on the trajectory (0..2)" is about --step.
    const message = (e as Error).message;
    throw new InputError(message.startsWith('step ') ? `--${message}` : message);
  }
  const what = `${args.metric}${ensemble ? ` (${args.side})` : ''}, ${args.row}, ${window} ${threshold.text}`;
  const name = ensemble ? `${m.scenarios?.a.name}-vs-${m.scenarios?.b.name}` : (m.scenario?.name ?? 'sweep');
  const plan = planOutput(args.out, args.force, 'discover', name);
  let text = '';
  let warning: string | undefined;
  const path = await writeOutput(plan, async (out) => {
    const summary = { kind: 'discover', source: shownPath(dir), sourceKind: points.kind, metric: args.metric, row: args.row, window, side: ensemble ? args.side : 'a', threshold, alpha: args.alpha, minSupport: args.minSupport, ...result };
    out.writeFile('summary.json', JSON.stringify(summary, (_k, v) => (v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : v), 2) + '\n');
    let traj = 'box,step,coverage,density,support,restricted\n';
    result.boxes.forEach((b, i) => b.trajectory.forEach((s, k) => (traj += `${i + 1},${k},${s.coverage},${s.density},${s.support},${s.restricted.map((d) => result.names[d]).join(';')}\n`)));
    out.writeFile('trajectory.csv', traj);
    out.writeFile('manifest.json', manifest('discover', { source: shownPath(dir), metric: args.metric, row: args.row, window, side: args.side, threshold: threshold.text, alpha: args.alpha, minSupport: args.minSupport, boxes: args.boxes }));
    const table: string[][] = [['box', 'coverage', 'density', 'share of points', 'p (binomial)', 'where']];
    result.boxes.forEach((b, i) => table.push([String(i + 1), b.coverage.toFixed(2), b.density.toFixed(2), b.support.toFixed(2), b.pValue.toExponential(1), boxText(result, i)]));
    text =
      `${result.cases} of ${result.points} ${points.kind === 'sweep' ? 'runs' : 'members'} ${result.cases === 1 ? 'is a case' : 'are cases'} of interest (${what}); base rate ${result.baseRate.toFixed(2)}${points.weights ? ' (posterior-weighted)' : ''}\n` +
      (result.boxes.length ? renderTable(table, [5]) : 'no case of interest: nothing to discover\n');
    const { writeDiscoverReport } = await import('@vraem/viz');
    try {
      await writeDiscoverReport(out.dir, { title: `vraem discover: ${what}`, source: shownPath(dir), what, result, boxTexts: result.boxes.map((_, i) => boxText(result, i)), manifest: JSON.parse(readFileSync(join(out.dir, 'manifest.json'), 'utf8')) });
    } catch (e) {
      warning = `the report could not be drawn (${(e as Error).message}); the data files are complete`;
    }
  });
  process.stdout.write(text);
  finished(path, warning);
}
