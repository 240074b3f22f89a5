/**
 * Building the world at month 0 from a resolved scenario: farmer agents with their moral types
 * (Ibáñez & Martinsson 2013: about 1/3 deterred, 2/5 reluctant), land and initial crops matching
 * the scenario's hectares (calibration §2.1); firmas placed where the coca is; armed groups with
 * their control; the export market's demand scaled so that the starting supply clears at the
 * reference price. All draws come from the `setup` stream.
 */
import type { Scenario } from '../scenario/schema.ts';
import { COUNTRIES } from '../scenario/schema.ts';
import { type Stream, normal } from '../engine/rng.ts';
import type { Streams } from './streams.ts';
import {
  type World,
  type Farmers,
  type Firma,
  type ArmedGroup,
  type RegionState,
  allocateFarmers,
  regionColumns,
  COUNTRY_INDEX,
} from './world.ts';
import { leafYieldKgPerHaMonth } from './farmers/harvest.ts';
import { createProgrammes } from './state/alternativeDevelopment.ts';
import { createStateRuntime } from './state/budget.ts';
import { exp, log } from '../engine/math.ts';
import { processingCostUsdKg } from './firmas/processing.ts';

const REGION_COLUMNS = [
  'weight', 'households', 'riskA', 'riskB', 'trustA', 'trustB', 'priceExpect', 'sellExpect', 'leafStockKg', 'leafStockStartKg', 'corruption',
  'marketAccess', 'presence', 'presenceStart', 'stateSpendUsd', 'stateBudgetUsd', 'cocaHa', 'matureCocaHa', 'licitHa', 'matureLicitHa', 'adHa', 'adCompliantHa', 'members', 'agents', 'cocaYearSum',
  'eradicatedHa', 'eradicatedShare', 'harvestKg', 'legalSoldKg', 'firmSoldKg', 'spoiledKg', 'leafRevenue', 'leafPrice',
  'cocaineKg', 'seizedKg', 'firmaProfit', 'protectionPaid', 'protectedKg', 'bribes', 'violence', 'adPromised', 'adDelivered', 'adPaidToFarmers', 'income', 'grievance',
  'supporters', 'supporterCocaHa', 'organisedResisters', 'levyPaid', 'reprisals', 'reprisalCost', 'federated',
  // the firmas' side (buyers' game, hitmen)
  'cartelWar', 'cartelHeld', 'cartelDeltaStar', 'hitmen', 'firmaViolence', 'hitmenSuppressed',
  // the crews' coca destroyed (eradication.ts), beside the hectares they report
  'eradicatedCocaHa',
  // households growing coca (farmers.ts)
  'growers',
] as const;

/**
 * The regions' columns as one shape for every world: a world's `regions` is a structured clone of
 * it (the clone adds the properties in order along V8's map transitions, so every world's object
 * has the same hidden class), whose columns are then replaced by the world's own. Built afresh by
 * keyed stores and a spread, as it was, the object (63 properties: V8 turns it into a dictionary
 * and the spread copies it to a new hidden class every time) had a class of its own in every
 * world, so the next run in the same process (the bench, a worker's replicates, ABC's candidates)
 * threw away the optimised code of every monthly phase that reads the regions ("wrong map") and
 * compiled it again: about a sixth of a run's CPU time at full scale (docs/performance.md,
 * change 10).
 */
const REGION_SHAPE: RegionState = { ...regionColumns(0, REGION_COLUMNS), start: new Int32Array(0), end: new Int32Array(0), country: new Uint8Array(0) };

/**
 * Each region's neighbours in its own country (displacement's targets), by index. Built by
 * pushes onto array literals, not by `map` and `filter`: V8's `map` gives an array of another
 * elements kind (another hidden class) when createWorld runs optimised, with the builtin inlined,
 * than when it runs in the interpreter, so the phases that read the lists (displacement, the farm
 * pass, governance), optimised on the first runs' arrays, deoptimised at later runs ("wrong map").
 */
