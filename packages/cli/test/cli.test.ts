/**
 * The command line without long runs: version, usage errors, the three-mistake file, --set,
 * output folders that are refused, the bundled scenarios validate, params lists every DESIGN §9
 * lever, scenarios lists them, and scenarios/schema.json is up to date.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, ROOT, hasStack, tempDir, vraem } from './helpers.ts';
import { scenarioJsonSchema, SCHEMA_FILE } from '../src/schema-json.ts';

describe('usage', () => {
  it('prints the version', () => {
    const r = vraem(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')).version);
  });

  it.each([
    [['run', join(FIXTURES, 'mini.yaml'), '--bogus'], /Unknown argument: bogus/],
    [[], /name a command/],
    [['frobnicate'], /Unknown argument: frobnicate/],
    [['run'], /Not enough non-option arguments/],
    [['run', join(FIXTURES, 'mini.yaml'), '--runs', '0'], /--runs: expected a whole number from 1/],
    [['run', join(FIXTURES, 'mini.yaml'), '--seed', 'abc'], /--seed: expected a number, got "abc"/],
    [['sweep', join(FIXTURES, 'mini.yaml')], /sweep needs at least one --vary/],
    [['sweep', join(FIXTURES, 'mini.yaml'), '--vary', 'firmas.count=1..4'], /a range needs --design lhs/],
    [['sweep', join(FIXTURES, 'mini.yaml'), '--vary', 'firmas.count=1,2', '--shard', '3/3'], /i must be below n/],
  ])('refuses %j with exit 2 and no stack trace', (args, message) => {
    const r = vraem(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(hasStack(r.stderr)).toBe(false);
  });
});

describe('bad input creates nothing', () => {
  it('reports the three mistakes with file:line:col and path, exit 2, no output folder', () => {
    const out = join(tempDir(), 'out');
    const r = vraem(['run', join(FIXTURES, 'three-mistakes.yaml'), '--out', out]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      expect.stringMatching(/three-mistakes\.yaml:5:17 regions\.vraem-ene\.households: expected a number, got "lots"$/),
      expect.stringMatching(/three-mistakes\.yaml:6:5 regions\.vraem-ene\.marketAcess: unknown key "marketAcess"; did you mean "marketAccess"\?$/),
      expect.stringMatching(/three-mistakes\.yaml:9:19 states\.PE\.interdiction: must be at most 1, got 1\.7$/),
    ]);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(out, '..'))).toEqual([]);
  });

  it('refuses a bad --set with a suggestion', () => {
    const r = vraem(['validate', join(FIXTURES, 'mini.yaml')]);
    expect(r.code).toBe(0);
    const bad = vraem(['run', join(FIXTURES, 'mini.yaml'), '--set', 'states.PE.interdicton=0.5', '--set', 'firmas.count=-1', '--out', join(tempDir(), 'o')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--set states.PE.interdicton=0.5: unknown lever "states.PE.interdicton": "states.PE" has no "interdicton"; did you mean "states.PE.interdiction"?');
    expect(bad.stderr).toContain('--set firmas.count=-1: firmas.count: must be at least 0, got -1');
  });
});

describe('output folders', () => {
  it('refuses an existing --out folder without --force and leaves it unchanged', () => {
    const out = tempDir();
    writeFileSync(join(out, 'keep.txt'), 'precious');
    const r = vraem(['run', join(FIXTURES, 'mini.yaml'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the folder exists; choose another or add --force/);
    expect(readdirSync(out)).toEqual(['keep.txt']);
    expect(readFileSync(join(out, 'keep.txt'), 'utf8')).toBe('precious');
  });

  it('refuses to replace a folder vraem did not write, even with --force', () => {
    const out = tempDir();
    writeFileSync(join(out, 'thesis.tex'), 'years of work');
    const r = vraem(['run', join(FIXTURES, 'mini.yaml'), '--out', out, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not written by vraem/);
    expect(readdirSync(out)).toEqual(['thesis.tex']);
  });

  it('gives a clear error when the output folder cannot be created', () => {
    const r = vraem(['run', join(FIXTURES, 'mini.yaml'), '--out', '/proc/vraem-cannot-write-here/out']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out \/proc\/vraem-cannot-write-here\/out: cannot create the output folder/);
    expect(hasStack(r.stderr)).toBe(false);
  });

  it('refuses an --out that is a file', () => {
    const file = join(tempDir(), 'f');
    writeFileSync(file, 'x');
    const r = vraem(['run', join(FIXTURES, 'mini.yaml'), '--out', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/exists and is not a folder/);
  });
});

describe('bundled scenarios', () => {
  const files = readdirSync(join(ROOT, 'scenarios')).filter((f) => /\.ya?ml$/.test(f));

  it('validate, every one of them', () => {
    expect(files).toEqual(expect.arrayContaining(['baseline.yaml', 'alternative-development.yaml']));
    const r = vraem(['validate', ...files.map((f) => `scenarios/${f}`)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(files.length);
  });

  it('are listed with their descriptions', () => {
    const r = vraem(['scenarios']);
    expect(r.code).toBe(0);
    for (const f of files) expect(r.stdout).toMatch(new RegExp(`^  ${f.replace(/\.ya?ml$/, '')}\\s+\\S`, 'm'));
  });

  it('params lists every DESIGN §9 lever of the baseline with value and unit', () => {
    const r = vraem(['params', 'scenarios/baseline.yaml']);
    expect(r.code).toBe(0);
    const rows = new Map(
      r.stdout
        .split('\n')
        .map((l) => l.split(/\s{2,}/))
        .filter((c) => c.length >= 3)
        .map((c) => [c[0], c]),
    );
    const levers: [string, string | undefined][] = [
      ['states.PE.eradicationHaPerYear.alto-huallaga', 'ha/year'],
      ['states.CO.eradicationHaPerYear.colombia', 'ha/year'],
      ['states.PE.interdiction', 'share 0..1'],
      ['states.BO.counterinsurgency', 'share 0..1'],
      ['states.PE.alternativeDevelopment.enabled', undefined],
      ['states.PE.alternativeDevelopment.budgetUsdPerYear', 'USD/year'],
      ['states.PE.alternativeDevelopment.deliveryRate', 'share 0..1'],
      ['regions.vraem-ene.households', 'households'],
      ['regions.vraem-apurimac.marketAccess', 'share 0..1'],
      ['regions.bolivia.association.share', 'share 0..1'],
      ['firmas.count', 'firmas'],
      ['armedGroups.sl.fighters', 'fighters'],
      ['armedGroups.sl.feeUsdPerKg', 'USD/kg'],
      ['market.demandIndex', 'index'],
    ];
    for (const [path, unit] of levers) {
      const row = rows.get(path);
      expect(row, path).toBeDefined();
      expect(row![1], path).toMatch(/\S/);
      if (unit) expect(row![2], path).toBe(unit);
    }
    const json = vraem(['params', 'scenarios/baseline.yaml', '--json', '--set', 'firmas.count=7']);
    expect(JSON.parse(json.stdout).find((l: { path: string }) => l.path === 'firmas.count').value).toBe(7);
  });
});

describe('scenarios/schema.json', () => {
  it('is up to date with the zod schema (regenerate: pnpm --filter @vraem/cli schema)', () => {
    expect(readFileSync(join(ROOT, SCHEMA_FILE), 'utf8')).toBe(scenarioJsonSchema());
  });

  it('describes the levers for editors', () => {
    const schema = JSON.parse(scenarioJsonSchema());
    expect(schema.properties.months.maximum).toBe(12000);
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('report', () => {
  it('refuses a folder that is not an output folder', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'x'));
    const r = vraem(['report', join(dir, 'x')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/manifest\.json/);
    expect(hasStack(r.stderr)).toBe(false);
  });
});
