/**
 * The lever registry: every leaf of the scenario schema that a user can set, read from the zod
 * schema itself — type, unit, hard bounds, plausible range, one-line meaning, whether it may
 * change during a run (`change`) and the model state a change moves (`moves`). Nothing else
 * lists levers: `vraem params` prints this registry; `--set`, `--hold`, `--vary`, events,
 * `sensitivity`, `calibrate` and the explorer resolve their paths here (with a "did you mean"
 * when a path is close to a real one), once, into a parsed {@link LeverPath}; values are checked
 * against the lever's own schema. A new lever is one schema entry (with its metadata).
 *
 * Maps keyed by id expand with the scenario: `regions.<id>.*` and `armedGroups.<id>.*` for the
 * entries a scenario has, `states.<C>.*` for the states it has, and maps of numbers keyed by
 * region (`states.PE.eradicationHaPerYear.<regionId>`, `armedGroups.sl.control.<regionId>`) for
 * every region of the scenario (of the state's own country for eradication targets).
 */
import type { z } from 'zod';
import { scenarioSchema, type LeverChange, type LeverMove } from './schema.ts';
import { parseLeverPath, type LeverPath } from './paths.ts';

/** What kind of value a lever takes. `list` is a list of ids (written `a,b,c` on the command line). */
export type LeverKind = 'number' | 'integer' | 'boolean' | 'string' | 'enum' | 'list';

/** A lever's type and documentation, as the schema states them. */
export interface LeverSpec {
  kind: LeverKind;
  /** Unit in words, when the schema gives one. */
  unit?: string;
  /** One line: what the lever means. */
  description: string;
  /** Plausible range for sensitivity analysis (narrower than the hard bounds), when given. */
  range?: [number, number];
  /** Hard bounds a value must respect. */
  min?: number;
  max?: number;
  /** Allowed values of an `enum` lever. */
  options?: readonly string[];
  /** Default value when the scenario does not write one. */
  default?: unknown;
  /** The lever's schema without its default: `safeParse` checks a value. */
  schema: z.ZodType;
  /** `start`: shapes the start of a run (no event or dated hold may change it); `live`: read every month. */
  change: LeverChange;
  /** The model state a change also moves (model/levers.ts), when the lever is state too. */
  moves?: LeverMove;
  /** A DESIGN §9 lever or a strategy choice: shown up front. */
  headline: boolean;
}

/** A lever path resolved against the registry: the parsed path (map keys known) and the lever's spec. */
export interface ResolvedLever {
  parsed: LeverPath;
  spec: LeverSpec;
}

/** A lever of a particular scenario: its dotted path, current value and group. */
export interface Lever extends LeverSpec {
  path: string;
  /** The path parsed, its map keys known. */
  parsed: LeverPath;
  value: unknown;
  /** Heading the lever is listed under (`run`, `market`, `regions.vraem-ene`, `states.PE`, ...). */
  group: string;
}

/** Top-level keys that describe or compose a scenario rather than parameterise it. */
const NOT_LEVERS = new Set(['description', 'shows', 'extends', 'events', 'hold']);

// zod 4 internals: every schema carries `_zod.def` with a `type` tag.
type Def = {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
  keyType?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string>;
};
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const metaOf = (s: z.ZodType): Record<string, unknown> | undefined =>
  (s as unknown as { meta(): Record<string, unknown> | undefined }).meta();

interface Unwrapped {
  node: z.ZodType;
  meta: Record<string, unknown>;
  default?: unknown;
}

/** What a group of levers passes down to the levers below it (`farmers.moralTypes` shapes the start: so does each of its levers). */
interface Inherited {
  change?: LeverChange;
  moves?: LeverMove;
  headline?: boolean;
}

function inherit(from: Inherited, meta: Record<string, unknown>): Inherited {
  return {
    change: (meta.change as LeverChange | undefined) ?? from.change,
    moves: (meta.moves as LeverMove | undefined) ?? from.moves,
    headline: (meta.headline as boolean | undefined) ?? from.headline,
  };
}

/** A schema node's wrappers, stripped once: the node inside, the merged metadata, and the wrappers that hold a default (outermost first). */
interface Stripped {
  node: z.ZodType;
  meta: Record<string, unknown>;
  defaults: Def[];
}

