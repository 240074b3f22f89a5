/**
 * Validation of scenario objects: the schema (types, ranges, unknown keys, each with a message a
 * person can act on and a "did you mean" when a key is close to a real one), then the checks a
 * schema cannot express (neighbours, control, eradication targets and AD regions naming regions
 * that exist; the number of agents within the limit; events and holds at months inside the run
 * setting real levers to values of the right type and range). Every problem is reported at once,
 * each with the path of the offending value, so a loader can point at the line that holds it. A
 * valid scenario comes back with its holds applied to its levers and events (scenario/holds.ts).
 */
import type { z } from 'zod';
import { scenarioSchema, regionSchema, type Scenario, MONTH } from './schema.ts';
import { tickOf } from '../engine/calendar.ts';
import { type LeverSpec, allowedKeys, isMap, resolveLever, suggest } from './levers.ts';
import { applyHolds } from './holds.ts';

export interface ScenarioIssue {
  /** Path of the offending value in the scenario tree. */
  path: (string | number)[];
  message: string;
}

export type ValidationResult = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

/**
 * Limits against inputs that would exhaust memory or time. The schema bounds each value; these
 * bound their combinations.
 */
export const LIMITS = {
  /** Farmer agents in a run: the sum over regions of households / householdsPerAgent. */
  maxAgents: 10_000_000,
  /** Regions in a scenario (region indices are stored in a byte). */
  maxRegions: 255,
  /** Scheduled events in a scenario. */
  maxEvents: 10_000,
} as const;

type Issue = z.core.$ZodIssue & { input?: unknown; received?: string; keys?: string[]; values?: unknown[]; errors?: Issue[][]; issues?: Issue[] };

/** A short rendering of a value for a message (never more than about 40 characters). */
export function showValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 37) + '...' : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return String(v);
}

const NOUNS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  object: 'a map of keys',
  record: 'a map',
  array: 'a list',
};

/** A message a person can act on for one zod issue (the path is reported separately). */
export function describeIssue(raw: z.core.$ZodIssue): string {
  const issue = raw as Issue;
  const got = 'input' in issue ? `, got ${issue.received === 'NaN' || issue.received === 'Infinity' ? issue.received : showValue(issue.input)}` : '';
  const i = issue as Issue & { expected?: string; maximum?: number; minimum?: number; inclusive?: boolean; origin?: string };
  switch (i.code) {
    case 'invalid_type':
      if (i.input === undefined && !i.received) return `is required (${NOUNS[i.expected ?? ''] ?? i.expected})`;
      return `expected ${NOUNS[i.expected ?? ''] ?? i.expected}${got}`;
    case 'too_big':
      if (typeof i.input === 'number') return `must be ${i.inclusive ? 'at most' : 'less than'} ${i.maximum}${got}`;
      return `must have at most ${i.maximum} ${i.origin === 'string' ? 'characters' : 'items'}`;
    case 'too_small':
      if (typeof i.input === 'number') return `must be ${i.inclusive ? 'at least' : 'more than'} ${i.minimum}${got}`;
      if (i.origin === 'string' && i.minimum === 1) return 'must not be empty';
      return `must have at least ${i.minimum} ${i.origin === 'string' ? 'characters' : 'items'}`;
    case 'invalid_value': {
      const values = (i.values ?? []).map(String);
      // A missing key of a closed set (a region's country) is missing, not a wrong value "undefined".
      if ('input' in issue && i.input === undefined) return `is required (one of ${values.join(', ')})`;
      const near = typeof i.input === 'string' ? suggest(i.input, values) : undefined;
      return `must be one of ${values.join(', ')}${got}${near ? ` (did you mean "${near}"?)` : ''}`;
    }
    case 'invalid_format':
      return `${i.message}${got}`;
    case 'invalid_union': {
      const expected = [...new Set((i.errors ?? []).flatMap((branch) => branch.filter((b) => b.code === 'invalid_type').map((b) => NOUNS[(b as { expected?: string }).expected ?? ''] ?? '')))].filter(Boolean);
      return expected.length ? `expected ${expected.join(' or ')}${got}` : `${i.message}${got}`;
    }
    case 'invalid_key':
      return `${showValue(i.input)} is not a valid key: ${i.issues?.[0]?.message ?? i.message}`;
    default:
      return i.message;
  }
}

/**
 * Check one value against a lever's schema; a message when it does not fit, else undefined.
 * @example checkLeverValue(spec, 1.5) // 'must be at most 1, got 1.5'
 */
export function checkLeverValue(spec: LeverSpec, value: unknown): string | undefined {
  const r = spec.schema.safeParse(value, { reportInput: true });
  return r.success ? undefined : describeIssue(r.error.issues[0]);
}

