/**
 * How a process's runs settle: `tsx bench/settle.ts [runs] [householdsPerAgent]` runs the
 * baseline `runs` times (default 8) in this fresh process, seeds 7, 8, …, and prints each run's
 * CPU and wall seconds, and (on Linux) the CPU of the process's other threads during it — V8's
 * compiler and collector, which work beside the main thread. A process's first runs cost more
 * than later ones while V8 optimises the code; a run that costs more again later means its code
 * was thrown away (a deoptimisation, `node --trace-deopt`). Every worker thread of the pool is such
 * a fresh start (its own V8 isolate): docs/performance.md, "Where a second worker's CPU goes".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadScenario } from '../packages/cli/src/load.ts';
import { runScenario } from '../packages/sim-core/src/index.ts';

const runs = Number(process.argv[2] ?? 8);
const householdsPerAgent = Number(process.argv[3] ?? 1);
const scenario = loadScenario(new URL('../scenarios/baseline.yaml', import.meta.url).pathname, { set: [`householdsPerAgent=${householdsPerAgent}`] }).scenario;

/** CPU seconds of each thread of this process, by thread id (empty where /proc is not there). */
function threadSeconds(): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const t of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(t, (Number(f[11]) + Number(f[12])) / 100); // utime + stime, in clock ticks of 1/100 s
    }
  } catch {
    // not Linux: no split
  }
  return out;
}

const main = String(process.pid);
for (let k = 0; k < runs; k++) {
  const before = threadSeconds();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  runScenario(scenario, { seed: 7 + k });
  const c = process.cpuUsage(c0);
  const wall = (performance.now() - t0) / 1000;
  let helpers = 0;
  for (const [t, s] of threadSeconds()) if (t !== main) helpers += s - (before.get(t) ?? 0);
  console.log(`run ${k + 1}: cpu ${((c.user + c.system) / 1e6).toFixed(3)} s, wall ${wall.toFixed(3)} s, other threads ${before.size ? helpers.toFixed(2) + ' s' : 'n/a'} (householdsPerAgent ${householdsPerAgent})`);
}
