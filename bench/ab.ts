/**
 * Before/after timing of the engine on a shared machine: `tsx bench/ab.ts <treeA> <treeB> [pairs]
 * [householdsPerAgent] [warmUpRuns]` loads sim-core from two checkouts (e.g. a `git worktree` of the
 * commit before a change, and the working tree) into one process and runs the baseline on each
 * alternately, same scenario and seed, so load from other processes hits both alike. Prints the
 * medians of wall and CPU seconds and their ratios B/A. It also checks that both trees give the
 * same series, byte for byte: an optimisation must change no output.
 *
 * The check's run is each engine's first; `warmUpRuns` (default 0) more untimed runs of each come
 * before the pairs. A process's first runs cost more than later ones while V8 optimises the code
 * (docs/performance.md, "Where a second worker's CPU goes"), so without them the medians weigh
 * how fast an engine settles as well as what it costs once settled; with 5 or more, the latter.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';

const [treeA, treeB] = [resolve(process.argv[2] ?? '.'), resolve(process.argv[3] ?? '.')];
const pairs = Number(process.argv[4] ?? 7);
const householdsPerAgent = Number(process.argv[5] ?? 1);
const warmUpRuns = Number(process.argv[6] ?? 0);

interface Core {
  runScenario(s: unknown, o: { seed: number }): unknown;
  seriesCsv(r: unknown[]): string;
}

async function engine(tree: string) {
  const { loadScenario } = (await import(`${tree}/packages/cli/src/load.ts`)) as { loadScenario(f: string, o: { set: string[] }): { scenario: unknown } };
  const core = (await import(`${tree}/packages/sim-core/src/index.ts`)) as Core;
  const s = loadScenario(`${tree}/scenarios/baseline.yaml`, { set: [`householdsPerAgent=${householdsPerAgent}`] }).scenario;
  return {
    hash: () => createHash('sha256').update(core.seriesCsv([core.runScenario(s, { seed: 7 })])).digest('hex'),
    time: () => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      core.runScenario(s, { seed: 7 });
      const c = process.cpuUsage(c0);
      return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
    },
  };
}

const median = (x: number[]) => [...x].sort((a, b) => a - b)[x.length >> 1];
const A = await engine(treeA);
const B = await engine(treeB);
const same = A.hash() === B.hash(); // also the JIT's warm-up
for (let k = 0; k < warmUpRuns; k++) {
  A.time();
  B.time();
}
const a: { wall: number; cpu: number }[] = [];
const b: { wall: number; cpu: number }[] = [];
for (let k = 0; k < pairs; k++) {
  a.push(A.time());
  b.push(B.time());
}
const [wa, wb, ca, cb] = [median(a.map((t) => t.wall)), median(b.map((t) => t.wall)), median(a.map((t) => t.cpu)), median(b.map((t) => t.cpu))];
console.log(`series identical: ${same ? 'yes' : 'NO'}`);
console.log(`A ${treeA}: wall ${wa.toFixed(3)} s, cpu ${ca.toFixed(3)} s`);
console.log(`B ${treeB}: wall ${wb.toFixed(3)} s, cpu ${cb.toFixed(3)} s`);
console.log(`B/A: wall ${(wb / wa).toFixed(3)}, cpu ${(cb / ca).toFixed(3)} (medians of ${pairs} pairs after ${warmUpRuns} warm-up runs, householdsPerAgent ${householdsPerAgent})`);
if (!same) process.exitCode = 1;
