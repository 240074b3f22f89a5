/**
 * The scenario loader in-process: errors mapped to `file:line:col path: message` (all at once),
 * `extends` chains and the merge rule, cycles, --set overrides, JSON files.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadScenario, mergeScenario, showPath } from '../src/load.ts';
import { InputError } from '../src/errors.ts';
import { FIXTURES, tempDir } from './helpers.ts';

const fx = (name: string) => relative(process.cwd(), join(FIXTURES, name));
function problems(file: string, set: string[] = []): string[] {
  try {
    loadScenario(file, { set });
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e;
  }
  throw new Error(`${file} loaded without problems`);
}

describe('loadScenario', () => {
  it('reports the three mistakes of a file at once, each at its line and column', () => {
    const file = fx('three-mistakes.yaml');
    expect(problems(file)).toEqual([
      `${file}:5:17 regions.vraem-ene.households: expected a number, got "lots"`,
      `${file}:6:5 regions.vraem-ene.marketAcess: unknown key "marketAcess"; did you mean "marketAccess"?`,
      `${file}:9:19 states.PE.interdiction: must be at most 1, got 1.7`,
    ]);
  });

  it('resolves an extends chain: maps merge, values replace, events append parent first', () => {
    const { scenario, files } = loadScenario(fx('child.yaml'));
    expect(files).toEqual([fx('child.yaml'), fx('mini.yaml')]);
    expect(scenario.name).toBe('child');
    expect(scenario.firmas.count).toBe(3);
    expect(scenario.regions['vraem-ene'].households).toBe(300);
    expect(scenario.events.map((e) => e.at)).toEqual(['2011-01', '2011-06']);
  });

  it('points at the file of the chain that holds the bad value', () => {
    expect(problems(fx('grandchild.yaml'))).toEqual([`${fx('grandchild.yaml')}:5:36 events[2].set.states.PE.interdiction: must be at most 1, got 1.5`]);
  });

  it('reports a cycle with its chain', () => {
    const [p] = problems(fx('cycle-a.yaml'));
    expect(p).toMatch(/cycle-b\.yaml:1:10 extends: cycle .*cycle-a\.yaml → .*cycle-b\.yaml → .*cycle-a\.yaml$/);
  });

  it('applies --set overrides after the merge and checks them', () => {
    const { scenario, overrides } = loadScenario(fx('child.yaml'), { set: ['firmas.count=9', 'states.PE.eradicationHaPerYear.vraem-ene=1000'] });
    expect(scenario.firmas.count).toBe(9);
    expect(scenario.states.PE!.eradicationHaPerYear['vraem-ene']).toBe(1000);
    expect(overrides.map((o) => o.text)).toEqual(['firmas.count=9', 'states.PE.eradicationHaPerYear.vraem-ene=1000']);
    expect(problems(fx('mini.yaml'), ['firmas.cuont=3', 'states.PE.interdiction=7'])).toEqual([
      '--set firmas.cuont=3: unknown lever "firmas.cuont": "firmas" has no "cuont"; did you mean "firmas.count"?',
      '--set states.PE.interdiction=7: states.PE.interdiction: must be at most 1, got 7',
    ]);
  });

  it('attributes cross-field problems caused by a --set to it', () => {
    const p = problems(fx('mini.yaml'), ['states.PE.alternativeDevelopment.regions=vraem-ene,nowhere']);
    expect(p).toEqual(['--set states.PE.alternativeDevelopment.regions=vraem-ene,nowhere: states.PE.alternativeDevelopment.regions[1]: unknown region "nowhere"']);
  });

  it('reads JSON with positions too', () => {
    const dir = tempDir();
    const file = join(dir, 's.json');
    writeFileSync(file, JSON.stringify({ name: 'j', regions: { a: { name: 'A', country: 'PE', marketAccess: 2 } } }, null, 2));
    const [p] = problems(file);
    expect(p).toMatch(/s\.json:7:23 regions\.a\.marketAccess: must be at most 1, got 2$/);
  });
});

describe('mergeScenario', () => {
  it('merges maps key by key, replaces lists and values, appends events', () => {
    const parent = { a: { x: 1, y: [1, 2] }, events: [{ at: '2004-01' }], n: 1 };
    const child = { a: { y: [3] }, events: [{ at: '2005-01' }], n: 2 };
    expect(mergeScenario(parent, child)).toEqual({ a: { x: 1, y: [3] }, events: [{ at: '2004-01' }, { at: '2005-01' }], n: 2 });
  });
});

describe('showPath', () => {
  it('writes list indices in brackets', () => {
    expect(showPath(['regions', 'a', 'neighbours', 0])).toBe('regions.a.neighbours[0]');
    expect(showPath([])).toBe('(top level)');
  });
});
