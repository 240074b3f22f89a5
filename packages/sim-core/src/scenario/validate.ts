/**
 * Validation of scenario objects: the schema (types, ranges, unknown keys), then the checks a
 * schema cannot express (neighbours, control and eradication targets naming regions that exist,
 * events at months inside the run naming levers that exist).
 */
import { scenarioSchema, type Scenario } from './schema.ts';
import { tickOf } from '../engine/calendar.ts';

export interface ScenarioIssue {
  /** Path of the offending value in the scenario tree. */
  path: (string | number)[];
  message: string;
}

export type ValidationResult = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

function crossChecks(s: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const regionIds = Object.keys(s.regions);
  if (regionIds.length === 0) issues.push({ path: ['regions'], message: 'a scenario needs at least one region' });
  if (regionIds.length > 255) issues.push({ path: ['regions'], message: 'at most 255 regions' });
  const known = new Set(regionIds);
  for (const [id, r] of Object.entries(s.regions)) {
    r.neighbours.forEach((n, i) => {
      if (!known.has(n)) issues.push({ path: ['regions', id, 'neighbours', i], message: `unknown region "${n}"` });
    });
  }
  for (const [gid, g] of Object.entries(s.armedGroups)) {
    for (const rid of Object.keys(g.control)) {
      if (!known.has(rid)) issues.push({ path: ['armedGroups', gid, 'control', rid], message: `unknown region "${rid}"` });
    }
  }
  for (const [c, st] of Object.entries(s.states)) {
    if (!st) continue;
    for (const rid of Object.keys(st.eradicationHaPerYear)) {
      if (!known.has(rid)) issues.push({ path: ['states', c, 'eradicationHaPerYear', rid], message: `unknown region "${rid}"` });
      else if (s.regions[rid].country !== c)
        issues.push({ path: ['states', c, 'eradicationHaPerYear', rid], message: `region "${rid}" belongs to ${s.regions[rid].country}, not ${c}` });
    }
    st.alternativeDevelopment.regions.forEach((rid, i) => {
      if (!known.has(rid)) issues.push({ path: ['states', c, 'alternativeDevelopment', 'regions', i], message: `unknown region "${rid}"` });
    });
  }
  s.events.forEach((e, i) => {
    const t = tickOf(s.start, e.at);
    if (t < 0 || t >= s.months)
      issues.push({ path: ['events', i, 'at'], message: `month ${e.at} is outside the run (${s.start} for ${s.months} months)` });
  });
  return issues;
}

/**
 * Validate a parsed scenario object and apply defaults.
 * @example
 * const v = validateScenario(YAML.parse(text));
 * if (!v.ok) for (const i of v.issues) console.error(i.path.join('.'), i.message);
 */
export function validateScenario(input: unknown): ValidationResult {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as (string | number)[],
        message: i.message,
      })),
    };
  }
  const issues = crossChecks(parsed.data);
  return issues.length ? { ok: false, issues } : { ok: true, scenario: parsed.data };
}
