/**
 * Snapshot and resume through the command line (issue 8, "it must show" 3): `vraem run
 * --snapshot-at` then `vraem run --resume` writes the folder the straight run writes —
 * `series.csv` and `summary.json` byte for byte, the manifest the same but for its command line
 * and `resumedFrom` — from a folder of snapshots, from one run's file, at the first and the last
 * month, with `--check`; and every misuse or damaged snapshot is refused with exit 2, a message
 * naming the problem, no stack trace and no output folder.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, copyFileSync, truncateSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { restoreSimulation, snapshotMeta } from '@vraem/sim-core';
import { FIXTURES, hasStack, tempDir, vraem, vraemAsync, vraemMany } from './helpers.ts';

const MINI = join(FIXTURES, 'mini.yaml');
const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');
/** The header a snapshot file carries (sim-core's snapshot meta). */
const headerOf = (file: string) => snapshotMeta(readFileSync(file)) as Record<string, unknown>;
const manifestOf = (dir: string) => {
  const m = JSON.parse(read(dir, 'manifest.json')) as Record<string, unknown>;
  delete m.commandLine;
  delete m.resumedFrom;
  return m;
};
/** The files a straight run writes, byte for byte (the report embeds the same data). */
const expectSameRun = (straight: string, resumed: string) => {
  expect(read(resumed, 'series.csv')).toBe(read(straight, 'series.csv'));
  expect(read(resumed, 'summary.json')).toBe(read(straight, 'summary.json'));
  expect(manifestOf(resumed)).toEqual(manifestOf(straight));
  expect(existsSync(join(resumed, 'report.html'))).toBe(true);
  expect(existsSync(join(resumed, 'snapshots'))).toBe(false);
};

