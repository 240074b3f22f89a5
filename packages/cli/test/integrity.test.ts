/**
 * Integrity of folders read back (issue 24): a shard's data file cut, edited or swapped makes
 * `merge` refuse it by name (exit 2) instead of merging a wrong answer; a missing shard is named
 * by its index; a snapshot with one flipped header bit is refused by `--resume`; `vraem verify`
 * and `vraem report` catch an edited `series.csv`. Inputs: a device or a FIFO given as
 * `--against` is refused without being read (a read would never end), and `--workers` beyond the
 * cores is capped with a note.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, rmSync, truncateSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { FIXTURES, ROOT, hasStack, tempDir, vraem, vraemMany } from './helpers.ts';

const MINI = join(FIXTURES, 'mini.yaml');
const dir = tempDir('vraem-integrity-');
const shard = (i: number) => join(dir, `shard${i}`);
const runDir = join(dir, 'run');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const made = await vraemMany([
    ['sweep', MINI, '--vary', 'firmas.count=1,2', '--runs', '2', '--workers', '1', '--shard', '0/2', '--out', shard(0)],
    ['sweep', MINI, '--vary', 'firmas.count=1,2', '--runs', '2', '--workers', '1', '--shard', '1/2', '--out', shard(1)],
    ['run', MINI, '--runs', '2', '--snapshot-at', '6', '--out', runDir],
  ]);
  for (const r of made) expect(r.code, r.stderr).toBe(0);
}, 300_000);

/** A copy of a folder to damage. */
function copy(from: string, name: string): string {
  const to = join(dir, name);
  cpSync(from, to, { recursive: true });
  return to;
}

describe('merge refuses damaged shards', () => {
  it('a file cut mid-line, a value edited, a file swapped: exit 2 naming the file; a missing shard by its index', async () => {
    const cut = copy(shard(1), 'cut');
    const series = join(cut, 'series.csv');
    truncateSync(series, statSync(series).size - 17);

    const edited = copy(shard(1), 'edited');
    const reps = join(edited, 'replicates.csv');
    const text = readFileSync(reps, 'utf8');
    const lines = text.split('\n');
    const cells = lines[3].split(',');
    cells[7] = String(Number(cells[7]) + 1);
    lines[3] = cells.join(',');
    writeFileSync(reps, lines.join('\n'));

    const swapped = copy(shard(0), 'swapped');
    cpSync(join(shard(1), 'design.csv'), join(swapped, 'design.csv'));

    const cases: [string[], string][] = [
      [[shard(0), cut], join(cut, 'series.csv')],
      [[shard(0), edited], join(edited, 'replicates.csv')],
      [[swapped, shard(1)], join(swapped, 'design.csv')],
    ];
    const results = await vraemMany([
      ...cases.map(([dirs], k) => ['merge', ...dirs, '--out', join(dir, `merged-${k}`)]),
      ['merge', shard(0), '--out', join(dir, 'merged-missing')],
    ]);
    cases.forEach(([, file], k) => {
      const r = results[k];
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${file}: does not match its checksum`);
      expect(hasStack(r.stderr)).toBe(false);
      expect(existsSync(join(dir, `merged-${k}`))).toBe(false);
    });
    const missing = results[cases.length];
    expect(missing.code, missing.stderr).toBe(2);
    expect(missing.stderr).toMatch(/missing shard 1\/2 of 2/);
  }, 300_000);
});

describe('snapshots and folders', () => {
  it('--resume refuses a snapshot with one header bit flipped', () => {
    const flipped = copy(runDir, 'flipped');
    const file = join(flipped, 'snapshots', 'run-1.snapshot');
    const bytes = readFileSync(file);
    bytes[12] ^= 0x01; // inside the binary header, before the model state
    writeFileSync(file, bytes);
    const r = vraem(['run', '--resume', flipped, '--out', join(dir, 'resumed')]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${file}: does not match its checksum`);
    expect(existsSync(join(dir, 'resumed'))).toBe(false);
  }, 300_000);

  it('vraem verify passes an intact folder and names an edited series.csv; report refuses it', async () => {
    const edited = copy(runDir, 'edited-run');
    const series = join(edited, 'series.csv');
    writeFileSync(series, readFileSync(series, 'utf8').replace(/\n0,/, '\n1,'));
    const [ok, bad, report] = await vraemMany([
      ['verify', runDir],
      ['verify', edited],
      ['report', edited],
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^ok .*: \d+ files match their checksums/);
    for (const r of [bad, report]) {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${series}: does not match its checksum`);
      expect(hasStack(r.stderr)).toBe(false);
    }
    const manifest = JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8')) as { sha256: Record<string, string> };
    expect(Object.keys(manifest.sha256).sort()).toEqual(['series.csv', 'snapshots/run-0.snapshot', 'snapshots/run-1.snapshot', 'summary.json']);
  }, 300_000);
});

describe('inputs', () => {
  it('calibrate --against /dev/zero or a FIFO: exit 2, nothing read; --workers 400 capped with a note', async () => {
    const fifo = join(dir, 'observed.fifo');
    execFileSync('mkfifo', [fifo]);
    const calibrate = (against: string) => ['calibrate', MINI, '--against', against, '--until', '2010', '--runs', '1', '--out', join(dir, 'never')];
    const [zero, pipe, many] = await vraemMany([calibrate('/dev/zero'), calibrate(fifo), ['run', MINI, '--runs', '1', '--workers', '400', '--out', join(dir, 'capped')]]);
    expect(zero.code, zero.stderr).toBe(2);
    expect(zero.stderr).toContain('--against /dev/zero: is not a regular file');
    expect(pipe.code, pipe.stderr).toBe(2);
    expect(pipe.stderr).toContain(`--against ${fifo}: is not a regular file`);
    expect(existsSync(join(dir, 'never'))).toBe(false);
    expect(many.code, many.stderr).toBe(0);
    expect(many.stderr).toMatch(/note: --workers 400 is more than the \d+ cores here; using \d+ \(add --oversubscribe/);
  }, 300_000);
});

describe('sizes', () => {
  it('a sweep of 64M design rows is refused from its size; a job of days asks for --yes', async () => {
    const values = (n: number, from: number, step: number) => Array.from({ length: n }, (_, i) => from + i * step).join(',');
    const huge = ['--vary', `firmas.count=${values(20, 1, 1)}`, '--vary', `firmas.maxCount=${values(20, 30, 1)}`, '--vary', `market.leafKgPerKgHcl=${values(20, 240, 10)}`];
    huge.push('--vary', `market.referencePriceUsdKg=${values(20, 900, 50)}`, '--vary', `firmas.priceWarMonths=${values(10, 1, 1)}`, '--vary', `firmas.regionsPerFirma=${values(4, 1, 1)}`, '--vary', `firmas.processingCostUsdKg=${values(10, 60, 10)}`);
    const [sweep, long] = await vraemMany([
      ['sweep', MINI, ...huge, '--runs', '1', '--out', join(dir, 'never-sweep')],
      ['run', join(ROOT, 'scenarios', 'baseline.yaml'), '--runs', '100000', '--out', join(dir, 'never-run')],
    ]);
    expect(sweep.code, sweep.stderr).toBe(2);
    expect(sweep.stderr).toContain('the sweep has 64000000 design rows × 1 runs, over the limit of 1000000 runs');
    expect(long.code, long.stderr).toBe(2);
    expect(long.stderr).toMatch(/this job would take about [\d.]+ h of idle cores for 100000 runs .*; add --yes to start it anyway/);
    for (const n of ['never-sweep', 'never-run']) expect(existsSync(join(dir, n))).toBe(false);
  }, 300_000);
});
