import { describe, it, expect } from 'vitest';
import { fromUnit, morrisDesign, morrisEffects, oatDesign, oatEffects, rankMorris, toUnit } from '../src/analysis/sensitivity.ts';

const outputsOf = (design: ReturnType<typeof morrisDesign>, f: (x: number[]) => number) => design.trajectories.map((pts) => pts.map(f));

describe('Morris design', () => {
  it('has r trajectories of k + 1 grid points, each step moving one factor by Δ', () => {
    const d = morrisDesign(5, { r: 6, levels: 4, seed: 11 });
    expect(d.delta).toBeCloseTo(2 / 3, 12);
    expect(d.trajectories).toHaveLength(6);
    d.trajectories.forEach((pts, t) => {
      expect(pts).toHaveLength(6);
      expect([...d.changed[t]].sort()).toEqual([0, 1, 2, 3, 4]); // every factor moves once
      for (const p of pts) for (const x of p) expect([0, 1 / 3, 2 / 3, 1].some((g) => Math.abs(g - x) < 1e-12)).toBe(true);
      for (let j = 0; j < 5; j++) {
        const moved = pts[j].map((x, i) => (Math.abs(pts[j + 1][i] - x) > 1e-12 ? i : -1)).filter((i) => i >= 0);
        expect(moved).toEqual([d.changed[t][j]]);
        expect(Math.abs(pts[j + 1][moved[0]] - pts[j][moved[0]])).toBeCloseTo(d.delta, 12);
      }
    });
  });
  it('is deterministic from its seed', () => {
    expect(morrisDesign(4, { r: 3, seed: 5 })).toEqual(morrisDesign(4, { r: 3, seed: 5 }));
    expect(morrisDesign(4, { r: 3, seed: 5 })).not.toEqual(morrisDesign(4, { r: 3, seed: 6 }));
  });
  it('refuses odd levels and empty designs', () => {
    expect(() => morrisDesign(3, { levels: 3 })).toThrow(/even/);
    expect(() => morrisDesign(0)).toThrow();
  });
});

describe('Morris effects', () => {
  it('ranks the inputs of a known additive model by their coefficients, with σ = 0', () => {
    const coef = [1, 10, 0, -5, 2.5];
    const d = morrisDesign(coef.length, { r: 8, levels: 6, seed: 3 });
    const effects = morrisEffects(d, outputsOf(d, (x) => x.reduce((s, xi, i) => s + coef[i] * xi, 7)));
    effects.forEach((e, i) => {
      expect(e.muStar).toBeCloseTo(Math.abs(coef[i]), 9);
      expect(e.mu).toBeCloseTo(coef[i], 9);
      expect(e.sigma).toBeCloseTo(0, 9);
      expect(e.n).toBe(8);
    });
    expect(rankMorris(effects).map((e) => e.factor)).toEqual([1, 3, 4, 0, 2]);
  });
  it('shows interaction as σ > 0 and a non-influential input as μ* = 0', () => {
    const d = morrisDesign(3, { r: 10, seed: 4 });
    const effects = morrisEffects(d, outputsOf(d, ([a, b]) => 4 * a * b));
    expect(effects[0].sigma).toBeGreaterThan(0);
    expect(effects[1].sigma).toBeGreaterThan(0);
    expect(effects[2].muStar).toBe(0);
  });
  it('divides by the change actually applied and skips moves that changed nothing', () => {
    const d = morrisDesign(2, { r: 3, seed: 8 });
    // factor 1 is "rounded away": applied values never move
    const applied = d.trajectories.map((pts) => pts.map((p) => [p[0], 0.5]));
    const effects = morrisEffects(d, outputsOf(d, ([a]) => 3 * a), applied);
    expect(effects[0].muStar).toBeCloseTo(3, 9);
    expect(effects[1].n).toBe(0);
  });
});

describe('one at a time', () => {
  it('moves each factor to both ends with the others at base, and ranks by swing', () => {
    const d = oatDesign([0.5, 0.2, 0.9]);
    expect(d.points).toEqual([
      [0.5, 0.2, 0.9],
      [0, 0.2, 0.9],
      [1, 0.2, 0.9],
      [0.5, 0, 0.9],
      [0.5, 1, 0.9],
      [0.5, 0.2, 0],
      [0.5, 0.2, 1],
    ]);
    const effects = oatEffects(d, d.points.map(([a, b, c]) => 2 * a - 6 * b + c * c));
    expect(effects.map((e) => e.factor)).toEqual([1, 0, 2]);
    expect(effects[0].effect).toBeCloseTo(-6, 12);
    expect(effects[0].low - effects[0].base).toBeCloseTo(6 * 0.2, 12);
    expect(effects[2].effect).toBeCloseTo(1, 12);
    expect(() => oatEffects(d, [1, 2])).toThrow(/expected 7/);
  });
  it('maps unit values to ranges and back (integers rounded)', () => {
    expect(fromUnit(0.5, [1, 30], true)).toBe(16);
    expect(fromUnit(0.25, [0, 2])).toBe(0.5);
    expect(toUnit(1500, [1000, 3000])).toBe(0.25);
    expect(toUnit(5, [5, 5])).toBe(0);
  });
});
