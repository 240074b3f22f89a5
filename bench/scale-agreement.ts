/**
 * Does the ensemble's reduced scale give the patterns full scale gives? `tsx bench/scale-agreement.ts
 * [runs] [householdsPerAgent ...]` runs the calibrated baseline (to December 2015, the last year a
 * pattern reads) on seeds 1..runs at full scale (one agent a household) and at each reduced scale
 * (default 40, what `scenarios/ensemble/ensemble.json` records), measures every pattern of
 * `data/patterns.csv` in each run as ABC measures it (`measurePattern`), and prints, per pattern
 * and scale, the mean and standard deviation over the seeds, the difference of the means from full
 * scale with its 95% interval (Welch's t), and whether the interval holds zero: a
 * reduced scale agrees with full scale when its patterns differ from full scale's by no more than
 * the runs differ among themselves. Also the CPU seconds a run costs at each scale.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../packages/cli/src/load.ts';
import { runScenario, parsePatternsCsv, parseObservedCsv, measurePattern, type PatternData } from '../packages/sim-core/src/index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 8);
const reduced = process.argv.slice(3).map(Number);
const scales = [1, ...(reduced.length ? reduced : [40])];
const targets = parsePatternsCsv(readFileSync(`${root}data/patterns.csv`, 'utf8'));
const data: PatternData = {
  coca: parseObservedCsv(readFileSync(`${root}data/observed-coca.csv`, 'utf8')),
  prices: parseObservedCsv(readFileSync(`${root}data/observed-prices.csv`, 'utf8')),
};

const values = new Map<number, number[][]>(); // scale → pattern → values over seeds
const cpu = new Map<number, number[]>();
for (const hpa of scales) {
  // 2004-01 to 2015-12: 144 months.
  const s = loadScenario(`${root}scenarios/baseline.yaml`, { set: [`householdsPerAgent=${hpa}`, 'months=144'] }).scenario;
  const v = targets.map(() => [] as number[]);
  const c: number[] = [];
  for (let seed = 1; seed <= runs; seed++) {
    const c0 = process.cpuUsage();
    const r = runScenario(s, { seed });
    const used = process.cpuUsage(c0);
    c.push((used.user + used.system) / 1e6);
    targets.forEach((t, k) => v[k].push(measurePattern(t, r, data)));
    process.stderr.write(`householdsPerAgent ${hpa}, seed ${seed}\n`);
  }
  values.set(hpa, v);
  cpu.set(hpa, c);
}

const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
const sd = (x: number[]) => Math.sqrt(x.reduce((a, b) => a + (b - mean(x)) ** 2, 0) / (x.length - 1));
/** Student's t 97.5% quantile for df degrees of freedom (Welch's), by the Cornish–Fisher expansion around the normal's 1.96 (2.225 at 10 df against 2.228; 4% short at 3 df). */
const tQuantile975 = (df: number) => {
  const z = 1.959964;
  return Number.isFinite(df) && df > 0 ? z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df) : z;
};
const fmt = (x: number) => (Math.abs(x) >= 1000 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toPrecision(3));
const full = values.get(1)!;
console.log(`baseline to 2015-12, seeds 1..${runs}; mean (sd) over the seeds; difference from full scale with its 95% interval`);
console.log(`| pattern | unit | full scale | ${scales.slice(1).map((h) => `hpa ${h} | difference | agrees`).join(' | ')} |`);
console.log(`|---|---|---|${scales.slice(1).map(() => '---|---|---').join('|')}|`);
targets.forEach((t, k) => {
  const a = full[k];
  const cells = scales.slice(1).map((h) => {
    const b = values.get(h)![k];
    const diff = mean(b) - mean(a);
    const va = sd(a) ** 2 / a.length;
    const vb = sd(b) ** 2 / b.length;
    const half = tQuantile975((va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1))) * Math.sqrt(va + vb);
    return `${fmt(mean(b))} (${fmt(sd(b))}) | ${fmt(diff)} ± ${fmt(half)} | ${Math.abs(diff) <= half ? 'yes' : 'no'}`;
  });
  console.log(`| ${t.id} | ${t.unit} | ${fmt(mean(a))} (${fmt(sd(a))}) | ${cells.join(' | ')} |`);
});
console.log(`CPU seconds a run (median): ${scales.map((h) => `hpa ${h}: ${[...cpu.get(h)!].sort((x, y) => x - y)[runs >> 1].toFixed(3)}`).join(', ')}`);
