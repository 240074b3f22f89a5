/**
 * Every world a process creates has the same object shapes (V8's hidden classes), so the code a
 * run optimised stays valid for the next run in the same process: the bench's timed runs, a
 * worker's replicates, ABC's candidates (docs/performance.md, change 10). A world whose regions
 * had a hidden class of its own made every monthly phase that reads them deoptimise ("wrong
 * map") and compile again at the next run. Whether two objects share a hidden class is V8's
 * `%HaveSameMap`, reached through a function compiled with natives syntax allowed. No timings.
 */
import { describe, it, expect } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { baseline } from './helpers.ts';
import { createWorld } from '../src/model/setup.ts';
import { createStreams } from '../src/model/streams.ts';

setFlagsFromString('--allow-natives-syntax');
const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

describe('the shapes of a world', () => {
  it('two worlds of one scenario have the same hidden classes (world, regions, farmers, market)', () => {
    const s = baseline({}, { householdsPerAgent: 400, months: 12 });
    const [a, b, c] = [1, 2, 3].map((seed) => createWorld(structuredClone(s), seed, createStreams(seed)));
    for (const w of [b, c]) {
      expect(sameMap(a, w)).toBe(true);
      expect(sameMap(a.regions, w.regions)).toBe(true);
      expect(sameMap(a.farmers, w.farmers)).toBe(true);
      expect(sameMap(a.market, w.market)).toBe(true);
    }
  });
});
