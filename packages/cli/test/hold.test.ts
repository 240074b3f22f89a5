/**
 * `--hold` and the note on a `--set` that an event replaces, through the loader (in-process):
 * the user asks for a lever at a value and either gets it for the whole run (or from a month on),
 * or is told, naming the event, why the value lasts only until then.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../src/load.ts';
import { InputError } from '../src/errors.ts';
import { ROOT } from './helpers.ts';
import { join } from 'node:path';
import { getPath } from '../src/core.ts';

const AD_FILE = join(ROOT, 'scenarios/alternative-development.yaml');
const RATE = 'states.PE.alternativeDevelopment.deliveryRate';

function problems(options: { set?: string[]; hold?: string[] }): string[] {
  try {
    loadScenario(AD_FILE, options);
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e;
  }
  throw new Error('loaded without problems');
}

describe('--hold', () => {
  it('a --set that the 2012 event replaces gets a note naming the event', () => {
    const loaded = loadScenario(AD_FILE, { set: [`${RATE}=0.1`] });
    expect(loaded.notes).toContain(`--set ${RATE}=0.1: the event of 2012-01 sets it to 0.9; to keep 0.1 from the start, use --hold ${RATE}=0.1`);
    expect(loaded.scenario.events.some((e) => e.set[RATE] === 0.9)).toBe(true);
  });

  it('--hold keeps the value against the event, with no note, and the manifest provenance records it', () => {
    const loaded = loadScenario(AD_FILE, { hold: [`${RATE}=0.1`] });
    expect(loaded.notes.filter((n) => n.includes(RATE))).toEqual([]);
    expect(getPath(loaded.scenario, RATE)).toBe(0.1);
    expect(loaded.scenario.events.some((e) => RATE in e.set)).toBe(false);
    expect(loaded.holds).toEqual([`${RATE}=0.1`]);
  });

  it('--hold path=value@YYYY-MM holds from that month on, after that month’s events', () => {
    const loaded = loadScenario(AD_FILE, { hold: [`${RATE}=0.2@2015-01`] });
    const setting = loaded.scenario.events.filter((e) => RATE in e.set).map((e) => [e.at, e.set[RATE], e.note]);
    expect(setting).toEqual([
      ['2012-01', 0.9, 'a credible AD programme in the VRAEM and Alto Huallaga'],
      ['2015-01', 0.2, `hold: --hold ${RATE}=0.2@2015-01`],
    ]);
  });

  it('a bad --hold is refused with the flag named: unknown lever, bad month, start lever from a month, month before the start', () => {
    expect(problems({ hold: ['market.demandIndx=2'] })[0]).toMatch(/^--hold market\.demandIndx=2: unknown lever .*did you mean "market\.demandIndex"\?$/);
    expect(problems({ hold: [`${RATE}=0.2@2015-13`] })).toEqual([`--hold ${RATE}=0.2@2015-13: "2015-13" after @ is not a month in the form YYYY-MM`]);
    expect(problems({ hold: ['regions.vraem-ene.households=100@2010-01'] })[0]).toContain('shapes the start of a run');
    expect(problems({ hold: [`${RATE}=0.2@1990-01`] })).toEqual([`--hold ${RATE}=0.2@1990-01: hold[0].from: month 1990-01 is before the run starts (2004-01); leave \`from\` out to hold from the start`]);
  });
});
