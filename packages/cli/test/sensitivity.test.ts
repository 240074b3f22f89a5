/**
 * `vraem sensitivity` on the two-region fixture with tiny designs: OAT and Morris folders, the
 * paired comparison, grouped and skipped levers, and refusals.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, hasStack, tempDir, vraem, vraemAsync } from './helpers.ts';

const MINI = join(FIXTURES, 'mini.yaml');
const CHILD = join(FIXTURES, 'child.yaml');
const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');
const LEVERS = 'farmers.responsivenessUsdHa,regions.*.marketAccess,firmas.leafSupplyElasticity';

describe('sensitivity', () => {
  const dir = tempDir('vraem-sensitivity-');

  it('one at a time: 2k + 1 points, a ranking by swing, a tornado chart; the same with 1 or 2 workers', async () => {
    const base = ['sensitivity', MINI, '--metric', 'coca_ha', '--row', 'PE', '--method', 'oat', '--levers', LEVERS];
    const [a, b] = await Promise.all([vraemAsync([...base, '--workers', '1', '--out', join(dir, 'oat1')]), vraemAsync([...base, '--workers', '2', '--out', join(dir, 'oat2')])]);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const out = join(dir, 'oat1');
    for (const f of ['summary.json', 'design.csv', 'sensitivity.png', 'manifest.json']) expect(existsSync(join(out, f)), f).toBe(true);
    const s = JSON.parse(read(out, 'summary.json'));
    expect(s.method).toBe('oat');
    expect(s.design.points).toBe(7);
    expect(s.factors.map((f: { name: string }) => f.name).sort()).toEqual(['farmers.responsivenessUsdHa', 'firmas.leafSupplyElasticity', 'regions.*.marketAccess']);
    expect(s.factors.find((f: { name: string }) => f.name === 'regions.*.marketAccess').members).toEqual(['regions.vraem-ene.marketAccess', 'regions.vraem-apurimac.marketAccess']);
    const swings = s.ranking.map((x: { swing: number }) => x.swing);
    expect([...swings].sort((x: number, y: number) => y - x)).toEqual(swings);
    expect(read(out, 'design.csv').trim().split('\n')).toHaveLength(1 + 7);
    expect(read(out, 'summary.json')).toBe(read(join(dir, 'oat2'), 'summary.json'));
    expect(a.stdout).toMatch(/high − low/);
  });

  it('Morris on the paired difference B − A, levers set by events skipped by default', () => {
    const out = join(dir, 'morris');
    const r = vraem(['sensitivity', MINI, '--compare', CHILD, '--metric', 'leaf_price_usd_kg', '--row', 'PE', '--window', 'wholeRun', '--trajectories', '2', '--runs', '1', '--workers', '2', '--levers', LEVERS, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(read(out, 'summary.json'));
    expect(s.compare).toBe('child');
    expect(s.design).toMatchObject({ trajectories: 2, levels: 4, points: 2 * 4 });
    expect(s.ranking).toHaveLength(3);
    expect(s.ranking[0]).toHaveProperty('muStar');
    const mu = s.ranking.map((x: { muStar: number }) => x.muStar);
    expect([...mu].sort((x: number, y: number) => y - x)).toEqual(mu);
    expect(r.stdout).toMatch(/child − mini/);

    const all = vraem(['sensitivity', MINI, '--compare', CHILD, '--metric', 'coca_ha', '--trajectories', '1', '--set', 'months=12', '--out', join(dir, 'all')]);
    expect(all.code).toBe(0);
    const t = JSON.parse(read(join(dir, 'all'), 'summary.json'));
    const skipped = t.skipped.map((x: { lever: string }) => x.lever);
    expect(skipped).toContain('states.PE.interdiction');
    expect(skipped).toContain('firmas.count');
    expect(t.factors.map((f: { name: string }) => f.name)).not.toContain('months');
    expect(t.factors.length).toBeGreaterThan(40);
  });

  it('refuses a bad metric, row or lever with exit 2 and no stack', () => {
    const cases: [string[], RegExp][] = [
      [['--metric', 'coca'], /unknown metric/],
      [['--metric', 'coca_ha', '--row', 'XX'], /not a row/],
      [['--metric', 'coca_ha', '--levers', 'farmers.nothing'], /not a number lever with a documented range/],
      [['--metric', 'coca_ha', '--levels', '3'], /even/],
    ];
    for (const [extra, message] of cases) {
      const r = vraem(['sensitivity', MINI, '--out', join(dir, 'never'), ...extra]);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(hasStack(r.stderr)).toBe(false);
    }
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});
