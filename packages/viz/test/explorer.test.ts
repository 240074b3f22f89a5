/**
 * The explorer's pure parts in Node: live charts appended month by month equal charts built from
 * the whole run; every DESIGN §9 lever has a control up front in its actor's group, with a slider
 * that holds its value; a lever changed mid-run (`setLever`) and the same change exported as an
 * event replay identically through the CLI's loader and the engine; and `writeExplorer` writes a
 * self-contained folder (three files, the scenarios embedded, no script from elsewhere); and
 * `vraem explore --serve` serves that folder on 127.0.0.1 (nothing outside it) until Ctrl-C.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { type Scenario, createSimulation, listLevers, monthLabel, runScenario, seriesCsv, validateScenario } from '@vraem/sim-core';
import { appendMonth, explorerCharts } from '../src/explorer/charts.ts';
import { controlGroups, leverLabel, niceCeil, sliderRange } from '../src/explorer/controls.ts';
import { regionLayout, regionMapSvg } from '../src/explorer/map.ts';
import type { LeverInfo, RegionInfo } from '../src/explorer/protocol.ts';
import { EXPLORER_NOTE, exportScenario, scenarioYaml } from '../src/explorer/scenarioExport.ts';
import { writeExplorer } from '../src/index.ts';
import { EXPLORER_FILES } from '../src/explorer/index.ts';
import { tempDir } from './fixtures.ts';
import { vraemAsync, vraemChild } from '../../cli/test/helpers.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The baseline, small and short (as the page would run it). */
async function smallBaseline(months = 18): Promise<Scenario> {
  const { loadScenario } = await import('../../cli/src/load.ts');
  const s = loadScenario(join(ROOT, 'scenarios/baseline.yaml'), { set: ['householdsPerAgent=50', `months=${months}`] }).scenario;
  return s;
}

const leversOf = (s: Scenario): LeverInfo[] =>
  listLevers(s).map(({ schema: _s, default: _d, ...l }) => ({ ...l, startOnly: l.change === 'start' }));

describe('live charts', () => {
  it('appended month by month equal the charts built from the whole run', async () => {
    const scenario = await smallBaseline(12);
    const full = runScenario(scenario, { seed: 3 });
    const empty = { ...full, months: 0, data: new Float64Array(0) };
    const live = explorerCharts(empty, { baseline: empty });
    const whole = explorerCharts(full, { baseline: full });
    expect(live.map((c) => c.id)).toEqual(['coca', 'regions', 'prices', 'alliance', 'violence', 'ad', 'state']);
    for (let t = 0; t < full.months; t++) {
      for (const c of live)
        appendMonth(c.config.data, c.sources, monthLabel(full.start, t), (s) => full.data[(t * full.rows.length + full.rows.indexOf(s.row)) * full.metrics.length + full.metrics.indexOf(s.metric as never)]);
    }
    for (let i = 0; i < live.length; i++) {
      expect(live[i].config.data.labels).toEqual(whole[i].config.data.labels);
      expect(live[i].config.data.datasets.map((d) => d.data)).toEqual(whole[i].config.data.datasets.map((d) => d.data));
    }
    // Every series has a baseline twin, hidden until the overlay is on.
    const coca = whole[0];
    expect(coca.sources.filter((s) => s.baseline)).toHaveLength(coca.sources.length / 2);
    expect(coca.config.data.datasets.filter((d) => d.hidden)).toHaveLength(coca.sources.length / 2);
    expect(coca.config.data.datasets[0].data.every((v) => typeof v === 'number' && v > 0)).toBe(true);
  });
});