function schemaIssues(error: z.ZodError): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  // An integer lever past its bound fails both the safe-integer and the lever's own bound: keep the tighter.
  const bound = (i: z.core.$ZodIssue) => (i.code === 'too_big' ? -Number(i.maximum) : i.code === 'too_small' ? Number(i.minimum) : undefined);
  const tightest = new Map<string, z.core.$ZodIssue>();
  for (const i of error.issues) {
    const b = bound(i);
    if (b === undefined) continue;
    const key = `${i.code}\u0000${i.path.map(String).join('\u0000')}`;
    const prev = tightest.get(key);
    if (!prev || b > bound(prev)!) tightest.set(key, i);
  }
  const kept = error.issues.filter((i) => bound(i) === undefined || tightest.get(`${i.code}\u0000${i.path.map(String).join('\u0000')}`) === i);
  for (const raw of kept) {
    const path = raw.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as (string | number)[];
    if (raw.code === 'unrecognized_keys') {
      const allowed = allowedKeys(path);
      for (const key of (raw as Issue).keys ?? []) {
        const near = suggest(key, allowed);
        out.push({ path: [...path, key], message: `unknown key "${key}"${near ? `; did you mean "${near}"?` : ''}` });
      }
    } else out.push({ path, message: describeIssue(raw) });
  }
  return out;
}

const mapOf = (v: unknown): Record<string, unknown> => (isMap(v) ? v : {});

/** A top-level field as the schema reads it (its default when absent), or undefined when invalid. */
function field<K extends keyof typeof scenarioSchema.shape>(input: Record<string, unknown>, key: K): z.output<(typeof scenarioSchema.shape)[K]> | undefined {
  const r = scenarioSchema.shape[key].safeParse(input[key]);
  return r.success ? (r.data as z.output<(typeof scenarioSchema.shape)[K]>) : undefined;
}

/** Checks across fields. Written against the raw input so they run even when the schema found problems elsewhere. */
function crossChecks(input: Record<string, unknown>): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const regions = mapOf(input.regions);
  const regionIds = Object.keys(regions);
  if (isMap(input.regions) && regionIds.length === 0) issues.push({ path: ['regions'], message: 'a scenario needs at least one region' });
  if (regionIds.length > LIMITS.maxRegions) issues.push({ path: ['regions'], message: `at most ${LIMITS.maxRegions} regions (found ${regionIds.length})` });
  const known = new Set(regionIds);
  const unknownRegion = (rid: string) => {
    const near = suggest(rid, regionIds);
    return `unknown region "${rid}"${near ? `; did you mean "${near}"?` : ''}`;
  };
  const countryOf = (rid: string) => mapOf(regions[rid]).country;

  for (const [id, r] of Object.entries(regions)) {
    const ns = mapOf(r).neighbours;
    if (Array.isArray(ns))
      ns.forEach((n, i) => {
        if (typeof n === 'string' && !known.has(n)) issues.push({ path: ['regions', id, 'neighbours', i], message: unknownRegion(n) });
      });
  }
  for (const [gid, g] of Object.entries(mapOf(input.armedGroups))) {
    for (const rid of Object.keys(mapOf(mapOf(g).control))) {
      if (!known.has(rid)) issues.push({ path: ['armedGroups', gid, 'control', rid], message: unknownRegion(rid) });
    }
  }
  for (const [c, st] of Object.entries(mapOf(input.states))) {
    for (const rid of Object.keys(mapOf(mapOf(st).eradicationHaPerYear))) {
      const path = ['states', c, 'eradicationHaPerYear', rid];
      if (!known.has(rid)) issues.push({ path, message: unknownRegion(rid) });
      else if (typeof countryOf(rid) === 'string' && countryOf(rid) !== c) issues.push({ path, message: `region "${rid}" belongs to ${String(countryOf(rid))}, not ${c}` });
    }
    const adRegions = mapOf(mapOf(st).alternativeDevelopment).regions;
    if (Array.isArray(adRegions))
      adRegions.forEach((rid, i) => {
        if (typeof rid === 'string' && !known.has(rid)) issues.push({ path: ['states', c, 'alternativeDevelopment', 'regions', i], message: unknownRegion(rid) });
      });
  }

  const perAgent = field(input, 'householdsPerAgent');
  if (perAgent !== undefined) {
    let agents = 0;
    for (const r of Object.values(regions)) {
      const h = regionSchema.shape.households.safeParse(mapOf(r).households);
      if (h.success) agents += Math.ceil(h.data / perAgent);
    }
    if (agents > LIMITS.maxAgents)
      issues.push({
        path: ['householdsPerAgent'],
        message: `${agents} farmer agents (households / householdsPerAgent) is over the limit of ${LIMITS.maxAgents}; raise householdsPerAgent to at least ${Math.ceil((agents * perAgent) / LIMITS.maxAgents)}`,
      });
  }

  const start = field(input, 'start');
  const months = field(input, 'months');
  const events = input.events;
  if (Array.isArray(events)) {
    if (events.length > LIMITS.maxEvents) issues.push({ path: ['events'], message: `at most ${LIMITS.maxEvents} events (found ${events.length})` });
    events.slice(0, LIMITS.maxEvents).forEach((e, i) => {
      const ev = mapOf(e);
      if (typeof ev.at === 'string' && MONTH.test(ev.at) && start !== undefined && months !== undefined) {
        const t = tickOf(start, ev.at);
        // An event after the end simply never fires (so `--set months=24` keeps a history file
        // valid; the CLI says how many); one before the start could never have happened.
        if (t < 0) issues.push({ path: ['events', i, 'at'], message: `month ${ev.at} is before the run starts (${start})` });
      }
      for (const [path, value] of Object.entries(mapOf(ev.set))) {
        for (const p of leverChangeProblems(input, path, value)) issues.push({ path: ['events', i, 'set', path], message: p.message });
      }
    });
  }
  const holds = input.hold;
  if (Array.isArray(holds)) {
    if (holds.length > LIMITS.maxEvents) issues.push({ path: ['hold'], message: `at most ${LIMITS.maxEvents} holds (found ${holds.length})` });
    holds.slice(0, LIMITS.maxEvents).forEach((h, i) => {
      const hold = mapOf(h);
      // A hold from a later month changes the lever during the run: only levers that may change then.
      let dated = hold.from !== undefined;
      if (typeof hold.from === 'string' && MONTH.test(hold.from) && start !== undefined) {
        const t = tickOf(start, hold.from);
        if (t < 0) issues.push({ path: ['hold', i, 'from'], message: `month ${hold.from} is before the run starts (${start}); leave \`from\` out to hold from the start` });
        dated = t > 0;
      }
      for (const [path, value] of Object.entries(mapOf(hold.set))) {
        const where = ['hold', i, 'set', path];
        const lever = resolveLever(input, path, { forEvent: dated });
        if (!lever.ok) {
          issues.push({ path: where, message: dated && lever.message.includes('shapes the start') ? `${lever.message} (hold it without \`from\`)` : lever.message });
          continue;
        }
        const problem = checkLeverValue(lever.spec, value);
        if (problem) issues.push({ path: where, message: problem });
        else if (lever.spec.kind === 'list' && /(^|\.)(regions|neighbours)$/.test(path))
          for (const rid of value as string[]) if (!known.has(rid)) issues.push({ path: where, message: unknownRegion(rid) });
      }
    });
  }
  return issues;
}

