/**
 * A lever changed during a run (a scenario event, a hold, the explorer): the new value goes into
 * the live scenario, which every mechanism reads from the next month on; a lever that is also
 * model state — the number of firmas, an armed group's fighters, funds, fee or control, a
 * region's market access — moves the state to match, by the move its schema entry names
 * (`moves:` in scenario/schema.ts). Setting an AD programme's `enabled` to true (a state's
 * `alternativeDevelopment` or one of its `programmes`) announces it, anew if it ran before (growers then expand coca to qualify, as after
 * Colombia's PNIS announcement of 2014 while earlier programmes were running).
 *
 * Which lever moves what is the schema's word; how is this table's, and the compiler checks that
 * every move the schema may name has its entry here.
 */
import type { World } from './world.ts';
import type { LeverMove } from '../scenario/schema.ts';
import { midRunProblem, type ResolvedLever } from '../scenario/levers.ts';
import { setPath, type PathValue } from '../scenario/paths.ts';
import { setFirmaCount } from './firmas/firmas.ts';
import { reannounce } from './state/alternativeDevelopment.ts';

/** A move: the state change that goes with a lever's new value; `keys` are the ids in its path (group, region, country). */
type Move = (world: World, keys: readonly string[], value: PathValue) => void;

const group = (world: World, id: string) => world.groups.find((g) => g.id === id);

const MOVES: { readonly [K in LeverMove]: Move } = {
  firmaCount: (world, _keys, value) => {
    if (typeof value === 'number') setFirmaCount(world, value);
  },
  groupFighters: (world, [id], value) => {
    const g = group(world, id);
    if (g && typeof value === 'number') g.fighters = value;
  },
  groupFunds: (world, [id], value) => {
    const g = group(world, id);
    if (g && typeof value === 'number') g.funds = value;
  },
  groupFee: (world, [id], value) => {
    const g = group(world, id);
    if (g && typeof value === 'number') g.fee = value;
  },
  groupControl: (world, [id, region], value) => {
    const g = group(world, id);
    const r = world.regionIndex.get(region);
    if (g && r !== undefined && typeof value === 'number') g.control[r] = value;
  },
  adAnnounce: (world, [country, programme], value) => {
    if (value === true) reannounce(world, country, programme ?? '');
  },
  marketAccess: (world, [region], value) => {
    const r = world.regionIndex.get(region);
    if (r !== undefined && typeof value === 'number') world.regions.marketAccess[r] = value;
  },
};

/** Set a lever in the live scenario and move the model's state to match. */
export function applyLever(world: World, lever: ResolvedLever, value: PathValue): void {
  const problem = midRunProblem(lever);
  if (problem) throw new Error(problem);
  setPath(world.scenario as unknown as Record<string, unknown>, lever.parsed, value);
  if (lever.spec.moves) MOVES[lever.spec.moves](world, lever.parsed.keys, value);
}
