/**
 * Holds: a lever kept at a value from a month on, against the scenario's own events. A scenario's
 * events are its history (a programme announced in 2012, a demand shock in 2015); a user who asks
 * "this lever at X from 2006 on" must not have to restate every later event of the parent file,
 * and must never see the value they asked for silently replaced by one.
 *
 * The rule, applied when a scenario is validated (so every run, sweep, lesson and the explorer see
 * the same events, and the manifest records them):
 * - a hold without `from` (or from the start month) sets the lever before the run, warm-up
 *   included, and every event's change of that lever is dropped;
 * - a hold from a later month drops every change of the lever at or after that month, and sets
 *   the lever in that month after the month's own events (its change is appended to the events,
 *   noted `hold`); levers that shape the start of a run cannot be held from a later month.
 * Applying the rule twice gives the same scenario (a resolved scenario validates to itself).
 */
import type { Scenario, ScenarioHold } from './schema.ts';
import { setPath, type PathValue } from './paths.ts';
import { resolveLever } from './levers.ts';
import { tickOf } from '../engine/calendar.ts';

/** The month a hold starts at, as a tick (0 when it holds from the start). */
export const holdTick = (scenario: Pick<Scenario, 'start'>, hold: Pick<ScenarioHold, 'from'>): number =>
  hold.from === undefined ? 0 : Math.max(0, tickOf(scenario.start, hold.from));

const copy = (v: PathValue): PathValue => (Array.isArray(v) ? [...v] : v);

/** Apply a resolved scenario's holds to its levers and events (mutates and returns it). */
export function applyHolds(scenario: Scenario): Scenario {
  if (scenario.hold.length === 0) return scenario;
  const appended: Scenario['events'] = [];
  for (const h of scenario.hold) {
    const from = holdTick(scenario, h);
    for (const [path, value] of Object.entries(h.set)) {
      const lever = resolveLever(scenario, path);
      if (!lever.ok) throw new Error(lever.message);
      for (const e of scenario.events) if (tickOf(scenario.start, e.at) >= from) delete e.set[path];
      for (const e of appended) if (tickOf(scenario.start, e.at) >= from) delete e.set[path];
      if (from === 0) setPath(scenario as unknown as Record<string, unknown>, lever.parsed, copy(value));
      else appended.push({ at: h.from!, set: { [path]: copy(value) }, note: h.note ? `hold: ${h.note}` : 'hold' });
    }
  }
  scenario.events = [...scenario.events, ...appended].filter((e) => Object.keys(e.set).length > 0);
  return scenario;
}
