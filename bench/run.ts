/**
 * `pnpm bench [--json] [--quick]`: how fast vraem runs, measured, not asserted (timings belong
 * to a machine, so no test fails on them). Prints a table, or with `--json` one JSON object.
 *
 * What is measured (docs/performance.md says why each is measured this way):
 * - full scale: `scenarios/baseline.yaml` as it is (one agent a household, seven regions, 240
 *   months plus the 24 warm-up months), single thread, after one run to warm the JIT up; the
 *   median of several runs of `runScenario` (setup, warm-up and months). Farmer-months count
 *   agents × (months + warm-up months): the warm-up months are simulated like any other.
 * - workers: six full-scale replicates of the baseline through the CLI's worker pool
 *   (packages/cli/src/pool.ts), with 1 and with 2 workers, thread start-up included (and measured
 *   alone, on a tiny run a worker); `parallelEfficiency` is the throughput with 2 over that with 1;
 *   the process's CPU seconds a replicate and the cores the replicates had (CPU over wall) by
 *   workers say why it falls short of 2 (a replicate's cost grew, or the cores were not free).
 * - memory: the growth of `process.memoryUsage().arrayBuffers` when a simulation of about a
 *   million farmers is created and stepped (its farmer columns, scratch and result buffer),
 *   divided by its agents; and the farmer columns' own byteLength a farmer.
 * - scaling: the baseline made about 10k, 100k and 1M agents large (households and every extent
 *   with them: hectares, eradication targets, budgets), months stepped after the warm-up, cost per
 *   farmer-month at each size.
 * - ensemble scale: replicates of the baseline at the scale the posterior ensemble was fitted at
 *   (`householdsPerAgent` of scenarios/ensemble/ensemble.json, 40) through the worker pool with
 *   two workers, thread start-up included: `ensembleRunsPerSecond`.
 * - an ensemble comparison: `vraem compare` of the baseline and alternative development over
 *   every member of scenarios/ensemble at that scale with two workers, as a user runs it (a child
 *   process, report included), with enough paired runs a member for about 1,000 runs (200 with
 *   `--quick`; `--ensemble-runs N` sets it): its wall time and the child's peak resident memory
 *   (bench/peak-rss.mjs reads it as the process exits, worker threads included).
 * Every figure comes with the CPU model, the core count, the Node version and the load average
 * (on a shared machine, other processes slow wall-clock figures down: CPU seconds are given too).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadScenario } from '../packages/cli/src/load.ts';
import { runTasks, type Task } from '../packages/cli/src/pool.ts';
import { runScenario, createSimulation, replicateSeed, agentCount, type Scenario } from '../packages/sim-core/src/index.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const quick = args.includes('--quick');
const root = fileURLToPath(new URL('..', import.meta.url));
const baselineFile = `${root}scenarios/baseline.yaml`;
const ensembleDir = `${root}scenarios/ensemble`;
const optionAt = args.indexOf('--ensemble-runs');
const ensembleRuns = optionAt >= 0 ? Number(args[optionAt + 1]) : quick ? 200 : 1000;
if (!(Number.isInteger(ensembleRuns) && ensembleRuns >= 2)) {
  process.stderr.write(`bench: --ensemble-runs takes a whole number of runs, at least 2 (got ${args[optionAt + 1]})\n`);
  process.exit(2);
}

/** Targets of issue 22 (on the project's 2-core machines; issue 7's were 20 M, 5 s and 100 bytes). */
const TARGETS = {
  farmerMonthsPerSecond: 45e6,
  fullScaleRunSeconds: 1.5,
  scalingRatio: 1.3,
  parallelEfficiency: 1.8,
  bytesPerFarmer: 64,
  /** A 1,000-run ensemble comparison of the AD question, on two cores (judged only when the bench runs 1,000 or more). */
  ensembleComparisonSeconds: 15 * 60,
};

