/**
 * `vraem calibrate` on the two-region fixture with tiny budgets: the output folder, the fitted
 * scenario (it extends the input and validates), determinism, scaled event levers, and refusals.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, hasStack, tempDir, vraem, vraemAsync, killMidway } from './helpers.ts';

const MINI = join(FIXTURES, 'mini.yaml');
const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');

describe('calibrate', () => {
  const dir = tempDir('vraem-calibrate-');
  const observed = join(dir, 'observed.csv');
  writeFileSync(observed, 'year,series,value,quality\n2010,peru_ha,700,S\n2011,peru_ha,650,S\n2010,peru_eradicated_ha,50,S\n');
  const args = (out: string, extra: string[] = []) => [
    'calibrate', MINI, '--against', observed, '--fit', 'regions.vraem-ene.households=100..1000', '--until', '2010', '--budget', '8', '--runs', '2', '--out', out, ...extra,
  ];

  it('writes the fitted scenario, summary, history, charts and manifest; the same twice', async () => {
    const [a, b] = await Promise.all([vraemAsync(args(join(dir, 'a'), ['--scenario-out', join(dir, 'fitted', 'mini-fit.yaml')])), vraemAsync(args(join(dir, 'b')))]);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const out = join(dir, 'a');
    for (const f of ['mini-fit.yaml', 'summary.json', 'history.csv', 'manifest.json', 'fit-peru_ha.png']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(a.stdout).toMatch(/objective/);
    expect(a.stdout).toMatch(/peru_ha/);
    const s = JSON.parse(read(out, 'summary.json'));
    expect(s.series).toEqual(['peru_ha']);
    expect(s.windows).toEqual({ inSample: [2010, 2010], outOfSample: [2011, 2011] });
    expect(s.optimiser.candidates).toBe(4);
    expect(s.optimiser.evaluated).toBe(4);
    expect(s.parameters[0]).toMatchObject({ path: 'regions.vraem-ene.households', mode: 'set', lo: 100, hi: 1000, start: 300 });
    expect(s.fitted.inSample[0].n).toBe(1);
    expect(s.fitted.outOfSample[0].n).toBe(1);
    expect(s.objective.fitted).toBeLessThanOrEqual(s.objective.start + 1e-12);
    expect(read(out, 'history.csv').trim().split('\n')).toHaveLength(1 + 4);
    expect(read(out, 'summary.json')).toBe(read(join(dir, 'b'), 'summary.json'));
    expect(read(out, 'history.csv')).toBe(read(join(dir, 'b'), 'history.csv'));
    const yaml = read(out, 'mini-fit.yaml');
    expect(yaml).toMatch(/^# Fitted by vraem calibrate/);
    expect(yaml).toMatch(/Budget: 8 runs = 4 candidates × 2 replicates/);
    expect(yaml).toMatch(/seed 7/);
    // The copy written with --scenario-out extends the input relative to itself, and validates.
    const copy = join(dir, 'fitted', 'mini-fit.yaml');
    expect(read(dir, 'fitted/mini-fit.yaml')).toMatch(/extends: \.\.\/.*mini\.yaml/);
    const v = vraem(['validate', copy, join(out, 'mini-fit.yaml')]);
    expect(v.stderr).toBe('');
    expect(v.code).toBe(0);
  });

  it('scales a lever that events set, rewriting its events', () => {
    const out = join(dir, 'scaled');
    const r = vraem(['calibrate', MINI, '--against', observed, '--fit', 'states.PE.interdiction=*0.5..1.5', '--until', '2010', '--budget', '3', '--runs', '1', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const yaml = read(out, 'mini-fit.yaml');
    expect(yaml).toMatch(/at: 2011-01/);
    expect(yaml).toMatch(/states\.PE\.interdiction: /);
    expect(vraem(['validate', join(out, 'mini-fit.yaml')]).code).toBe(0);
    // Setting (not scaling) a lever that events set: allowed, with a note saying until when it holds.
    const set = vraem(['calibrate', MINI, '--against', observed, '--fit', 'states.PE.interdiction=0.1..0.9', '--until', '2010', '--budget', '2', '--runs', '1', '--out', join(dir, 'set-evented')]);
    expect(set.code).toBe(0);
    expect(set.stderr).toMatch(/note: --fit states\.PE\.interdiction=0\.1\.\.0\.9: 1 event of the scenario also set .* \(the first at 2011-01\); the fitted value holds until then.*=\*0\.1\.\.0\.9/);
  });

  it('without --fit, reports the fit of the scenario as it is', () => {
    const out = join(dir, 'as-is');
    const r = vraem(['calibrate', MINI, '--against', observed, '--until', '2010', '--runs', '1', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no --fit/);
    expect(existsSync(join(out, 'mini-fit.yaml'))).toBe(false);
    const s = JSON.parse(read(out, 'summary.json'));
    expect(s.parameters).toEqual([]);
    expect(s.fitted.inSample[0].series).toBe('peru_ha');
    expect(existsSync(join(out, 'fit-peru_ha.png'))).toBe(true);
  });

  it('Ctrl-C during the fit leaves no folder behind', async () => {
    const parent = tempDir('vraem-calibrate-sigint-');
    const { code, stderr } = await killMidway(['calibrate', MINI, '--against', observed, '--fit', 'regions.vraem-ene.households=100..1000', '--until', '2010', '--budget', '100000', '--runs', '1', '--out', join(parent, 'out')], parent, 'SIGINT');
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted by SIGINT; no output was left behind/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('refuses bad fits, series and folders with exit 2 and no stack', () => {
    const cases: [string[], RegExp][] = [
      [['--fit', 'regions.vraem-ene.housholds=1..2'], /did you mean "regions\.vraem-ene\.households"/],
      [['--fit', 'regions.vraem-ene.households=9..2'], /lo < hi/],
      [['--fit', 'regions.vraem-ene.households=1..2', '--series', 'peru_eradicated_ha'], /an input of the scenario/],
      [['--fit', 'regions.vraem-ene.households=1..2', '--series', 'vraem_ha'], /no observations|has no region/],
      [['--fit', 'regions.vraem-ene.households=1..2', '--until', '2030'], /last December is 2011/],
      [['--scenario-out', join(dir, 'x.yaml')], /needs at least one --fit/],
    ];
    for (const [extra, message] of cases) {
      const until = extra.includes('--until') ? [] : ['--until', '2010'];
      const r = vraem(['calibrate', MINI, '--against', observed, '--budget', '4', '--runs', '1', '--out', join(dir, 'never'), ...until, ...extra]);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(hasStack(r.stderr)).toBe(false);
    }
    expect(existsSync(join(dir, 'never'))).toBe(false);
    const missing = vraem(['calibrate', MINI, '--against', join(dir, 'nope.csv'), '--until', '2010', '--fit', 'regions.vraem-ene.households=1..2']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read/);
    const again = vraem(args(dir));
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists/);
  });
});