function sameCountryNeighbours(scenario: Scenario, regionIds: readonly string[], regionIndex: ReadonlyMap<string, number>): number[][] {
  const out: number[][] = [];
  for (const id of regionIds) {
    const reg = scenario.regions[id];
    const list: number[] = [];
    for (const name of reg.neighbours) {
      const n = regionIndex.get(name)!;
      if (scenario.regions[regionIds[n]].country === reg.country) list.push(n);
    }
    out.push(list);
  }
  return out;
}

/** Propensity of each moral type to hold coca at the start, relative to land. */
const START_PROPENSITY = { deterred: 0.02, reluctant: 0.5, ready: 1 };
/** Share of starting coca that is already mature. */
const START_MATURE = 0.85;
/** Farmer agents standing for a region's households: households / householdsPerAgent, at least one where there are households. */
export function agentsFor(households: number, householdsPerAgent: number): number {
  return households > 0 ? Math.max(1, Math.round(households / householdsPerAgent)) : 0;
}

/** Farmer agents a scenario's world holds (the sum of {@link agentsFor} over its regions). */
export function agentCount(scenario: Scenario): number {
  let n = 0;
  for (const r of Object.values(scenario.regions)) n += agentsOf(r, scenario.householdsPerAgent);
  return n;
}

/**
 * Agents of a region: its households, then its potential growers (households of its coca areas
 * that grow no coca at the start), each group at {@link agentsFor}.
 */
function agentsOf(reg: Scenario['regions'][string], householdsPerAgent: number): number {
  return agentsFor(reg.households, householdsPerAgent) + agentsFor(reg.potentialGrowers, householdsPerAgent);
}

/**
 * Draw household i of region r: its land, moral type, association threshold and membership, and
 * decision phase; returns its type's propensity to hold coca at the start.
 */
function drawHousehold(f: Farmers, i: number, r: number, reg: Scenario['regions'][string], mt: Scenario['farmers']['moralTypes'], decisionEvery: number, rand: Stream): number {
  f.region[i] = r;
  f.land[i] = reg.landHaPerHousehold * exp(0.4 * normal(rand) - 0.08);
  const u = rand();
  let prop: number;
  if (u < mt.deterredShare) {
    f.moral[i] = mt.deterredCostUsdHa;
    prop = START_PROPENSITY.deterred;
  } else if (u < mt.deterredShare + mt.reluctantShare) {
    f.moral[i] = mt.reluctantCostUsdHa * (0.5 + rand());
    prop = START_PROPENSITY.reluctant;
  } else {
    f.moral[i] = mt.readyCostUsdHa * 2 * rand();
    prop = START_PROPENSITY.ready;
  }
  f.threshold[i] = Math.min(1, Math.max(0, reg.association.thresholdMean + 0.8 * (rand() - 0.5)));
  f.member[i] = rand() < reg.association.share ? 1 : 0;
  f.phase[i] = Math.floor(rand() * decisionEvery);
  return prop;
}

/** Months of prior eradication evidence a region starts with (the Beta prior's weight). */
export const PRIOR_MONTHS = 6;

