/**
 * Levers read from the schema: every DESIGN §9 lever is listed with its unit, map entries expand
 * with the scenario, paths resolve (or fail with a useful suggestion), and values are checked.
 */
import { describe, expect, it } from 'vitest';
import { listLevers, resolveLever, suggest, levenshtein } from '../src/scenario/levers.ts';
import { validateScenario } from '../src/scenario/validate.ts';

const input = {
  regions: {
    'vraem-ene': { name: 'Ene', country: 'PE' },
    'alto-huallaga': { name: 'AH', country: 'PE' },
    bolivia: { name: 'Bolivia', country: 'BO' },
  },
  states: { PE: {}, BO: {} },
  armedGroups: { sl: {} },
};

describe('listLevers', () => {
  const levers = listLevers(input);
  const byPath = new Map(levers.map((l) => [l.path, l]));

  it('lists every lever DESIGN §9 requires, with a value and a description', () => {
    const required = [
      'states.PE.eradicationHaPerYear.vraem-ene',
      'states.PE.interdiction',
      'states.PE.counterinsurgency',
      'states.PE.alternativeDevelopment.enabled',
      'states.PE.alternativeDevelopment.budgetUsdPerYear',
      'states.PE.alternativeDevelopment.deliveryRate',
      'regions.vraem-ene.households',
      'regions.vraem-ene.marketAccess',
      'regions.vraem-ene.association.share',
      'firmas.count',
      'armedGroups.sl.fighters',
      'armedGroups.sl.feeUsdPerKg',
      'market.demandIndex',
    ];
    for (const p of required) {
      const l = byPath.get(p);
      expect(l, p).toBeDefined();
      expect(l!.value, p).not.toBeUndefined();
      expect(l!.description.length, p).toBeGreaterThan(5);
    }
    expect(byPath.get('states.PE.interdiction')).toMatchObject({ kind: 'number', min: 0, max: 1, unit: 'share 0..1', value: 0.3 });
    expect(byPath.get('firmas.count')).toMatchObject({ kind: 'integer', unit: 'firmas' });
    expect(byPath.get('firmas.strategy')?.options).toContain('tit-for-tat');
  });

  it('expands eradication targets over the regions of the state’s own country only', () => {
    expect(byPath.has('states.PE.eradicationHaPerYear.alto-huallaga')).toBe(true);
    expect(byPath.has('states.PE.eradicationHaPerYear.bolivia')).toBe(false);
    expect(byPath.has('states.BO.eradicationHaPerYear.bolivia')).toBe(true);
    expect(byPath.has('armedGroups.sl.control.bolivia')).toBe(true);
    expect(byPath.has('states.CO.interdiction')).toBe(false);
  });

  it('leaves out what is not a lever', () => {
    for (const p of ['events', 'extends', 'description']) expect(levers.some((l) => l.path === p || l.path.startsWith(p + '.'))).toBe(false);
  });

  it('shows the values of a resolved scenario', () => {
    const v = validateScenario({ ...input, states: { PE: { interdiction: 0.8 } } });
    expect(v.ok).toBe(true);
    if (v.ok) expect(listLevers(v.scenario).find((l) => l.path === 'states.PE.interdiction')?.value).toBe(0.8);
  });
});

describe('resolveLever', () => {
  it('resolves real levers, map entries included', () => {
    expect(resolveLever(input, 'states.PE.eradicationHaPerYear.vraem-ene').ok).toBe(true);
    expect(resolveLever(input, 'market.demandIndex').ok).toBe(true);
  });

  it.each([
    ['states.PE.interdction', 'states.PE.interdiction'],
    ['state.PE.interdiction', 'states.PE.interdiction'],
    ['regions.vraem-en.households', 'regions.vraem-ene.households'],
    ['market.demandindex', 'market.demandIndex'],
    ['fighters', 'armedGroups.sl.fighters'],
  ])('suggests the real path for %s', (wrong, right) => {
    const r = resolveLever(input, wrong);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(`did you mean "${right}"`);
  });

  it('refuses groups, regions of another country, and paths below a lever', () => {
    const group = resolveLever(input, 'regions.vraem-ene');
    expect(group.ok || group.message).toMatch(/group of levers/);
    const foreign = resolveLever(input, 'states.PE.eradicationHaPerYear.bolivia');
    expect(foreign.ok || foreign.message).toMatch(/unknown region "bolivia"/);
    const below = resolveLever(input, 'firmas.count.x');
    expect(below.ok || below.message).toMatch(/nothing lies below/);
    expect(resolveLever(input, 'states.CO.interdiction').ok).toBe(false);
  });

  it('refuses, for events, levers that fix the shape of a run', () => {
    expect(resolveLever(input, 'months').ok).toBe(true);
    expect(resolveLever(input, 'months', { forEvent: true }).ok).toBe(false);
  });
});

describe('suggest', () => {
  it('finds near words and nothing for far ones', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(suggest('monts', ['months', 'start'])).toBe('months');
    expect(suggest('zzz', ['months', 'start'])).toBeUndefined();
    expect(suggest('REGIONS', ['regions'])).toBe('regions');
  });
});
