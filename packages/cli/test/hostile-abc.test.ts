/**
 * Hostile command lines for the newest options (`calibrate --abc --sampler / --min-acceptance /
 * --continue-from`, `compare --ensemble`): each is refused before anything runs with one line
 * naming the flag, the file, the line and the value (exit 2), no stack trace and no output folder
 * left behind. Before these checks, a flag given without a value silently became its default
 * (`--continue-from` with nothing after it started from the prior; `--out` with nothing after it
 * named the current folder), and `--continue-from DIR/ensemble.csv` was refused although
 * `compare --ensemble` takes it.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { flagValueProblems } from '../src/flags.ts';
import { FIXTURES, abcInputs, hasStack, tempDir, vraem } from './helpers.ts';

const MINI = join(FIXTURES, 'mini.yaml');

describe('hostile input to calibrate --abc and compare --ensemble', () => {
  const dir = tempDir('vraem-hostile-');
  const { observed, prices, patterns, households } = abcInputs(dir, ['peru_ha,2010,2010,0,0.15,mape,S,x,area', 'coca_per_household,2010,2010,0,3,ha_household,W,x,farm structure']);

  /** An ensemble folder of the prior's two levers whose manifest matches its CSV (tampered, then re-signed). */
  const ensemble = (name: string, rows: string[], levers = ['market.demandScale', 'regions.vraem-ene.households']) => {
    const d = join(dir, name);
    mkdirSync(d);
    const csv = [`member,weight,${levers.join(',')}`, ...rows].join('\n') + '\n';
    writeFileSync(join(d, 'ensemble.csv'), csv);
    const manifest = { format: 'vraem-ensemble/1', scenario: 'mini', levers, method: 'abc-smc', seed: 5, accepted: rows.length, command: 'x', version: '1', sha256: createHash('sha256').update(csv).digest('hex') };
    writeFileSync(join(d, 'ensemble.json'), JSON.stringify(manifest) + '\n');
    return d;
  };
  const nan = ensemble('nan', ['0,0.5,NaN,300', '1,0.5,1.0,400']);
  const elsewhere = ensemble('elsewhere', ['0,0.5,0.8,300', '1,0.5,1.0,400'], ['market.demandScale', 'regions.colombia.households']);
  const notEnsemble = join(dir, 'not-an-ensemble');
  mkdirSync(notEnsemble);
  writeFileSync(join(notEnsemble, 'notes.txt'), 'hello\n');

  const out = join(dir, 'out');
  const abc = (extra: string[]) => [
    'calibrate', MINI, '--abc', '--against', observed, '--prices', prices, '--patterns', patterns, '--households', households,
    '--fit', 'market.demandScale=0.6..1.2', '--until', '2010', '--particles', '10', '--generations', '1', '--budget', '20', '--workers', '1', '--out', out, ...extra,
  ];

  /** Refused with exactly `lines` on stderr (each a pattern), exit 2, no stack, nothing written. */
  const refused = (args: string[], ...lines: RegExp[]) => {
    const r = vraem(args);
    expect(r.code, r.stderr + r.stdout).toBe(2);
    const got = r.stderr.trimEnd().split('\n');
    expect(got, r.stderr).toHaveLength(lines.length);
    lines.forEach((l, i) => expect(got[i]).toMatch(l));
    expect(hasStack(r.stderr)).toBe(false);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('out'))).toEqual([]);
  };

  it('refuses a value-taking option given no value, an empty one or text for a number', () => {
    refused(abc(['--continue-from']), /^--continue-from: expected a value after it, got none$/);
    refused(abc(['--continue-from', '']), /^--continue-from: expected a value, got an empty one$/);
    refused(abc(['--min-acceptance']), /^--min-acceptance: expected a value after it, got none$/);
    refused(abc(['--min-acceptance', 'abc']), /^--min-acceptance: expected a number, got "abc"$/);
    refused(abc(['--min-acceptance', 'NaN']), /^--min-acceptance: expected a number, got "NaN"$/);
    refused(abc(['--sampler', '--min-acceptance', '0.1']), /^--sampler: expected a value after it, got none$/);
    refused(abc(['--sampler', 'gibbs']), /^--sampler: expected one of smc, mcmc, got "gibbs"$/);
    refused(abc(['--min-acceptance', '-0.5']), /^--min-acceptance: expected a number from 0 to below 1, got -0.5$/);
    refused(abc(['--min-acceptance', '1']), /^--min-acceptance: expected a number from 0 to below 1, got 1$/);
    refused(abc(['--quantile', '1']), /^--quantile: expected a number between 0 and 1, got 1$/);
    refused(['run', MINI, '--runs', '1', '--out'], /^--out: expected a value after it, got none$/);
    refused(['run', MINI, '--runs', '1', '--out', out, '--out', join(dir, 'other')], /^--out: given 2 times \(.*out, .*other\); give it once$/);
    refused(abc(['--continue-from', nan, '--continue-from', nan]), /^--continue-from: given 2 times/);
    refused(abc(['--against', observed]), /^--against: given 2 times/);
    refused(['run', MINI, '--seed', '--runs', '1', '--out', out], /^--seed: expected a value after it, got none$/);
  });

  it('answers a comparison of one pair with its figures alone: one pair has no interval, and no difference is beyond chance', () => {
    // It once wrote each figure as a range of one point, "−170 ha (−170 to −170)", as if certain.
    const r = vraem(['compare', MINI, join(FIXTURES, 'child.yaml'), '--runs', '1', '--workers', '1', '--out', out]);
    try {
      expect(r.code, r.stderr).toBe(0);
      const answer = r.stdout.slice(0, r.stdout.indexOf('\n\n'));
      expect(answer).toMatch(/over 1 paired run: one pair gives no interval/);
      expect(answer).toMatch(/Peru’s coca: −?[\d,.]+ ha/);
      expect(answer).not.toMatch(/\(−?\$?[\d,.]+[^()]*? to −?\$?[\d,.]+[^\d()-]*\)/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('names a missing folder, a folder that is not an ensemble, a tampered line of one given by its CSV, and a lever the scenario lacks', () => {
    refused(abc(['--continue-from', join(dir, 'missing')]), /^--continue-from .*missing: no such folder$/);
    refused(abc(['--continue-from', notEnsemble]), /^--continue-from .*not-an-ensemble: not an ensemble folder: it holds neither ensemble.csv nor ensemble.json/);
    refused(abc(['--continue-from', join(nan, 'ensemble.csv')]), /^--continue-from .*nan: ensemble.csv:2: market.demandScale: "NaN" is not a number$/);
    refused(['compare', MINI, MINI, '--runs', '2', '--workers', '1', '--ensemble', notEnsemble, '--out', out], /^--ensemble .*not-an-ensemble: not an ensemble folder/);
    refused(['compare', MINI, MINI, '--runs', '2', '--workers', '1', '--ensemble', join(dir, 'missing', 'ensemble.csv'), '--out', out], /^--ensemble .*missing: no such folder$/);
    // Fitted to a region the scenario lacks: one line for the lever, not a scenario problem per member.
    refused(['compare', MINI, MINI, '--runs', '2', '--workers', '1', '--ensemble', elsewhere, '--out', out], /^--ensemble .*elsewhere: its lever regions.colombia.households is not a lever of scenario mini: unknown region "colombia"/);
  });
});

describe('flagValueProblems', () => {
  const known = { boolean: ['force', 'help'], number: ['runs', 'min-acceptance', 'seed'], array: ['set'], choices: { sampler: ['smc', 'mcmc'] }, key: { force: 1, help: 1, runs: 1, 'min-acceptance': 1, seed: 1, set: 1, out: 1 } };
  it('takes one value for an option, every value up to the next flag for an array, and negative numbers as values', () => {
    expect(flagValueProblems(['run', '--runs', '2', 'a.yaml', 'b.yaml', '--set', 'x=1', 'y=2', '--force', '--seed', '-3', '--out=o'], known)).toEqual([]);
    expect(flagValueProblems(['--minAcceptance', '--force'], known)).toEqual(['--min-acceptance: expected a value after it, got none']);
    expect(flagValueProblems(['--runs=', '--set', '--', '--out'], known)).toEqual(['--runs: expected a value, got an empty one', '--set: expected a value after it, got none']);
    expect(flagValueProblems(['--runs', '1e400', '--unknown'], known)).toEqual(['--runs: expected a number, got "1e400"']);
    expect(flagValueProblems(['--set', 'a=1', '--set', 'b=2', '--runs', '1', '--runs=2'], known)).toEqual(['--runs: given 2 times (1, 2); give it once']);
    expect(flagValueProblems(['--sampler=SMC'], { ...known, key: { ...known.key, sampler: 1 } })).toEqual(['--sampler: expected one of smc, mcmc, got "SMC"']);
  });
});
