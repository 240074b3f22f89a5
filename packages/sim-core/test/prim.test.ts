/**
 * PRIM (analysis/prim.ts) on synthetic data with a planted box: it must find the box (coverage
 * and density at least 0.9, the planted limits within a peel's width), leave the inputs that do
 * not matter free, survive label noise, and say "nothing here" when the labels are random.
 */
import { describe, expect, it } from 'vitest';
import { binomialUpperTail, prim } from '../src/index.ts';
import { createStream } from '../src/engine/rng.ts';

/** n points uniform in [0,1]^dims from a named stream. */
function points(n: number, dims: number, seed: number): Float64Array[] {
  const rand = createStream(seed, 'prim-test');
  const x = Array.from({ length: dims }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) for (let d = 0; d < dims; d++) x[d][i] = rand();
  return x;
}

const planted = (x: Float64Array[], i: number) => x[0][i] >= 0.2 && x[0][i] <= 0.6 && x[1][i] >= 0.7;

describe('PRIM', () => {
  it('recovers a planted box from clean data: coverage and density ≥ 0.9, only the two planted inputs restricted', () => {
    const x = points(2000, 4, 11);
    const y = Array.from({ length: 2000 }, (_, i) => (planted(x, i) ? 1 : 0));
    const r = prim(x, y, { names: ['a', 'b', 'c', 'd'] });
    const box = r.boxes[0];
    expect(box.coverage).toBeGreaterThanOrEqual(0.9);
    expect(box.density).toBeGreaterThanOrEqual(0.9);
    expect(box.restrictions.map((q) => q.name).sort()).toEqual(['a', 'b']);
    const a = box.restrictions.find((q) => q.name === 'a')!;
    const b = box.restrictions.find((q) => q.name === 'b')!;
    expect(a.lo).toBeCloseTo(0.2, 1);
    expect(a.hi).toBeCloseTo(0.6, 1);
    expect(b.lo).toBeCloseTo(0.7, 1);
    expect(b.hi).toBeNull();
    expect(box.pValue).toBeLessThan(1e-6);
  });

  it('still finds it with 1% of the labels flipped', () => {
    const x = points(3000, 5, 12);
    const flip = createStream(5, 'flips');
    const y = Array.from({ length: 3000 }, (_, i) => (planted(x, i) !== flip() < 0.01 ? 1 : 0));
    const box = prim(x, y).boxes[0];
    expect(box.coverage).toBeGreaterThanOrEqual(0.9);
    expect(box.density).toBeGreaterThanOrEqual(0.9);
    expect(box.restrictions.map((q) => q.input).sort()).toEqual([0, 1]);
  });

  it('peels along a trajectory of rising density from the box of all points', () => {
    const x = points(1000, 3, 13);
    const y = Array.from({ length: 1000 }, (_, i) => (planted(x, i) ? 1 : 0));
    const t = prim(x, y).boxes[0].trajectory;
    expect(t[0].coverage).toBe(1);
    expect(t[0].support).toBe(1);
    expect(t[0].restricted).toEqual([]);
    for (let i = 1; i < t.length; i++) expect(t[i].support).toBeLessThan(t[i - 1].support);
    expect(t[t.length - 1].support).toBeGreaterThanOrEqual(0.05);
    expect(Math.max(...t.map((s) => s.density))).toBe(1);
  });

  it('finds a second box by covering, and weights count as points', () => {
    const x = points(3000, 3, 14);
    const inB = (i: number) => x[2][i] <= 0.15 && x[0][i] >= 0.8;
    const y = Array.from({ length: 3000 }, (_, i) => (planted(x, i) || inB(i) ? 1 : 0));
    const r = prim(x, y, { maxBoxes: 3 });
    expect(r.boxes.length).toBeGreaterThanOrEqual(2);
    const total = r.boxes.reduce((s, b) => s + b.coverage, 0);
    expect(total).toBeGreaterThanOrEqual(0.85);
    // Doubling every weight changes nothing.
    const w = new Float64Array(3000).fill(2);
    expect(prim(x, y, { weights: w }).boxes[0].limits).toEqual(r.boxes[0].limits);
  });

  it('finds no convincing box in random labels', () => {
    const x = points(1000, 3, 15);
    const coin = createStream(9, 'coin');
    const y = Array.from({ length: 1000 }, () => (coin() < 0.3 ? 1 : 0));
    const box = prim(x, y).boxes[0];
    // The best harmonic mean of coverage and density is then the whole box or close to it.
    expect(box.density).toBeLessThan(0.5);
    expect(box.pValue).toBeGreaterThan(1e-3);
  });

  it('refuses bad options and outcomes', () => {
    const x = points(10, 2, 1);
    expect(() => prim(x, new Array(10).fill(2))).toThrow(/0 or 1/);
    expect(() => prim(x, new Array(10).fill(0), { alpha: 0.7 })).toThrow(/alpha/);
    expect(prim(x, new Array(10).fill(0)).boxes).toEqual([]);
  });

  it('binomial tail: exact small cases', () => {
    expect(binomialUpperTail(0, 5, 0.3)).toBe(1);
    expect(binomialUpperTail(5, 5, 0.5)).toBeCloseTo(1 / 32, 12);
    expect(binomialUpperTail(2, 3, 0.5)).toBeCloseTo(0.5, 12);
  });
});

describe('PRIM on many inputs and few points', () => {
  it('with 10% of labels flipped, peeling restricts inputs the cases do not need; pruning (quasi-p > 0.05) frees them and keeps the planted one', () => {
    const x = points(150, 20, 21);
    const flip = createStream(22, 'flips');
    const y = Array.from({ length: 150 }, (_, i) => ((x[0][i] >= 0.7) !== flip() < 0.1 ? 1 : 0));
    const raw = prim(x, y, { pruneP: 0 }).boxes[0];
    const pruned = prim(x, y).boxes[0];
    expect(raw.restrictions.length).toBeGreaterThan(1);
    expect(pruned.restrictions.map((r) => r.input)).toEqual([0]);
    expect(pruned.restrictions[0].lo).toBeCloseTo(0.7, 1);
    expect(pruned.restrictions[0].pValue).toBeLessThan(1e-6);
    expect(pruned.coverage).toBeGreaterThanOrEqual(raw.coverage);
    expect(pruned.density).toBeGreaterThanOrEqual(0.75);
  });
});