/**
 * Validate a parsed scenario object and apply defaults. All problems are returned at once.
 * @example
 * const v = validateScenario(YAML.parse(text));
 * if (!v.ok) for (const i of v.issues) console.error(i.path.join('.'), i.message);
 */
export function validateScenario(input: unknown): ValidationResult {
  if (!isMap(input)) return { ok: false, issues: [{ path: [], message: `a scenario is a map of keys (name, regions, states, ...), got ${showValue(input)}` }] };
  const parsed = scenarioSchema.safeParse(input, { reportInput: true });
  const issues = parsed.success ? [] : schemaIssues(parsed.error);
  const seen = new Set(issues.map((i) => i.path.join('\u0000')));
  for (const i of crossChecks(input)) if (!seen.has(i.path.join('\u0000'))) issues.push(i);
  if (issues.length || !parsed.success) return { ok: false, issues };
  return { ok: true, scenario: applyHolds(parsed.data) };
}

/** What is wrong with a lever change: the path (unknown, a group, fixed at the start) or the value (type, bounds, region ids). */
export interface LeverChangeProblem {
  about: 'path' | 'value';
  message: string;
}

/**
 * Check a change of one lever in the middle of a run — an event's `set`, `Simulation.setLever` —
 * against a scenario (as written or resolved): the lever exists (with a "did you mean"), may
 * change after the start, and the value has the lever's type and bounds and names known regions.
 * @example leverChangeProblems(scenario, 'states.PE.interdiction', 'lots') // [{ about: 'value', message: 'expected a number, got "lots"' }]
 */
export function leverChangeProblems(root: unknown, path: string, value: unknown): LeverChangeProblem[] {
  const lever = resolveLever(root, path, { forEvent: true });
  if (!lever.ok) return [{ about: 'path', message: lever.message }];
  const problem = checkLeverValue(lever.spec, value);
  if (problem) return [{ about: 'value', message: problem }];
  if (lever.spec.kind !== 'list' || !/(^|\.)(regions|neighbours)$/.test(path)) return [];
  const regionIds = Object.keys(mapOf(mapOf(root).regions));
  return (value as string[])
    .filter((rid) => !regionIds.includes(rid))
    .map((rid) => {
      const near = suggest(rid, regionIds);
      return { about: 'value' as const, message: `unknown region "${rid}"${near ? `; did you mean "${near}"?` : ''}` };
    });
}
