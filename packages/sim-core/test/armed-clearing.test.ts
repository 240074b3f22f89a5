/**
 * An armed group's rule on clearing (issue 16; governance.ts, clearingHeld): a group holding a
 * valley refuses a share of its households leave to clear land for coca (how a new grower enters) — the FARC
 * kept clearing in check in its areas until its ceasefire and exit (Prem, Saavedra & Vargas 2020) —
 * and the rule lifts when its fighters leave.
 * - While the group holds Colombia, fewer new households enter coca where it rules on clearing.
 * - When its fighters leave, entry rises more where it had ruled on clearing than where it had not
 *   (the exit's other effects — no levy, no reprisals, no shield — are the same in both).
 * Colombia with a pool of potential growers drawn into coca by a PNIS-like announcement
 * (household-entry.test.ts), the group holding 65% of it (colombia-drivers.yaml); paired over
 * eight seeds at reduced scale, an effect stated only when the 95% interval of the paired
 * difference excludes zero.
 */
import { describe, it } from 'vitest';
import { seriesOf, type PathValue, type RunResult, type Scenario } from '../src/index.ts';
import { baseline, runs, expectIncrease } from './helpers.ts';

/** Colombia's households growing coca, mean over months [from, to). */
function growers(r: RunResult, from: number, to: number): number {
  const x = seriesOf(r, 'colombia', 'growing_households');
  let s = 0;
  for (let t = from; t < to; t++) s += x[t];
  return s / (to - from);
}

const MONTHS = 72;
/** The group leaves in month 48 (2008-01). */
const EXIT = '2008-01';

/** Potential growers, a PNIS-like announcement in 2006-01 drawing them in, and a FARC-like group holding 65% of Colombia. */
const COLOMBIA: Record<string, PathValue> = {
  'regions.colombia.potentialGrowers': 30_000,
  'states.CO.programmes.pnis.enabled': true,
  'states.CO.programmes.pnis.announced': '2006-01',
  'states.CO.programmes.pnis.enrolmentLagMonths': 60,
  'states.CO.programmes.pnis.eligibility': 'coca-held',
  'states.CO.programmes.pnis.regions': ['colombia'],
  'states.CO.programmes.pnis.subsidyUsdPerHaYear': 7500,
  'states.CO.programmes.pnis.years': 2,
  'states.CO.programmes.pnis.budgetUsdPerYear': 270_000_000,
  'armedGroups.farc.name': 'FARC',
  'armedGroups.farc.fighters': 6934,
  'armedGroups.farc.fundsUsd': 5_000_000,
  'armedGroups.farc.maxFighters': 20_000,
  'armedGroups.farc.control.colombia': 0.65,
};

function scenario(restraint: number, leaves: boolean): Scenario {
  const s = baseline({ ...COLOMBIA, 'armedGroups.farc.clearingRestraint': restraint }, { months: MONTHS });
  if (leaves) s.events = [{ at: EXIT, set: { 'armedGroups.farc.fighters': 0, 'armedGroups.farc.fundsUsd': 0, 'armedGroups.farc.maxFighters': 1 } }];
  return s;
}

describe('an armed group’s rule on clearing', () => {
  it('while the group holds the valley, fewer households enter coca where it rules on clearing', () => {
    const held = (restraint: number) => runs(scenario(restraint, false)).map((r) => growers(r, 36, 48));
    expectIncrease(held(0.5), held(0), 'Colombian households growing coca in 2007, no rule on clearing − the FARC refusing leave (restraint 0.5)');
  });

  it('when its fighters leave, entry rises more where it had ruled on clearing', () => {
    // The exit's effect on the growers of the last year, paired by seed, with and without the rule.
    const exitEffect = (restraint: number) => {
      const stay = runs(scenario(restraint, false)).map((r) => growers(r, 60, 72));
      const leave = runs(scenario(restraint, true)).map((r) => growers(r, 60, 72));
      return leave.map((x, i) => x - stay[i]);
    };
    expectIncrease(exitEffect(0), exitEffect(0.5), 'the rise in Colombian households growing coca the year after the group leaves, with its rule on clearing (0.5) − without');
  });
});
