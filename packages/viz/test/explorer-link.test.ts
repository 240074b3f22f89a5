/**
 * The explorer's link (explorer/link.ts): a configuration written into a URL fragment reads back
 * the same — entry, seed, scale, strategy profile, start settings, lever changes in month order,
 * several-runs mode — and a garbled link is refused with a message naming the part it cannot read.
 */
import { describe, expect, it } from 'vitest';
import { LinkError, type LinkState, linkFragment, readLink } from '../src/explorer/link.ts';

describe('the explorer link', () => {
  it('reads back what it wrote', () => {
    const s: LinkState = {
      entry: 'lesson:broken-promise',
      seed: 20260106,
      householdsPerAgent: 40,
      profile: { state: 2 },
      setup: { months: 60, 'states.PE.alternativeDevelopment.regions': ['vraem-ene', 'vraem-apurimac'] },
      baseSetup: { 'states.PE.alternativeDevelopment.deliveryRate': 0.1 },
      changes: [
        { tick: 3, path: 'states.PE.alternativeDevelopment.enabled', value: true },
        { tick: 12, path: 'states.PE.alternativeDevelopment.deliveryRate', value: 0.9 },
        { tick: 12, path: 'market.demandGrowthPerYear', value: -0.02 },
      ],
      runs: 8,
    };
    const back = readLink('#' + linkFragment(s));
    expect(back).toEqual(s);
  });

  it('holds no configuration without an entry, and refuses garbled parts by name', () => {
    expect(readLink('')).toBeUndefined();
    expect(readLink('#seed=3')).toBeUndefined();
    expect(() => readLink('#e=baseline&seed=-1')).toThrow(/seed "-1"/);
    expect(() => readLink('#e=baseline&at=x:months=3')).toThrow(LinkError);
    expect(() => readLink('#e=baseline&at=4:states.PE.interdiction=abc')).toThrow(/states\.PE\.interdiction = "abc"/);
  });
});