/** Schemas are immutable, so each node is stripped once a process: resolving a path (every event of every run, every design point of a sweep) walks the same nodes again and again. */
const STRIPPED = new WeakMap<z.ZodType, Stripped>();

/** Strip default/prefault/optional wrappers, keeping the outermost metadata and the default. */
function unwrap(schema: z.ZodType): Unwrapped {
  let st = STRIPPED.get(schema);
  if (!st) {
    let node = schema;
    let meta: Record<string, unknown> = {};
    const defaults: Def[] = [];
    for (;;) {
      const m = metaOf(node);
      if (m) meta = { ...m, ...meta };
      const d = defOf(node);
      if (d.type === 'default' || d.type === 'prefault') {
        defaults.push(d);
        node = d.innerType!;
      } else if (d.type === 'optional' || d.type === 'nullable' || d.type === 'readonly') node = d.innerType!;
      else break;
    }
    st = { node, meta: Object.freeze(meta), defaults };
    STRIPPED.set(schema, st);
  }
  // The default is read from its wrapper on every call, as zod gives it (a fresh copy of an object default).
  let def: unknown;
  for (const d of st.defaults) {
    def = d.defaultValue;
    if (def !== undefined) break;
  }
  return { node: st.node, meta: st.meta, default: def };
}

/** Whether a map's values are levers (a map of numbers keyed by region) rather than groups of levers: once a schema node. */
const LEAF_VALUES = new WeakMap<z.ZodType, boolean>();
function leafValues(valueType: z.ZodType): boolean {
  let leaf = LEAF_VALUES.get(valueType);
  if (leaf === undefined) {
    leaf = specOf(unwrap(valueType)) !== undefined;
    LEAF_VALUES.set(valueType, leaf);
  }
  return leaf;
}

function specOf(u: Unwrapped, from: Inherited = {}): LeverSpec | undefined {
  const d = defOf(u.node);
  let kind: LeverKind;
  switch (d.type) {
    case 'number':
      kind = (u.node as unknown as { isInt: boolean }).isInt ? 'integer' : 'number';
      break;
    case 'boolean':
    case 'string':
    case 'enum':
      kind = d.type;
      break;
    case 'array':
      if (defOf(unwrap(d.element!).node).type !== 'string') return undefined;
      kind = 'list';
      break;
    default:
      return undefined;
  }
  // Built field by field, in the order the registry has always listed them (no spreads: a spec is
  // made for every lever path resolved, and spreading objects of varying shape is V8's slow path).
  const own = inherit(from, u.meta);
  const spec = {
    unit: typeof u.meta.unit === 'string' ? u.meta.unit : undefined,
    description: typeof u.meta.description === 'string' ? u.meta.description : '',
    range: Array.isArray(u.meta.range) ? (u.meta.range as [number, number]) : undefined,
    default: u.default,
    schema: u.node,
    change: own.change ?? 'live',
  } as LeverSpec;
  if (own.moves) spec.moves = own.moves;
  spec.headline = own.headline ?? false;
  spec.kind = kind;
  if (kind === 'number' || kind === 'integer') {
    const n = u.node as unknown as { minValue: number | null; maxValue: number | null };
    spec.min = n.minValue ?? undefined;
    spec.max = n.maxValue ?? undefined;
  } else if (kind === 'enum') spec.options = Object.values(d.entries ?? {});
  return spec;
}

/** True for a plain map of keys (not null, not a list). */
export const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const keysOf = (v: unknown): string[] => (isMap(v) ? Object.keys(v) : []);

/** Region ids of a scenario (resolved or as written), optionally only those of one country. */
function regionIds(root: unknown, country?: string): string[] {
  const regions = isMap(root) ? root.regions : undefined;
  return keysOf(regions).filter((id) => {
    if (!country) return true;
    const r = (regions as Record<string, unknown>)[id];
    return isMap(r) && r.country === country;
  });
}

/** Entries a map node holds in this scenario: present keys for maps of groups, regions for maps of numbers. */
function mapKeys(root: unknown, path: string[], value: unknown, valueIsLeaf: boolean): string[] {
  if (!valueIsLeaf) return keysOf(value);
  const country = path[0] === 'states' ? path[1] : undefined;
  return regionIds(root, country);
}

function groupOf(path: string[]): string {
  if (path.length === 1) return 'run';
  if (path[0] === 'regions' || path[0] === 'armedGroups' || path[0] === 'states') return `${path[0]}.${path[1]}`;
  return path[0];
}

