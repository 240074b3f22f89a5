/**
 * Sweep designs and shards, pure: a full factorial over lever values (`--vary path=v1,v2,...`),
 * or a Latin hypercube over numeric ranges (`--vary path=lo..hi`); the tasks (design row ×
 * replicate) with seeds that depend on what a run is (base seed, the row's lever values,
 * replicate) and never on the order runs are enumerated in; and the contiguous slice of tasks
 * shard `i/n` runs. The experiment API's `sweep` (experiments.ts) and `vraem sweep` both use it.
 */
import { hashSeed } from '../engine/rng.ts';
import type { LeverSpec } from '../scenario/levers.ts';
import type { PathValue } from '../scenario/paths.ts';
import { readValue } from '../scenario/overrides.ts';
import { checkLeverValue } from '../scenario/validate.ts';

/** A varied lever with its values (factorial) or range (LHS). */
export type Factor = { path: string; values: PathValue[] } | { path: string; range: [number, number]; integer: boolean };

/** A design row: its position in the design and the lever values it sets. */
export interface DesignRow {
  point: number;
  /** Values by lever path, in the order the factors were given. */
  values: Record<string, PathValue>;
  /** Canonical JSON of the values (sorted by path): the row's identity for seeds. */
  key: string;
}

/** One replicate of one design row. */
export interface SweepTask {
  /** Position in the full task list (point-major, then replicate). */
  index: number;
  point: number;
  replicate: number;
  seed: number;
}

/** Canonical JSON of a row's lever values: keys sorted, so the same row has the same key however written. */
export function canonicalKey(values: Record<string, PathValue>): string {
  return JSON.stringify(Object.keys(values).sort().map((k) => [k, values[k]]));
}

/**
 * The seed of replicate `replicate` of a design row: a hash of the base seed, the row's lever
 * values and the replicate — the same run gets the same seed in any shard and any design order.
 */
export function sweepSeed(base: number, rowKey: string, replicate: number): number {
  return hashSeed(base, 'sweep', rowKey, replicate);
}

/**
 * Parse one `--vary` text for a lever: `v1,v2,...` (factorial) or `lo..hi` (a range, for LHS).
 * Returns a message on error.
 */
export function parseFactor(path: string, raw: string, spec: LeverSpec): Factor | string {
  const range = /^\s*(-?[\d._eE+-]+)\s*\.\.\s*(-?[\d._eE+-]+)\s*$/.exec(raw);
  if (range) {
    if (spec.kind !== 'number' && spec.kind !== 'integer') return `a range lo..hi needs a numeric lever (${path} is ${spec.kind})`;
    const lo = readValue(spec, range[1]);
    const hi = readValue(spec, range[2]);
    if (!lo.ok) return lo.message;
    if (!hi.ok) return hi.message;
    for (const v of [lo.value, hi.value]) {
      const problem = checkLeverValue(spec, spec.kind === 'integer' ? Math.round(v as number) : v);
      if (problem) return problem;
    }
    if ((lo.value as number) > (hi.value as number)) return `the range ${raw} runs backwards (lo > hi)`;
    return { path, range: [lo.value as number, hi.value as number], integer: spec.kind === 'integer' };
  }
  if (spec.kind === 'list') return `${path} is a list lever and cannot be varied`;
  const values: PathValue[] = [];
  for (const part of raw.split(',')) {
    const v = readValue(spec, part.trim());
    if (!v.ok) return v.message;
    const problem = checkLeverValue(spec, v.value);
    if (problem) return problem;
    if (values.some((x) => x === v.value)) return `the value ${part.trim()} is listed twice`;
    values.push(v.value);
  }
  return { path, values };
}

/**
 * A design whose rows are made on demand: its size is known without building it, so an absurd
 * design is refused at once, and a row costs nothing until it is asked for.
 */
export interface Design {
  size: number;
  row(point: number): DesignRow;
}

/** A design of the rows given (each row's lever values), in that order. */
export function designOf(rows: readonly Record<string, PathValue>[]): Design {
  return { size: rows.length, row: (point) => ({ point, values: rows[point], key: canonicalKey(rows[point]) }) };
}

