/**
 * Scenario events: lever changes at given months. Each event's lever paths are resolved once
 * against the lever registry (scenario/levers.ts), and the changes grouped by the month they
 * apply at, in file order within a month; the simulation applies them (model/levers.ts) before
 * the month's phases. Levers that only shape the start (households, initial hectares, the
 * calendar: `change: 'start'` in the schema) cannot be changed by an event.
 */
import type { Scenario } from './schema.ts';
import type { PathValue } from './paths.ts';
import { resolveLever, type ResolvedLever } from './levers.ts';
import { tickOf } from '../engine/calendar.ts';

/** A lever change due at a month: the resolved lever and its new value. */
export interface ScheduledChange {
  lever: ResolvedLever;
  value: PathValue;
}

/** Resolve a lever for a change during the run, or throw (a validated scenario never does). */
export function leverForChange(scenario: Scenario, path: string): ResolvedLever {
  const found = resolveLever(scenario, path, { forEvent: true });
  if (!found.ok) throw new Error(found.message);
  return found;
}

/** Events grouped by the tick they fire at, in file order within a month. */
export function scheduleEvents(scenario: Scenario): Map<number, ScheduledChange[]> {
  const byTick = new Map<number, ScheduledChange[]>();
  for (const e of scenario.events) {
    const t = tickOf(scenario.start, e.at);
    const list = byTick.get(t) ?? [];
    for (const [path, value] of Object.entries(e.set)) list.push({ lever: leverForChange(scenario, path), value });
    byTick.set(t, list);
  }
  return byTick;
}