/**
 * Every lever of a scenario with its current value, in schema order, grouped.
 * Works on a resolved scenario (values with defaults) or on one as written (missing values show
 * their default).
 * @example listLevers(scenario).find((l) => l.path === 'firmas.count')?.value
 */
export function listLevers(root: unknown): Lever[] {
  const out: Lever[] = [];
  const walk = (schema: z.ZodType, value: unknown, path: string[], keys: string[], from: Inherited): void => {
    const u = unwrap(schema);
    const d = defOf(u.node);
    const v = value === undefined ? u.default : value;
    if (d.type === 'object') {
      const below = inherit(from, u.meta);
      for (const [k, child] of Object.entries(d.shape!)) {
        if (path.length === 0 && NOT_LEVERS.has(k)) continue;
        walk(child, isMap(v) ? v[k] : undefined, [...path, k], keys, below);
      }
      return;
    }
    if (d.type === 'record') {
      const below = inherit(from, u.meta);
      const leaf = leafValues(d.valueType!);
      for (const k of mapKeys(root, path, v, leaf)) walk(d.valueType!, isMap(v) ? v[k] : undefined, [...path, k], [...keys, k], below);
      return;
    }
    const spec = specOf(u, from);
    if (spec) {
      const text = path.join('.');
      out.push({ ...spec, path: text, parsed: { text, segments: path, keys }, value: v, group: groupOf(path) });
    }
  };
  walk(scenarioSchema, root, [], [], {});
  return out;
}

/** The result of resolving a lever path: the lever (its parsed path and spec), or a message saying what is wrong (with a suggestion). */
export type LeverLookup = ({ ok: true; path: string } & ResolvedLever) | { ok: false; message: string };

/** Why a lever may not change during a run (an event, a dated hold, the explorer mid-run), or null when it may. */
export function midRunProblem(lever: { parsed: LeverPath; spec: LeverSpec }): string | null {
  return lever.spec.change === 'start' ? `"${lever.parsed.text}" shapes the start of a run and cannot be changed by an event` : null;
}

/**
 * Resolve a lever path against the schema and a scenario (for the ids of its maps), parsing it
 * once: the result carries the parsed path with its map keys, for everything downstream.
 * `forEvent` also refuses levers that only shape the start of a run (`change: 'start'`).
 * @example resolveLever(scenario, 'states.PE.interdiction') // { ok: true, spec: { kind: 'number', min: 0, max: 1, ... } }
 */
export function resolveLever(root: unknown, path: string | LeverPath, options: { forEvent?: boolean } = {}): LeverLookup {
  const text = typeof path === 'string' ? path : path.text;
  const segs = text.split('.');
  if (segs.some((s) => s.length === 0)) return { ok: false, message: `"${text}" is not a lever path (empty part between dots)` };
  return resolveSegments(root, text, segs, options);
}

