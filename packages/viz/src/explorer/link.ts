/**
 * The explorer's configuration in its URL, so a link opens the same setup and replays the same
 * run: the scenario or lesson, the seed, households per agent, the lesson's strategy profile, the
 * start settings, the baseline's settings, each lever change at the month it took effect, and
 * whether several runs are drawn. It lives in the fragment (`#…`): nothing is sent to a server, and a page opened from
 * file:// keeps it. Values are JSON (numbers, booleans, strings, lists as the levers take them).
 *
 *   #e=baseline&seed=7&hpa=10&at=12:states.PE.alternativeDevelopment.deliveryRate=0.95
 */
import type { PathValue } from '@vraem/sim-core';
import type { LeverChange } from './protocol.ts';

/** What a link holds. */
export interface LinkState {
  entry: string;
  seed?: number;
  householdsPerAgent?: number;
  /** Strategy index chosen per lesson player. */
  profile: Record<string, number>;
  /** Start settings (applied when the simulation is created). */
  setup: Record<string, PathValue>;
  /** Settings the baseline runs with (the entry's otherwise). */
  baseSetup: Record<string, PathValue>;
  /** Lever changes, each at the month it took effect. */
  changes: LeverChange[];
  /** Several-runs mode: how many seeds (absent: one run). */
  runs?: number;
}

const encodeValue = (v: PathValue) => JSON.stringify(v);

/** The fragment for a state (without the leading `#`). */
export function linkFragment(s: LinkState): string {
  const q = new URLSearchParams();
  q.set('e', s.entry);
  if (s.seed !== undefined) q.set('seed', String(s.seed));
  if (s.householdsPerAgent !== undefined) q.set('hpa', String(s.householdsPerAgent));
  if (s.runs !== undefined && s.runs > 1) q.set('runs', String(s.runs));
  for (const [player, k] of Object.entries(s.profile)) if (k >= 0) q.append('p', `${player}=${k}`);
  for (const [path, v] of Object.entries(s.setup)) q.append('set', `${path}=${encodeValue(v)}`);
  for (const [path, v] of Object.entries(s.baseSetup)) q.append('base', `${path}=${encodeValue(v)}`);
  for (const c of s.changes) q.append('at', `${c.tick}:${c.path}=${encodeValue(c.value)}`);
  return q.toString();
}

/** A problem with a link, in words (the page shows it and opens the default setup). */
export class LinkError extends Error {}

function splitPair(item: string, what: string): [string, string] {
  const i = item.indexOf('=');
  if (i <= 0) throw new LinkError(`the link's ${what} "${item}" is not name=value`);
  return [item.slice(0, i), item.slice(i + 1)];
}

function decodeValue(text: string, where: string): PathValue {
  try {
    return JSON.parse(text) as PathValue;
  } catch {
    throw new LinkError(`the link's value ${where} = "${text}" is not a number, true/false or a quoted text`);
  }
}

const count = (text: string | null, what: string, min: number): number | undefined => {
  if (text === null) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new LinkError(`the link's ${what} "${text}" is not a whole number of at least ${min}`);
  return n;
};

/**
 * Read a fragment (with or without `#`); undefined when it holds no configuration.
 * @throws LinkError naming the part of the link that cannot be read
 */
export function readLink(fragment: string): LinkState | undefined {
  const q = new URLSearchParams(fragment.replace(/^#/, ''));
  const entry = q.get('e');
  if (!entry) return undefined;
  const profile: Record<string, number> = {};
  for (const item of q.getAll('p')) {
    const [player, k] = splitPair(item, 'strategy');
    profile[player] = count(k, `strategy of ${player}`, 0)!;
  }
  const setup: Record<string, PathValue> = {};
  for (const item of q.getAll('set')) {
    const [path, v] = splitPair(item, 'start setting');
    setup[path] = decodeValue(v, path);
  }
  const baseSetup: Record<string, PathValue> = {};
  for (const item of q.getAll('base')) {
    const [path, v] = splitPair(item, 'baseline setting');
    baseSetup[path] = decodeValue(v, path);
  }
  const changes: LeverChange[] = q.getAll('at').map((item) => {
    const m = /^(\d+):(.*)$/.exec(item);
    if (!m) throw new LinkError(`the link's change "${item}" is not month:path=value`);
    const [path, v] = splitPair(m[2], 'change');
    return { tick: Number(m[1]), path, value: decodeValue(v, path) };
  });
  changes.sort((a, b) => a.tick - b.tick);
  return {
    entry,
    seed: count(q.get('seed'), 'seed', 0),
    householdsPerAgent: count(q.get('hpa'), 'households per agent', 1),
    profile,
    setup,
    baseSetup,
    changes,
    runs: count(q.get('runs'), 'number of runs', 1),
  };
}