export function createWorld(scenario: Scenario, seed: number, streams: Streams): World {
  const rand = streams.setup;
  const regionIds = Object.keys(scenario.regions);
  const nR = regionIds.length;
  const regionIndex = new Map(regionIds.map((id, i) => [id, i]));
  const regions = structuredClone(REGION_SHAPE);
  for (const k of REGION_COLUMNS) regions[k] = new Float64Array(nR);
  regions.start = new Int32Array(nR);
  regions.end = new Int32Array(nR);
  regions.country = new Uint8Array(nR);

  let nAgents = 0;
  const agentsPer = regionIds.map((id) => {
    const a = agentsOf(scenario.regions[id], scenario.householdsPerAgent);
    nAgents += a;
    return a;
  });
  const f = allocateFarmers(nAgents);
  const mt = scenario.farmers.moralTypes;
  const decisionEvery = scenario.farmers.decisionEveryMonths;

  let idx = 0;
  regionIds.forEach((id, r) => {
    const reg = scenario.regions[id];
    const a = agentsPer[r];
    regions.start[r] = idx;
    regions.end[r] = idx + a;
    regions.country[r] = COUNTRY_INDEX[reg.country];
    // The region's farming households: those growing coca at the start and its potential growers.
    const households = reg.households + reg.potentialGrowers;
    regions.households[r] = households;
    regions.weight[r] = a > 0 ? households / a : 0;
    // Agents [idx, idx + growers) stand for the households of the start; the rest for potential growers.
    const growers = agentsFor(reg.households, scenario.householdsPerAgent);
    regions.agents[r] = a;
    regions.marketAccess[r] = reg.marketAccess;
    regions.corruption[r] = scenario.states[reg.country]?.corruption.initial ?? 0;
    regions.trustA[r] = 2; // a neutral prior: promises are believed half-way
    regions.trustB[r] = 2;
    // Start from the risk the region's eradication target implies, as if the past looked like today.
    const target = scenario.states[reg.country]?.eradicationHaPerYear[id] ?? 0;
    const monthly = reg.cocaHa > 0 ? Math.min(0.5, target / 12 / reg.cocaHa) : 0;
    regions.riskA[r] = PRIOR_MONTHS * monthly + 0.01;
    regions.riskB[r] = PRIOR_MONTHS * (1 - monthly) + 0.01;
    regions.sellExpect[r] = 1;
    const presence = scenario.states[reg.country]?.presence;
    regions.presence[r] = presence ? (presence.initialByRegion[id] ?? presence.initial) : 0;
    regions.presenceStart[r] = regions.presence[r];
    regions.cocaYearSum[r] = reg.cocaHa;

    // Farmers: type, land, threshold, phase.
    let propensitySum = 0;
    for (let i = idx; i < idx + growers; i++) {
      const prop = drawHousehold(f, i, r, reg, mt, decisionEvery, rand);
      f.cocaMature[i] = prop * f.land[i]; // provisional: propensity, scaled below
      propensitySum += f.cocaMature[i];
    }
    // Scale coca to the region's hectares (per household: divide by weight); licit fills the rest.
    const w = regions.weight[r];
    const cocaPerAgentScale = propensitySum > 0 && w > 0 ? reg.cocaHa / w / propensitySum : 0;
    let freeSum = 0;
    for (let i = idx; i < idx + growers; i++) {
      const coca = Math.min(f.land[i] * 0.95, f.cocaMature[i] * cocaPerAgentScale);
      f.cocaMature[i] = coca * START_MATURE;
      f.cocaYoung[i] = coca * (1 - START_MATURE);
      freeSum += f.land[i] - coca;
    }
    const licitScale = freeSum > 0 && w > 0 ? Math.min(1, reg.licitHa / w / freeSum) : 0;
    for (let i = idx; i < idx + growers; i++) {
      const free = f.land[i] - f.cocaMature[i] - f.cocaYoung[i];
      f.licitMature[i] = free * licitScale;
    }
    // Potential growers: the same draws of land and type, no coca, their land in bearing licit
    // crops (a new grower clears them or the forest: the sunk cost farmers.ts weighs). Drawn
    // after the region's growers, so a region without them draws exactly as before.
    for (let i = idx + growers; i < idx + a; i++) {
      drawHousehold(f, i, r, reg, mt, decisionEvery, rand);
      f.licitMature[i] = f.land[i];
    }
    idx += a;
  });

  // Each household's reluctance to submit to an armed group (a unit exponential, scaled by the
  // group's lever when it decides), from the armed stream so the setup stream's draws stay put.
  for (let i = 0; i < nAgents; i++) f.aversion[i] = -log(1 - streams.armed());

  // Expected prices start at a plausible farm-gate level; the first months correct them.
  const leafPerKg = scenario.market.leafKgPerKgHcl;
  for (let r = 0; r < nR; r++) regions.priceExpect[r] = (scenario.market.referencePriceUsdKg / leafPerKg) * 0.6;

  const world: World = {
    scenario,
    seed,
    tick: -scenario.warmupMonths,
    streams,
    regionIds,
    regionIndex,
    neighbours: sameCountryNeighbours(scenario, regionIds, regionIndex),
    farmers: f,
    regions,
    firmas: [],
    nextFirmaId: 0,
    groups: [],
    states: {},
    programmes: createProgrammes(scenario, nR),
    market: { price: scenario.market.referencePriceUsdKg, baseDemandKg: 0, exportedKg: 0, supplyKg: 0, demandTrend: 1, growthSince: 0, growthRate: scenario.market.demandGrowthPerYear },
    startSupplyKg: new Float64Array(nR),
    startLeafKgPerKgHcl: scenario.market.leafKgPerKgHcl,
    balance: { feesPaid: 0, feesReceived: 0, producedKg: 0, exportedKg: 0, seizedKg: 0, predatedKg: 0, bribesPaid: 0, bribesReceived: 0, rentLost: 0, rentWon: 0 },
  };

  // Harvest capacity at the start by region: firmas are sized against it.
  const startSupply = new Float64Array(nR);
  for (let r = 0; r < nR; r++) {
    const reg = scenario.regions[regionIds[r]];
    startSupply[r] = Math.max(1000, reg.cocaHa * START_MATURE * leafYieldKgPerHaMonth(reg.cocaYieldKgHaYear, 0, 0));
  }
  world.startSupplyKg.set(startSupply);
  placeFirmas(world, streams.firmas);

  for (const [id, g] of Object.entries(scenario.armedGroups)) {
    const control = new Float64Array(nR);
    for (const [rid, c] of Object.entries(g.control)) control[regionIndex.get(rid)!] = c;
    const group: ArmedGroup = {
      id,
      fighters: g.fighters,
      funds: g.fundsUsd,
      fee: g.feeUsdPerKg,
      control,
      feeRevenueWindow: 0,
      feeRevenuePrev: 0,
      feeDirection: 1,
      brokenMonths: 0,
      predating: false,
      feeIncome: 0,
      protectedValue: 0,
      predatedValue: 0,
      levyIncome: 0,
      income: 0,
    };
    world.groups.push(group);
  }

  for (const c of COUNTRIES) {
    if (!scenario.states[c]) continue;
    world.states[c] = createStateRuntime(c, scenario.states[c]!, nR);
  }

  // Demand scale: the starting potential export clears at the reference price.
  let potentialKg = 0;
  for (let r = 0; r < nR; r++) {
    const legal = (scenario.regions[regionIds[r]].legalMarket.tonnesPerYear * 1000) / 12;
    potentialKg += Math.max(0, startSupply[r] - legal) / leafPerKg;
  }
  // Demand is scaled on the scenario's starting hectares (not on simulated output), so variants of
  // a scenario share one demand curve and their supply shocks move the price.
  world.market.baseDemandKg = Math.max(1, potentialKg * scenario.market.demandScale);
  world.market.supplyKg = world.market.baseDemandKg;
  return world;
}