const log = (line: string) => {
  if (!asJson) process.stderr.write(line + '\n');
};

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Wall and CPU seconds of `fn` (CPU: this process, user + system). */
function timed(fn: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

function load(set: string[] = []): Scenario {
  return loadScenario(baselineFile, { set }).scenario;
}

/** Agents a scenario creates (as setup counts them). */
/** Lever paths that measure an extent (households, hectares, tonnes, budgets): scaled together. */
const EXTENSIVE = /(^|\.)(households|cocaHa|licitHa|tonnesPerYear|budgetUsdPerYear)$|\.eradicationHaPerYear\./;

/**
 * The baseline as a world `k` times as large (one agent a household): every region's households
 * and every extent with them (starting hectares, the legal market, eradication targets, AD
 * budgets, in the scenario and in its events), so a household meets the same conditions at
 * every size and only the number of agents changes.
 */
function scaled(agents: number, months: number): Scenario {
  const s = load([`months=${months}`]);
  const k = agents / agentCount(s);
  const scale = (tree: Record<string, unknown>, prefix: string) => {
    for (const [key, v] of Object.entries(tree)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (typeof v === 'number' && EXTENSIVE.test(path)) tree[key] = key === 'households' ? Math.round(v * k) : v * k;
      else if (v && typeof v === 'object' && !Array.isArray(v)) scale(v as Record<string, unknown>, path);
    }
  };
  scale(s.regions as unknown as Record<string, unknown>, 'regions');
  scale(s.states as unknown as Record<string, unknown>, 'states');
  for (const e of s.events) for (const [path, v] of Object.entries(e.set)) if (typeof v === 'number' && EXTENSIVE.test(path)) e.set[path] = path.endsWith('.households') ? Math.round(v * k) : v * k;
  return s;
}

// --- 1. full scale, single thread ---
function fullScale(runs: number) {
  const s = load();
  const agents = agentCount(s);
  const farmerMonths = agents * (s.months + s.warmupMonths);
  log(`full scale: ${agents} agents × (${s.months} + ${s.warmupMonths} warm-up) months, ${runs} runs after a warm-up run`);
  runScenario(s, { seed: s.seed }); // warm the JIT up
  const times = [];
  for (let k = 0; k < runs; k++) {
    const t = timed(() => runScenario(s, { seed: replicateSeed(s.seed, k) }));
    log(`  run ${k + 1}: ${t.wall.toFixed(2)} s (cpu ${t.cpu.toFixed(2)} s)`);
    times.push(t);
  }
  const wall = median(times.map((t) => t.wall));
  const cpu = median(times.map((t) => t.cpu));
  return { agents, months: s.months, warmupMonths: s.warmupMonths, farmerMonths, wall, cpu, runs: times };
}

// --- 2. replicates through the worker pool ---
async function workers(counts: number[], replicates: number, householdsPerAgent: number) {
  const s = load([`householdsPerAgent=${householdsPerAgent}`]);
  const tiny = load(['householdsPerAgent=1000', 'months=1']);
  const tasks: Task[] = Array.from({ length: replicates }, (_, k) => ({ scenario: s, seed: replicateSeed(s.seed, k), run: k }));
  const out: Record<string, { seconds: number; replicatesPerSecond: number; startSeconds: number; cpuSeconds: number }> = {};
  for (const w of counts) {
    // Thread start-up alone: each worker runs one tiny scenario.
    let t0 = performance.now();
    await runTasks(Array.from({ length: w }, (_, k) => ({ scenario: tiny, seed: k, run: k })), { workers: w, onResult: () => {} });
    const startSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    // The process's CPU time counts its worker threads': what the replicates cost, however many
    // cores the machine's other processes left them (the gap between efficiency and 2 is this
    // cost's growth times the share of the cores the workers got).
    const c0 = process.cpuUsage();
    await runTasks(tasks, { workers: w, onResult: () => {} });
    const used = process.cpuUsage(c0);
    const seconds = (performance.now() - t0) / 1000;
    out[w] = { seconds, replicatesPerSecond: tasks.length / seconds, startSeconds, cpuSeconds: (used.user + used.system) / 1e6 };
    log(`workers ${w}: ${tasks.length} replicates (householdsPerAgent ${householdsPerAgent}) in ${seconds.toFixed(2)} s (cpu ${out[w].cpuSeconds.toFixed(2)} s); start-up alone ${startSeconds.toFixed(2)} s`);
  }
  return { agents: agentCount(s), months: s.months + s.warmupMonths, replicates: tasks.length, householdsPerAgent, byWorkers: out };
}

// --- 3. memory per farmer ---
function memory(agents: number) {
  const s = scaled(agents, 1);
  gc();
  const before = process.memoryUsage();
  const sim = createSimulation(s, { seed: 1 });
  sim.step();
  gc();
  const after = process.memoryUsage();
  const n = agentCount(s);
  const f = (sim as unknown as { world: { farmers: Record<string, unknown> } }).world.farmers;
  let columns = 0;
  for (const v of Object.values(f)) if (ArrayBuffer.isView(v)) columns += v.byteLength;
  const measured = (after.arrayBuffers - before.arrayBuffers) / n;
  log(`memory: ${n} agents, array buffers +${((after.arrayBuffers - before.arrayBuffers) / 1e6).toFixed(1)} MB, heap +${((after.heapUsed - before.heapUsed) / 1e6).toFixed(1)} MB`);
  return { agents: n, bytesPerFarmer: measured, columnBytesPerFarmer: columns / n, heapBytesPerFarmer: (after.heapUsed - before.heapUsed) / n };
}

// --- 4. scaling ---
function scaling(sizes: number[], months: number) {
  const out: { agents: number; farmerMonths: number; seconds: number; cpuSeconds: number; nsPerFarmerMonth: number }[] = [];
  for (const size of sizes) {
    const s = scaled(size, months);
    const n = agentCount(s);
    const reps = size <= 10_000 ? 9 : size <= 100_000 ? 5 : 3;
    const times = [];
    for (let k = 0; k <= reps; k++) {
      const sim = createSimulation(s, { seed: replicateSeed(s.seed, k) }); // setup and warm-up, not timed
      const t = timed(() => {
        while (sim.tick < sim.months) sim.step();
      });
      if (k > 0) times.push(t); // the first is the JIT's warm-up at this size
    }
    const wall = median(times.map((t) => t.wall));
    const cpu = median(times.map((t) => t.cpu));
    const fm = n * months;
    out.push({ agents: n, farmerMonths: fm, seconds: wall, cpuSeconds: cpu, nsPerFarmerMonth: (wall / fm) * 1e9 });
    log(`scaling: ${n} agents × ${months} months: ${((wall / fm) * 1e9).toFixed(1)} ns a farmer-month (cpu ${((cpu / fm) * 1e9).toFixed(1)})`);
  }
  return out;
}

// --- 5. ensemble scale ---
/** The scale the posterior ensemble was fitted at, as its manifest records it. */
function ensembleScale(): { householdsPerAgent: number; members: number } {
  const json = JSON.parse(readFileSync(`${ensembleDir}/ensemble.json`, 'utf8')) as { householdsPerAgent?: number; accepted: number };
  return { householdsPerAgent: json.householdsPerAgent ?? 1, members: json.accepted };
}

async function ensembleThroughput(replicates: number, householdsPerAgent: number) {
  const s = load([`householdsPerAgent=${householdsPerAgent}`]);
  const tasks: Task[] = Array.from({ length: replicates }, (_, k) => ({ scenario: s, seed: replicateSeed(s.seed, k), run: k }));
  const t0 = performance.now();
  await runTasks(tasks, { workers: 2, onResult: () => {} });
  const seconds = (performance.now() - t0) / 1000;
  log(`ensemble scale: ${replicates} runs (householdsPerAgent ${householdsPerAgent}, ${agentCount(s)} agents), 2 workers, in ${seconds.toFixed(2)} s`);
  return { agents: agentCount(s), householdsPerAgent, runs: replicates, seconds, runsPerSecond: replicates / seconds };
}

/**
 * `vraem compare baseline alternative-development --ensemble scenarios/ensemble` in a child
 * process with two workers: wall seconds and peak resident bytes. Each member runs
 * `runs / (2 × members)` paired runs (at least one): both sides count.
 */
function ensembleComparison(runs: number, scale: { householdsPerAgent: number; members: number }) {
  const perMember = Math.max(1, Math.round(runs / (2 * scale.members)));
  const dir = mkdtempSync(join(tmpdir(), 'vraem-bench-'));
  try {
    const argv = [
      '--import', `${root}bench/peak-rss.mjs`, `${root}packages/cli/bin/vraem.mjs`, 'compare', baselineFile, `${root}scenarios/alternative-development.yaml`,
      '--ensemble', ensembleDir, '--runs', String(perMember), '--set', `householdsPerAgent=${scale.householdsPerAgent}`, '--workers', '2', '--out', join(dir, 'compare'),
    ];
    const t0 = performance.now();
    const child = spawnSync(process.execPath, argv, { env: { ...process.env, VRAEM_PEAK_RSS_FILE: join(dir, 'peak') }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const seconds = (performance.now() - t0) / 1000;
    if (child.status !== 0) throw new Error(`bench: the ensemble comparison failed (exit ${child.status}):\n${child.stderr}`);
    const peakBytes = Number(readFileSync(join(dir, 'peak'), 'utf8'));
    const total = 2 * perMember * scale.members;
    log(`ensemble comparison: ${scale.members} members × ${perMember} paired runs (${total} runs) in ${seconds.toFixed(1)} s, peak resident ${(peakBytes / 1e6).toFixed(0)} MB`);
    return { members: scale.members, pairedRunsPerMember: perMember, runs: total, householdsPerAgent: scale.householdsPerAgent, seconds, peakBytes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const machine = () => ({ cpu: cpus()[0]?.model ?? 'unknown', cores: availableParallelism(), node: process.version, loadAverage: loadavg().map((x) => +x.toFixed(2)) });
const started = machine();
const t0 = performance.now();

const full = fullScale(quick ? 3 : 5);
const pool = quick ? await workers([1, 2], 4, 4) : await workers([1, 2], 6, 1);
const mem = memory(quick ? 200_000 : 1_000_000);
const scale = scaling(quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000], 36);
const ensembleAt = ensembleScale();
const ensembleRate = await ensembleThroughput(quick ? 40 : 100, ensembleAt.householdsPerAgent);
const comparison = ensembleComparison(ensembleRuns, ensembleAt);

const r1 = pool.byWorkers[1].replicatesPerSecond;
const r2 = pool.byWorkers[2].replicatesPerSecond;
const result = {
  machine: { ...started, loadAverageAtEnd: loadavg().map((x) => +x.toFixed(2)) },
  farmerMonthsPerSecond: Math.round(full.farmerMonths / full.wall),
  farmerMonthsPerCpuSecond: Math.round(full.farmerMonths / full.cpu),
  fullScaleRunSeconds: +full.wall.toFixed(3),
  fullScaleRunCpuSeconds: +full.cpu.toFixed(3),
  fullScale: {
    scenario: 'scenarios/baseline.yaml',
    agents: full.agents,
    months: full.months,
    warmupMonths: full.warmupMonths,
    farmerMonths: full.farmerMonths,
    warmupCounted: true,
    runSeconds: full.runs.map((t) => +t.wall.toFixed(3)),
  },
  replicatesPerSecond: { '1': +r1.toFixed(3), '2': +r2.toFixed(3) },
  replicates: {
    scenario: `scenarios/baseline.yaml --set householdsPerAgent=${pool.householdsPerAgent}`,
    agents: pool.agents,
    months: pool.months,
    count: pool.replicates,
    threadStartIncluded: true,
    secondsByWorkers: { '1': +pool.byWorkers[1].seconds.toFixed(3), '2': +pool.byWorkers[2].seconds.toFixed(3) },
    threadStartSecondsByWorkers: { '1': +pool.byWorkers[1].startSeconds.toFixed(3), '2': +pool.byWorkers[2].startSeconds.toFixed(3) },
    /** CPU seconds a replicate (the process's, worker threads included), and the cores the replicates had on average (CPU over wall). */
    cpuSecondsPerReplicateByWorkers: { '1': +(pool.byWorkers[1].cpuSeconds / pool.replicates).toFixed(3), '2': +(pool.byWorkers[2].cpuSeconds / pool.replicates).toFixed(3) },
    coresUsedByWorkers: { '1': +(pool.byWorkers[1].cpuSeconds / pool.byWorkers[1].seconds).toFixed(2), '2': +(pool.byWorkers[2].cpuSeconds / pool.byWorkers[2].seconds).toFixed(2) },
  },
  parallelEfficiency: +(r2 / r1).toFixed(3),
  bytesPerFarmer: +mem.bytesPerFarmer.toFixed(1),
  memory: { agents: mem.agents, method: 'arrayBuffers growth creating and stepping a simulation, per agent', columnBytesPerFarmer: +mem.columnBytesPerFarmer.toFixed(1), heapBytesPerFarmer: +mem.heapBytesPerFarmer.toFixed(1) },
  scaling: scale.map((x) => ({ ...x, seconds: +x.seconds.toFixed(4), cpuSeconds: +x.cpuSeconds.toFixed(4), nsPerFarmerMonth: +x.nsPerFarmerMonth.toFixed(2) })),
  scalingRatio: +(scale[scale.length - 1].nsPerFarmerMonth / scale[0].nsPerFarmerMonth).toFixed(3),
  ensembleRunsPerSecond: +ensembleRate.runsPerSecond.toFixed(3),
  ensembleComparisonPeakBytes: comparison.peakBytes,
  ensembleComparisonSeconds: +comparison.seconds.toFixed(1),
  ensemble: {
    scenario: `scenarios/baseline.yaml --set householdsPerAgent=${ensembleRate.householdsPerAgent}`,
    agents: ensembleRate.agents,
    workers: 2,
    runs: ensembleRate.runs,
    seconds: +ensembleRate.seconds.toFixed(3),
    threadStartIncluded: true,
    comparison: {
      command: `vraem compare scenarios/baseline.yaml scenarios/alternative-development.yaml --ensemble scenarios/ensemble --runs ${comparison.pairedRunsPerMember} --set householdsPerAgent=${comparison.householdsPerAgent} --workers 2`,
      members: comparison.members,
      runs: comparison.runs,
      seconds: +comparison.seconds.toFixed(1),
      peakBytes: comparison.peakBytes,
      method: 'peak resident set of the vraem process (worker threads included), process.resourceUsage().maxRSS at exit; report and charts included',
    },
  },
  benchSeconds: 0,
  targets: {} as Record<string, { target: string; met: boolean }>,
};
result.benchSeconds = +((performance.now() - t0) / 1000).toFixed(1);
result.targets = {
  farmerMonthsPerSecond: { target: `>= ${TARGETS.farmerMonthsPerSecond}`, met: result.farmerMonthsPerSecond >= TARGETS.farmerMonthsPerSecond },
  fullScaleRunSeconds: { target: `< ${TARGETS.fullScaleRunSeconds}`, met: result.fullScaleRunSeconds < TARGETS.fullScaleRunSeconds },
  scalingRatio: { target: `<= ${TARGETS.scalingRatio}`, met: result.scalingRatio <= TARGETS.scalingRatio },
  parallelEfficiency: { target: `>= ${TARGETS.parallelEfficiency}`, met: result.parallelEfficiency >= TARGETS.parallelEfficiency },
  bytesPerFarmer: { target: `<= ${TARGETS.bytesPerFarmer}`, met: result.bytesPerFarmer <= TARGETS.bytesPerFarmer },
  ...(comparison.runs >= 1000
    ? { ensembleComparisonSeconds: { target: `< ${TARGETS.ensembleComparisonSeconds}`, met: result.ensembleComparisonSeconds < TARGETS.ensembleComparisonSeconds } }
    : {}),
};

if (asJson) {
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
} else {
  const fmt = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(1)} M` : x.toFixed(2));
  const rows: [string, string, string, string][] = [
    ['farmer-months per second (1 thread)', fmt(result.farmerMonthsPerSecond), `cpu: ${fmt(result.farmerMonthsPerCpuSecond)}`, result.targets.farmerMonthsPerSecond.target],
    ['full-scale 20-year run (s)', result.fullScaleRunSeconds.toFixed(2), `cpu: ${result.fullScaleRunCpuSeconds.toFixed(2)}`, result.targets.fullScaleRunSeconds.target],
    ['replicates per second, 1 worker', r1.toFixed(2), `${pool.replicates} runs, hpa ${pool.householdsPerAgent}`, ''],
    ['replicates per second, 2 workers', r2.toFixed(2), '', ''],
    ['parallel efficiency (2 over 1)', result.parallelEfficiency.toFixed(2), '', result.targets.parallelEfficiency.target],
    ['bytes per farmer', result.bytesPerFarmer.toFixed(1), `columns: ${result.memory.columnBytesPerFarmer}`, result.targets.bytesPerFarmer.target],
    ...scale.map((x): [string, string, string, string] => [`ns per farmer-month at ${x.agents} agents`, x.nsPerFarmerMonth.toFixed(2), `cpu: ${((x.cpuSeconds / x.farmerMonths) * 1e9).toFixed(2)}`, '']),
    ['scaling ratio (largest over 10k)', result.scalingRatio.toFixed(2), '', result.targets.scalingRatio.target],
    ['ensemble-scale runs per second, 2 workers', result.ensembleRunsPerSecond.toFixed(2), `hpa ${ensembleRate.householdsPerAgent}, ${ensembleRate.runs} runs`, ''],
    [`ensemble comparison, ${comparison.runs} runs (s)`, comparison.seconds.toFixed(1), `${comparison.members} members × ${comparison.pairedRunsPerMember} pairs`, result.targets.ensembleComparisonSeconds?.target ?? ''],
    ['ensemble comparison, peak memory (MB)', (comparison.peakBytes / 1e6).toFixed(0), 'resident, workers included', ''],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const w2 = Math.max(...rows.map((r) => r[2].length));
  const lines = [`vraem bench — ${result.machine.cpu} (${result.machine.cores} cores), Node ${result.machine.node}, load average ${result.machine.loadAverage.join(' ')} → ${result.machine.loadAverageAtEnd.join(' ')}`, ''];
  lines.push(`${'figure'.padEnd(w0)}  ${'value'.padStart(w1)}  ${'note'.padEnd(w2)}  target`);
  for (const [a, b, c, d] of rows) {
    const key = Object.entries(result.targets).find(([, t]) => t.target === d)?.[1];
    lines.push(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c.padEnd(w2)}  ${d}${key ? (key.met ? '  met' : '  NOT met') : ''}`);
  }
  lines.push('', `(${result.benchSeconds} s; --json for the figures as JSON)`);
  process.stdout.write(lines.join('\n') + '\n');
}
