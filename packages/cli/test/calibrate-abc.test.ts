/**
 * `vraem calibrate --abc` on the two-region fixture with a tiny budget: the ensemble folder of
 * the contract (ensemble.csv + ensemble.json, read back by sim-core's parseEnsemble with its
 * SHA-256), households kept inside the data's ranges, the same ensemble whatever the number of
 * workers, a proposal measured on the mean of its replicates with `--replicates`, a run continued
 * from a saved ensemble with `--continue-from`, and refusals
 * (exit 2, no stack) for what cannot be an ensemble member.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { meanRun, measurePattern, memberAssignments, parseEnsemble, parsePatternsCsv, replicateSeeds, runScenario } from '@vraem/sim-core';
import { readObserved } from '../src/commands/calibrate.ts';
import { loadScenario } from '../src/load.ts';
import { FIXTURES, abcInputs, hasStack, tempDir, vraem, vraemAsync } from './helpers.ts';

const MINI = join(FIXTURES, 'mini.yaml');
const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');

describe('calibrate --abc', () => {
  const dir = tempDir('vraem-abc-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const { observed, prices, patterns, households } = abcInputs(dir, [
    'peru_ha,2010,2010,0,0.15,mape,S,x,area',
    'peru_leaf_price,2010,2010,0,0.2,mape,S,x,leaf price',
    'hcl_price_origin,2010,2010,700,1100,usd_kg,S,x,hcl',
    'sl_fighters_2012,2010,2010,50,150,fighters,M,x,fighters',
    'coca_per_household,2010,2010,0,3,ha_household,W,x,farm structure',
  ]);
  const args = (out: string, extra: string[] = [], files = { patterns, households }) => [
    'calibrate', MINI, '--abc', '--against', observed, '--prices', prices, '--patterns', files.patterns, '--households', files.households,
    '--fit', 'market.demandScale=0.6..1.2', '--until', '2010', '--particles', '10', '--generations', '2', '--budget', '30', '--batch', '10', '--seed', '5', '--out', out, ...extra,
  ];

  it('writes the ensemble of the contract; the same with one worker or two', async () => {
    const [a, b] = await Promise.all([vraemAsync(args(join(dir, 'a'), ['--workers', '1'])), vraemAsync(args(join(dir, 'b'), ['--workers', '2']))]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const out = join(dir, 'a');
    for (const f of ['ensemble.csv', 'ensemble.json', 'members.csv', 'generations.csv', 'summary.json', 'manifest.json']) expect(existsSync(join(out, f)), f).toBe(true);
    const csv = read(out, 'ensemble.csv');
    const e = parseEnsemble(csv, read(out, 'ensemble.json'), createHash('sha256').update(csv).digest('hex'));
    expect(e.levers).toEqual(['market.demandScale', 'regions.vraem-ene.households']);
    expect(e.members).toHaveLength(10);
    expect(e.manifest).toMatchObject({ method: 'abc-smc', scenario: 'mini', seed: 5, accepted: 10 });
    for (const m of e.members) {
      expect(m.values[0]).toBeGreaterThanOrEqual(0.6);
      expect(m.values[0]).toBeLessThanOrEqual(1.2);
      // Households come from the data's range and are whole.
      expect(Number.isInteger(m.values[1])).toBe(true);
      expect(m.values[1]).toBeGreaterThanOrEqual(200);
      expect(m.values[1]).toBeLessThanOrEqual(600);
    }
    const s = JSON.parse(read(out, 'summary.json'));
    expect(s.patterns.map((p: { id: string }) => p.id)).toEqual(['peru_ha', 'peru_leaf_price', 'hcl_price_origin', 'sl_fighters_2012', 'coca_per_household']);
    for (const p of s.patterns) expect(p.shareOfMembers).toBeGreaterThanOrEqual(0);
    expect(s.outOfSample.find((o: { series: string }) => o.series === 'peru_ha').window).toEqual([2011, 2011]);
    expect(s.simulations).toBeLessThanOrEqual(30);
    expect(a.stdout).toMatch(/members within/);
    // The mini scenario has no Bolivia or Colombia: their out-of-sample errors are not written as "- [-, -]".
    expect(a.stdout).toMatch(/out of sample 2011-2011, MAPE over members: peru_ha [\d.]+%/);
    expect(a.stdout).not.toMatch(/\[-, -\]/);
    for (const f of ['ensemble.csv', 'members.csv', 'generations.csv', 'summary.json']) expect(read(join(dir, 'b'), f), f).toBe(read(out, f));
  }, 240_000);

  it('--replicates 2 measures each member on the mean of its two runs, the same with one worker or two', async () => {
    // The budget counts runs: 60 runs are 30 proposals of two runs each.
    const withReplicates = (out: string, workers: string) => [...args(out).map((x, i, all) => (all[i - 1] === '--budget' ? '60' : x)), '--replicates', '2', '--workers', workers];
    const [a, b] = await Promise.all([vraemAsync(withReplicates(join(dir, 'r1'), '1')), vraemAsync(withReplicates(join(dir, 'r2'), '2'))]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const out = join(dir, 'r1');
    for (const f of ['ensemble.csv', 'members.csv', 'summary.json']) expect(read(join(dir, 'r2'), f), f).toBe(read(out, f));
    const summary = JSON.parse(read(out, 'summary.json'));
    expect(summary).toMatchObject({ replicates: 2, budget: 60 });
    expect(summary.simulations).toBeLessThanOrEqual(30);
    expect(a.stdout).toMatch(/simulations of 2 runs each/);

    // Member 0 again, by hand: its two replicate runs, their monthly mean, the patterns on it.
    const csv = read(out, 'ensemble.csv');
    const e = parseEnsemble(csv, read(out, 'ensemble.json'), createHash('sha256').update(csv).digest('hex'));
    const [header, first] = read(out, 'members.csv').trim().split('\n').map((l) => l.split(','));
    const scenario = loadScenario(MINI, { set: memberAssignments(e, Number(first[0])) }).scenario;
    const runs = replicateSeeds(Number(first[header.indexOf('seed')]), 2).map((seed, run) => runScenario(scenario, { seed, run }));
    const data = { coca: readObserved(observed), prices: readObserved(prices, '--prices') };
    for (const t of parsePatternsCsv(read(dir, 'patterns.csv'))) {
      if (t.id === 'coca_per_household') continue;
      expect(measurePattern(t, meanRun(runs), data), t.id).toBe(Number(first[header.indexOf(t.id)]));
    }
    const area = parsePatternsCsv(read(dir, 'patterns.csv')).find((t) => t.id === 'peru_ha')!;
    expect(measurePattern(area, runs[0], data)).not.toBe(measurePattern(area, meanRun(runs), data));
  }, 240_000);

  it('--continue-from goes on from an ensemble: its members, simulated again, are generation 0', () => {
    const base = join(dir, 'c0');
    const next = join(dir, 'c1');
    const b = vraem(args(base, ['--workers', '1']));
    expect(b.code, b.stderr).toBe(0);
    const r = vraem([...args(next, ['--workers', '1', '--continue-from', base]).map((x, i, all) => (all[i - 1] === '--budget' ? '60' : x))]);
    expect(r.code, r.stderr).toBe(0);
    const [header, ...gens] = read(next, 'generations.csv').trim().split('\n').map((l) => l.split(','));
    const g0 = Object.fromEntries(header.map((h, i) => [h, gens[0][i]]));
    expect(g0).toMatchObject({ generation: '0', epsilon: 'Infinity', accepted: '10', simulations: '10' });
    const saved = JSON.parse(read(base, 'ensemble.json'));
    expect(JSON.parse(read(next, 'ensemble.json')).continuedFrom).toMatchObject({ members: 10, sha256: saved.sha256 });
    expect(read(next, 'manifest.json')).toContain(saved.sha256);
    expect(r.stdout).toMatch(/generations after the 10 members of /);

    // A prior that adds a lever: each member's value of it is drawn from the prior, and the
    // record says so.
    const wider = vraem([...args(join(dir, 'c2'), ['--workers', '1', '--continue-from', base, '--fit', 'farmers.ownPasteCostUsdKg=0.1..1.5']).map((x, i, all) => (all[i - 1] === '--budget' ? '60' : x))]);
    expect(wider.code, wider.stderr).toBe(0);
    expect(wider.stdout).toMatch(/after the 10 members of .*c0 \(farmers.ownPasteCostUsdKg drawn from the prior\)/);
    expect(JSON.parse(read(join(dir, 'c2'), 'ensemble.json')).continuedFrom.drawnFromPrior).toEqual(['farmers.ownPasteCostUsdKg']);
    const [head, ...lines] = read(join(dir, 'c2'), 'ensemble.csv').trim().split('\n').map((l) => l.split(','));
    const costs = lines.map((l) => Number(l[head.indexOf('farmers.ownPasteCostUsdKg')]));
    expect(new Set(costs).size).toBeGreaterThan(1);
    for (const c of costs) expect(c >= 0.1 && c <= 1.5).toBe(true);

    // A prior the saved members do not fit: without one of their levers, or a box they lie outside.
    const swap = (from: string, to: string) => args(join(dir, 'refused'), ['--continue-from', base]).map((x) => (x === from ? to : x));
    const other = vraem(swap('market.demandScale=0.6..1.2', 'farmers.responsivenessUsdHa=1000..6000'));
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/--continue-from .*c0: the ensemble has levers the prior does not; not in --fit or --households: market.demandScale/);
    const narrow = vraem(swap('market.demandScale=0.6..1.2', 'market.demandScale=1.19..1.2'));
    expect(narrow.code).toBe(2);
    expect(narrow.stderr).toMatch(/c0: ensemble.csv:\d+: market.demandScale=[\d.]+ lies outside its prior box 1.19..1.2/);
    for (const x of [other, narrow]) expect(hasStack(x.stderr)).toBe(false);
    expect(existsSync(join(dir, 'refused'))).toBe(false);
  }, 240_000);

  it('--sampler mcmc writes the same contract with equal weights, the same with one worker or two', async () => {
    const mc = (out: string, workers: string) => args(out, ['--workers', workers, '--sampler', 'mcmc']).map((x, i, all) => (all[i - 1] === '--budget' ? '50' : all[i - 1] === '--generations' ? '4' : x));
    const [a, b] = await Promise.all([vraemAsync(mc(join(dir, 'm1'), '1')), vraemAsync(mc(join(dir, 'm2'), '2'))]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const out = join(dir, 'm1');
    const csv = read(out, 'ensemble.csv');
    const e = parseEnsemble(csv, read(out, 'ensemble.json'), createHash('sha256').update(csv).digest('hex'));
    expect(e.manifest).toMatchObject({ method: 'abc-smc-mcmc', sampler: 'mcmc', accepted: 10 });
    for (const m of e.members) expect(m.weight).toBeCloseTo(0.1, 12);
    const s = JSON.parse(read(out, 'summary.json'));
    expect(s.simulations).toBeLessThanOrEqual(50);
    expect(s.generations.length).toBeGreaterThan(1);
    const [header, ...rows] = read(out, 'members.csv').trim().split('\n').map((l) => l.split(','));
    for (const r of rows) expect(Number(r[header.indexOf('distance')])).toBeLessThanOrEqual(s.epsilon);
    expect(a.stdout).toMatch(/ABC-SMC with MCMC moves: 10 members/);
    for (const f of ['ensemble.csv', 'members.csv', 'generations.csv', 'summary.json']) expect(read(join(dir, 'm2'), f), f).toBe(read(out, f));
  }, 240_000);

  it('refuses a budget smaller than the prior\'s generation of replicated proposals', () => {
    const r = vraem([...args(join(dir, 'refused')), '--replicates', '4']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--budget 30 runs is less than the 10 particles of the prior's generation × 4 replicates/);
    expect(hasStack(r.stderr)).toBe(false);
    expect(existsSync(join(dir, 'refused'))).toBe(false);
  });

  it.each([
    [['--fit', 'states.PE.interdiction=*0.5..1.5'], /scale factor/],
    [['--fit', 'states.PE.interdiction=0.1..0.9'], /events of the scenario set/],
    [['--fit', 'regions.vraem-ene.households=100..900'], /comes from --households/],
  ])('refuses %s with exit 2', (extra, message) => {
    const r = vraem(args(join(dir, 'refused'), extra));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(hasStack(r.stderr)).toBe(false);
    expect(existsSync(join(dir, 'refused'))).toBe(false);
  });

  it('refuses a households file naming a region the scenario lacks, and a pattern past --until', () => {
    const bad = join(dir, 'bad-households.csv');
    writeFileSync(bad, 'region,low,high\nvraem-mantaro,10,20\n');
    const r = vraem(args(join(dir, 'refused'), [], { patterns, households: bad }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-households.csv:2: region "vraem-mantaro"/);
    const late = join(dir, 'late.csv');
    writeFileSync(late, 'id,from,to,low,high,unit,quality,source,what\nperu_ha,2010,2011,0,0.15,mape,S,x,area\n');
    const r2 = vraem(args(join(dir, 'refused'), [], { patterns: late, households }));
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/peru_ha \(to 2011\) reach past --until 2010/);
    expect(hasStack(r2.stderr)).toBe(false);
  });
});