/**
 * Place the starting firmas country by country, where the leaf is (calibration §2.6: local family
 * clans): a country listed in `firmas.byCountry` gets that many; the rest of `firmas.count` goes
 * to the other countries with growing valleys, one each first (largest harvest first) while the
 * count allows, then by D'Hondt over the square root of their starting harvests. Within a country
 * each firma takes its home by {@link addFirma}; then every growing valley of a country that has
 * firmas but left that valley without a buyer is added to the valleys of the country's firma
 * buying in the fewest (a neighbour of it first), so any count leaves every growing valley of a
 * country with firmas with a buyer.
 */
export function placeFirmas(world: World, rand: Stream): void {
  const fs = world.scenario.firmas;
  const nR = world.regionIds.length;
  const growing = (r: number) => world.regions.agents[r] > 0 && world.scenario.regions[world.regionIds[r]].cocaHa > 0;
  const size = new Float64Array(COUNTRIES.length);
  for (let r = 0; r < nR; r++) if (growing(r)) size[world.regions.country[r]] += world.startSupplyKg[r];
  const listed = COUNTRIES.map((c) => fs.byCountry[c] >= 0);
  const counts = COUNTRIES.map((c) => Math.max(0, fs.byCountry[c]));
  let left = Math.max(0, fs.count - counts.reduce((a, b) => a + b, 0));
  for (; left > 0; left--) {
    let best = -1;
    let pick = -1;
    for (let c = 0; c < COUNTRIES.length; c++) {
      if (listed[c] || size[c] <= 0) continue;
      const score = counts[c] === 0 ? 1e18 + size[c] : Math.sqrt(size[c]) / (counts[c] + 1);
      if (score > best) {
        best = score;
        pick = c;
      }
    }
    if (pick < 0) break;
    counts[pick]++;
  }
  for (let c = 0; c < COUNTRIES.length; c++) {
    const inCountry = (r: number) => world.regions.country[r] === c;
    let hosts = false;
    for (let r = 0; r < nR; r++) if (inCountry(r) && world.regions.agents[r] > 0) hosts = true;
    if (!hosts) continue;
    for (let k = 0; k < counts[c]; k++) addFirma(world, rand, inCountry);
  }
  // Every growing valley of a country with firmas gets a buyer.
  for (let r = 0; r < nR; r++) {
    if (!growing(r) || world.firmas.some((f) => f.regions.includes(r))) continue;
    let pick: Firma | undefined;
    for (const f of world.firmas) {
      if (COUNTRY_INDEX[f.country] !== world.regions.country[r]) continue;
      const near = world.neighbours[f.regions[0]].includes(r) ? 0 : 1;
      const pickNear = pick ? (world.neighbours[pick.regions[0]].includes(r) ? 0 : 1) : 2;
      if (!pick || near < pickNear || (near === pickNear && f.regions.length < pick.regions.length)) pick = f;
    }
    if (pick) pick.regions.push(r);
  }
}

