/**
 * engine/math.ts keeps pow's last answers by the words of their arguments (a direct-mapped table):
 * an optimisation that must change no number. A repeated call returns exactly what the first gave,
 * whatever else was computed between (other entries of the same slot, signed zeros, NaNs).
 */
import { describe, expect, it } from 'vitest';
import { pow } from '../src/engine/math.ts';

/** A deterministic stream of doubles in [0, 1) (a 32-bit LCG): the test does not depend on Math.random. */
function stream(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe('pow remembers without changing a bit', () => {
  it('returns the same bits on a repeated call, after 50,000 others (which evict and refill the table)', () => {
    const u = stream(22);
    const args: [number, number][] = [];
    for (let i = 0; i < 50_000; i++) args.push([u() * 3, u() * 4 - 2]);
    // The searches' pattern: the midpoints of a bisection, visited again.
    for (let i = 0; i < 2_000; i++) args.push([(i % 40) / 40, 24]);
    const first = args.map(([x, y]) => pow(x, y));
    const again = args.map(([x, y]) => pow(x, y));
    const reversed = args.map((_, i) => args[args.length - 1 - i]).map(([x, y]) => pow(x, y)).reverse();
    const differ = (b: number[]) => first.filter((a, i) => !Object.is(a, b[i])).length;
    expect(differ(again)).toBe(0);
    expect(differ(reversed)).toBe(0);
  });

  it('tells signed zeros and NaNs apart from the values that share their slot', () => {
    // ±0 to a negative odd power: ±∞; the two calls have the same arguments but for the sign bit.
    for (let k = 0; k < 3; k++) {
      expect(pow(0, -3)).toBe(Infinity);
      expect(pow(-0, -3)).toBe(-Infinity);
      expect(Object.is(pow(-0, 3), -0)).toBe(true);
      expect(Object.is(pow(0, 3), 0)).toBe(true);
    }
    // A NaN raised to anything but 0 is NaN, to 0 is 1; an empty slot's words are those of a NaN.
    const nan = new Float64Array(new Int32Array([-1, -1]).buffer)[0];
    for (let k = 0; k < 3; k++) {
      expect(pow(nan, nan)).toBeNaN();
      expect(pow(nan, 0)).toBe(1);
      expect(pow(2, nan)).toBeNaN();
      expect(pow(2, 10)).toBe(1024);
    }
  });
});
