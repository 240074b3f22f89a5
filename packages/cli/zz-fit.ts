import { readFileSync } from 'node:fs';
import { runScenario, seriesOf } from '@vraem/sim-core';
import { loadScenario } from './src/load.ts';
const set = process.argv.slice(2);
const s = loadScenario('scenarios/baseline.yaml', { set }).scenario;
const obs = new Map<string, number>();
for (const line of readFileSync('data/observed-coca.csv', 'utf8').trim().split('\n').slice(1)) { const [y, k, v] = line.split(','); obs.set(`${k}:${y}`, +v); }
const runs = [1, 2, 3].map((seed, run) => runScenario(s, { seed, run }));
const rows: [string, string][] = [['PE', 'peru_ha'], ['BO', 'bolivia_ha'], ['CO', 'colombia_ha']];
let worst: Record<string, number> = {};
const lines: string[] = [];
for (let y = 2004; y <= 2023; y++) {
  const t = (y - 2004) * 12 + 11;
  const parts = rows.map(([row, k]) => { const m = runs.reduce((a, r) => a + seriesOf(r, row, 'coca_ha')[t], 0) / runs.length; const o = obs.get(`${k}:${y}`)!; if (y <= 2015) worst[row] = Math.max(worst[row] ?? 0, Math.max(m / o, o / m)); return `${row} ${(m / 1000).toFixed(1)}/${(o / 1000).toFixed(1)}`; });
  const v = ['vraem-apurimac', 'vraem-ene', 'vraem-mantaro'].reduce((a, id) => a + runs.reduce((b, r) => b + seriesOf(r, id, 'coca_ha')[t], 0) / runs.length, 0);
  lines.push(`${y} ${parts.join('  ')}  VRAEM ${(v / 1000).toFixed(1)}/${((obs.get(`vraem_ha:${y}`) ?? NaN) / 1000).toFixed(1)}`);
}
console.log(lines.join('\n'));
console.log('worst 2004-2015', JSON.stringify(worst));
