import { runScenario, seriesOf } from '@vraem/sim-core';
import { loadScenario } from './src/load.ts';
const s = loadScenario('scenarios/baseline.yaml', { set: ['householdsPerAgent=4'] }).scenario;
s.months = 8; const r = runScenario(s, { seed: 1 });
for (const m of ['coca_ha', 'leaf_price_usd_kg', 'firma_profit_usd', 'cocaine_output_t', 'leaf_output_t', 'export_price_usd_kg', 'licit_ha'] as const) console.log(m.padEnd(22), Array.from(seriesOf(r, 'ALL', m)).map((x) => x.toPrecision(4)).join(' '));
