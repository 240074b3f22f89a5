/**
 * `vraem discover` and `vraem robust` (issue 18). Discover reads a sweep folder written here by
 * hand with a planted rule (coca falls below a line exactly where two levers sit in a corner), so
 * the box it must name is known; it refuses a bad threshold and a folder it cannot read. Robust
 * runs two policies over a small hand-made ensemble (a test fixture, not a posterior) with the
 * same seeds, and its regret table must be consistent: regrets ≥ 0, a best policy in every member,
 * the minimax choice the one of smallest worst regret.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { METRICS } from '@vraem/sim-core';
import { tempDir, vraemAsync } from './helpers.ts';

const root = tempDir('vraem-discover-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A sweep folder of 10 × 10 design points over two levers, 2 runs each; coca low where a ≥ 0.6 and b ≤ 0.3. */
function plantedSweep(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ createdBy: 'vraem', command: 'sweep', scenario: { name: 'planted' } }));
  let design = 'point,a,b,replicate,seed\n';
  let reps = ['point', 'run', 'seed', 'window', 'region', ...METRICS].join(',') + '\n';
  let point = 0;
  for (let i = 0; i < 10; i++) {
    for (let j = 0; j < 10; j++, point++) {
      const a = i / 9;
      const b = j / 9;
      for (let run = 0; run < 2; run++) {
        design += `${point},${a},${b},${run},${point * 2 + run}\n`;
        const coca = a >= 0.6 && b <= 0.3 ? 1000 + run : 5000 + run;
        for (const w of ['finalYear', 'wholeRun']) reps += `${point},${run},${point * 2 + run},${w},PE,${METRICS.map((m) => (m === 'coca_ha' ? coca : 0)).join(',')}\n`;
      }
    }
  }
  writeFileSync(join(dir, 'design.csv'), design);
  writeFileSync(join(dir, 'replicates.csv'), reps);
  return dir;
}

describe('vraem discover', () => {
  it('names the planted box of a sweep with its coverage, density and trajectory', async () => {
    const sweep = plantedSweep(join(root, 'sweep'));
    const out = join(root, 'disc');
    const r = await vraemAsync(['discover', sweep, '--metric', 'coca_ha', '--row', 'PE', '--threshold', '<2000', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/24 of 200 runs are cases of interest/);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const box = s.boxes[0];
    expect(box.coverage).toBeGreaterThanOrEqual(0.9);
    expect(box.density).toBeGreaterThanOrEqual(0.9);
    expect(box.restrictions).toEqual([
      { input: 0, name: 'a', pValue: expect.any(Number), lo: expect.closeTo(6 / 9, 6), hi: null },
      { input: 1, name: 'b', pValue: expect.any(Number), lo: null, hi: expect.closeTo(2 / 9, 6) },
    ]);
    expect(r.stdout).toMatch(/a ≥ 0\.667 and b ≤ 0\.222/);
    expect(readFileSync(join(out, 'trajectory.csv'), 'utf8')).toMatch(/^box,step,coverage,density,support,restricted\n1,0,1,0\.12,1,\n/);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(existsSync(join(out, 'prim-trajectory.png'))).toBe(true);
  });

  it('refuses a bad threshold, an unknown metric and a folder that is not a sweep or an ensemble comparison', async () => {
    const sweep = plantedSweep(join(root, 'sweep2'));
    const runDir = join(root, 'notsweep');
    mkdirSync(runDir);
    writeFileSync(join(runDir, 'manifest.json'), JSON.stringify({ createdBy: 'vraem', command: 'run', scenario: { name: 'x' } }));
    const [a, b, c] = await Promise.all([
      vraemAsync(['discover', sweep, '--metric', 'coca_ha', '--threshold', 'about 5', '--out', join(root, 'd1')]),
      vraemAsync(['discover', sweep, '--metric', 'coca', '--threshold', '<5', '--out', join(root, 'd2')]),
      vraemAsync(['discover', runDir, '--metric', 'coca_ha', '--threshold', '<5', '--out', join(root, 'd3')]),
    ]);
    expect([a.code, b.code, c.code]).toEqual([2, 2, 2]);
    expect(a.stderr).toMatch(/--threshold about 5: expected an operator and a number/);
    expect(b.stderr).toMatch(/--metric coca: not a metric/);
    expect(c.stderr).toMatch(/discover reads a sweep folder or a compare --ensemble folder \(this one is from "run"\)/);
  });
});

describe('vraem robust', () => {
  it('runs every policy in every member with the same seeds; regret and the minimax choice are consistent', async () => {
    const ens = join(root, 'ens');
    mkdirSync(ens);
    const csv = 'member,weight,firmas.count\n0,0.5,3\n1,0.5,10\n';
    writeFileSync(join(ens, 'ensemble.csv'), csv);
    writeFileSync(join(ens, 'ensemble.json'), JSON.stringify({ format: 'vraem-ensemble/1', scenario: 'baseline', levers: ['firmas.count'], method: 'test fixture', seed: 1, accepted: 2, command: 'hand-written', version: '0', sha256: createHash('sha256').update(csv).digest('hex') }));
    const out = join(root, 'rob');
    const r = await vraemAsync(['robust', 'scenarios/baseline.yaml', 'scenarios/alternative-development.yaml', '--ensemble', ens, '--runs', '1', '--set', 'householdsPerAgent=40', '--set', 'months=120', '--workers', '2', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(s.window.fromDate).toBe('2012-01');
    expect(s.outcomes).toHaveLength(2);
    for (let m = 0; m < 2; m++) {
      const regrets = s.policies.map((p: { regret: number[] }) => p.regret[m]);
      for (const x of regrets) expect(x).toBeGreaterThanOrEqual(0);
      expect(Math.min(...regrets)).toBe(0);
      // Regret is the shortfall against the best (least coca) in the member.
      const best = Math.min(s.outcomes[0][m], s.outcomes[1][m]);
      expect(regrets[0]).toBeCloseTo(s.outcomes[0][m] - best, 6);
    }
    const worst = s.policies.map((p: { maxRegret: number }) => p.maxRegret);
    expect(s.policies[worst.indexOf(Math.min(...worst))].policy).toBe(s.minimaxRegret);
    expect(r.stdout).toMatch(new RegExp(`\\* minimax regret: ${s.minimaxRegret}`));
    expect(readFileSync(join(out, 'outcomes.csv'), 'utf8').trim().split('\n')).toHaveLength(3);
    expect(existsSync(join(out, 'regret.png'))).toBe(true);
  }, 300_000);
});