/**
 * Place a new firma. Homes are apportioned to where the leaf is: the first firmas take one
 * valley each, largest harvest first, so every valley has a buyer when there are enough of them;
 * later ones go by D'Hondt over the square root of the starting harvests (a large valley draws
 * more buyers, but less than in proportion: buyers' networks do not scale with hectares). A firma also buys in its home's same-country neighbours, largest first,
 * up to `regionsPerFirma` valleys. Placement is deterministic, so a lever such as the number of
 * households never reshuffles the market's structure; only a firma's size draws from `rand`.
 */
export function addFirma(world: World, rand: Stream, canHost?: (r: number) => boolean): Firma {
  const s = world.scenario;
  const nR = world.regionIds.length;
  const supply = world.startSupplyKg;
  const homes = new Int32Array(nR);
  for (const f of world.firmas) if (f.alive) homes[f.regions[0]]++;
  let home = 0;
  let best = -1;
  for (let r = 0; r < nR; r++) {
    if (world.regions.agents[r] === 0) continue;
    if (canHost && !canHost(r)) continue;
    // Unserved valleys first (by harvest), then D'Hondt quotients.
    const size = Math.sqrt(supply[r]);
    const score = homes[r] === 0 ? 1e18 + size : size / (homes[r] + 1);
    if (score > best) {
      best = score;
      home = r;
    }
  }
  const regions = [home];
  const neighbours = world.neighbours[home].slice().sort((a, b) => supply[b] - supply[a] || a - b);
  for (const n of neighbours) if (regions.length < s.firmas.regionsPerFirma) regions.push(n);
  const firma: Firma = {
    id: world.nextFirmaId++,
    alive: true,
    country: COUNTRIES[world.regions.country[home]],
    regions,
    capacityShare: s.firmas.capacityShare * (0.85 + 0.3 * rand()),
    netbackLeaf: (world.market.price * 0.75 - processingCostUsdKg(world)) / s.market.leafKgPerKgHcl,
    boughtKg: new Float64Array(nR),
    paidUsd: new Float64Array(nR),
    cash: 500_000,
    stockKg: 0,
    cooperating: true,
    hitmen: s.firmas.hitmen.perFirma,
    seizureLossUsd: 0,
    protector: '',
    refuseMonths: 0,
    profit: 0,
    buyLimit: 1,
    marginPerKg: 0,
    protectionValue: 0,
  };
  world.firmas.push(firma);
  return firma;
}