describe('controls', () => {
  it('put every DESIGN §9 lever up front in its actor’s group, with a slider holding its value', async () => {
    const scenario = await smallBaseline();
    const groups = controlGroups(leversOf(scenario), {}, { 'alto-huallaga': 15000 });
    expect(groups.map((g) => g.id)).toEqual(['state', 'farmers', 'firmas', 'armed', 'market', 'run']);
    const all = groups.flatMap((g) => g.sections.flatMap((s) => s.controls.map((c) => ({ ...c, groupId: g.id }))));
    const expectMain = (path: string, group: string) => {
      const c = all.find((x) => x.path === path);
      expect(c, path).toBeDefined();
      expect(c!.main, path).toBe(true);
      expect(c!.groupId, path).toBe(group);
      expect(c!.description.length, path).toBeGreaterThan(10);
      if (c!.slider) {
        expect(c!.slider.min).toBeLessThanOrEqual(c!.value as number);
        expect(c!.slider.max).toBeGreaterThanOrEqual(c!.value as number);
      }
      return c!;
    };
    for (const c of ['PE', 'BO', 'CO']) {
      for (const l of ['interdiction', 'counterinsurgency', 'alternativeDevelopment.enabled', 'alternativeDevelopment.budgetUsdPerYear', 'alternativeDevelopment.deliveryRate'])
        expectMain(`states.${c}.${l}`, 'state');
    }
    const ah = expectMain('states.PE.eradicationHaPerYear.alto-huallaga', 'state');
    expect(ah.slider).toEqual({ min: 0, max: 25000, step: 500 });
    const ad = expectMain('states.PE.alternativeDevelopment.deliveryRate', 'state');
    expect(ad).toMatchObject({ unit: 'share 0..1', slider: { min: 0, max: 1, step: 0.01 }, startOnly: false });
    for (const r of Object.keys(scenario.regions)) {
      expect(expectMain(`regions.${r}.households`, 'farmers').startOnly).toBe(true);
      expectMain(`regions.${r}.marketAccess`, 'farmers');
      expect(expectMain(`regions.${r}.association.share`, 'farmers').startOnly).toBe(true);
    }
    expectMain('firmas.count', 'firmas');
    expectMain('armedGroups.sl.fighters', 'armed');
    expectMain('armedGroups.sl.feeUsdPerKg', 'armed');
    expectMain('market.demandIndex', 'market');
    expectMain('householdsPerAgent', 'run');
    expect(all.find((c) => c.path === 'firmas.strategy')).toMatchObject({ kind: 'enum', main: true });
    // Secondary parameters are offered too, under "more".
    expect(all.find((c) => c.path === 'farmers.riskMemory')).toMatchObject({ main: false, slider: { min: 0.8, max: 0.98 } });
    expect(all.some((c) => c.path === 'seed' || c.path === 'name')).toBe(false);
  });

  it('size sliders from the documented range, else around the value', () => {
    expect(sliderRange({ kind: 'number', range: [0.5, 2], value: 1 })).toEqual({ min: 0.5, max: 2, step: 0.02 });
    expect(sliderRange({ kind: 'number', range: [0.5, 2], value: 3 }).max).toBe(3);
    expect(sliderRange({ kind: 'integer', min: 0, max: 5_000_000, value: 4950 })).toEqual({ min: 0, max: 10000, step: 100 });
    expect(sliderRange({ kind: 'integer', min: 1, max: 30, value: 12 })).toEqual({ min: 1, max: 30, step: 1 });
    expect([niceCeil(0.7), niceCeil(9900), niceCeil(22500)]).toEqual([1, 10000, 25000]);
  });

  it('label levers in words, without the unit shown beside them', () => {
    expect(leverLabel('states.PE.eradicationHaPerYear.alto-huallaga', { 'alto-huallaga': 'Alto Huallaga' })).toBe('eradication · Alto Huallaga');
    expect(leverLabel('states.PE.alternativeDevelopment.deliveryRate')).toBe('AD · delivery rate');
    expect(leverLabel('armedGroups.sl.maxFeeUsdPerKg')).toBe('max fee');
    expect(leverLabel('regions.bolivia.cocaYieldKgHaYear')).toBe('coca yield');
    expect(leverLabel('firmas.hitmen.perFirma')).toBe('hitmen · per firma');
    expect(leverLabel('householdsPerAgent')).toBe('households per agent');
  });
});

describe('the exported scenario', () => {
  it('replays a mid-run lever change exactly: setLever at month 12 equals the exported event', async () => {
    const { loadScenario } = await import('../../cli/src/load.ts');
    const scenario = await smallBaseline(18);
    const path = 'states.PE.alternativeDevelopment.deliveryRate';
    const sim = createSimulation(scenario, { seed: 11 });
    for (let t = 0; t < 12; t++) sim.step();
    sim.setLever(path, 0.95);
    while (sim.tick < sim.months) sim.step();
    const exported = exportScenario(scenario as unknown as Record<string, unknown>, 11, [{ tick: 12, path, value: 0.95 }]);
    expect((exported.events as { at: string; note: string }[])[0]).toEqual({ at: '2005-01', note: EXPLORER_NOTE, set: { [path]: 0.95 } });
    const dir = tempDir('explorer-export');
    const file = join(dir, 'explored.yaml');
    const text = scenarioYaml(exported, { file: 'explored.yaml', source: 'baseline', months: 18, version: 'test' });
    expect(text.startsWith('# Exported from the vraem explorer')).toBe(true);
    writeFileSync(file, text);
    const replay = loadScenario(file).scenario;
    expect(replay.seed).toBe(11);
    expect(seriesCsv([runScenario(replay, { seed: replay.seed })])).toBe(seriesCsv([sim.result()]));
    // And the change did something: without it the series differ.
    expect(seriesCsv([runScenario(scenario, { seed: 11 })])).not.toBe(seriesCsv([sim.result()]));
  });

  it('puts the user’s events before the scheduled ones, so a scheduled event of the same month still wins as on the page', async () => {
    const scenario = await smallBaseline(18);
    const path = 'states.PE.interdiction';
    const s = { ...scenario, events: [{ at: '2005-01', set: { [path]: 0.1 } }] } as Scenario;
    const sim = createSimulation(s, { seed: 5 });
    for (let t = 0; t < 12; t++) sim.step();
    sim.setLever(path, 0.9);
    while (sim.tick < sim.months) sim.step();
    const exported = exportScenario(s as unknown as Record<string, unknown>, 5, [{ tick: 12, path, value: 0.9 }]);
    const v = validateScenario(parse(scenarioYaml(exported, { file: 'x.yaml', source: 'x', months: 18, version: 'test' })));
    expect(v.ok).toBe(true);
    if (v.ok) expect(seriesCsv([runScenario(v.scenario, { seed: 5 })])).toBe(seriesCsv([sim.result()]));
  });
});

