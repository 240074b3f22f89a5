import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { validateScenario, createSimulation } from '@vraem/sim-core';
const raw = YAML.parse(readFileSync('scenarios/baseline.yaml', 'utf8'));
raw.months = 72; raw.events = raw.events.filter((e: any) => e.at < '2010-01');
const v = validateScenario(raw); if (!v.ok) throw 1;
const sim = createSimulation(v.scenario, { seed: 1 }) as any;
for (let t = 0; t < 72; t++) {
  const before = sim.world.firmas.map((f: any) => f.alive);
  sim.step();
  sim.world.firmas.forEach((f: any, k: number) => { if (before[k] && !f.alive) console.log('t', t, 'firma', f.id, f.country, f.regions, 'cash', f.cash.toFixed(0), 'profit', f.profit.toFixed(0)); });
  if (t % 12 === 0) console.log(t, sim.world.firmas.filter((f: any) => f.alive).map((f: any) => `${f.id}${f.cooperating ? 'C' : 'D'} d*${f.deltaStar.toFixed(2)} nb${f.netbackLeaf.toFixed(2)} bl${f.buyLimit.toFixed(2)} st${(f.stockKg/1000).toFixed(1)} p${(f.profit/1e6).toFixed(2)}`).join(' | '));
}
