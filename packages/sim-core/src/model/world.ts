/**
 * The world state: everything a run carries from one month to the next, laid out for a fast
 * tick. Farmers are a structure of typed arrays (one column a field, farmers of a region
 * contiguous, so a region is an index range); regions are Float64Array columns indexed by region;
 * firmas, armed groups and states are a few plain objects. A snapshot is this object with the
 * arrays copied, so everything stateful lives here and nowhere else.
 */
import type { Scenario, Country } from '../scenario/schema.ts';
import type { Streams } from './streams.ts';

/** Farmer households as columns; index i is one agent standing for `weight[region]` households. */
export interface Farmers {
  n: number;
  region: Uint8Array;
  /** Land the household farms (ha). */
  land: Float32Array;
  cocaYoung: Float32Array;
  cocaMature: Float32Array;
  licitYoung: Float32Array;
  licitMature: Float32Array;
  /** Coca land cleared by eradication and not yet replanted (ha). */
  fallow: Float32Array;
  /** Hectares enrolled in alternative development (frozen at enrolment: what was substituted). */
  adHa: Float32Array;
  /** Months of AD support left. */
  adMonths: Int16Array;
  /** Moral cost of growing coca (USD/ha/year): the farmer's type. */
  moral: Float32Array;
  /** Index (in `World.programmes`) of the AD programme the household is enrolled in while `adMonths` > 0. */
  adProgramme: Uint8Array;
  /** Tick of the last eradication of this farmer's coca (−32768: never). */
  hitTick: Int16Array;
  /** Share of neighbours in the association at which this household joins. */
  threshold: Float32Array;
  member: Uint8Array;
  /** Whether the household complies with and supports the armed group holding its valley (pays its levy); 0 = resists. */
  supportsArmed: Uint8Array;
  /** Its reluctance to submit to an armed group (USD/year): the household's type in the governance choice. */
  aversion: Float32Array;
  /** Month offset of this household's decisions within the decision cycle. */
  phase: Uint8Array;
}

export interface Firma {
  id: number;
  alive: boolean;
  country: Country;
  /** Region indices where it buys. */
  regions: number[];
  /** Share of each of its regions' starting harvest it can buy in a month. */
  capacityShare: number;
  /** Expected value of a kilo of leaf to it (USD), from last month's prices, seizures and fees. */
  netbackLeaf: number;
  /** Leaf bought this month by region index (kg) and what it paid (USD). */
  boughtKg: Float64Array;
  paidUsd: Float64Array;
  cash: number;
  /** HCl in stock (kg). */
  stockKg: number;
  /** This month's action in the buyers' game: it held the agreement in every valley it shares with rivals. */
  cooperating: boolean;
  /** Hitmen on its payroll (hired and laid off as the contest with its rivals pays; firmas.ts). */
  hitmen: number;
  /** Expected value of its shipments lost to seizures this month (USD): what a bought official saves it a share of (corruption.ts). */
  seizureLossUsd: number;
  /** Armed group it pays for protection (id), or '' for none. */
  protector: string;
  /** Months it refuses to deal with a protector that predated on it. */
  refuseMonths: number;
  /** Last month's profit (USD). */
  profit: number;
  /** Share of its buying capacity it uses this month: cut at once to what its routes can carry, rebuilt slowly (firmas.ts, planPurchases). */
  buyLimit: number;
  /** Running mean margin per kg exported (USD/kg), for entry. */
  marginPerKg: number;
  /** What protection saves it per kilo on its corridor routes this month (USD/kg): the surplus it bargains over with the protector. */
  protectionValue: number;
}

export interface ArmedGroup {
  id: string;
  fighters: number;
  funds: number;
  fee: number;
  /** Control of each region (0..1), indexed by region. */
  control: Float64Array;
  /** Fee revenue in the last fee-search window, and the direction of the last change. */
  feeRevenueWindow: number;
  feeRevenuePrev: number;
  feeDirection: number;
  /** Months left before a broken racket is renegotiated; 0 = the racket stands. */
  brokenMonths: number;
  /** Whether the group predates on the firmas it protects this month (set at the end of last month). */
  predating: boolean;
  /** This month's fee income, value of protected shipments, and value taken by predation (USD). */
  feeIncome: number;
  protectedValue: number;
  predatedValue: number;
  /** This month's levies on growers (USD). */
  levyIncome: number;
  /** Last month's income: fees, levies and what its predation realised (USD). */
  income: number;
}

