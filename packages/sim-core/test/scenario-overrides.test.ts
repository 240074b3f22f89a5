/**
 * `path=value` overrides read by the lever's type and checked against its bounds.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, parseOverride } from '../src/scenario/overrides.ts';

const input = { regions: { 'vraem-ene': { name: 'Ene', country: 'PE' } }, states: { PE: {} } };

describe('parseOverride', () => {
  it.each([
    ['firmas.count=4', 4],
    ['market.demandIndex=1.5', 1.5],
    ['regions.vraem-ene.households=20_000', 20000],
    ['states.PE.alternativeDevelopment.enabled=true', true],
    ['firmas.strategy=grim-trigger', 'grim-trigger'],
    ['states.PE.alternativeDevelopment.regions=vraem-ene', ['vraem-ene']],
    ['states.PE.eradicationHaPerYear.vraem-ene=1e4', 10000],
  ])('reads %s by the lever type', (text, value) => {
    const o = parseOverride(input, text);
    expect(o.ok && o.value.value).toEqual(value);
  });

  it.each([
    ['firmas.count', /not of the form path=value/],
    ['firmas.count=four', /expected a number, got "four"/],
    ['firmas.count=2.5', /whole number/],
    ['states.PE.interdiction=1.5', /at most 1/],
    ['states.PE.alternativeDevelopment.enabled=yes', /true or false/],
    ['firmas.strategy=nice', /must be one of/],
    ['firmas.cuont=3', /did you mean "firmas.count"/],
    ['market.demandIndex=', /expected a number/],
  ])('refuses %s', (text, message) => {
    const o = parseOverride(input, text);
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.message).toMatch(message);
  });

  it('applies overrides to a copy, creating maps on the way', () => {
    const o = parseOverride(input, 'states.PE.eradicationHaPerYear.vraem-ene=500');
    if (!o.ok) throw new Error(o.message);
    const out = applyOverrides(input, [o.value]) as any;
    expect(out.states.PE.eradicationHaPerYear['vraem-ene']).toBe(500);
    expect((input.states.PE as any).eradicationHaPerYear).toBeUndefined();
  });
});
