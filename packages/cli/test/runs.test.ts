/**
 * Commands that run the engine, kept short (the two-region, two-year fixture): output files and
 * their format, determinism across repeats and worker counts, a sweep split into shards and
 * merged equal to the unsharded sweep byte for byte, compare's paired folders, default folders
 * that never collide, and Ctrl-C leaving nothing behind.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, folderFiles, hasStack, tempDir, vraem, vraemAsync, killMidway } from './helpers.ts';
import { METRICS, SERIES_HEADER } from '../src/core.ts';

const MINI = join(FIXTURES, 'mini.yaml');
const CHILD = join(FIXTURES, 'child.yaml');
const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');

describe('run', () => {
  const dir = tempDir();
  const w1 = join(dir, 'w1');
  const w2 = join(dir, 'w2');

  it('writes series.csv, summary.json, manifest.json and a report; same output with 1 or 2 workers', async () => {
    const [a, b] = await Promise.all([
      vraemAsync(['run', MINI, '--runs', '3', '--workers', '1', '--out', w1]),
      vraemAsync(['run', MINI, '--runs', '3', '--workers', '2', '--out', w2]),
    ]);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(a.stdout).toMatch(/Coca \(ha\)/);
    expect(a.stdout).toMatch(/mean over 3 runs \[95% interval\]/);
    for (const f of ['series.csv', 'summary.json', 'manifest.json', 'report.html']) expect(existsSync(join(w1, f)), f).toBe(true);
    expect(read(w1, 'series.csv')).toBe(read(w2, 'series.csv'));
    expect(read(w1, 'summary.json')).toBe(read(w2, 'summary.json'));

    const lines = read(w1, 'series.csv').trim().split('\n');
    expect(lines[0]).toBe(SERIES_HEADER);
    expect(lines[0]).toBe(`run,seed,tick,date,region,${METRICS.join(',')}`);
    // 3 runs × 24 months × (2 regions + PE, BO, CO + ALL)
    expect(lines).toHaveLength(1 + 3 * 24 * 6);
    expect(lines.map((l) => l.split(',')[0])).toEqual(['run', ...[0, 1, 2].flatMap((r) => Array(24 * 6).fill(String(r)))]);

    const m = JSON.parse(read(w1, 'manifest.json'));
    expect(m).toMatchObject({ createdBy: 'vraem', command: 'run', version: '0.1.0' });
    expect(m.seeds).toHaveLength(3);
    expect(m.seeds[0]).toBe(7);
    expect(m.scenario.months).toBe(24);
    expect(m.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(m.commandLine).toContain('--runs 3');
    expect(readdirSync(dir).sort()).toEqual(['w1', 'w2']);
  });

  it('repeats byte for byte with the same seed and differs with another; --set and --check reach the run', async () => {
    const again = join(dir, 'again');
    const other = join(dir, 'other');
    const set = join(dir, 'set');
    const [r1, r2, r3] = await Promise.all([
      vraemAsync(['run', MINI, '--runs', '3', '--out', again]),
      vraemAsync(['run', MINI, '--runs', '3', '--seed', '8', '--out', other]),
      vraemAsync(['run', MINI, '--runs', '1', '--check', '--set', 'firmas.count=2', '--set', 'months=18', '--out', set]),
    ]);
    expect([r1.code, r2.code, r3.code]).toEqual([0, 0, 0]);
    expect(read(again, 'series.csv')).toBe(read(w1, 'series.csv'));
    expect(read(other, 'series.csv')).not.toBe(read(w1, 'series.csv'));
    const m = JSON.parse(read(set, 'manifest.json'));
    expect(m.scenario.firmas.count).toBe(2);
    expect(m.overrides).toEqual(['firmas.count=2', 'months=18']);
    expect(read(set, 'series.csv').trim().split('\n')).toHaveLength(1 + 18 * 6);
  });

  it('replaces a vraem folder with --force', () => {
    const r = vraem(['run', MINI, '--runs', '1', '--set', 'months=18', '--out', w2, '--force']);
    expect(r.code).toBe(0);
    expect(JSON.parse(read(w2, 'manifest.json')).seeds).toHaveLength(1);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('writes to a new runs/<command>-<scenario>-<timestamp>/ folder each time without --out', async () => {
    const cwd = tempDir();
    const a = await vraemAsync(['run', MINI, '--runs', '1', '--set', 'months=18'], cwd);
    const b = await vraemAsync(['run', MINI, '--runs', '1', '--set', 'months=18'], cwd);
    expect([a.code, b.code]).toEqual([0, 0]);
    const made = readdirSync(join(cwd, 'runs')).sort();
    expect(made).toHaveLength(2);
    for (const f of made) expect(f).toMatch(/^run-mini-\d{8}-\d{6}(-\d+)?$/);
    expect(a.stdout).toContain(`results: `);
  });
});

describe('Ctrl-C', () => {
  it('leaves no output folder and no temporary folder', async () => {
    const dir = tempDir();
    const { code, stderr } = await killMidway(['run', MINI, '--runs', '200', '--workers', '1', '--set', 'months=600', '--out', join(dir, 'out')], dir, 'SIGINT');
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted by SIGINT; no output was left behind/);
    expect(hasStack(stderr)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('compare', () => {
  it('writes a/ and b/ run folders with shared seeds and the paired comparison, and prints B − A', () => {
    const out = join(tempDir(), 'cmp');
    const r = vraem(['compare', MINI, CHILD, '--runs', '3', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/A: mini\s+B: child\s+B − A/);
    expect(r.stdout).toMatch(/the interval of B − A excludes zero/);
    for (const f of ['a/series.csv', 'a/summary.json', 'a/manifest.json', 'b/series.csv', 'summary.json', 'manifest.json', 'report.html']) expect(existsSync(join(out, f)), f).toBe(true);
    const seedsOf = (f: string) => [...new Set(read(out, f).trim().split('\n').slice(1).map((l) => l.split(',')[1]))];
    expect(seedsOf('a/series.csv')).toEqual(seedsOf('b/series.csv'));
    const m = JSON.parse(read(out, 'manifest.json'));
    expect(m.command).toBe('compare');
    expect(Object.keys(m.scenarios)).toEqual(['a', 'b']);
    const s = JSON.parse(read(out, 'summary.json'));
    expect(s.metrics.coca_ha.PE.finalYear.diff.mean).toBeCloseTo(s.metrics.coca_ha.PE.finalYear.b.mean - s.metrics.coca_ha.PE.finalYear.a.mean, 6);
  });

  it('refuses a bad side or scenarios of different lengths before running', () => {
    const out = join(tempDir(), 'cmp');
    const bad = vraem(['compare', MINI, join(FIXTURES, 'three-mistakes.yaml'), '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/three-mistakes\.yaml:5:17/);
    const long = vraem(['compare', MINI, join(FIXTURES, 'mini-long.yaml'), '--out', out]);
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/must share start and months to be compared/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('sweep and merge', () => {
  const dir = tempDir();
  const vary = ['--vary', 'firmas.count=1,4', '--vary', 'states.PE.interdiction=0.1,0.6', '--runs', '2'];

  it('a sweep in 3 shards merged equals the unsharded sweep byte for byte', async () => {
    const runs = await Promise.all([
      vraemAsync(['sweep', MINI, ...vary, '--out', join(dir, 'whole')]),
      ...[0, 1, 2].map((i) => vraemAsync(['sweep', MINI, ...vary, '--shard', `${i}/3`, '--workers', '1', '--out', join(dir, `shard${i}`)])),
    ]);
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    expect(runs[1].stdout).toMatch(/shard 0\/3: tasks 0\.\.1 of 8/);
    // merge takes the shards in any order
    const m = vraem(['merge', join(dir, 'shard2'), join(dir, 'shard0'), join(dir, 'shard1'), '--out', join(dir, 'merged')]);
    expect(m.stderr).toBe('');
    expect(m.code).toBe(0);

    const whole = folderFiles(join(dir, 'whole'));
    const merged = folderFiles(join(dir, 'merged'));
    expect([...merged.keys()]).toEqual([...whole.keys()]);
    const commandOf = (files: Map<string, Buffer>) => JSON.parse(files.get('manifest.json')!.toString()).commandLine as string;
    for (const [name, bytes] of whole) {
      if (name === 'manifest.json') continue;
      if (name === 'report.html') {
        // The report quotes the command line that made the folder; everything else is the same.
        expect(merged.get(name)!.toString().replace(commandOf(merged), '')).toBe(bytes.toString().replace(commandOf(whole), ''));
        continue;
      }
      expect(merged.get(name)!.equals(bytes), name).toBe(true);
    }
    const strip = (b: Buffer) => {
      const { commandLine, mergedFrom, ...rest } = JSON.parse(b.toString());
      return rest;
    };
    expect(strip(merged.get('manifest.json')!)).toEqual(strip(whole.get('manifest.json')!));

    const design = read(join(dir, 'whole'), 'design.csv').trim().split('\n');
    expect(design[0]).toBe('point,firmas.count,states.PE.interdiction,replicate,seed');
    expect(design.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      '0,1,0.1,0', '0,1,0.1,1', '1,1,0.6,0', '1,1,0.6,1', '2,4,0.1,0', '2,4,0.1,1', '3,4,0.6,0', '3,4,0.6,1',
    ]);
    const series = read(join(dir, 'whole'), 'series.csv').split('\n');
    expect(series[0]).toBe(`point,${SERIES_HEADER}`);
    const summary = JSON.parse(read(join(dir, 'whole'), 'summary.json'));
    expect(summary.levers).toEqual(['firmas.count', 'states.PE.interdiction']);
    expect(summary.points).toHaveLength(4);
    expect(summary.points[3].values).toEqual({ 'firmas.count': 4, 'states.PE.interdiction': 0.6 });
    expect(summary.points[3].summary.runs).toBe(2);
  });

  it('gives a design row the same seeds whatever the order of --vary', () => {
    const out = join(dir, 'reordered');
    const r = vraem(['sweep', MINI, '--vary', 'states.PE.interdiction=0.6,0.1', '--vary', 'firmas.count=4,1', '--runs', '2', '--out', out]);
    expect(r.code).toBe(0);
    const seeds = (d: string) =>
      new Map(
        read(d, 'design.csv')
          .trim()
          .split('\n')
          .slice(1)
          .map((l) => {
            const [, a, b, rep, seed] = l.split(',');
            const [fc, pi] = d.endsWith('reordered') ? [b, a] : [a, b];
            return [`${fc}|${pi}|${rep}`, seed];
          }),
      );
    expect(seeds(out)).toEqual(seeds(join(dir, 'whole')));
  });

  it('refuses incomplete, duplicated or mixed shards', () => {
    const missing = vraem(['merge', join(dir, 'shard0'), join(dir, 'shard2'), '--out', join(dir, 'm1')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing shard 1\/3 of 3/);
    const dup = vraem(['merge', join(dir, 'shard0'), join(dir, 'shard0'), join(dir, 'shard1'), '--out', join(dir, 'm2')]);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/shard 0\/3 is given twice/);
    const mixed = vraem(['merge', join(dir, 'shard0'), join(dir, 'whole'), '--out', join(dir, 'm3')]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/not a shard of a vraem sweep/);
    for (const f of ['m1', 'm2', 'm3']) expect(existsSync(join(dir, f))).toBe(false);
  });

  it('runs a Latin hypercube design', () => {
    const out = join(dir, 'lhs');
    const r = vraem(['sweep', MINI, '--design', 'lhs', '--samples', '3', '--vary', 'market.demandIndex=0.5..2', '--vary', 'firmas.count=1..6', '--runs', '1', '--set', 'months=18', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = read(out, 'design.csv').trim().split('\n').slice(1).map((l) => l.split(','));
    expect(rows).toHaveLength(3);
    for (const [, d, c] of rows) {
      expect(Number(d)).toBeGreaterThanOrEqual(0.5);
      expect(Number(d)).toBeLessThanOrEqual(2);
      expect(Number.isInteger(Number(c))).toBe(true);
    }
  });
});
