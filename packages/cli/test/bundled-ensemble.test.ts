/**
 * The bundled posterior ensemble (scenarios/ensemble, written by `vraem calibrate --abc`; the
 * command is in docs/validation.md §7): it follows the contract, holds at least 100 members, keeps
 * the farm structure inside the data (households within data/households.csv's ranges, land per
 * household within its documented range, no region over 3 ha of coca a household in any member's
 * run), and each member applies to the baseline as `--set` assignments. The baseline itself takes
 * its households from inside the same ranges.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memberAssignments } from '@vraem/sim-core';
import { readEnsembleFolder } from '../src/ensemble.ts';
import { loadScenario } from '../src/load.ts';
import { ROOT } from './helpers.ts';

const DIR = join(ROOT, 'scenarios', 'ensemble');

describe('the bundled ensemble', () => {
  const e = readEnsembleFolder(DIR);

  it('holds at least 100 members calibrated on the baseline by ABC-SMC (with MCMC moves from the sixth stop)', () => {
    expect(e.members.length).toBeGreaterThanOrEqual(100);
    expect(e.manifest).toMatchObject({ method: 'abc-smc-mcmc', scenario: 'baseline' });
  });

  it('keeps households inside the data’s ranges and land per household inside its range', () => {
    const lines = readFileSync(join(ROOT, 'data', 'households.csv'), 'utf8').trim().split('\n').slice(1);
    const ranges = new Map(lines.map((l) => l.split(',')).map((c) => [`regions.${c[0]}.households`, [Number(c[1]), Number(c[2])]]));
    let checked = 0;
    e.levers.forEach((path, k) => {
      const range = ranges.get(path) ?? (path.endsWith('.landHaPerHousehold') ? [1.5, 6] : undefined);
      if (!range) return;
      checked++;
      for (const m of e.members) {
        expect(m.values[k], `${path} of member ${m.member}`).toBeGreaterThanOrEqual(range[0]);
        expect(m.values[k], `${path} of member ${m.member}`).toBeLessThanOrEqual(range[1]);
      }
    });
    expect(checked).toBeGreaterThanOrEqual(ranges.size);
  });

  it('no member’s run had a region over 3 ha of coca per household (2004–2023)', () => {
    const members = readFileSync(join(DIR, 'members.csv'), 'utf8').trim().split('\n');
    const col = members[0].split(',').indexOf('coca_per_household_max_run');
    expect(col).toBeGreaterThan(0);
    for (const line of members.slice(1)) expect(Number(line.split(',')[col])).toBeLessThanOrEqual(3);
  });

  it('applies to the baseline as --set assignments', () => {
    for (const i of [0, e.members.length - 1]) {
      const loaded = loadScenario(join(ROOT, 'scenarios', 'baseline.yaml'), { set: memberAssignments(e, i) });
      expect(loaded.overrides).toHaveLength(e.levers.length);
    }
  });
});

describe('the baseline’s farm structure', () => {
  it('has every region’s households inside data/households.csv’s range, at its baseline value, and land per household in 1.5–6 ha', () => {
    const s = loadScenario(join(ROOT, 'scenarios', 'baseline.yaml')).scenario;
    const lines = readFileSync(join(ROOT, 'data', 'households.csv'), 'utf8').trim().split('\n').slice(1);
    expect(lines.map((l) => l.split(',')[0]).sort()).toEqual(Object.keys(s.regions).sort());
    for (const l of lines) {
      const [region, low, high, baseline] = l.split(',');
      const r = s.regions[region];
      expect(r.households, region).toBe(Number(baseline));
      expect(r.households, region).toBeGreaterThanOrEqual(Number(low));
      expect(r.households, region).toBeLessThanOrEqual(Number(high));
      expect(r.landHaPerHousehold, region).toBeGreaterThanOrEqual(1.5);
      expect(r.landHaPerHousehold, region).toBeLessThanOrEqual(6);
    }
  });
});
