import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { validateScenario, runScenario, seriesOf } from '@vraem/sim-core';
const raw = YAML.parse(readFileSync('scenarios/baseline.yaml', 'utf8'));
const targets: Record<string, number> = {};
for (const id of Object.keys(raw.regions)) targets[id] = raw.regions[id].cocaHa * (id === 'colombia' ? 0.85 : 1);
raw.events = []; raw.months = 72; if (process.env.STRAT) raw.firmas.strategy = process.env.STRAT; if (process.env.NOSL) raw.armedGroups = {};
const ids = Object.keys(raw.regions);
for (let it = 0; it < Number(process.env.IT ?? 4); it++) {
  const v = validateScenario(raw); if (!v.ok) throw new Error(JSON.stringify(v.issues));
  const r = runScenario(v.scenario, { seed: 1 });
  const line: string[] = [];
  for (const id of ids) {
    const s = seriesOf(r, id, 'coca_ha'); let m = 0; for (let t = 36; t < 72; t++) m += s[t] / 36;
    const target = targets[id]; const ratio = target / Math.max(1, m);
    line.push(`${id}:${(m / 1000).toFixed(1)}/${(target / 1000).toFixed(1)} hh=${raw.regions[id].households}`);
    raw.regions[id].households = Math.round(raw.regions[id].households * Math.min(2, Math.max(0.5, ratio ** 0.8)));
  }
  const p = seriesOf(r, 'PE', 'leaf_price_usd_kg'); const e = seriesOf(r, 'ALL', 'export_price_usd_kg'); const fr = seriesOf(r, 'ALL', 'protection_paid_usd'); const fi = seriesOf(r, 'ALL', 'armed_fighters');
  console.log(it, line.join('  '), `leafPE ${p[60].toFixed(2)} exp ${e[60].toFixed(0)} fee$ ${fr[60].toFixed(0)} fighters ${fi[60].toFixed(0)}`);
}