function resolveSegments(root: unknown, path: string, segs: string[], options: { forEvent?: boolean }): LeverLookup {
  let schema: z.ZodType = scenarioSchema;
  let value: unknown = root;
  let from: Inherited = {};
  const keys: string[] = [];
  const fail = (message: string, fallback?: string, sameEnd = true): LeverLookup => {
    const hint = suggestLever(root, path, sameEnd) ?? fallback;
    return { ok: false, message: hint && hint !== path ? `${message}; did you mean "${hint}"?` : message };
  };
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    const here = segs.slice(0, i).join('.');
    const u = unwrap(schema);
    const d = defOf(u.node);
    from = inherit(from, u.meta);
    if (d.type === 'object') {
      if (!Object.hasOwn(d.shape!, seg) || (i === 0 && NOT_LEVERS.has(seg))) {
        const fields = Object.keys(d.shape!).filter((k) => !(i === 0 && NOT_LEVERS.has(k)));
        const near = suggest(seg, fields);
        const fallback = near ? [...segs.slice(0, i), near, ...segs.slice(i + 1)].join('.') : undefined;
        return fail(`unknown lever "${path}": ${here ? `"${here}" has no "${seg}"` : `no top-level "${seg}"`}`, fallback);
      }
      schema = d.shape![seg];
      value = isMap(value) ? value[seg] : undefined;
      continue;
    }
    if (d.type === 'record') {
      const leaf = leafValues(d.valueType!);
      const present = mapKeys(root, segs.slice(0, i), value, leaf);
      if (!present.includes(seg)) {
        const what = leaf || segs[0] === 'regions' ? 'region' : segs[0] === 'states' ? 'state' : 'entry';
        const scope = leaf && segs[0] === 'states' ? ` of ${segs[1]}` : '';
        const known = present.length ? ` (known: ${present.slice(0, 12).join(', ')}${present.length > 12 ? ', ...' : ''})` : ` (there are none${scope})`;
        const near = suggest(seg, present);
        const fallback = near ? [...segs.slice(0, i), near, ...segs.slice(i + 1)].join('.') : undefined;
        return fail(`unknown ${what} "${seg}" in "${here}"${scope}${known}`, fallback, false);
      }
      keys.push(seg);
      schema = d.valueType!;
      value = isMap(value) ? value[seg] : undefined;
      continue;
    }
    return { ok: false, message: `"${here}" is a lever: nothing lies below it` };
  }
  const u = unwrap(schema);
  const spec = specOf(u, from);
  if (!spec) {
    const d = defOf(u.node);
    const below = d.type === 'object' ? Object.keys(d.shape!) : keysOf(value);
    return { ok: false, message: `"${path}" is a group of levers, not a lever (it holds: ${below.slice(0, 10).join(', ')}${below.length > 10 ? ', ...' : ''})` };
  }
  if (segs[0] && NOT_LEVERS.has(segs[0])) return fail(`"${path}" is not a lever`);
  const parsed: LeverPath = { ...parseLeverPath(path), keys };
  const fixed = options.forEvent ? midRunProblem({ parsed, spec }) : null;
  if (fixed) return { ok: false, message: fixed };
  return { ok: true, path, parsed, spec };
}

/**
 * The lever path closest to `path`: within 3 edits over the whole path, or (with `sameEnd`) the
 * only lever whose last part is the same.
 */
export function suggestLever(root: unknown, path: string, sameEnd = true): string | undefined {
  const paths = listLevers(root).map((l) => l.path);
  const whole = suggest(path, paths, 3);
  if (whole || !sameEnd) return whole;
  const last = path.split('.').pop()!;
  const ending = paths.filter((p) => p.endsWith('.' + last) || p === last);
  return ending.length === 1 ? ending[0] : undefined;
}

/** Edit distance between two strings (insert, delete, substitute). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The candidate closest to `word`: equal ignoring case, within `maxDistance` edits (2 by
 * default, 1 for words of 3 letters or fewer), or the only candidate it is a prefix of.
 * @example suggest('monts', ['months', 'start']) === 'months'
 */
export function suggest(word: string, candidates: readonly string[], maxDistance = 2): string | undefined {
  const lower = word.toLowerCase();
  const exact = candidates.find((c) => c.toLowerCase() === lower);
  if (exact) return exact;
  const limit = word.length <= 3 ? 1 : maxDistance;
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = levenshtein(lower, c.toLowerCase());
    if (d <= limit && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  if (best) return best;
  if (word.length >= 3) {
    const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(lower) || lower.startsWith(c.toLowerCase()));
    if (prefixed.length === 1) return prefixed[0];
  }
  return undefined;
}

/** The schema node at a path of the scenario tree (through objects, maps and lists), unwrapped; undefined when the path leaves the schema. */
export function schemaAt(path: readonly (string | number)[]): z.ZodType | undefined {
  let schema: z.ZodType = scenarioSchema;
  for (const seg of path) {
    const d = defOf(unwrap(schema).node);
    if (d.type === 'object') {
      const next = d.shape![String(seg)];
      if (!next) return undefined;
      schema = next;
    } else if (d.type === 'record') schema = d.valueType!;
    else if (d.type === 'array') schema = d.element!;
    else return undefined;
  }
  return unwrap(schema).node;
}

/** The keys an object node of the schema allows at `path` (for "did you mean" on unknown keys). */
export function allowedKeys(path: readonly (string | number)[]): string[] {
  const node = schemaAt(path);
  if (!node) return [];
  const d = defOf(node);
  if (d.type === 'object') return Object.keys(d.shape!);
  if (d.type === 'record' && d.keyType) {
    const k = defOf(unwrap(d.keyType).node);
    if (k.type === 'enum') return Object.values(k.entries ?? {});
  }
  return [];
}
