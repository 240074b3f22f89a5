/**
 * Reliability of the command line (issue 8), beyond bad-input.test.ts, runs.test.ts and
 * output.test.ts:
 * - more hostile scenario files (`bad-scenarios/extra/`: `extends` at a folder, at binary junk,
 *   at a list, at an endless device; NaN and infinity in events; infinite months; fractional and
 *   negative households; truncated JSON): exit 2, the problem named at its line, no stack trace;
 * - a run killed mid-way: SIGTERM (exit 143) and Ctrl-C during a snapshotting run leave nothing;
 *   SIGKILL cannot be caught, so its hidden temporary folder (`.<name>.tmp-<pid>-<hex>`) stays,
 *   but the final folder never appears and the next run to the same `--out` is unaffected;
 * - determinism across worker counts (1, 3 and 8 workers, with `--check`; `--oversubscribe` lifts the cap at the cores).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BAD, FIXTURES, hasStack, tempDir, killMidway, vraemAsync, vraemMany } from './helpers.ts';

const MINI = join(FIXTURES, 'mini.yaml');
const EXTRA = join(BAD, 'extra');
const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');

/** What each extra hostile file's message must say. */
const EXPECT: Record<string, RegExp> = {
  'event-nan.yaml': /:10:36 events\[0\]\.set\.states\.PE\.interdiction: .*got NaN[\s\S]*:10:62 events\[0\]\.set\.market\.demandIndex: .*got Infinity/,
  'extends-binary.yaml': /:1:10 extends: "\.\.\/binary-junk\.yaml" is not a text file/,
  'extends-dev-zero.yaml': /:1:10 extends: "\/dev\/zero" is not a regular file/,
  'extends-folder.yaml': /:1:10 extends: "\.\.\/" is a folder, not a scenario file/,
  'extends-list.yaml': /:1:10 extends: "\.\.\/list-at-top\.yaml" is not a scenario: its top level is a list/,
  'infinite-months.yaml': /:2:9 months: expected a number, got Infinity/,
  'negative-zero-households.yaml': /:3:\d+ regions\.vraem-ene\.households: expected a whole number, got 2\.5[\s\S]*:4:\d+ regions\.vraem-apurimac\.households: must be at least 0, got -3/,
  'truncated.json': /truncated\.json:1:\d+ /,
};

describe('more hostile scenario files', () => {
  const files = readdirSync(EXTRA).sort();

  it('each has an expectation', () => {
    expect(files).toEqual(Object.keys(EXPECT).sort());
  });

  it('are rejected by validate and by run: exit 2, the problem named, no stack trace, no folder', async () => {
    const dir = tempDir();
    const results = await vraemMany([...files.map((f) => ['validate', join(EXTRA, f)]), ...files.map((f, k) => ['run', join(EXTRA, f), '--out', join(dir, `out${k}`)])], 3);
    results.forEach((r, i) => {
      const f = files[i % files.length];
      expect(r.code, `${f}: ${r.stderr}`).toBe(2);
      expect(r.stderr, f).toMatch(EXPECT[f]);
      expect(hasStack(r.stderr), f).toBe(false);
    });
    expect(readdirSync(dir)).toEqual([]);
  }, 300_000);
});

describe('a run killed mid-way', () => {
  const long = ['--runs', '200', '--workers', '1', '--set', 'months=600'];

  it('by SIGTERM leaves no output folder and no temporary folder (exit 143)', async () => {
    const dir = tempDir();
    const { code, stderr } = await killMidway(['run', MINI, ...long, '--out', join(dir, 'out')], dir, 'SIGTERM');
    expect(code).toBe(143);
    expect(stderr).toMatch(/interrupted by SIGTERM; no output was left behind/);
    expect(hasStack(stderr)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  }, 300_000);

  it('by Ctrl-C while it saves snapshots leaves nothing', async () => {
    const dir = tempDir();
    const { code, stderr } = await killMidway(['run', MINI, ...long, '--snapshot-at', '300', '--out', join(dir, 'out')], dir, 'SIGINT');
    expect(code).toBe(130);
    expect(hasStack(stderr)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  }, 300_000);

  it('by SIGKILL never shows a final folder; the hidden temporary folder left is ignored by the next run', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const { code } = await killMidway(['run', MINI, ...long, '--out', out], dir, 'SIGKILL');
    expect(code).toBe(-1);
    expect(existsSync(out)).toBe(false);
    const left = readdirSync(dir);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^\.out\.tmp-\d+-[0-9a-f]{8}$/);
    const again = await vraemAsync(['run', MINI, '--runs', '2', '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(existsSync(join(out, 'series.csv'))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([left[0], 'out'].sort());
  }, 300_000);
});

describe('determinism across worker counts', () => {
  it('1, 3 and 8 workers write the same series and summary, with --check', async () => {
    const dir = tempDir();
    const outs = [1, 3, 8].map((w) => join(dir, `w${w}`));
    const results = await Promise.all([1, 3, 8].map((w, k) => vraemAsync(['run', MINI, '--runs', '7', '--seed', '3', '--workers', String(w), '--oversubscribe', '--check', '--out', outs[k]])));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    for (const o of outs.slice(1)) {
      expect(read(o, 'series.csv')).toBe(read(outs[0], 'series.csv'));
      expect(read(o, 'summary.json')).toBe(read(outs[0], 'summary.json'));
    }
  }, 300_000);
});
