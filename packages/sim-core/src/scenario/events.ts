/**
 * Scenario events: lever changes at given months. An event sets a lever in the live scenario
 * (so every mechanism reads the new value from that month on) and, for levers that are also
 * state — the number of firmas, an armed group's fighters, funds, fee or control, a region's
 * market access — moves the state to match. Setting a programme's `enabled` (a state's
 * `alternativeDevelopment.enabled` or `programmes.<id>.enabled`) to true announces it, anew if it ran before (growers then expand coca to qualify,
 * as after Colombia's PNIS announcement of 2014 while earlier programmes were running). Levers that only shape the start (households,
 * initial hectares, the calendar) cannot be changed by an event.
 */
import type { World } from '../model/world.ts';
import { setPath, splitPath, type PathValue } from './paths.ts';
import { tickOf } from '../engine/calendar.ts';
import { setFirmaCount } from '../model/firmas.ts';
import { reannounce } from '../model/alternativeDevelopment.ts';

/** Lever paths (as patterns, `*` for any key) fixed at the start of a run. */
export const START_ONLY_LEVERS = [
  'name', 'description', 'extends', 'shows', 'seed', 'start', 'months', 'householdsPerAgent',
  'regions.*.name', 'regions.*.country', 'regions.*.neighbours', 'regions.*.households', 'regions.*.landHaPerHousehold',
  'regions.*.cocaHa', 'regions.*.licitHa', 'regions.*.association.share', 'firmas.regionsPerFirma',
  'armedGroups.*.name', 'states.*.corruption.initial', 'farmers.moralTypes.*', 'farmers.decisionEveryMonths',
];

/** Why an event may not set this path, or null when it may. */
export function eventLeverProblem(path: string): string | null {
  const parts = splitPath(path);
  for (const pattern of START_ONLY_LEVERS) {
    const pp = pattern.split('.');
    if (pp.length !== parts.length) continue;
    if (pp.every((p, i) => p === '*' || p === parts[i])) return `"${path}" shapes the start of a run and cannot be changed by an event`;
  }
  return null;
}

/** Events grouped by the tick they fire at, in file order within a month. */
export function scheduleEvents(world: World): Map<number, { path: string; value: PathValue }[]> {
  const byTick = new Map<number, { path: string; value: PathValue }[]>();
  for (const e of world.scenario.events) {
    const t = tickOf(world.scenario.start, e.at);
    const list = byTick.get(t) ?? [];
    for (const [path, value] of Object.entries(e.set)) list.push({ path, value });
    byTick.set(t, list);
  }
  return byTick;
}

/** Set a lever in the live scenario and move the model's state to match. */
export function applyLever(world: World, path: string, value: PathValue): void {
  const problem = eventLeverProblem(path);
  if (problem) throw new Error(problem);
  setPath(world.scenario as unknown as Record<string, unknown>, path, value);
  const parts = splitPath(path);
  if (path === 'firmas.count' && typeof value === 'number') setFirmaCount(world, value);
  if (parts[0] === 'armedGroups' && typeof value === 'number') {
    const g = world.groups.find((x) => x.id === parts[1]);
    if (g) {
      if (parts[2] === 'fighters') g.fighters = value;
      else if (parts[2] === 'fundsUsd') g.funds = value;
      else if (parts[2] === 'feeUsdPerKg') g.fee = value;
      else if (parts[2] === 'control' && parts.length === 4) {
        const r = world.regionIndex.get(parts[3]);
        if (r !== undefined) g.control[r] = value;
      }
    }
  }
  if (parts[0] === 'states' && value === true) {
    if (parts[2] === 'alternativeDevelopment' && parts[3] === 'enabled') reannounce(world, parts[1], '');
    if (parts[2] === 'programmes' && parts[4] === 'enabled') reannounce(world, parts[1], parts[3]);
  }
  if (parts[0] === 'regions' && parts[2] === 'marketAccess' && typeof value === 'number') {
    const r = world.regionIndex.get(parts[1]);
    if (r !== undefined) world.regions.marketAccess[r] = value;
  }
}