/** Every row of a design, in order (for designs small enough to list). */
export function designRows(design: Design): DesignRow[] {
  return Array.from({ length: design.size }, (_, point) => design.row(point));
}

/** Full factorial design, lazily: row `point` is its mixed-radix digits, the first factor varying slowest. */
export function factorialDesign(factors: readonly { path: string; values: readonly PathValue[] }[]): Design {
  const size = factors.reduce((n, f) => n * f.values.length, 1);
  return {
    size,
    row(point) {
      const digits = new Array<number>(factors.length);
      for (let d = factors.length - 1, rest = point; d >= 0; d--) {
        digits[d] = rest % factors[d].values.length;
        rest = Math.floor(rest / factors[d].values.length);
      }
      const values: Record<string, PathValue> = {};
      factors.forEach((f, d) => (values[f.path] = f.values[digits[d]]));
      return { point, values, key: canonicalKey(values) };
    },
  };
}

/** A uniform number in [0, 1) from a hash of its parts (no shared generator state). */
function uniform(...parts: (number | string)[]): number {
  return hashSeed(...parts) / 4294967296;
}

/**
 * Latin hypercube design of `samples` rows over numeric ranges: each range is cut into `samples`
 * equal strata and every stratum is used once per lever; strata are paired at random (a hash of
 * the base seed), and values jitter inside their stratum. Integer levers are rounded; others keep
 * 6 significant digits.
 */
export function lhsDesign(factors: readonly { path: string; range: [number, number]; integer: boolean }[], samples: number, seed: number): DesignRow[] {
  return designRows(latinHypercube(factors, samples, seed));
}

/** {@link lhsDesign} as a {@link Design}: the strata permutations are drawn once, rows on demand. */
export function latinHypercube(factors: readonly { path: string; range: [number, number]; integer: boolean }[], samples: number, seed: number): Design {
  const columns = factors.map((f, d) => {
    const perm = Array.from({ length: samples }, (_, i) => i);
    for (let i = samples - 1; i > 0; i--) {
      const j = Math.floor(uniform(seed, 'lhs-perm', f.path, d, i) * (i + 1));
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    const [lo, hi] = f.range;
    return perm.map((stratum, i) => {
      const x = lo + ((hi - lo) * (stratum + uniform(seed, 'lhs-jitter', f.path, i))) / samples;
      return f.integer ? Math.min(hi, Math.max(lo, Math.round(x))) : Number(x.toPrecision(6));
    });
  });
  return {
    size: samples,
    row(point) {
      const values: Record<string, PathValue> = {};
      factors.forEach((f, d) => (values[f.path] = columns[d][point]));
      return { point, values, key: canonicalKey(values) };
    },
  };
}

/** Task `index` of a sweep (point-major: row 0 replicates 0..runs-1, then row 1, ...). */
export function sweepTask(row: DesignRow, index: number, runs: number, baseSeed: number): SweepTask {
  const replicate = index - row.point * runs;
  return { index, point: row.point, replicate, seed: sweepSeed(baseSeed, row.key, replicate) };
}

/** Every task of a sweep, point-major: row 0 replicates 0..runs-1, then row 1, ... */
export function sweepTasks(rows: readonly DesignRow[], runs: number, baseSeed: number): SweepTask[] {
  return rows.flatMap((row) => Array.from({ length: runs }, (_, replicate) => sweepTask(row, row.point * runs + replicate, runs, baseSeed)));
}

/** A shard: index `i` (0-based) of `n`. */
export interface Shard {
  index: number;
  count: number;
}

/** Parse `--shard i/n` (0 ≤ i < n). Returns a message on error. */
export function parseShard(text: string): Shard | string {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return `--shard ${text}: expected i/n, e.g. 0/4 (shards are numbered from 0)`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) return `--shard ${text}: n must be at least 1`;
  if (index >= count) return `--shard ${text}: i must be below n (shards are numbered 0..${count - 1})`;
  return { index, count };
}

/** The contiguous range [from, to) of task indices shard `i/n` runs: sizes differ by at most one. */
export function shardRange(total: number, shard: Shard): [number, number] {
  return [Math.floor((shard.index * total) / shard.count), Math.floor(((shard.index + 1) * total) / shard.count)];
}
