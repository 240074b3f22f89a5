/**
 * Hostile input (issue 8): every file of the bad-scenario corpus, plus generated ones (a 50 MB
 * file, deep nesting), is rejected by `validate` and by `run` with exit 2, a message naming the
 * problem, no stack trace, no output folder, and no content of another file echoed back.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync, closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { BAD, hasStack, tempDir, vraemAsync, vraemMany } from './helpers.ts';

/** What each corpus file's message must say. */
const EXPECT: Record<string, RegExp> = {
  'alias-bomb.yaml': /too many YAML aliases/,
  'bad-region-id.yaml': /:3:\d+ regions\.Vraem Ene: .*not a valid key/,
  'binary-junk.yaml': /not a text file/,
  'cyclic-a.yaml': /extends: cycle .*cyclic-a\.yaml → .*cyclic-b\.yaml → .*cyclic-a\.yaml/,
  'cyclic-b.yaml': /extends: cycle/,
  'duplicate-keys.yaml': /:3:1 Map keys must be unique/,
  'empty.yaml': /is empty/,
  'event-bad-lever.yaml': /interdicton.*did you mean "states\.PE\.interdiction"[\s\S]*unknown region "nowhere"[\s\S]*"months" shapes the start of a run/,
  'event-impossible-month.yaml': /:9:9 events\[0\]\.at: a month is written YYYY-MM[\s\S]*:11:9 events\[1\]\.at: month 1990-01 is before the run starts/,
  'extends-hosts.yaml': /:1:10 extends: "\/etc\/hosts" is not a scenario/,
  'extends-system-file.yaml': /:1:10 extends: "\/etc\/passwd" is not a scenario/,
  'huge-number.yaml': /referencePriceUsdKg: expected a number, got Infinity[\s\S]*households: must be at most 5000000/,
  'list-at-top.yaml': /top level is a list/,
  'missing-extends.yaml': /:1:10 extends: "\.\/no-such-scenario\.yaml" cannot read: no such file/,
  'multiple-documents.yaml': /multiple documents/,
  'nan.yaml': /:3:\d+ market\.demandIndex: expected a number, got NaN/,
  'no-regions.yaml': /at least one region/,
  'not-utf8.yaml': /not UTF-8/,
  'out-of-range.yaml': /:3:\d+ regions\.vraem-ene\.marketAccess: must be at most 1, got 3/,
  'self-extends.yaml': /extends: cycle/,
  'syntax-error.yaml': /:5:1 /,
  'too-many-agents.yaml': /over the limit of 10000000; raise householdsPerAgent/,
  'too-many-months.yaml': /months: must be at most 12000/,
  'unknown-key.yaml': /:2:1 regoins: unknown key "regoins"; did you mean "regions"\?/,
  'unknown-neighbour.yaml': /neighbours\[0\]: unknown region "vraem-apurimak"/,
  'unknown-tag.yaml': /Unresolved tag/,
  'wrong-country.yaml': /country: must be one of PE, BO, CO, got "PERU"/,
  'wrong-type.yaml': /:3:\d+ regions\.vraem-ene\.households: expected a number, got "many"/,
};

describe('the bad-scenario corpus', () => {
  const files = readdirSync(BAD).filter((f) => f.endsWith('.yaml')).sort();

  it('has an expectation for every file', () => {
    expect(files).toEqual(Object.keys(EXPECT).sort());
  });

  it('is rejected by validate: exit 2, the problem named, no stack trace', async () => {
    const results = await vraemMany(files.map((f) => ['validate', join(BAD, f)]));
    results.forEach((r, i) => {
      const f = files[i];
      expect(r.code, f).toBe(2);
      expect(r.stderr, f).toMatch(EXPECT[f]);
      expect(hasStack(r.stderr), f).toBe(false);
    });
  });

  it('never echoes a system file it was pointed at', async () => {
    const passwd = readFileSync('/etc/passwd', 'utf8');
    const r = await vraemAsync(['validate', join(BAD, 'extends-system-file.yaml')]);
    expect(r.stderr).not.toMatch(/root:|\/bin\/|nologin/);
    for (const line of passwd.split('\n').filter((l) => l.length > 8)) expect(r.stderr).not.toContain(line);
  });

  it('is rejected by run before anything is created', async () => {
    const dir = tempDir();
    const picks = ['wrong-type.yaml', 'alias-bomb.yaml', 'extends-system-file.yaml', 'event-impossible-month.yaml'];
    const results = await Promise.all(picks.map((f, i) => vraemAsync(['run', join(BAD, f), '--out', join(dir, `out${i}`)])));
    results.forEach((r, i) => {
      expect(r.code, picks[i]).toBe(2);
      expect(hasStack(r.stderr), picks[i]).toBe(false);
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('generated hostile files', () => {
  it('refuses a 50 MB file by its size, without reading it', async () => {
    const file = join(tempDir(), 'big.yaml');
    closeSync(openSync(file, 'w'));
    truncateSync(file, 50 * 1024 * 1024);
    const r = await vraemAsync(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/50\.0 MB, over the 5 MB limit/);
  });

  it('refuses very deep nesting without a stack trace', async () => {
    const file = join(tempDir(), 'deep.yaml');
    writeFileSync(file, 'name: deep\nregions: ' + '['.repeat(200_000) + ']'.repeat(200_000) + '\n');
    const r = await vraemAsync(['validate', file]);
    expect(r.code).toBe(2);
    expect(hasStack(r.stderr)).toBe(false);
    expect(r.stderr.length).toBeGreaterThan(10);
  });

  it('reports a missing file and a folder given as a scenario', async () => {
    const dir = tempDir();
    const [missing, folder] = await Promise.all([vraemAsync(['validate', join(dir, 'nope.yaml')]), vraemAsync(['validate', dir])]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.yaml: cannot read: no such file/);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/is a folder/);
    expect(existsSync(join(dir, 'nope.yaml'))).toBe(false);
  });
});
