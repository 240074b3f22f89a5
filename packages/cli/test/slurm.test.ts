/**
 * The batch path of docs/slurm/ against a real Slurm (issue 21): `sweep-array.sbatch` runs a
 * small sweep as a four-task job array with `sbatch --wait`, its highest task submits the merge,
 * and the merged folder equals the unsharded sweep byte for byte. A task made to fail (its shard
 * folder is taken by a stray file, which vraem refuses to overwrite) leaves no shard: the merge
 * job is cancelled, `vraem merge` names the missing shard and exits 2, and rerunning that one task
 * completes the sweep with the same bytes.
 *
 * Slurm comes from scripts/slurm-up.sh: `.ci/run` starts it and exports SLURM_CONF; otherwise the
 * test starts its own and stops it afterwards. Where it cannot start (not root, no apt-get) the
 * tests are skipped and the reason printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, folderFiles, tempDir, vraem } from './helpers.ts';

const SCRIPT = join(ROOT, 'docs/slurm/sweep-array.sbatch');
const SHARDS = 4;

/** Slurm for these tests: the one `.ci/run` started, or one started here. */
function startSlurm(): { env: NodeJS.ProcessEnv; ours: string | null; skip: string | null } {
  const env = { ...process.env };
  if (env.SLURM_CONF && spawnSync('sinfo', ['-h'], { env }).status === 0) return { env, ours: null, skip: null };
  const up = spawnSync('bash', [join(ROOT, 'scripts/slurm-up.sh')], { encoding: 'utf8' });
  for (const line of up.stdout.split('\n')) {
    const m = /^export (\w+)=(.*)$/.exec(line);
    // The script quotes with printf %q: our values are plain paths or a sentence in '...'.
    if (m) env[m[1]] = m[2].replace(/^'(.*)'$/, '$1').replace(/\\(.)/g, '$1');
  }
  if (env.VRAEM_SLURM_SKIP || !env.SLURM_CONF) return { env, ours: null, skip: env.VRAEM_SLURM_SKIP ?? `slurm-up.sh printed nothing usable: ${up.stderr.trim()}` };
  return { env, ours: env.VRAEM_SLURM_DIR ?? null, skip: null };
}

const slurm = startSlurm();
if (slurm.skip) console.warn(`slurm.test.ts: skipped — ${slurm.skip}`);

describe.skipIf(slurm.skip !== null)('sweeps as a Slurm job array', () => {
  const dir = slurm.skip ? '' : tempDir();
  const sweepArgs = 'scenarios/baseline.yaml --vary firmas.count=2,6 --vary states.PE.interdiction=0.3,0.7 --runs 2 --seed 11 --set months=24 --set householdsPerAgent=200';
  let reference: Map<string, Buffer>;

  beforeAll(() => {
    const r = vraem(['sweep', ...sweepArgs.split(' '), '--workers', '1', '--out', join(dir, 'unsharded')]);
    expect(r.code, r.stderr).toBe(0);
    reference = folderFiles(join(dir, 'unsharded'));
  }, 120_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    if (slurm.ours) spawnSync('bash', [join(ROOT, 'scripts/slurm-down.sh'), slurm.ours]);
  });

  /** Submit the array (or some of its tasks) and wait for it; the exit code of `sbatch --wait`. */
  const submit = (sweep: string, array: string) => {
    const r = spawnSync('sbatch', [
      '--wait', `--array=${array}`, '--cpus-per-task=1', '--mem=1G', `--output=${sweep}-%A_%a.out`,
      // sbatch passes the environment on (--export=ALL); a comma in --export=VAR=... would split.
      '--export=ALL', SCRIPT,
    ], { cwd: ROOT, env: { ...slurm.env, VRAEM_SHARDS: String(SHARDS), VRAEM_SWEEP: sweep, VRAEM_SWEEP_ARGS: sweepArgs }, encoding: 'utf8', timeout: 240_000 });
    return { code: r.status, text: r.stdout + r.stderr };
  };

  /** Wait until no merge job of ours is queued or running. */
  const mergeSettled = async () => {
    for (let i = 0; i < 240; i++) {
      const q = spawnSync('squeue', ['-h', '-n', 'vraem-merge', '-o', '%i %T'], { env: slurm.env, encoding: 'utf8' });
      if (q.status === 0 && q.stdout.trim() === '') return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error('the merge job did not finish within two minutes');
  };

  /** The merged folder's data files against the unsharded sweep's. */
  const expectSameData = (merged: string) => {
    const got = folderFiles(merged);
    for (const name of ['series.csv', 'design.csv', 'replicates.csv', 'summary.json']) {
      expect(got.get(name), name).toBeDefined();
      expect(got.get(name)!.equals(reference.get(name)!), `${name} differs from the unsharded sweep`).toBe(true);
    }
  };

  it('a four-task array, merged by the job it submits, equals the unsharded sweep byte for byte', async () => {
    const sweep = join(dir, 'array');
    const r = submit(sweep, `0-${SHARDS - 1}`);
    expect(r.code, r.text).toBe(0);
    await mergeSettled();
    expect(existsSync(join(sweep, 'merged')), readLogs(sweep)).toBe(true);
    expectSameData(join(sweep, 'merged'));
  }, 300_000);

  it('a failed task: merge names the missing shard (exit 2); rerunning that task alone completes the sweep', async () => {
    const sweep = join(dir, 'failing');
    // A stray file where task 2 must write its shard: vraem refuses to replace it, the task fails.
    spawnSync('mkdir', ['-p', sweep]);
    writeFileSync(join(sweep, 'shard-2'), 'in the way\n');
    const r = submit(sweep, `0-${SHARDS - 1}`);
    expect(r.code, 'sbatch --wait reports the failed task').not.toBe(0);
    await mergeSettled();
    expect(existsSync(join(sweep, 'merged')), 'no merge of an incomplete sweep').toBe(false);

    const shards = [0, 1, 3].map((i) => join(sweep, `shard-${i}`));
    const m = vraem(['merge', ...shards, '--out', join(sweep, 'merged')]);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/missing shard 2\/4/);
    expect(existsSync(join(sweep, 'merged'))).toBe(false);

    rmSync(join(sweep, 'shard-2'));
    const again = submit(sweep, '2');
    expect(again.code, again.text).toBe(0);
    await mergeSettled();
    expect(existsSync(join(sweep, 'merged')), readLogs(sweep)).toBe(true);
    expectSameData(join(sweep, 'merged'));
  }, 300_000);

  /** The merge job's log, to explain a failure. */
  function readLogs(sweep: string): string {
    const logs = spawnSync('bash', ['-c', `cat ${sweep}/slurm-merge-*.out 2>/dev/null`], { encoding: 'utf8' }).stdout;
    return logs || `no merge log in ${sweep}`;
  }
});

// The CLI's own check of the script, whatever Slurm there is: outside a job array it refuses.
describe('sweep-array.sbatch outside Slurm', () => {
  it('refuses to run without an array task id', () => {
    const env = { ...process.env };
    delete env.SLURM_ARRAY_TASK_ID;
    const r = spawnSync('bash', [SCRIPT], { cwd: ROOT, env, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/job array/);
    expect(readFileSync(SCRIPT, 'utf8')).toMatch(/^#SBATCH --array=/m);
  });
});
