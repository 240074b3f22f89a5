/**
 * fast-check generators of random VALID scenarios for the property tests (issue 8): 1–7 regions
 * in random countries with random neighbours and small populations (at most {@link MAX_AGENTS}
 * farmer agents), 0–2 armed groups with control of random regions, states for some countries
 * with eradication targets and AD programmes, a random subset of every other lever the schema
 * lists (values in the lever's plausible range most of the time, anywhere within its hard bounds
 * or at a bound otherwise), events at random months setting random event levers, and a seed.
 *
 * Levers are read from the schema itself (`listLevers`), so a lever added to the schema is
 * exercised without touching this file. Every generated scenario is validated: a generator that
 * produced an invalid one would be a bug here, and `scenarioCase` throws.
 */
import fc from 'fast-check';
import {
  COUNTRIES,
  listLevers,
  monthLabel,
  resolveLever,
  setPath,
  validateScenario,
  type Lever,
  type LeverSpec,
  type PathValue,
  type Scenario,
} from '../src/index.ts';

/** Most farmer agents a generated scenario has (Σ ceil(households / householdsPerAgent)). */
export const MAX_AGENTS = 1500;

/** Region ids to draw from (valid ids: lower-case letters, digits, dashes). */
const REGION_POOL = ['vraem-ene', 'vraem-apurimac', 'alto-huallaga', 'chapare', 'yungas', 'putumayo', 'r7', 'narino'];
const GROUP_POOL = ['sl', 'farc-remnant'];

/**
 * Levers the skeleton sets itself (shape of the world, length of the run) or that name things:
 * the random-lever pass leaves them alone.
 */
const SKELETON = /^(name|seed|start|months|warmupMonths|householdsPerAgent|regions\.[^.]+\.(name|country|neighbours|households|cocaHa|licitHa)|armedGroups\.[^.]+\.(name|control\..*)|states\.[^.]+\.(eradicationHaPerYear\..*|alternativeDevelopment\.regions))$/;

/** Levers whose hard bounds would make a run too slow to test (agents and firmas are loops). */
const SLOW: Record<string, [number, number]> = {
  'firmas.count': [0, 40],
  'firmas.maxCount': [0, 60],
  'firmas.regionsPerFirma': [1, 8],
};

export interface ScenarioCase {
  /** The scenario as a file would hold it (before defaults). */
  input: Record<string, unknown>;
  /** The validated scenario with defaults. */
  scenario: Scenario;
  /** The run seed. */
  seed: number;
}

/** A value for a numeric lever: mostly its plausible range, sometimes anywhere within the hard bounds, sometimes a bound. */
function numberArb(spec: LeverSpec, path: string): fc.Arbitrary<number> {
  const slow = SLOW[path];
  const min = slow ? Math.max(slow[0], spec.min ?? slow[0]) : (spec.min ?? 0);
  const max = slow ? Math.min(slow[1], spec.max ?? slow[1]) : (spec.max ?? Math.max(min, 1) * 10);
  const range = spec.range ? ([Math.max(min, spec.range[0]), Math.min(max, spec.range[1])] as [number, number]) : ([min, max] as [number, number]);
  // fast-check's doubles favour extremes (5e-324, bounds): good for the hard bounds; the
  // plausible range is drawn evenly so that most cases are ordinary worlds.
  const within = (lo: number, hi: number): fc.Arbitrary<number> =>
    spec.kind === 'integer'
      ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) })
      : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v));
  const evenly = (lo: number, hi: number): fc.Arbitrary<number> =>
    spec.kind === 'integer' ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.integer({ min: 0, max: 1_000_000 }).map((k) => lo + ((hi - lo) * k) / 1_000_000);
  return fc.oneof(
    { weight: 7, arbitrary: evenly(range[0], range[1]) },
    { weight: 2, arbitrary: within(min, max) },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
  );
}

/** A value for any lever (undefined for levers this generator does not vary, such as free text). */
function leverValueArb(lever: LeverSpec, path: string, regionIds: readonly string[]): fc.Arbitrary<PathValue> | undefined {
  switch (lever.kind) {
    case 'number':
    case 'integer':
      return numberArb(lever, path);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...(lever.options ?? []));
    case 'list':
      return /(^|\.)regions$/.test(path) ? fc.subarray([...regionIds]) : undefined;
    default:
      return undefined;
  }
}

interface RegionDraw {
  country: (typeof COUNTRIES)[number];
  households: number;
  land: number;
  cocaShare: number;
  licitShare: number;
  neighbours: boolean[];
}

const regionDraw = (n: number): fc.Arbitrary<RegionDraw> =>
  fc.record({
    country: fc.constantFrom(...COUNTRIES),
    households: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 9, arbitrary: fc.integer({ min: 1, max: 50_000 }) }),
    land: fc.double({ min: 0.5, max: 8, noNaN: true }),
    cocaShare: fc.double({ min: 0, max: 1.2, noNaN: true }),
    licitShare: fc.double({ min: 0, max: 1, noNaN: true }),
    neighbours: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
  });

