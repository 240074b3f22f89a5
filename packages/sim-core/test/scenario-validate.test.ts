/**
 * Validation reports every problem at once with its path and a message a person can act on:
 * types, ranges, unknown keys (with "did you mean"), cross-field checks, limits and events.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario, LIMITS, type ScenarioIssue } from '../src/scenario/validate.ts';

const region = (country: string, extra: Record<string, unknown> = {}) => ({ name: 'r', country, ...extra });
const base = () => ({ regions: { 'vraem-ene': region('PE'), bolivia: region('BO') }, states: { PE: {} } });
const issues = (input: unknown): ScenarioIssue[] => {
  const v = validateScenario(input);
  return v.ok ? [] : v.issues;
};
const at = (list: ScenarioIssue[], path: string) => list.filter((i) => i.path.join('.') === path).map((i) => i.message);

describe('validateScenario', () => {
  it('accepts a small valid scenario and applies defaults', () => {
    const v = validateScenario(base());
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.scenario.months).toBe(240);
  });

  it('reports a wrong type, an unknown key and a value out of range together', () => {
    const input = base() as Record<string, any>;
    input.regions['vraem-ene'].households = 'lots';
    input.regions['vraem-ene'].marketAcess = 0.4;
    input.states.PE.interdiction = 1.7;
    const list = issues(input);
    expect(at(list, 'regions.vraem-ene.households')[0]).toMatch(/expected a number, got "lots"/);
    expect(at(list, 'regions.vraem-ene.marketAcess')[0]).toMatch(/unknown key "marketAcess"; did you mean "marketAccess"/);
    expect(at(list, 'states.PE.interdiction')[0]).toMatch(/at most 1, got 1.7/);
    expect(list).toHaveLength(3);
  });

  it('calls a missing key of a closed set required, not a wrong value "undefined"', () => {
    const input = base() as Record<string, any>;
    delete input.regions.bolivia.country;
    expect(at(issues(input), 'regions.bolivia.country')).toEqual(['is required (one of PE, BO, CO)']);
  });

  it('rejects NaN, infinities and non-integers where integers are due', () => {
    const list = issues({ ...base(), months: 12.5, market: { demandIndex: Number.NaN, referencePriceUsdKg: Infinity } });
    expect(at(list, 'months')[0]).toMatch(/whole number/);
    expect(at(list, 'market.demandIndex')[0]).toMatch(/NaN/);
    expect(at(list, 'market.referencePriceUsdKg')[0]).toMatch(/Infinity/);
  });

  it('runs cross-field checks even when the schema found problems elsewhere', () => {
    const input = { ...base(), months: 'x', regions: { 'vraem-ene': region('PE', { neighbours: ['vraem-enne'] }) }, states: { PE: { eradicationHaPerYear: { bolivia: 5 } } } };
    const list = issues(input);
    expect(at(list, 'months')).toHaveLength(1);
    expect(at(list, 'regions.vraem-ene.neighbours.0')[0]).toMatch(/unknown region "vraem-enne"; did you mean "vraem-ene"/);
    expect(at(list, 'states.PE.eradicationHaPerYear.bolivia')[0]).toMatch(/unknown region/);
  });

  it('checks that eradication targets name regions of the state’s own country', () => {
    expect(at(issues({ ...base(), states: { PE: { eradicationHaPerYear: { bolivia: 5 } } } }), 'states.PE.eradicationHaPerYear.bolivia')[0]).toMatch(/belongs to BO/);
  });

  it('checks events: month inside the run, real lever, value of the right type and range', () => {
    const list = issues({
      ...base(),
      start: '2004-01',
      months: 24,
      events: [
        { at: '2003-12', set: { 'states.PE.interdiction': 0.5 } },
        { at: '2005-01', set: { 'states.PE.interdiction': 2, 'firmas.cont': 3, 'firmas.strategy': 'tit', 'states.PE.eradicationHaPerYear.vraem-ene': 'x' } },
      ],
    });
    expect(at(list, 'events.0.at')[0]).toMatch(/before the run starts/);
    expect(at(list, 'events.1.set.states.PE.interdiction')[0]).toMatch(/at most 1/);
    expect(at(list, 'events.1.set.firmas.cont')[0]).toMatch(/did you mean "firmas.count"/);
    expect(at(list, 'events.1.set.firmas.strategy')[0]).toMatch(/did you mean "tit-for-tat"/);
    expect(at(list, 'events.1.set.states.PE.eradicationHaPerYear.vraem-ene')[0]).toMatch(/expected a number/);
  });

  it('enforces the agent limit with a way out', () => {
    const input = { regions: { a: region('PE', { households: 5_000_000 }), b: region('PE', { households: 5_000_000 }), c: region('PE', { households: 5_000_000 }) } };
    expect(at(issues(input), 'householdsPerAgent')[0]).toMatch(new RegExp(`over the limit of ${LIMITS.maxAgents}.*raise householdsPerAgent to at least 2`));
    expect(validateScenario({ ...input, householdsPerAgent: 2 }).ok).toBe(true);
  });

  it('says what a scenario is when given something else', () => {
    expect(issues('root:x:0:0')[0].message).toMatch(/a scenario is a map/);
    expect(issues([1, 2])[0].message).toMatch(/a scenario is a map/);
  });
});
