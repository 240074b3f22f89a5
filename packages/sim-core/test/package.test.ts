/**
 * sim-core installs and runs as a package (issue 23): the packed tarball, installed into a
 * project outside the workspace, runs a 24-month baseline from plain `node` (ESM, no tsx); a
 * TypeScript consumer compiles with `tsc --init`'s defaults plus `"module": "nodenext"`; and
 * every example of the package's README runs there as written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packAndInstall, PACKAGE_DIR, run, TSC, type Packed } from './packed.ts';

/** The README's JavaScript examples (```js blocks), in order. */
const EXAMPLES = [...readFileSync(join(PACKAGE_DIR, 'README.md'), 'utf8').matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]);

let packed: Packed;
beforeAll(() => {
  packed = packAndInstall();
}, 900_000);
afterAll(() => packed?.cleanup());

describe('the packed package', () => {
  it('holds the build, its declarations and the bundled scenarios, and no TypeScript sources', () => {
    const list = run('tar', ['-tzf', packed.tarball], packed.dir).split('\n').filter(Boolean);
    expect(list).toContain('package/dist/index.js');
    expect(list).toContain('package/dist/index.d.ts');
    expect(list).toContain('package/dist/scenarios.js');
    expect(list).toContain('package/README.md');
    expect(list.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(packed.project, 'node_modules/@vraem/sim-core/package.json'), 'utf8'));
    expect(manifest.exports['.'].default).toBe('./dist/index.js');
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['fflate', 'seedrandom', 'yaml', 'zod']);
  });

  it('runs a 24-month baseline from plain node', () => {
    writeFileSync(
      join(packed.project, 'baseline.mjs'),
      `import { loadScenarioSync, runScenario, seriesOf } from '@vraem/sim-core';
import { bundledScenarios } from '@vraem/sim-core/scenarios';
const { scenario } = loadScenarioSync('baseline.yaml', bundledScenarios, { set: ['months=24'] });
const result = runScenario(scenario, { seed: 7 });
const coca = seriesOf(result, 'PE', 'coca_ha');
console.log(JSON.stringify({ months: result.months, households: scenario.householdsPerAgent, first: coca[0], last: coca[23] }));
`,
    );
    const out = JSON.parse(run(process.execPath, ['baseline.mjs'], packed.project));
    expect(out.months).toBe(24);
    expect(out.households).toBe(1);
    expect(out.first).toBeGreaterThan(10_000); // Peru's coca hectares, 2004: tens of thousands
    expect(out.last).toBeGreaterThan(10_000);
  });

  it('compiles a TypeScript consumer with tsc --init defaults and module nodenext, with zero errors, and its output runs', () => {
    run(process.execPath, [TSC, '--init'], packed.project);
    const config = join(packed.project, 'tsconfig.json');
    const text = readFileSync(config, 'utf8');
    const withModule = /"module":\s*"[^"]*"/.test(text) ? text.replace(/"module":\s*"[^"]*"/, '"module": "nodenext"') : text.replace('"compilerOptions": {', '"compilerOptions": {\n    "module": "nodenext",');
    writeFileSync(config, withModule);
    writeFileSync(
      join(packed.project, 'consumer.ts'),
      `import { createSimulation, loadScenarioSync, summarize, type MetricName, type Scenario } from '@vraem/sim-core';
import { bundledScenarios } from '@vraem/sim-core/scenarios';

const loaded = loadScenarioSync('baseline.yaml', bundledScenarios, { set: ['months=6', 'householdsPerAgent=20'] });
const scenario: Scenario = loaded.scenario;
const sim = createSimulation(scenario, { seed: 3 });
while (sim.tick < sim.months) sim.step();
const metric: MetricName = 'coca_ha';
const summary = summarize([sim.result()]);
const peru = summary.metrics[metric]?.['PE'];
console.log(JSON.stringify({ tick: sim.tick, mean: peru?.wholeRun.mean ?? null }));
`,
    );
    const compiled = run(process.execPath, [TSC, '-p', '.', '--pretty', 'false'], packed.project);
    expect(compiled).toBe('');
    const out = JSON.parse(run(process.execPath, ['consumer.js'], packed.project));
    expect(out.tick).toBe(6);
    expect(out.mean).toBeGreaterThan(0);
  });
});

describe("the README's examples, run as written against the installed package", () => {
  it('has examples to run', () => expect(EXAMPLES.length).toBeGreaterThanOrEqual(8));
  EXAMPLES.forEach((code, k) => {
    const title = code.split('\n').find((l) => !l.startsWith('import') && l.trim() !== '') ?? '';
    it(`example ${k + 1}: ${title.slice(0, 60)}`, () => {
      const file = `readme-${k + 1}.mjs`;
      writeFileSync(join(packed.project, file), code);
      const out = run(process.execPath, [file], packed.project);
      expect(out.trim().length).toBeGreaterThan(0);
      // An example that checks something prints "<what>: true".
      expect(out).not.toMatch(/: false$/m);
    }, 300_000);
  });
});