describe('the map and the page folder', () => {
  const regions: RegionInfo[] = [
    { id: 'vraem-ene', name: 'Ene', country: 'PE', neighbours: ['vraem-apurimac', 'nowhere'], cocaHa: 4500 },
    { id: 'vraem-apurimac', name: 'Apurímac <valley>', country: 'PE', neighbours: ['vraem-ene'], cocaHa: 8000 },
    { id: 'new-frontier', name: 'New frontier', country: 'PE', neighbours: [], cocaHa: 0 },
  ];

  it('lays out bundled and added regions and links each pair of neighbours once', () => {
    const at = regionLayout(regions);
    expect(Object.keys(at).sort()).toEqual(['new-frontier', 'vraem-apurimac', 'vraem-ene']);
    const svg = regionMapSvg(regions);
    expect(svg.match(/<line /g)).toHaveLength(1);
    expect(svg.match(/class="region"/g)).toHaveLength(3);
    expect(svg).toContain('Apurímac &lt;valley&gt;');
  });

  it('writeExplorer writes index.html, explorer.js and explorer.css with the scenarios embedded', async () => {
    const scenario = await smallBaseline();
    const dir = join(tempDir('explorer-build'), 'page');
    const files = await writeExplorer(dir, {
      entries: [{ id: 'baseline', kind: 'scenario', title: 'baseline', description: 'the baseline </script><script>alert(1)</script>', scenario: scenario as unknown as Record<string, unknown> }],
      initial: 'baseline',
      householdsPerAgent: 10,
      version: 'test',
    });
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual([...EXPLORER_FILES]);
    for (const f of files) expect(existsSync(f)).toBe(true);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toContain('<script src="explorer.js"></script>');
    expect(html).not.toContain('</script><script>alert(1)');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="(https?:)?\/\//);
    const json = /<script type="application\/json" id="vraem-data">([^]*?)<\/script>/.exec(html)![1];
    expect(JSON.parse(json).entries[0].description).toContain('</script>');
    const js = readFileSync(join(dir, 'explorer.js'), 'utf8');
    expect(js).not.toMatch(/\bimport\s*\(|\brequire\(["']/);
  });
});

describe('vraem explore', () => {
  it('refuses an existing --out folder, and with --serve serves the page on 127.0.0.1 until Ctrl-C', async () => {
    const dir = tempDir('explorer-serve');
    const taken = await vraemAsync(['explore', '--out', dir]);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/the folder exists; choose another or add --force/);

    const out = join(dir, 'page');
    const child = vraemChild(['explore', '--out', out, '--serve', '--port', '0']);
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    const url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no address printed: ${stdout}`)), 150_000);
      child.stdout.on('data', () => {
        const m = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
        if (m) {
          clearTimeout(timer);
          done(m[1]);
        }
      });
    });
    try {
      const index = await fetch(url);
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await index.text()).toContain('<script src="explorer.js"></script>');
      const js = await fetch(url + 'explorer.js');
      expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect((await js.text()).length).toBeGreaterThan(100_000);
      expect((await fetch(url + 'nothing-here')).status).toBe(404);
      expect((await fetch(url + '%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
      expect((await fetch(url, { method: 'POST' })).status).toBe(405);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/explorer: .*index\.html \(\d+ scenarios, \d+ lessons/);
    expect(stdout).toMatch(/stopped\n$/);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({ createdBy: 'vraem', command: 'explore' });
  }, 300_000);
});