describe('--snapshot-at then --resume', () => {
  const dir = tempDir();
  const straight = join(dir, 'straight');
  const snap = join(dir, 'snap');

  it('equals the straight run byte for byte (3 runs, 2 workers straight, snapshot at month 9 of 24)', async () => {
    const [a, b] = await Promise.all([
      vraemAsync(['run', MINI, '--runs', '3', '--workers', '2', '--out', straight]),
      vraemAsync(['run', MINI, '--runs', '3', '--snapshot-at', '9', '--out', snap]),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    // The snapshotting run is itself the straight run, with its snapshots.
    expect(read(snap, 'series.csv')).toBe(read(straight, 'series.csv'));
    expect(readdirSync(join(snap, 'snapshots')).sort()).toEqual(['run-0.snapshot', 'run-1.snapshot', 'run-2.snapshot']);
    const head = headerOf(join(snap, 'snapshots/run-1.snapshot'));
    expect(head).toMatchObject({ format: 'vraem-run-snapshot', version: 2, tick: 9, run: 1, at: '2010-10' });
    expect(head.batch).toBe((JSON.parse(read(straight, 'manifest.json')) as { inputHash: string }).inputHash);

    const r = vraem(['run', '--resume', snap, '--out', join(dir, 'resumed')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/results: /);
    expectSameRun(straight, join(dir, 'resumed'));
    const m = JSON.parse(read(join(dir, 'resumed'), 'manifest.json')) as { resumedFrom: unknown; inputHash: string };
    expect(m.resumedFrom).toMatchObject({ at: '2010-10', tick: 9, runs: [0, 1, 2] });
    // The snapshots folder itself names the same batch.
    const r2 = vraem(['run', '--resume', join(snap, 'snapshots'), '--check', '--out', join(dir, 'resumed2')]);
    expect(r2.code, r2.stderr).toBe(0);
    expectSameRun(straight, join(dir, 'resumed2'));
  }, 300_000);

  it('resumes one run from its file: the rows of that run', () => {
    const out = join(dir, 'one');
    const r = vraem(['run', '--resume', join(snap, 'snapshots', 'run-2.snapshot'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const rows = (f: string) => read(f, 'series.csv').trim().split('\n');
    const want = rows(straight).filter((l, i) => i === 0 || l.startsWith('2,'));
    expect(rows(out)).toEqual(want);
  });

  it('at the first month (YYYY-MM) and at the last, with --snapshot FILE for one run and --check', async () => {
    const one = join(dir, 'straight1');
    const first = join(dir, 'first.snapshot');
    const last = join(dir, 'last.snapshot');
    const results = await Promise.all([
      vraemAsync(['run', MINI, '--runs', '1', '--seed', '5', '--out', one]),
      vraemAsync(['run', MINI, '--runs', '1', '--seed', '5', '--snapshot-at', '2010-01', '--snapshot', first, '--out', join(dir, 's-first')]),
      vraemAsync(['run', MINI, '--runs', '1', '--seed', '5', '--snapshot-at', '24', '--snapshot', last, '--check', '--out', join(dir, 's-last')]),
    ]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    // With --snapshot FILE the snapshot is there and not in the folder.
    expect(existsSync(join(dir, 's-first', 'snapshots'))).toBe(false);
    expect(headerOf(first)).toMatchObject({ tick: 0, at: '2010-01' });
    for (const [f, out] of [[first, 'r-first'], [last, 'r-last']] as const) {
      const r = vraem(['run', '--resume', f, '--out', join(dir, out)]);
      expect(r.code, r.stderr).toBe(0);
      expectSameRun(one, join(dir, out));
    }
  }, 300_000);
});

describe('refused, with exit 2, a message, no stack trace and no output folder', () => {
  const dir = tempDir();
  const snap = join(dir, 'snap');
  const bad = join(dir, 'bad');
  mkdirSync(bad);

  it('misused options', async () => {
    const existing = join(dir, 'exists.json');
    writeFileSync(existing, '{}');
    const out = (k: number) => ['--out', join(dir, `never-${k}`)];
    const cases: [string[], RegExp][] = [
      [['run', MINI, '--snapshot-at', '25'], /--snapshot-at 25: after the run ends \(24 months from 2010-01: at most 24 or 2012-01\)/],
      [['run', MINI, '--snapshot-at', '2009-12'], /--snapshot-at 2009-12: before the run starts \(2010-01\)/],
      [['run', MINI, '--snapshot-at', 'soon'], /--snapshot-at soon: expected a number of months from the start or a month YYYY-MM/],
      [['run', MINI, '--snapshot-at', '2010-13'], /--snapshot-at 2010-13: expected/],
      [['run', MINI, '--snapshot', join(dir, 'x.json')], /--snapshot FILE: say when with --snapshot-at/],
      [['run', MINI, '--runs', '2', '--snapshot-at', '3', '--snapshot', join(dir, 'x.json')], /holds one run; with --runs 2 the snapshots go to snapshots\/run-<k>\.snapshot/],
      [['run', MINI, '--runs', '1', '--snapshot-at', '3', '--snapshot', existing], /the file exists; choose another or add --force/],
      [['run', MINI, '--runs', '1', '--snapshot-at', '3', '--snapshot', join(dir, 'no', 'such', 'x.json')], /does not exist/],
      [['run'], /Not enough non-option arguments: got 0, need a scenario file, or --resume a snapshot/],
      [['run', MINI, '--resume', dir], /cannot be combined with a scenario/],
      [['run', '--resume', dir, '--set', 'months=3'], /cannot be combined with --set/],
      [['run', '--resume', dir, '--seed', '4'], /cannot be combined with --seed/],
      [['run', '--resume', join(dir, 'nothing-here')], /--resume .*nothing-here: cannot read: no such file or folder/],
      [['run', '--resume', bad], /no snapshots here \(snapshots\/run-<k>\.snapshot\); write them with vraem run <scenario> --snapshot-at/],
    ];
    const results = await vraemMany(cases.map(([args], k) => [...args, ...out(k)]), 3);
    results.forEach((r, k) => {
      expect(r.code, cases[k][0].join(' ')).toBe(2);
      expect(r.stderr, cases[k][0].join(' ')).toMatch(cases[k][1]);
      expect(hasStack(r.stderr)).toBe(false);
    });
    expect(readdirSync(dir).filter((f) => f.startsWith('never') || f.startsWith('.never'))).toEqual([]);
    expect(readFileSync(existing, 'utf8')).toBe('{}');
  }, 300_000);

  it('damaged, foreign or incomplete snapshots', async () => {
    const made = vraem(['run', MINI, '--runs', '2', '--snapshot-at', '6', '--out', snap]);
    expect(made.code, made.stderr).toBe(0);
    const good = join(snap, 'snapshots', 'run-0.snapshot');
    const bytes = readFileSync(good);
    const file = (name: string, content: string | Uint8Array) => {
      const p = join(bad, name);
      writeFileSync(p, content);
      return p;
    };
    const cut = join(bad, 'cut.snapshot');
    copyFileSync(good, cut);
    truncateSync(cut, Math.floor(statSync(cut).size / 2));
    // One bit of the model state flipped: the checksum no longer matches.
    const flipped = Uint8Array.from(bytes);
    flipped[Math.floor(flipped.length * 0.7)] ^= 0x04;
    const edited = file('edited.snapshot', flipped);
    // A sound snapshot whose header says another vraem wrote it (re-written through sim-core, so its checksum holds).
    const header = headerOf(good);
    const older = file('older.snapshot', restoreSimulation(bytes).snapshot({ ...header, vraemVersion: `0.0.0-${String(header.vraemVersion)}` }));
    const format3 = Uint8Array.from(bytes);
    new DataView(format3.buffer).setUint32(8, 3, true);
    const otherFormat = file('format3.snapshot', format3);
    const incomplete = join(bad, 'incomplete');
    mkdirSync(incomplete);
    copyFileSync(join(snap, 'snapshots', 'run-1.snapshot'), join(incomplete, 'run-1.snapshot'));
    const mixed = join(bad, 'mixed');
    mkdirSync(mixed);
    copyFileSync(good, join(mixed, 'run-0.snapshot'));
    const other = join(dir, 'other');
    expect(vraem(['run', MINI, '--runs', '2', '--seed', '9', '--snapshot-at', '6', '--out', other]).code).toBe(0);
    copyFileSync(join(other, 'snapshots', 'run-1.snapshot'), join(mixed, 'run-1.snapshot'));
    const cases: [string, RegExp][] = [
      [MINI, /is not a vraem snapshot \(write one with vraem run <scenario> --snapshot-at <month>\)/],
      ['/etc/passwd', /is not a vraem snapshot/],
      [file('junk.snapshot', Buffer.from([0, 1, 2, 255, 254, 0])), /is not a vraem snapshot/],
      [file('empty.snapshot', ''), /is not a vraem snapshot/],
      [file('old-json.snapshot', '{"format":"vraem-run-snapshot","version":1}'), /is not a vraem snapshot/],
      [cut, /cut\.snapshot: is damaged: (cut short|its checksum does not match its contents \(cut short, corrupted or edited\))/],
      [edited, /edited\.snapshot: is damaged: its checksum does not match its contents/],
      [older, /was written by vraem 0\.0\.0-0\.1\.0; resuming needs the same version/],
      [otherFormat, /is a snapshot of format 3; this vraem reads format 2/],
      [incomplete, /the batch has 2 runs but run 0 is missing; resume a single run by naming its file/],
      [mixed, /the snapshots are not of one batch/],
    ];
    const results = await vraemMany(cases.map(([f], k) => ['run', '--resume', f, '--out', join(dir, `never-${k}`)]), 3);
    results.forEach((r, k) => {
      expect(r.code, cases[k][0]).toBe(2);
      expect(r.stderr, cases[k][0]).toMatch(cases[k][1]);
      expect(hasStack(r.stderr), cases[k][0]).toBe(false);
      expect(r.stderr).not.toMatch(/root:|nologin/);
    });
    expect(readdirSync(dir).filter((f) => f.includes('never'))).toEqual([]);
  }, 300_000);
});