/** Per-region monthly flows and state, each a Float64Array by region index. */
export interface RegionState {
  /** Households one agent stands for. */
  weight: Float64Array;
  start: Int32Array;
  end: Int32Array;
  country: Uint8Array;
  households: Float64Array;
  /** Households growing coca this month (some coca standing, young or mature). */
  growers: Float64Array;
  /** Perceived eradication risk: discounted Beta(a, b) of the monthly eradicated share. */
  riskA: Float64Array;
  riskB: Float64Array;
  /** Belief that promised AD is delivered: discounted Beta(a, b). */
  trustA: Float64Array;
  trustB: Float64Array;
  /** Expected leaf price (exponential average of what farmers received, USD/kg). */
  priceExpect: Float64Array;
  /** Expected share of harvest that finds a buyer. */
  sellExpect: Float64Array;
  leafStockKg: Float64Array;
  /** Unsold leaf at the start of this month's market (kg). */
  leafStockStartKg: Float64Array;
  corruption: Float64Array;
  marketAccess: Float64Array;
  /** State presence (0..1): a stock built by spending, eroded by corruption and armed control (presence.ts). */
  presence: Float64Array;
  /** Presence at the start: what the region's market access and the state's effort were observed with. */
  presenceStart: Float64Array;
  /** The state's money spent in the region this month (USD): its own lines, and its share of the country's. */
  stateSpendUsd: Float64Array;
  /** The region's share of its state's budget this month (USD; by households). */
  stateBudgetUsd: Float64Array;
  // aggregates of the farm pass (this month)
  cocaHa: Float64Array;
  matureCocaHa: Float64Array;
  licitHa: Float64Array;
  matureLicitHa: Float64Array;
  adHa: Float64Array;
  /** Enrolled hectares whose households keep the no-coca condition (paid). */
  adCompliantHa: Float64Array;
  members: Float64Array;
  agents: Float64Array;
  /** Coca over the last 12 months, for 'chase' allocation. */
  cocaYearSum: Float64Array;
  // flows of this month
  /** Hectares the crews worked this month, as their reports count them (re-planted fields again). */
  eradicatedHa: Float64Array;
  /** Hectares of standing coca they destroyed this month. */
  eradicatedCocaHa: Float64Array;
  eradicatedShare: Float64Array;
  harvestKg: Float64Array;
  legalSoldKg: Float64Array;
  firmSoldKg: Float64Array;
  spoiledKg: Float64Array;
  leafRevenue: Float64Array;
  leafPrice: Float64Array;
  cocaineKg: Float64Array;
  seizedKg: Float64Array;
  firmaProfit: Float64Array;
  protectionPaid: Float64Array;
  /** Cocaine the firmas moved under an armed group's protection, kg a month: the kilos its fees were paid on. */
  protectedKg: Float64Array;
  bribes: Float64Array;
  violence: Float64Array;
  /** The buyers' game per valley (buyersGame.ts): months of price war left; 1 when two or more buyers held their agreement this month; the patience their agreement needs (δ*). */
  cartelWar: Float64Array;
  cartelHeld: Float64Array;
  cartelDeltaStar: Float64Array;
  /** Hitmen of the firmas buying in the valley (each firma's counted where it buys), and the violence among firmas this month (events, part of `violence`). */
  hitmen: Float64Array;
  firmaViolence: Float64Array;
  /** Hitmen an armed group in control killed or drove out of the valley this month. */
  hitmenSuppressed: Float64Array;
  adPromised: Float64Array;
  adDelivered: Float64Array;
  /** The part of `adDelivered` paid to farmers (the rest built roads and buyers). */
  adPaidToFarmers: Float64Array;
  income: Float64Array;
  grievance: Float64Array;
  // governance of growers (armed/associations)
  /** Households (agents) that support the armed group holding the valley, and the coca they hold (ha per agent-household, summed). */
  supporters: Float64Array;
  supporterCocaHa: Float64Array;
  /** Members of the association who resist (agents): the valley's organised self-defence. */
  organisedResisters: Float64Array;
  /** Levies growers paid armed groups this month (USD). */
  levyPaid: Float64Array;
  /** Households punished this month for resisting the group holding the valley (resisters × its control), and what reprisals cost them (USD). */
  reprisals: Float64Array;
  reprisalCost: Float64Array;
  /** 1 where the valley's associations have federated (no armed group, enough members). */
  federated: Float64Array;
}

export interface StateRuntime {
  country: Country;
  /** Interdiction effort after aid and corruption (0..1), per this month. */
  interdiction: number;
  /** Counter-insurgency effort the budget pays for this month (0..1). */
  counterinsurgency: number;
  /** Eradication targets this month by region index (ha/year): the plan's, and as funded. */
  plannedTarget: Float64Array;
  eradicationTarget: Float64Array;
  /** This month's budget: national plus foreign aid (USD/month). */
  budgetUsd: number;
  /** Money each line may spend this month (USD/month), by `BUDGET_LINES` index. */
  lineUsd: Float64Array;
  /** Money each line spent this month (USD/month); their sum never exceeds `budgetUsd`. */
  spentUsd: Float64Array;
  /** Share of the national budget on eradication and interdiction under the optimising rule. */
  optimisedShares: Float64Array;
  /** Cocaine kept off the market (kg) and money spent (USD) by eradication and by interdiction this year, for the optimising rule. */
  yearRemovedKg: Float64Array;
  yearSpentUsd: Float64Array;
}

