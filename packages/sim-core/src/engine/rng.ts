/**
 * Named random streams. Every random draw of a model comes from a stream derived from the run
 * seed and the name of the subsystem that draws (the model lists its names), so adding a metric
 * or a mechanism never shifts another subsystem's draws. Streams are seedrandom's Alea (fast, and
 * its state is a plain object: snapshots and resume are exact). Draws shaped by exp, log and cos
 * take them from `math.ts`, so a stream gives the same bits in Node and in a browser.
 */
import seedrandom from 'seedrandom';
import { cos, exp, log } from './math.ts';

/** A uniform [0,1) generator with a serialisable state. */
export interface Stream {
  (): number;
  state(): StreamState;
}
export type StreamState = { c: number; s0: number; s1: number; s2: number };

/**
 * Mix any number of integers and strings into a 32-bit seed (FNV-1a over the parts, then a
 * murmur3 finaliser). Used for replicate and sweep seeds, so they depend on what a run is (base
 * seed, design row, replicate), never on the order runs are enumerated in.
 * @example hashSeed(42, 'replicate', 3)
 */
export function hashSeed(...parts: (number | string)[]): number {
  let h = 0x811c9dc5;
  const text = parts.map(String).join('\u0001');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The seed of replicate `k` of a batch with base seed `base`. Replicate 0 keeps the base seed. */
export function replicateSeed(base: number, k: number): number {
  return k === 0 ? base >>> 0 : hashSeed(base, 'replicate', k);
}

/** Create the stream `name` for a run seed, or resume it from a saved state. */
export function createStream(seed: number, name: string, state?: StreamState): Stream {
  const prng = seedrandom.alea(`${seed >>> 0}:${name}`, { state: state ?? true });
  return prng as unknown as Stream;
}

/** A standard normal draw (Box–Muller, one value per call so the stream position is simple). */
export function normal(rand: Stream): number {
  const u = 1 - rand();
  const v = rand();
  return Math.sqrt(-2 * log(u)) * cos(2 * Math.PI * v);
}

/** A Poisson draw (Knuth for small means, normal approximation above 30). */
export function poisson(rand: Stream, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(rand)));
  const l = exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

/** A binomial-like share: the seized fraction of `n` independent loads each lost with chance p. */
export function binomialShare(rand: Stream, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return 1;
  if (n < 20) {
    let k = 0;
    const whole = Math.floor(n);
    for (let i = 0; i < whole; i++) if (rand() < p) k++;
    return whole > 0 ? k / whole : 0;
  }
  const sd = Math.sqrt((p * (1 - p)) / n);
  return Math.min(1, Math.max(0, p + sd * normal(rand)));
}
