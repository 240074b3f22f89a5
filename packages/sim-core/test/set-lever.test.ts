/**
 * `Simulation.setLever` checks a change before making it (issue 23): the five calls that were
 * accepted on main — a misspelt path, a rate above 1, a negative count, a region that does not
 * exist, a word for a number — are refused with the messages `--set` gives for the same change,
 * and the simulation is left as it was.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, LeverError, parseOverride, type PathValue } from '../src/index.ts';
import { baseline } from './helpers.ts';

const smallScenario = () => baseline({}, { householdsPerAgent: 40, months: 6 });

const BAD: [string, PathValue][] = [
  ['states.PE.alternativeDevelopment.delivryRate', 0.9],
  ['states.PE.alternativeDevelopment.deliveryRate', 7],
  ['firmas.count', -3],
  ['regions.vraem-enee.marketAccess', 0.5],
  ['states.PE.interdiction', 'lots'],
];

describe('setLever', () => {
  for (const [path, value] of BAD) {
    it(`refuses ${path} = ${JSON.stringify(value)} with the --set message`, () => {
      const sim = createSimulation(smallScenario(), { seed: 1 });
      sim.step();
      const before = JSON.stringify(sim.scenario);
      const cli = parseOverride(sim.scenario, `${path}=${value}`);
      expect(cli.ok).toBe(false);
      let thrown: unknown;
      try {
        sim.setLever(path, value);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(LeverError);
      expect((thrown as LeverError).message).toBe(cli.ok ? '' : cli.message);
      expect(JSON.stringify(sim.scenario)).toBe(before);
      sim.step(); // and the run goes on
    });
  }

  it('suggests the lever meant, refuses a lever fixed at the start, and takes a good change', () => {
    const sim = createSimulation(smallScenario(), { seed: 1 });
    expect(() => sim.setLever('states.PE.alternativeDevelopment.delivryRate', 0.9)).toThrowError(/did you mean "states\.PE\.alternativeDevelopment\.deliveryRate"/);
    expect(() => sim.setLever('householdsPerAgent', 5)).toThrowError('"householdsPerAgent" shapes the start of a run and cannot be changed by an event');
    sim.setLever('states.PE.alternativeDevelopment.deliveryRate', 0.9);
    expect(sim.scenario.states.PE?.alternativeDevelopment.deliveryRate).toBe(0.9);
  });
});
