/**
 * What the commands print with counts of one: they agree with their nouns ("1 run", not "1 runs")
 * in sweep's plan line, robust's table head and discover's summary and report, on the two-region fixture (a few seconds); and `verify`'s closing line.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, tempDir, vraem } from './helpers.ts';

const MINI = join(FIXTURES, 'mini.yaml');

describe('counts of one', () => {
  const dir = tempDir('vraem-wording-');
  const ens = join(dir, 'ens');
  mkdirSync(ens);
  const csv = 'member,weight,market.demandScale,regions.vraem-ene.households\n0,0.5,0.8,300\n1,0.5,1,400\n';
  writeFileSync(join(ens, 'ensemble.csv'), csv);
  writeFileSync(
    join(ens, 'ensemble.json'),
    JSON.stringify({ format: 'vraem-ensemble/1', scenario: 'mini', levers: ['market.demandScale', 'regions.vraem-ene.households'], method: 'abc-smc', seed: 5, accepted: 2, command: 'x', version: '1', sha256: createHash('sha256').update(csv).digest('hex') }),
  );

  it('verify and report: a failed check ends with its verdict, not an extra problem and "nothing was run"', () => {
    const run = join(dir, 'run');
    expect(vraem(['run', MINI, '--runs', '1', '--workers', '1', '--out', run]).code).toBe(0);
    const series = join(run, 'series.csv');
    writeFileSync(series, readFileSync(series, 'utf8').replace(/\n0,/, '\n1,'));
    const r = vraem(['verify', run]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines, r.stderr).toHaveLength(2);
    expect(lines[0]).toContain(`${series}: does not match its checksum`);
    expect(lines[1]).toBe(`vraem: ${run} failed verification (1 problem)`);
    // report refuses it the same way: the problem, then why nothing was drawn.
    const rep = vraem(['report', run]);
    expect(rep.code).toBe(2);
    expect(rep.stderr.trimEnd().split('\n')).toEqual([lines[0], `vraem: ${run}: the folder failed its integrity check (vraem verify ${run}); refusing to read it`]);
  });

  it('sweep: 1 design row × 1 run', () => {
    const r = vraem(['sweep', MINI, '--vary', 'market.demandScale=0.9', '--runs', '1', '--workers', '1', '--out', join(dir, 'sweep')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^1 design row × 1 run$/m);
  });

  it('robust: 2 members × 1 run; discover: 1 case of interest, and its settings refused by flag', () => {
    const other = join(dir, 'other.yaml');
    writeFileSync(other, `extends: ${JSON.stringify(MINI)}\nname: mini-other\nmarket:\n  demandIndex: 1.2\n`);
    const r = vraem(['robust', MINI, other, '--ensemble', ens, '--runs', '1', '--workers', '1', '--out', join(dir, 'robust')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/; 2 members × 1 run each, the same seeds for every policy$/m);
    const c = vraem(['compare', MINI, other, '--ensemble', ens, '--runs', '2', '--workers', '1', '--out', join(dir, 'compare')]);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toMatch(/^2 members × 2 paired runs; total variance/m);

    // discover over that comparison, with a threshold only the member of most coca meets.
    const [head, ...rows] = readFileSync(join(dir, 'compare', 'members.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const at = (name: string) => head.indexOf(name);
    const coca = rows.filter((r) => r[at('window')] === 'programme' && r[at('region')] === 'PE' && r[at('side')] === 'a').map((r) => Number(r[at('coca_ha')]));
    expect(coca).toHaveLength(2);
    expect(coca[0]).not.toBe(coca[1]);
    const d = vraem(['discover', join(dir, 'compare'), '--metric', 'coca_ha', '--row', 'PE', '--threshold', `>=${Math.max(...coca)}`, '--out', join(dir, 'discover')]);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toMatch(/^1 of 2 members is a case of interest \(/m);
    expect(readFileSync(join(dir, 'discover', 'report.html'), 'utf8')).toContain('1 case of interest among 2 points');

    // PRIM's settings are refused by their flag, before anything is written.
    for (const [flag, value, message] of [
      ['--boxes', '0', /^--boxes: expected a whole number from 1 to 100, got 0$/],
      ['--alpha', '0', /^--alpha: expected a share of points peeled a step, above 0 and below 0.5, got 0$/],
      ['--min-support', '1.5', /^--min-support: expected a share of points above 0 and at most 1, got 1.5$/],
      ['--step', '999', /^--step 999 is not on the trajectory \(0\.\.\d+\)$/],
    ] as const) {
      const bad = vraem(['discover', join(dir, 'compare'), '--metric', 'coca_ha', '--threshold', '>0', flag, value, '--out', join(dir, 'never')]);
      expect(bad.code, bad.stderr).toBe(2);
      expect(bad.stderr.trimEnd()).toMatch(message);
    }
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});
