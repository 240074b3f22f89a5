import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { validateScenario, runScenario, seriesOf } from '@vraem/sim-core';
const file = process.argv[2] ?? 'scenarios/baseline.yaml';
const sets = process.argv.slice(3);
const raw = YAML.parse(readFileSync(file, 'utf8'));
for (const s of sets) { const [p, v] = s.split('='); const keys = p.split('.'); let o = raw; for (const k of keys.slice(0, -1)) o = o[k] ??= {}; o[keys.at(-1)!] = isNaN(Number(v)) ? (v === 'true' ? true : v === 'false' ? false : v) : Number(v); }
if (process.env.NOEVENTS) raw.events = [];
raw.events = (raw.events ?? []).filter((e: any) => (Number(e.at.slice(0, 4)) - 2004) * 12 + Number(e.at.slice(5)) - 1 < (raw.months ?? 240));
const v = validateScenario(raw);
if (!v.ok) { console.log(v.issues); process.exit(2); }
const t0 = performance.now();
const r = runScenario(v.scenario, { seed: 1, check: true });
console.log('ms', (performance.now() - t0).toFixed(0));
const obs: Record<string, Record<number, number>> = {};
for (const line of readFileSync('/work/shared/reference/observed-coca.csv', 'utf8').trim().split('\n').slice(1)) { const [y, s, val] = line.split(','); (obs[s] ??= {})[+y] = +val; }
const yearMean = (row: string, m: any, y: number) => { const s = seriesOf(r, row, m); const i = (y - 2004) * 12; let a = 0; for (let k = 11; k < 12; k++) a += s[i + k]; return a; };
const rows = [['PE', 'peru_ha'], ['BO', 'bolivia_ha'], ['CO', 'colombia_ha']];
console.log('year  ' + rows.map(([r]) => r.padStart(14)).join('') + '  VRAEM  AH  leafPE expP seizedALL fee feeRev');
for (let y = 2004; y < 2004 + Math.floor(r.months / 12); y++) {
  const vr = ['vraem-apurimac', 'vraem-ene', 'vraem-mantaro'].reduce((a, id) => a + yearMean(id, 'coca_ha', y), 0);
  console.log(y, rows.map(([row, o]) => `${(yearMean(row, 'coca_ha', y) / 1000).toFixed(1)}/${((obs[o][y] ?? NaN) / 1000).toFixed(1)}`.padStart(14)).join(''),
    `${(vr / 1000).toFixed(1)}/${((obs.vraem_ha?.[y] ?? NaN) / 1000).toFixed(1)}`, (yearMean('alto-huallaga', 'coca_ha', y) / 1000).toFixed(1),
    yearMean('PE', 'leaf_price_usd_kg', y).toFixed(2), yearMean('ALL', 'export_price_usd_kg', y).toFixed(0), yearMean('ALL', 'seized_t', y).toFixed(1),
    yearMean('ALL', 'protection_paid_usd', y).toFixed(0), yearMean('ALL', 'armed_fighters', y).toFixed(0), yearMean('ALL', 'violence_events', y).toFixed(0), yearMean('ALL', 'firmas_active', y));
}
if (process.env.SHOW) {
  const [row, ...ms] = process.env.SHOW.split(',');
  console.log('row', row, ms.join(' '));
  for (let y = 2004; y < 2004 + Math.floor(r.months / 12); y++) console.log(y, ms.map((m) => yearMean(row, m as any, y).toPrecision(4)).join(' '));
}