/** The shape of a world: regions, armed groups, states, the calendar. */
const skeletonArb = fc
  .record({
    ids: fc.shuffledSubarray(REGION_POOL, { minLength: 1, maxLength: 7 }),
    months: fc.integer({ min: 12, max: 48 }),
    warmupMonths: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 36 })),
    startYear: fc.integer({ min: 1990, max: 2030 }),
    startMonth: fc.integer({ min: 1, max: 12 }),
    agentsFactor: fc.double({ min: 1, max: 4, noNaN: true }),
  })
  .chain((base) =>
    fc.record({
      base: fc.constant(base),
      regions: fc.array(regionDraw(base.ids.length), { minLength: base.ids.length, maxLength: base.ids.length }),
      groups: fc.shuffledSubarray(GROUP_POOL, { minLength: 0, maxLength: 2 }),
      control: fc.array(fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 2 }), { minLength: base.ids.length, maxLength: base.ids.length }), {
        minLength: 2,
        maxLength: 2,
      }),
      states: fc.subarray([...COUNTRIES]),
      eradication: fc.array(fc.option(fc.double({ min: 0, max: 20_000, noNaN: true }), { freq: 2 }), { minLength: base.ids.length, maxLength: base.ids.length }),
    }),
  )
  .map(({ base, regions, groups, control, states, eradication }) => {
    const ids = base.ids;
    const totalHouseholds = regions.reduce((a, r) => a + r.households, 0);
    // One agent per household when small; otherwise each agent stands for several, so that the
    // run has at most MAX_AGENTS agents (with `ids.length` for the rounding up per region).
    const perAgent = Math.max(1, Math.ceil((totalHouseholds * base.agentsFactor) / (MAX_AGENTS - ids.length)));
    const input: Record<string, unknown> = {
      name: 'property',
      start: `${base.startYear}-${String(base.startMonth).padStart(2, '0')}`,
      months: base.months,
      warmupMonths: base.warmupMonths,
      householdsPerAgent: perAgent,
      regions: Object.fromEntries(
        ids.map((id, i) => {
          const r = regions[i];
          const land = r.households * r.land;
          return [
            id,
            {
              name: id,
              country: r.country,
              neighbours: ids.filter((other, j) => j !== i && r.neighbours[j]),
              households: r.households,
              landHaPerHousehold: r.land,
              cocaHa: Math.min(1_000_000, land * r.cocaShare),
              licitHa: Math.min(1_000_000, land * r.licitShare * Math.max(0, 1 - Math.min(1, r.cocaShare))),
            },
          ];
        }),
      ),
      armedGroups: Object.fromEntries(
        groups.map((g, k) => [g, { control: Object.fromEntries(ids.flatMap((id, i) => (control[k][i] === null ? [] : [[id, control[k][i]]]))) }]),
      ),
      states: Object.fromEntries(
        states.map((c) => [
          c,
          {
            eradicationHaPerYear: Object.fromEntries(
              ids.flatMap((id, i) => ((regions[i].country === c && eradication[i] !== null) ? [[id, eradication[i]]] : [])),
            ),
          },
        ]),
      ),
    };
    return input;
  });

/** Random values for a random subset of the skeleton's other levers. */
function leversArb(input: Record<string, unknown>): fc.Arbitrary<[string, PathValue][]> {
  const regionIds = Object.keys(input.regions as object);
  const levers = listLevers(input).filter((l) => !SKELETON.test(l.path));
  const picks = levers.map((l: Lever) => {
    const arb = leverValueArb(l, l.path, regionIds);
    return arb ? fc.option(arb.map((v) => [l.path, v] as [string, PathValue]), { freq: 3 }) : fc.constant(null);
  });
  return fc.tuple(...picks).map((xs) => xs.filter((x): x is [string, PathValue] => x !== null));
}

/** Events at random months (some after the end: they never fire), each setting 1–3 event levers. */
function eventsArb(input: Record<string, unknown>): fc.Arbitrary<{ at: string; set: Record<string, PathValue> }[]> {
  const regionIds = Object.keys(input.regions as object);
  const start = input.start as string;
  const months = input.months as number;
  const settable = listLevers(input).filter((l) => !SKELETON.test(l.path) || /eradicationHaPerYear|control\.|alternativeDevelopment\.regions/.test(l.path));
  const choices = settable
    .filter((l) => resolveLever(input, l.path, { forEvent: true }).ok)
    .map((l) => ({ path: l.path, arb: leverValueArb(l, l.path, regionIds) }))
    .filter((c): c is { path: string; arb: fc.Arbitrary<PathValue> } => c.arb !== undefined);
  const one = fc.record({
    at: fc.integer({ min: 0, max: months + 6 }),
    set: fc.uniqueArray(fc.constantFrom(...choices), { minLength: 1, maxLength: 3, selector: (c) => c.path }).chain((cs) => fc.tuple(...cs.map((c) => c.arb.map((v) => [c.path, v] as const)))),
  });
  return fc
    .array(one, { maxLength: 6 })
    .map((evs) => [...evs].sort((a, b) => a.at - b.at).map((e) => ({ at: monthLabel(start, e.at), set: Object.fromEntries(e.set) })));
}

/**
 * A random valid scenario and a run seed.
 * @example fc.assert(fc.property(scenarioCase(), ({ scenario, seed }) => { runScenario(scenario, { seed, check: true }); }), { seed: 8, numRuns: 40 })
 */
export function scenarioCase(): fc.Arbitrary<ScenarioCase> {
  return skeletonArb
    .chain((input) => fc.record({ input: fc.constant(input), levers: leversArb(input), events: eventsArb(input), seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }) }))
    .map(({ input, levers, events, seed }) => {
      const raw = structuredClone(input);
      for (const [path, value] of levers) setPath(raw, path, value);
      raw.events = events;
      const v = validateScenario(raw);
      if (!v.ok) throw new Error(`the generator made an invalid scenario: ${v.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return { input: raw, scenario: v.scenario, seed };
    });
}

/** Farmer agents a scenario creates. */
export function agentsOf(s: Scenario): number {
  return Object.values(s.regions).reduce((a, r) => a + Math.ceil(r.households / s.householdsPerAgent), 0);
}