/** An AD programme as it runs (its terms live in the scenario, read each month, so events change them). */
export interface Programme {
  country: Country;
  /** Key in `states.<country>.programmes`, or '' for the standing `alternativeDevelopment`. */
  key: string;
  /** Tick of its announcement (NEVER until announced). */
  announcedTick: number;
  /** Whether it was offered last month (an event enabling it again announces it anew). */
  offered: boolean;
  /** Funded budget this month, annualised (USD/year): what the budget lets it commit. */
  budgetUsdYear: number;
  /** By region index: hectares it can still enrol, enrolled, enrolled and compliant, and this month's money promised, delivered and paid to farmers (USD). */
  roomHa: Float64Array;
  enrolledHa: Float64Array;
  compliantHa: Float64Array;
  promised: Float64Array;
  delivered: Float64Array;
  paid: Float64Array;
}

export interface Market {
  price: number;
  /** Demand scale (kg/month at the reference price and demand index 1), set at the start. */
  baseDemandKg: number;
  exportedKg: number;
  /** Smoothed monthly export supply (kg) the price responds to. */
  supplyKg: number;
  /**
   * Demand's trend: the growth accrued up to `growthSince` (a factor), the month the trend rate
   * last changed, and that rate (share a year). Demand grows from the month a rate is set, not
   * as if it had held since the start (exportMarket.ts).
   */
  demandTrend: number;
  growthSince: number;
  growthRate: number;
}

export interface World {
  scenario: Scenario;
  seed: number;
  tick: number;
  streams: Streams;
  regionIds: string[];
  regionIndex: Map<string, number>;
  /** Same-country neighbours of each region (displacement targets). */
  neighbours: number[][];
  farmers: Farmers;
  regions: RegionState;
  firmas: Firma[];
  nextFirmaId: number;
  groups: ArmedGroup[];
  states: Partial<Record<Country, StateRuntime>>;
  /** Every AD programme of every state: each country's standing programme, then its named ones. */
  programmes: Programme[];
  market: Market;
  /** Harvest each region could supply at the start (kg/month): buyers are sized against it. */
  startSupplyKg: Float64Array;
  /** Kilos of leaf a kilo of HCl took at the start (`market.leafKgPerKgHcl`; events improve it): what `firmas.processingCostUsdKg` is quoted at. */
  startLeafKgPerKgHcl: number;
  /** Cumulative balances for --check. */
  balance: {
    feesPaid: number;
    feesReceived: number;
    producedKg: number;
    exportedKg: number;
    seizedKg: number;
    predatedKg: number;
    /** Bribes firmas paid and officials took (USD), and rents taken by force among firmas: lost and won (USD). */
    bribesPaid: number;
    bribesReceived: number;
    rentLost: number;
    rentWon: number;
  };
}

export const COUNTRY_INDEX: Record<Country, number> = { PE: 0, BO: 1, CO: 2 };

/** Allocate a Float64Array per region for each named column. */
export function regionColumns<K extends string>(n: number, names: readonly K[]): Record<K, Float64Array> {
  const out = {} as Record<K, Float64Array>;
  for (const k of names) out[k] = new Float64Array(n);
  return out;
}

/** Allocate farmer columns for `n` agents. */
export function allocateFarmers(n: number): Farmers {
  return {
    n,
    region: new Uint8Array(n),
    land: new Float32Array(n),
    cocaYoung: new Float32Array(n),
    cocaMature: new Float32Array(n),
    licitYoung: new Float32Array(n),
    licitMature: new Float32Array(n),
    fallow: new Float32Array(n),
    adHa: new Float32Array(n),
    adMonths: new Int16Array(n),
    adProgramme: new Uint8Array(n),
    moral: new Float32Array(n),
    hitTick: new Int16Array(n).fill(-32768),
    threshold: new Float32Array(n),
    member: new Uint8Array(n),
    supportsArmed: new Uint8Array(n),
    aversion: new Float32Array(n),
    phase: new Uint8Array(n),
  };
}

/** Mean of a discounted Beta belief. */
export function betaMean(a: number, b: number): number {
  return a / (a + b);
}

/** Total armed control of a region (all groups, capped at 1). */
export function armedControl(world: World, r: number): number {
  let c = 0;
  for (const g of world.groups) c += g.control[r];
  return Math.min(1, c);
}
