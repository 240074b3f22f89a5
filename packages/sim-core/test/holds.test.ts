/**
 * Holds (scenario/holds.ts): a lever kept at a value from a month on, against the scenario's own
 * events. The rule is checked on the resolved scenario (which events remain, where the hold's own
 * change lands), on a run (the live lever at the end of the run is the held value, not the last
 * event's), and on validation (a dated hold of a start lever is refused).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { createSimulation, getPath, validateScenario, type Scenario } from '../src/index.ts';

const BASELINE = fileURLToPath(new URL('../../../scenarios/baseline.yaml', import.meta.url));
const AD = 'states.PE.alternativeDevelopment.deliveryRate';

/** The baseline as written, with an event that sets the AD delivery rate in 2012 and a hold added. */
function withHold(hold: unknown[]): { ok: true; scenario: Scenario } | { ok: false; issues: { path: (string | number)[]; message: string }[] } {
  const raw = YAML.parse(readFileSync(BASELINE, 'utf8')) as Record<string, unknown> & { events: unknown[] };
  raw.householdsPerAgent = 40;
  raw.months = 120;
  raw.events = [...raw.events, { at: '2012-01', set: { [AD]: 0.9, 'states.PE.interdiction': 0.5 } }, { at: '2013-01', set: { [AD]: 0.8 } }];
  raw.hold = hold;
  return validateScenario(raw);
}

const settingAd = (s: Scenario) => s.events.filter((e) => AD in e.set).map((e) => [e.at, e.set[AD], e.note ?? '']);

describe('holds', () => {
  it('a hold from the start sets the lever and drops every event’s change of it, and only of it', () => {
    const v = withHold([{ set: { [AD]: 0.1 } }]);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(getPath(v.scenario, AD)).toBe(0.1);
    expect(settingAd(v.scenario)).toEqual([]);
    expect(v.scenario.events.some((e) => e.at === '2012-01' && e.set['states.PE.interdiction'] === 0.5)).toBe(true);
  });

  it('a dated hold keeps the events before its month and sets the lever after that month’s events', () => {
    const v = withHold([{ from: '2012-01', set: { [AD]: 0.2 }, note: 'a test' }]);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(settingAd(v.scenario)).toEqual([['2012-01', 0.2, 'hold: a test']]);
    const at2012 = v.scenario.events.map((e, i) => [e.at, i] as const).filter(([at]) => at === '2012-01').map(([, i]) => i);
    expect(v.scenario.events.findIndex((e) => AD in e.set)).toBe(Math.max(...at2012));
  });

  it('validating a resolved scenario gives it back unchanged (the rule applies once)', () => {
    const v = withHold([{ from: '2012-06', set: { [AD]: 0.2 } }, { set: { 'market.demandIndex': 1.5 } }]);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const again = validateScenario(structuredClone(v.scenario));
    expect(again.ok && again.scenario).toEqual(v.scenario);
  });

  it('in a run, the held value is the one in force at the end, not the last event’s', () => {
    for (const [hold, expected] of [
      [[], 0.8],
      [[{ set: { [AD]: 0.1 } }], 0.1],
      [[{ from: '2012-07', set: { [AD]: 0.3 } }], 0.3],
    ] as const) {
      const v = withHold([...hold]);
      expect(v.ok).toBe(true);
      if (!v.ok) continue;
      const sim = createSimulation({ ...v.scenario, months: 120 }, { seed: 1 });
      while (sim.tick < sim.months) sim.step();
      expect(getPath(sim.scenario, AD)).toBe(expected);
    }
  });

  it('refuses a dated hold of a lever that shapes the start, a hold before the start, and an unknown lever', () => {
    const v = withHold([{ from: '2010-01', set: { 'regions.vraem-ene.households': 100 } }, { from: '1990-01', set: { [AD]: 0.5 } }, { set: { 'market.demandIndx': 2 } }]);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    const lines = v.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(lines.some((l) => l.startsWith('hold.0.set.regions.vraem-ene.households:') && l.includes('shapes the start'))).toBe(true);
    expect(lines.some((l) => l.startsWith('hold.1.from:') && l.includes('before the run starts'))).toBe(true);
    expect(lines.some((l) => l.startsWith('hold.2.set.market.demandIndx:') && l.includes('market.demandIndex'))).toBe(true);
    // Without a month, a start lever may be held: it is then just its starting value.
    expect(withHold([{ set: { 'regions.vraem-ene.households': 100 } }]).ok).toBe(true);
  });
});
