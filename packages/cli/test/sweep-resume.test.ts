/**
 * A sweep interrupted on one machine resumes without redoing finished design rows (issue 21): a
 * sweep with `--out DIR` stopped by Ctrl-C keeps `DIR.partial`; `--resume` with the same
 * arguments runs only the tasks not done and writes the folder the uninterrupted sweep writes —
 * data files and summary.json byte for byte — even when the last task was cut midway; a shard
 * killed with SIGKILL resumes from its temporary folder the same way; a resume of another sweep
 * is refused (exit 2, a clear message, the partial folder left as it was).
 */
import { describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasStack, tempDir, vraem, vraemAsync, vraemChild } from './helpers.ts';

const SWEEP = ['sweep', 'scenarios/baseline.yaml', '--vary', 'firmas.count=1,2,3', '--runs', '2', '--seed', '3', '--set', 'months=24', '--set', 'householdsPerAgent=200', '--workers', '1'];
const DATA = ['design.csv', 'series.csv', 'replicates.csv'];
const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0);

/**
 * Start `vraem ...args` writing `<parent>/x`, wait until its temporary folder's design.csv lists
 * `tasks` whole tasks, then send `signal`. Resolves to the exit code and stderr.
 */
async function stopAfter(args: readonly string[], parent: string, tasks: number, signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
  const child = vraemChild([...args, '--out', join(parent, 'x')]);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const closed = new Promise<number | null>((r) => child.on('close', (c, s) => r(c ?? (s === signal ? -1 : null))));
  let running = true;
  void closed.then(() => (running = false));
  const designOf = () => readdirSync(parent).filter((n) => n.startsWith('.x.tmp-')).map((n) => join(parent, n, 'design.csv'))[0];
  while (running && !(designOf() && lines(designOf()) >= 1 + tasks)) await new Promise((r) => setTimeout(r, 20));
  child.kill(signal);
  return { code: await closed, stderr };
}

describe('sweep --resume', () => {
  const dir = tempDir();

  it('finishes a sweep stopped by Ctrl-C, its last task cut midway, byte for byte as the uninterrupted sweep; refuses another sweep', async () => {
    const parent = join(dir, 'a');
    const whole = vraemAsync([...SWEEP, '--out', join(dir, 'whole')]);
    mkdirSync(parent);
    const stop = await stopAfter(SWEEP, parent, 2, 'SIGINT');
    expect(stop.code).toBe(130);
    expect(stop.stderr).toMatch(/interrupted by SIGINT; the finished tasks are kept in .*x\.partial: run the same command with --resume/);
    expect(readdirSync(parent)).toEqual(['x.partial']);
    const partial = join(parent, 'x.partial');
    const progress = JSON.parse(readFileSync(join(partial, 'progress.json'), 'utf8')) as { done: number; tasks: { from: number; to: number } };
    expect(progress.tasks).toEqual({ from: 0, to: 6 });
    expect(progress.done).toBe(lines(join(partial, 'design.csv')) - 1);
    expect(progress.done).toBeGreaterThanOrEqual(2);
    expect(progress.done).toBeLessThan(6);

    // A different sweep (another seed) is refused, and the partial folder stays as it was.
    const before = DATA.map((f) => readFileSync(join(partial, f)));
    const other = vraem([...SWEEP.map((a) => (a === '3' ? '4' : a)), '--out', join(parent, 'x'), '--resume']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/--resume: .*x\.partial holds another sweep/);
    expect(hasStack(other.stderr)).toBe(false);
    expect(readdirSync(parent)).toEqual(['x.partial']);
    expect(DATA.map((f) => readFileSync(join(partial, f)))).toEqual(before);

    // As after kill -9 during a write: the next task's series lines, the last one cut.
    appendFileSync(join(partial, 'series.csv'), `${Math.floor(progress.done / 2)},${progress.done % 2},123,0,2001-01,vraem-ene,1.5\n${Math.floor(progress.done / 2)},${progress.done % 2},12`);
    appendFileSync(join(partial, 'replicates.csv'), `${Math.floor(progress.done / 2)},${progress.done % 2},1`);
    const resumed = vraem([...SWEEP, '--out', join(parent, 'x'), '--resume']);
    expect(resumed.stderr).toMatch(new RegExp(`resuming .*x\\.partial: ${progress.done} of 6 tasks are done`));
    expect(resumed.code).toBe(0);
    expect(readdirSync(parent)).toEqual(['x']);
    const w = await whole;
    expect(w.code).toBe(0);
    for (const f of [...DATA, 'summary.json']) expect(readFileSync(join(parent, 'x', f)).equals(readFileSync(join(dir, 'whole', f))), f).toBe(true);
    expect(existsSync(join(parent, 'x', 'progress.json'))).toBe(false);
    const check = vraem(['verify', join(parent, 'x')]);
    expect(check.code).toBe(0);
  }, 600_000);

  it('resumes a shard killed with SIGKILL from the temporary folder it left', async () => {
    const parent = join(dir, 'b');
    const shard = [...SWEEP, '--shard', '1/2'];
    const whole = vraemAsync([...shard, '--out', join(dir, 'shard-whole')]);
    mkdirSync(parent);
    const stop = await stopAfter(shard, parent, 1, 'SIGKILL');
    expect(stop.code).toBe(-1);
    const left = readdirSync(parent);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^\.x\.tmp-/);
    const resumed = vraem([...shard, '--out', join(parent, 'x'), '--resume']);
    expect(resumed.stderr).toMatch(/resuming .*\.x\.tmp-.*: [1-2] of 3 tasks are done/);
    expect(resumed.code).toBe(0);
    expect(readdirSync(parent)).toEqual(['x']);
    expect((await whole).code).toBe(0);
    for (const f of DATA) expect(readFileSync(join(parent, 'x', f)).equals(readFileSync(join(dir, 'shard-whole', f))), f).toBe(true);
  }, 600_000);
});
