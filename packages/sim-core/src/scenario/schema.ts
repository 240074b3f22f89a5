/**
 * The scenario language: every field a scenario file may hold, with its type, unit, range,
 * default and a one-line meaning. This schema is the single source of truth: validation,
 * defaults, `vraem params`, `--set`/`--vary` checks, events and `scenarios/schema.json` all
 * derive from it. Defaults cite sections of `docs/sources.md` ("§2.5", "calibration §2.5") where
 * they come from observation; the rest are behavioural assumptions with ranges for sweeps.
 */
import { z } from 'zod';

/** Metadata attached to every lever: what `vraem params` prints and how a change applies. */
export interface LeverMeta {
  /** Unit in words ("ha/year", "USD/kg", "share 0..1", "index 0..1"). */
  unit?: string;
  /** One line: what the lever means in the model. */
  description: string;
  /** Documented plausible range for sensitivity analysis, when narrower than the hard range. */
  range?: [number, number];
  /** `start`: it shapes the start of a run (an event or a dated hold may not change it). Default `live`. Inherited by the levers below. */
  change?: LeverChange;
  /** The model state a change moves besides the lever's value (see {@link LEVER_MOVES}). Inherited by the levers below. */
  moves?: LeverMove;
  /** A DESIGN §9 lever or a strategy choice: shown up front (the explorer's main controls). Inherited by the levers below. */
  headline?: boolean;
}

/**
 * How a lever may change during a run: `live` levers are read by the mechanisms every month, so
 * an event, a hold or the explorer changes them from the next month on; `start` levers shape the
 * world when it is built (households, starting hectares, the calendar) and are set before a run.
 */
export type LeverChange = 'start' | 'live';

/**
 * Levers that are also model state: a change sets the value AND moves the state to match
 * (model/levers.ts holds the move of each; the compiler checks that every name has one).
 */
export const LEVER_MOVES = {
  firmaCount: 'firmas enter or leave at once to reach the count',
  groupFighters: 'the group’s fighters are set to the value',
  groupFunds: 'the group’s cash is set to the value',
  groupFee: 'the group’s current fee is set to the value',
  groupControl: 'the group’s control of the region is set to the value',
  adAnnounce: 'true announces a programme anew: growers may expand coca to qualify again',
  marketAccess: 'the region’s current market access is set to the value',
} as const;
export type LeverMove = keyof typeof LEVER_MOVES;

/** Mark a lever (or a group of levers) with more of its {@link LeverMeta}, keeping what it has. */
const lever = <T extends z.ZodType>(schema: T, more: Partial<LeverMeta>): T =>
  schema.meta({ ...(schema.meta() ?? {}), ...more }) as T;
/** A lever that shapes the start of a run. */
const atStart = <T extends z.ZodType>(schema: T): T => lever(schema, { change: 'start' });
/** A DESIGN §9 lever: shown up front. */
const headline = <T extends z.ZodType>(schema: T): T => lever(schema, { headline: true });

const num = (description: string, unit: string, min: number, max: number, def: number, range?: [number, number]) =>
  z.number().min(min).max(max).default(def).meta({ unit, description, ...(range ? { range } : {}) });
const int = (description: string, unit: string, min: number, max: number, def: number, range?: [number, number]) =>
  z.number().int().min(min).max(max).default(def).meta({ unit, description, ...(range ? { range } : {}) });
const share = (description: string, def: number, range?: [number, number]) => num(description, 'share 0..1', 0, 1, def, range);
const flag = (description: string, def: boolean) => z.boolean().default(def).meta({ description });

export const COUNTRIES = ['PE', 'BO', 'CO'] as const;
export type Country = (typeof COUNTRIES)[number];
export const REGION_ID = /^[a-z][a-z0-9-]*$/;
export const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const regionId = z.string().regex(REGION_ID, 'a region id is lower-case letters, digits and dashes');
const month = z.string().regex(MONTH, 'a month is written YYYY-MM, e.g. 2004-01');
/** A map keyed by region id. */
const byRegion = <T extends z.ZodType>(value: T) => z.record(regionId, value);

export const associationSchema = z.strictObject({
  share: headline(atStart(share('share of households in a growers’ association at the start', 0, [0, 1]))),
  capHaPerMember: num('coca each member may hold under the association’s cap (Bolivia’s cato, §2.7); 0 = no cap', 'ha/household', 0, 100, 0, [0, 2]),
  enforcement: share('how strictly the association polices its cap (social control)', 0.9, [0.5, 1]),
  bargainingPower: share('Nash bargaining weight of a fully organised valley against its buyers: the share of the buyers’ markdown it wins back (countervailing power; Binmore, Rubinstein & Wolinsky 1986) [W]', 0.6, [0.2, 0.9]),
  thresholdMean: share('mean share of neighbours in the association at which a household joins (threshold rule)', 0.45, [0.2, 0.7]),
  // Associations as growers' own counterweight (issue 15): formation and self-defence.
  formation: z
    .strictObject({
      trust: num('pull toward organising per unit of trust in the state above a neutral 0.5 (growers organise to bargain with a state they believe) [W]', 'share of neighbours', 0, 2, 0.1, [0, 0.5]),
      eradication: num('pull toward organising per unit of perceived annual eradication risk (growers organise to resist or negotiate eradication: Bolivia’s 1990s, Colombia’s 1996 marches) [W]', 'share of neighbours', 0, 2, 0.05, [0, 0.5]),
      neighbours: num('pull toward organising per unit of association share in same-country neighbouring valleys (neighbours’ success spreads) [W]', 'share of neighbours', 0, 2, 0.1, [0, 0.4]),
      repression: num('push against organising per unit of an armed group’s control where it punishes organisers [W]', 'share of neighbours', 0, 5, 1, [0.3, 2]),
      leaveGap: share('how far the pull must fall below a member’s threshold before it leaves (an association, once built, outlasts the conditions that built it) [W]', 0.25, [0.05, 0.5]),
    })
    .prefault({})
    .meta({ description: 'what draws households into associations besides their neighbours: trust, eradication pressure, neighbours’ success, and armed repression against' }),
  selfDefence: num('fighter-equivalents an organised valley fields per 100 member households that resist an armed group (rondas, union patrols) [W]', 'fighters/100 households', 0, 100, 1, [0.2, 3]),
  federationMinShare: share('association share above which a valley free of armed groups federates: patrols at full strength and blockades against eradication [W]', 0.3, [0.1, 0.6]),
  blockade: share('how far a federated valley’s blockades and resistance cut the eradication crews’ reach (the federation bargains with the state) [W]', 0.3, [0, 0.8]),
});

export const regionSchema = z.strictObject({
  name: atStart(z.string().min(1).meta({ description: 'display name' })),
  country: atStart(z.enum(COUNTRIES).meta({ description: 'country the region belongs to' })),
  neighbours: atStart(z.array(regionId).default([]).meta({ description: 'regions coca can be displaced to (same country only is used for displacement)' })),
  households: headline(atStart(int('farming households in the region (§2.4: coca-growing households are weakly known)', 'households', 0, 5_000_000, 10_000))),
  potentialGrowers: atStart(int('households living in the region’s coca areas that grow no coca at the start but could (pickers, settlers, other rural families; data/coca-households.csv): their land is in bearing licit crops, and each enters coca by its own crop decision when coca beats its crops by more than the cost of clearing them (farmers.ts)', 'households', 0, 5_000_000, 0)),
  landHaPerHousehold: atStart(num('land a household can farm', 'ha/household', 0.1, 50, 3, [1.5, 6])),
  cocaHa: atStart(num('coca at the start', 'ha', 0, 1_000_000, 0)),
  licitHa: atStart(num('licit crops (coffee, cacao) at the start', 'ha', 0, 1_000_000, 0)),
  cocaYieldKgHaYear: num('sun-dried leaf yield of mature coca (§2.3: 2,200 national, 3,500–3,600 VRAEM)', 'kg/ha/year', 100, 10_000, 2300, [1800, 4500]),
  licitYieldKgHaYear: num('yield of mature licit crops (§2.2: coffee 612 kg/ha in 2013)', 'kg/ha/year', 50, 10_000, 650, [450, 1200]),
  licitPriceUsdKg: num('farm-gate price of licit produce (§2.2: coffee $1.69/kg in 2013)', 'USD/kg', 0.1, 20, 1.7, [1, 3]),
  cocaCostUsdHaYear: num('cash cost of growing a hectare of coca (labour, inputs)', 'USD/ha/year', 0, 20_000, 1800, [1000, 3000]),
  licitCostUsdHaYear: num('cash cost of growing a hectare of licit crops', 'USD/ha/year', 0, 20_000, 350, [200, 600]),
  marketAccess: lever(share('share of licit output that reaches a buyer (roads, processors; Bosker & de Vries Robbé)', 0.5, [0.1, 1]), { headline: true, moves: 'marketAccess' }),
  frontier: share('how open the region is to displaced coca (forest frontier, weak state)', 0.3, [0, 1]),
  licitScaleEconomies: share('how far licit market access depends on enough neighbours growing licit crops (processors and buyers come with volume: a stag hunt)', 0.3, [0, 0.8]),
  licitBuyersMinShare: share('licit share of planted land below which no buyer or processor comes for volume (a plant covers its fixed costs only above a minimum throughput: a threshold, Granovetter 1978)', 0, [0, 0.8]),
  licitBuyersFullShare: share('licit share of planted land from which every buyer and processor is there (the volume-dependent access at its full value; linear from the minimum share)', 0.5, [0.3, 1]),
  legalMarket: z
    .strictObject({
      tonnesPerYear: num('leaf the legal market buys (ENACO, §2.3: ~9,000 t/year in Peru)', 't/year', 0, 1_000_000, 0),
      priceUsdKg: num('price the legal market pays', 'USD/kg', 0, 50, 1.5, [1, 3]),
    })
    .default({ tonnesPerYear: 0, priceUsdKg: 1.5 }),
  association: associationSchema.prefault({}),
});

export const routeSchema = z.strictObject({
  capacityShare: num('what the route can carry, as a share of a firma’s normal monthly output', 'share', 0, 10, 0.5, [0, 1.5]),
  loadKg: num('kilos in one load (§2.6: mochilero 10–15 kg, truck 150–500 kg, plane 300–400 kg)', 'kg', 1, 100_000, 100),
  costUsdKg: num('transport cost (§2.6: mochileros ~$300 a trip of 10–15 kg; pilots $20–25k a flight of 300–400 kg)', 'USD/kg', 0, 10_000, 50),
  seizureRate: share('chance a kilo is seized at zero interdiction effort', 0.05, [0.01, 0.2]),
  interdictionExposure: num('how much interdiction effort raises this route’s seizure rate', 'multiplier', 0, 20, 3, [1, 6]),
  armedCorridor: flag('whether the route crosses territory an armed group controls (protection applies)', true),
});

export const firmasSchema = z.strictObject({
  count: lever(int('trafficking organisations at the start (§2.6: about a dozen)', 'firmas', 0, 200, 12, [1, 30]), { headline: true, moves: 'firmaCount' }),
  maxCount: int('most firmas the market admits through entry', 'firmas', 0, 500, 30),
  regionsPerFirma: atStart(int('regions each firma buys in', 'regions', 1, 50, 3, [1, 5])),
  capacityShare: share('share of a region’s harvest at the start that one firma present there can buy each month (buyers’ size)', 0.5, [0.25, 1]),
  processingCostUsdKg: num('cost of turning leaf into a kilo of HCl (chemicals, labs, labour) at the starting conversion; it follows the leaf a kilo takes when events improve `market.leafKgPerKgHcl` (maceration goes with the leaf)', 'USD/kg HCl', 0, 10_000, 120, [60, 250]),
  strategy: headline(
    z
      .enum(['always-defect', 'always-cooperate', 'tit-for-tat', 'grim-trigger', 'adaptive'])
      .default('adaptive')
      .meta({ description: 'strategy in the buyers’ game: hold the informal leaf-price agreement or outbid' }),
  ),
  priceWarMonths: int('months an adaptive firma punishes a seen defection before returning to the agreement (Green–Porter price war)', 'months', 1, 120, 3, [1, 12]),
  monitoringNoise: share('relative noise (sd) of the valley price every buyer sees, the public signal of Green–Porter’s imperfect monitoring: harvest swings, rumours [W]', 0.03, [0, 0.15]),
  patience: share('monthly discount factor firmas apply to future cartel profits', 0.9, [0.8, 0.99]),
  protection: headline(
    z
      .enum(['when-worth-it', 'always-pay', 'never-pay'])
      .default('when-worth-it')
      .meta({ description: 'whether firmas buy armed protection: when the seizures it avoids are worth the fee, or a fixed choice' }),
  ),
  routeChoiceSpreadUsdKg: num('spread of the logit route choice: cost difference that shifts about a quarter of a shipment (NarcoLogic’s salience)', 'USD/kg', 1, 10_000, 30, [10, 100]),
  hitmen: z
    .strictObject({
      perFirma: num('hitmen a firma has at the start (Colombian sicarios); from then on it hires and lays off as the contest with its rivals pays', 'hitmen', 0, 1000, 0, [0, 20]),
      costUsdMonth: num('pay of one hitman', 'USD/month', 0, 100_000, 1500),
      divideAndRule: share('how far hitmen serving several firmas blur the price signal firmas read each other by (adds up to 0.1 to its noise; divide and rule)', 0.3, [0, 1]),
      contestedShare: share('share of a firma’s monthly margin in a valley that rivals can take by force where no armed group keeps order (a Tullock contest among the valley’s firmas, won in proportion to hitmen) [W]', 0.1, [0.02, 0.3]),
      suppression: share('share of the hitmen in a valley an armed group in full control kills or drives out each month (the article: when SL occupied the VRAEM the firmas’ hitmen were nearly eliminated) [W]', 0.5, [0.1, 0.9]),
      hirePerMonth: num('most hitmen a firma can recruit in a month (trusted killers take time to find)', 'hitmen/month', 0, 1000, 2, [0.5, 5]),
    })
    .prefault({}),
  leafSupplyElasticity: num('elasticity of growers’ monthly leaf supply to the price buyers bid below their netback (leaf kept, made into paste, carried out); n buyers pay 1/(1 + 1/(nε)) of it, so 1.5 has a sole buyer pay 60% and a dozen 95% (§3 fact 6: VRAE $1.02/kg against a national $2.2 in 2003) [W]', 'elasticity', 0.2, 50, 1.5, [0.8, 4]),
  byCountry: z
    .strictObject(
      Object.fromEntries(
        COUNTRIES.map((c) => [c, atStart(int(`firmas based in ${c} at the start, placed over its valleys so each growing one has a buyer; −1: a share of \`count\` by leaf`, 'firmas', -1, 200, -1))]),
      ) as Record<Country, ReturnType<typeof int>>,
    )
    .prefault({})
    .meta({ description: 'firmas per country at the start; countries left at −1 share what is left of `count` by their leaf (every growing country at least one while the count allows)' }),
  entryMarginUsdKg: num('margin per kilo exported above which a new firma enters, at the starting conversion (it follows the leaf a kilo takes, as the processing cost does)', 'USD/kg', 0, 100_000, 150, [50, 500]),
  exitCashUsd: num('cash below which a firma is dismantled', 'USD', -1e12, 0, -2_000_000),
  arrestRate: share('monthly chance interdiction at full effort dismantles a firma', 0.004, [0, 0.03]),
  rebuildPerMonth: num('share of its buying capacity a firma can rebuild a month once its routes reopen (the collectors, labs and exit contacts it shed while it could not ship; §3 fact 1: after the air-bridge cut the price recovered only partly and planting resumed within 2–4 years; 0.015 rebuilds what the 1995-style cut leaves in about five years; an entrant starts where its country’s firmas stand) [W]', 'share/month', 0, 1, 0.015, [0.005, 0.05]),
  routes: z
    .strictObject({
      backpack: routeSchema.prefault({ capacityShare: 0.35, loadKg: 12, costUsdKg: 25, seizureRate: 0.01, interdictionExposure: 2, armedCorridor: true }),
      road: routeSchema.prefault({ capacityShare: 0.8, loadKg: 300, costUsdKg: 40, seizureRate: 0.05, interdictionExposure: 4, armedCorridor: false }),
      plane: routeSchema.prefault({ capacityShare: 0.6, loadKg: 350, costUsdKg: 80, seizureRate: 0.02, interdictionExposure: 3, armedCorridor: true }),
    })
    .prefault({}),
});

export const armedGroupSchema = z.strictObject({
  name: atStart(z.string().default('armed group').meta({ description: 'display name' })),
  fighters: lever(num('fighters (§2.5: ~500 in 2012, ~350 in 2015)', 'fighters', 0, 1_000_000, 400, [200, 800]), { headline: true, moves: 'groupFighters' }),
  fundsUsd: lever(num('cash at the start', 'USD', 0, 1e12, 300_000), { moves: 'groupFunds' }),
  feeUsdPerKg: lever(num('protection fee per kilo moved through its territory (§2.5: $3–5/kg)', 'USD/kg', 0, 10_000, 4, [1, 30]), { headline: true, moves: 'groupFee' }),
  maxFeeUsdPerKg: num('highest fee the group’s search will try (the top of its Laffer search)', 'USD/kg', 0, 10_000, 15, [5, 50]),
  adaptFee: flag('search the fee like a revenue-seeking monopolist (Laffer hill-climb); false holds it fixed', true),
  control: lever(byRegion(share('initial control of the region', 0)).default({}).meta({ description: 'control of each region at the start, 0..1' }), { moves: 'groupControl' }),
  upkeepUsdPerFighterMonth: num('monthly cost of a fighter (arms, food, pay); with fee revenue it bounds the group’s size (§2.5)', 'USD/month', 0, 100_000, 80, [40, 200]),
  recruitCostUsd: num('cost of recruiting a fighter', 'USD', 1, 1e7, 1500),
  maxFighters: num('safety bound on the group’s size (recruitment stops there); its size comes from its budget and its supporters, and the baseline never reaches this (§2.5: ~500 in 2012)', 'fighters', 1, 1e7, 5000, [2000, 20000]),
  grievanceRecruitment: num('fighters recruited a month per unit of grievance (forced eradication without AD, poverty)', 'fighters/month', 0, 1000, 3, [0, 15]),
  strategy: headline(
    z
      .enum(['grim-trigger', 'always-honour', 'always-predate'])
      .default('grim-trigger')
      .meta({ description: 'how the group treats the firmas it protects: honour while the alliance’s future is worth more than predation (grim trigger), or a fixed strategy' }),
  ),
  patience: share('monthly discount factor at zero state pressure (the alliance’s shadow of the future)', 0.98, [0.9, 0.995]),
  pressureHazard: share('monthly chance, at full counter-insurgency, that the group’s leadership falls (shortens its horizon)', 0.1, [0.02, 0.3]),
  predationShare: share('share of a protected firma’s shipment taken when the group predates', 0.05, [0.02, 0.3]),
  protectionEffect: share('how far protection cuts seizures on routes through its territory', 0.5, [0.2, 0.8]),
  blocksEradication: share('how far full control blocks eradication crews', 0.8, [0.4, 1]),
  reconcileMonths: int('months a broken racket takes to renegotiate', 'months', 0, 240, 6, [2, 18]),
  strength: num('a fighter’s weight in the contest for territory against one unit of the state’s force (states.*.strength × effort, ≈ 8–10 soldiers a unit in the VRAEM: ~1,000 units from 2008 for the 8–10k troops of §2.5): a guerrilla on his own ground (terrain, hiding among supporters) against a conscript army. Default 2 (≈ 18 soldiers a fighter): the VRAEM’s standing force ratio, 8–10k troops against ~350–500 fighters who kept their escort corridor for two decades (§2.5), above the often-quoted counter-insurgency rule of thumb of ten soldiers or more per guerrilla [W: an assumption, not a measurement; the calibration should search its range]', 'index', 0, 100, 2, [1, 4]),
  // Governance of growers and the fee bargain (issue 15).
  feeRule: z
    .enum(['bargain', 'laffer'])
    .default('bargain')
    .meta({ description: 'how an adapting fee moves: bargained with the firmas it protects (at least the fee that keeps it honest over its horizon, at most what protection saves them), or a posted-price Laffer search on revenue' }),
  bargainingPower: share('the group’s power in the fee bargain with the firmas: 0 leaves it only the fee that keeps it honest (competition among escorts: other columns, corrupt units, the firmas’ own guards, §2.6), 1 takes all that protection saves them [W]', 0.1, [0, 0.5]),
  levyUsdPerHaYear: num('quota the group levies on each hectare of coca of growers who comply in valleys it holds (cupos on growers) [W]', 'USD/ha/year', 0, 100_000, 150, [0, 600]),
  punishmentUsdYear: num('expected yearly cost of reprisals on a household that resists or organises in a valley the group fully holds [W]', 'USD/household/year', 0, 1e6, 600, [100, 3000]),
  aversionUsdYear: num('mean of growers’ reluctance to submit to an armed group (exponential across households) [W]', 'USD/household/year', 0, 1e6, 400, [100, 2000]),
  // The group's rule on clearing new land (issue 16; model/armed/governance.ts, clearingHeld).
  clearingRestraint: share('share of a region’s households the group refuses leave to clear land for coca (farmers.ts: turning bearing plantations over to coca at the clearing cost, how a new grower enters and a grower expands past its free land; its own free land, young plots and eradicated fields need no leave) where it fully holds the region and its fighters can police it: the share refused is this × its control there, bounded by its fighters’ present share of the contest, and the rule lifts when they leave. The FARC kept forest clearing in its areas in check until its ceasefire and exit; clearing rose most there afterwards (Prem, Saavedra & Vargas 2020, World Development; docs/sources.md §2.8). Default 0: no rule (Shining Path in the VRAEM set none: 0 in the baseline) [W]', 0, [0, 1]),
});

export const adSchema = z.strictObject({
  enabled: lever(flag('whether an alternative development programme is offered', false), { headline: true, moves: 'adAnnounce' }),
  budgetUsdPerYear: headline(num('programme budget a year (§2.7: DEVIDA VRAEM S/73M ≈ $22M in 2019)', 'USD/year', 0, 1e11, 0, [0, 5e7])),
  subsidyUsdPerHaYear: num('payment per hectare of coca substituted, per year of support', 'USD/ha/year', 0, 1e6, 1500, [500, 3000]),
  years: num('years of support per enrolled hectare', 'years', 0, 50, 3, [1, 6]),
  regions: z.array(regionId).default([]).meta({ description: 'regions where the programme is offered (empty: all regions of the country)' }),
  deliveryRate: headline(share('share of what is promised that reaches farmers (§2.7: VRAEM 2014 delivered 0 of 5,000 ha)', 0.9, [0, 1])),
  technicalAssistance: share('licit yield gain from delivered technical assistance', 0.4, [0, 1]),
  infrastructureShare: share('share of the delivered budget spent on roads and buyers (raises market access)', 0.25, [0, 0.6]),
  usdPerAccessPoint: num('infrastructure spending that raises a region’s market access by 0.01', 'USD', 1, 1e10, 1_500_000),
  anticipation: share('weight farmers put on future AD eligibility when holding coca before they enrol (Mejía, Prem & Vargas 2023)', 0.3, [0, 1]),
  // --- programme terms (issue 16: AD as programmes) ---
  announced: month.optional().meta({ description: 'month the programme is announced (YYYY-MM); before it nothing is offered. Unset: announced when enabled' }),
  enrolmentLagMonths: int('months from the announcement to the opening of enrolment (Colombia’s PNIS: announced May 2014, enrolling from 2017)', 'months', 0, 240, 0, [0, 36]),
  eligibility: z
    .enum(['coca-held', 'census'])
    .default('coca-held')
    .meta({ description: 'what the programme pays for: the coca a household holds when it enrols (growers plant to qualify once it is announced: Mejía, Prem & Vargas 2023), or households registered before the announcement whatever coca they hold later (no reason to plant to qualify)' }),
});

/**
 * The state as a budgeted actor (issue 16; budget.ts): a yearly budget, national plus foreign
 * aid, spent on five lines at unit costs, allocated by the plan (the levers and their events,
 * cut to the budget), by fixed shares, or by an optimising rule.
 */
export const BUDGET_LINES = ['eradication', 'interdiction', 'counterinsurgency', 'alternativeDevelopment', 'presence'] as const;
export type BudgetLine = (typeof BUDGET_LINES)[number];
const lineShares = (description: string, def: Record<BudgetLine, number>) =>
  z
    .strictObject({
      eradication: share('share for eradication', def.eradication),
      interdiction: share('share for interdiction', def.interdiction),
      counterinsurgency: share('share for counter-insurgency', def.counterinsurgency),
      alternativeDevelopment: share('share for alternative development programmes', def.alternativeDevelopment),
      presence: share('share for state presence (posts, courts, services, roads)', def.presence),
    })
    .prefault({})
    .meta({ description });

export const budgetSchema = z.strictObject({
  nationalUsdPerYear: num('the state’s own yearly budget for the drug war and the state’s presence in coca regions (national treasury; foreign aid is added on top) [W]', 'USD/year', 0, 1e12, 1e10, [0, 2e9]),
  allocation: z
    .enum(['plan', 'shares', 'optimise'])
    .default('plan')
    .meta({
      description:
        'how the budget is spent: plan = the levers and their events (eradication targets, efforts, programme budgets, presence spending) cut pro rata to the money there is; shares = fixed shares of the national budget; optimise = the shares of eradication and interdiction moved each year toward the line that removed more cocaine per dollar (Mejía & Restrepo 2016)',
    }),
  shares: lineShares('shares of the national budget by line (allocation: shares or optimise); what is not allocated is not spent; shares adding up to more than 1 are scaled down to add up to 1', {
    eradication: 0.2, interdiction: 0.4, counterinsurgency: 0.2, alternativeDevelopment: 0.1, presence: 0.1,
  }),
  counterinsurgencyUsdPerPoint: num('yearly cost of 0.01 of counter-insurgency effort (troops, bases, flights in the coca regions) [W]', 'USD/year', 1, 1e11, 3_000_000, [1e6, 1e7]),
  eradicationMoneyTo: z
    .string()
    .default('')
    .meta({ description: 'an AD programme of this state (`programmes` key) that receives the money the plan’s eradication would cost, instead of eradicating; empty: eradicate (the same-money question)' }),
});

export const presenceSchema = z.strictObject({
  initial: share('state presence at the start in every region of the country (police posts, courts, services: Dion & Russler 2008, coca is lower where the state is present) [W]', 0.4, [0.1, 0.8]),
  initialByRegion: byRegion(share('state presence at the start in the region', 0.4)).default({}).meta({ description: 'presence at the start by region, overriding `initial`' }),
  usdPerYear: num('yearly spending on presence in each of the country’s regions under the plan (the shares allocations split the presence line equally over them); 10M holds presence near 0.4 where no armed group holds ground [W]', 'USD/year', 0, 1e11, 10_000_000, [0, 1e8]),
  usdPerPoint: num('yearly spending in a region that raises its presence by 0.01 a year where there is none [W]', 'USD/year', 1, 1e11, 2_000_000, [5e5, 1e7]),
  decayPerYear: share('share of presence lost a year without spending (posts close, staff leave) [W]', 0.05, [0.02, 0.2]),
  corruptionErosion: share('extra share of presence lost a year at full corruption [W]', 0.1, [0, 0.3]),
  armedErosion: share('extra share of presence lost a year under full armed control [W]', 0.3, [0, 0.8]),
  accessWeight: share('how far market access depends on presence: licit output reaches a buyer only with roads and the state’s safe passage; a region’s `marketAccess` is what it was at its starting presence, and access moves by this weight times the change in presence [W]', 0.3, [0, 0.8]),
  absenceCost: num('how much dearer eradicating or delivering AD gets as the state’s presence falls (escorts, logistics, staff who will not go): unit costs are what they were at the starting presence, times (1 + this × (starting presence − presence)), at least a quarter of them [W]', 'multiplier', 0, 10, 1, [0, 3]),
  contest: num('counter-insurgency effort equivalent that a region’s presence adds to the state’s side of its contest with armed groups, per unit of presence above its starting level (less below it) [W]', 'effort', 0, 5, 0.3, [0, 1]),
});

export const exchangeRateSchema = z.strictObject({
  localPerUsd: num('local currency per US dollar this year (Colombia: COP 2,628 in 2004, 4,325 in 2023; data/exchange-rates.csv)', 'local/USD', 1e-6, 1e9, 1),
  basePerUsd: num('local currency per dollar at which regions’ costs (`cocaCostUsdHaYear`, `licitCostUsdHaYear`) are stated; costs are paid in local currency, so a devaluation lowers them in dollars while coca is priced in dollars', 'local/USD', 1e-6, 1e9, 1),
  priceIndex: num('the country’s price level against the dollar’s, relative to the year of `basePerUsd` (local inflation less the dollar’s; Colombia 0.736 in 2004, 1 in 2018; data/price-indices.csv): local costs and prices move with it, so the dollar value of a unit stated at the base is basePerUsd × priceIndex / localPerUsd (the real exchange rate)', 'index', 1e-6, 1e6, 1),
  licitLocalShare: share('share of licit produce’s value sold at local-currency prices in the country’s coca areas (food crops and cattle for local markets, against export coffee and cacao priced in dollars): stated in dollars at `basePerUsd`, that part is worth less in dollars after a devaluation, while leaf follows the dollar [W]', 0, [0, 1]),
});

export const stateSchema = z.strictObject({
  eradicationHaPerYear: headline(
    byRegion(num('hectares eradicated a year in the region', 'ha/year', 0, 10_000_000, 0)).default({}).meta({
      description: 'eradication target per region (§2.1, CORAH)',
      unit: 'ha/year',
    }),
  ),
  eradicationCostUsdHa: num('cost of eradicating a hectare', 'USD/ha', 0, 1e6, 600),
  eradicationKill: share('share of an eradicated hectare’s plants actually destroyed (manual uprooting kills most; aerial spraying far less: Mejía, Restrepo & Rozo 2017)', 0.9, [0.2, 1]),
  allocation: z
    .enum(['fixed', 'chase'])
    .default('fixed')
    .meta({ description: 'eradication across regions: fixed targets, or the country total chasing last year’s coca (Colonel Blotto)' }),
  interdiction: headline(share('interdiction effort (raises seizure risk on routes)', 0.3, [0, 1])),
  routes: z
    .strictObject({
      backpack: share('share of the backpack route’s capacity open to the country’s firmas', 1),
      road: share('share of the road route’s capacity open to the country’s firmas (bulk exits by road and river)', 1),
      plane: share('share of the small-plane route’s capacity open to the country’s firmas (an air-bridge shoot-down policy closes it)', 1),
    })
    .prefault({})
    .meta({ description: 'routes the state leaves open, as a share of each route’s capacity (Peru’s 1995 air-bridge cut: plane 0)' }),
  counterinsurgency: headline(share('counter-insurgency effort against armed groups', 0.3, [0, 1])),
  strength: num('state forces’ strength in contests for territory, shared over the country’s regions (§2.5: 52 bases, 8–10k troops in the VRAEM)', 'index', 0, 1e7, 4000, [1500, 10000]),
  alternativeDevelopment: adSchema.prefault({}),
  foreignAid: z
    .strictObject({
      usdPerYear: num('foreign counter-drug aid a year', 'USD/year', 0, 1e11, 0),
      interdictionShare: share('share of aid earmarked for interdiction', 0.7, [0, 1]),
      eradicationShare: share('share of aid earmarked for eradication (the rest of the aid is earmarked for alternative development; earmarks adding up to more than 1 are scaled down to add up to 1)', 0, [0, 1]),
      usdPerInterdictionPoint: num('yearly cost of 0.01 of interdiction effort, bought with aid or the national budget', 'USD/year', 1, 1e11, 5_000_000),
    })
    .prefault({}),
  corruption: z
    .strictObject({
      initial: atStart(share('share of a region’s officials bought at the start (the corruption index), in every region of the country', 0.2, [0, 0.6])),
      penaltyUsdMonth: num('expected penalty (detection chance × sanction) a month on the take, for the median official; officials’ penalties spread evenly from 0 to twice it, and one takes a bribe that beats his (Becker 1968; §2.5: $13,800 for one flight in 1991) [W]', 'USD/month', 1, 1e9, 2500, [500, 10000]),
      decay: share('monthly share of bought officials detected and replaced by honest ones', 0.03, [0.01, 0.1]),
      erosion: share('how far full corruption erodes eradication, interdiction and AD delivery', 0.6, [0.2, 0.9]),
    })
    .prefault({}),
  // --- the budgeted state (issue 16; budget.ts, presence.ts, alternativeDevelopment.ts) ---
  budget: budgetSchema.prefault({}),
  presence: presenceSchema.prefault({}),
  programmes: z
    .record(regionId, adSchema)
    .default({})
    .meta({ description: 'further AD programmes by id, each with its regions, budget, terms, announcement and delivery; they run beside `alternativeDevelopment` (the standing programme) and each other' }),
  exchangeRate: exchangeRateSchema.prefault({}),
});

export const marketSchema = z.strictObject({
  demandScale: num('demand at the reference price, as a share of the starting hectares’ potential output (calibrated so the baseline’s price starts near the reference)', 'share', 0.01, 10, 0.75, [0.5, 1]),
  demandIndex: headline(num('world demand for Andean cocaine; 1 = baseline', 'index', 0, 100, 1, [0.5, 2])),
  demandGrowthPerYear: num('trend growth of demand', 'share/year', -0.5, 1, 0.01, [-0.02, 0.06]),
  demandElasticity: num('price elasticity of demand at origin (absolute value; non-US markets absorb supply shocks, Caulkins & Hao 2008)', 'elasticity', 0.05, 5, 1, [0.5, 1.5]),
  referencePriceUsdKg: num('origin export price of HCl at the starting supply (§2.2: $890/kg in 2004–05, the baseline’s start; $1,561 in 2020)', 'USD/kg', 1, 1e6, 1400, [900, 2000]),
  priceAdjustment: share('share of the gap to the clearing price closed each month (inertia)', 0.25, [0.05, 0.6]),
  // Default 250, the middle of the cooks' 240–260 (data/conversion.csv): a scenario that omits the
  // lever gets what the sources and the baseline say, not the estimates' older 370.
  leafKgPerKgHcl: num('kilos of (sun-dried) leaf per kilo of HCl (§2.3: 240–260 with the methods UNODC Peru reports; 370–375 is the older factor of the production estimates, which the observed prices of 2004–05 rule out for the cooks then: at most about 260); demand is scaled at the starting value, so an improvement set by an event lowers the export price', 'kg/kg', 50, 2000, 250, [240, 540]),
  spoilagePerMonth: share('share of unsold leaf that spoils each month', 0.3, [0.1, 0.6]),
});

export const farmersSchema = z.strictObject({
  decisionEveryMonths: atStart(int('months between a household’s crop decisions (a harvest cycle, §2.3: 3–4 harvests a year)', 'months', 1, 24, 4, [2, 6])),
  cocaMaturityMonths: num('months before new coca produces (§2.3: 12–18 for a new frontier)', 'months', 1, 60, 12, [6, 24]),
  licitMaturityMonths: num('months before new cacao or coffee yields (about 3 years)', 'months', 1, 120, 36, [24, 48]),
  responsivenessUsdHa: num('logit scale: margin difference that moves the target coca share by about a quarter', 'USD/ha/year', 1, 1e6, 2500, [1000, 6000]),
  adjustmentRate: share('share of the gap to the target crop mix closed at each decision (labour limits)', 0.25, [0.1, 0.5]),
  replantRate: share('share of eradicated coca replanted at the next decision when coca still pays (§3 fact 3)', 0.8, [0.5, 1]),
  moralTypes: atStart(
    z.strictObject({
      deterredShare: share('share deterred by moral cost alone (Ibáñez & Martinsson 2013: about 1/3)', 0.33, [0.2, 0.45]),
      reluctantShare: share('share needing extreme incentives (about 2/5)', 0.4, [0.3, 0.5]),
      deterredCostUsdHa: num('moral cost of the deterred', 'USD/ha/year', 0, 1e7, 30_000),
      reluctantCostUsdHa: num('mean moral cost of the reluctant', 'USD/ha/year', 0, 1e7, 4500, [2500, 8000]),
      readyCostUsdHa: num('mean moral cost of the ready', 'USD/ha/year', 0, 1e7, 400, [0, 1500]),
    }),
  ).prefault({}),
  clearingCostUsdHa: num('cost of uprooting bearing cacao or coffee to plant coca (the licit plantation is a sunk investment)', 'USD/ha', 0, 1e6, 6000, [2000, 12000]),
  riskMemory: share('monthly weight kept on past eradication evidence (discounted Beta, NarcoLogic ~0.9)', 0.9, [0.8, 0.98]),
  beliefMemory: share('monthly weight kept on past evidence about AD delivery', 0.95, [0.85, 0.99]),
  intensification: num('yield gain per unit of perceived eradication risk (§3 fact 4)', 'multiplier', 0, 10, 0.6, [0, 2]),
  ownPasteCostUsdKg: num('what making paste in one’s own pit and carrying it to a buyer costs a grower, a kilo of leaf, beyond what the buyers’ labs spend on it: the leaf is worth its buyers’ netback less this to its grower, where no armed group closes the paste trade (farmers/ownPaste.ts); a cost above the netback leaves growers no option [W]', 'USD/kg leaf', 0.01, 100, 0.5, [0.1, 1.5]),
  displacement: z
    .strictObject({
      riskThreshold: share('perceived eradication risk above which a household moves coca to a frontier region', 0.12, [0.05, 0.3]),
      share: share('share of its coca a displacing household moves when it moves', 0.3, [0.1, 0.6]),
      chance: share('chance per decision that a household at risk, with a safer frontier nearby, moves', 0.1, [0.02, 0.3]),
      costUsdHa: num('cost of clearing and planting a frontier hectare', 'USD/ha', 0, 1e6, 1200, [500, 3000]),
    })
    .prefault({}),
  poverty: share('share of households below the poverty line (§2.4: ~67% in the VRAEM); feeds grievance', 0.6, [0.3, 0.8]),
});

export const eventSchema = z.strictObject({
  at: month.meta({ description: 'month the change applies (YYYY-MM)' }),
  set: z
    .record(z.string().min(1), z.union([z.number(), z.boolean(), z.string(), z.array(z.string())]))
    .meta({ description: 'lever paths and their new values, e.g. { states.PE.interdiction: 0.6 }' }),
  note: z.string().optional().meta({ description: 'why: the history or policy the event stands for' }),
});

export const holdSchema = z.strictObject({
  from: month.optional().meta({ description: 'month the hold starts (YYYY-MM); without it, from the start of the run, warm-up included' }),
  set: z
    .record(z.string().min(1), z.union([z.number(), z.boolean(), z.string(), z.array(z.string())]))
    .meta({ description: 'lever paths and the values they keep, e.g. { market.demandIndex: 1.5 }: the scenario’s events no longer change them from `from` on' }),
  note: z.string().optional().meta({ description: 'why the lever is held' }),
});

export const scenarioSchema = z.strictObject({
  name: atStart(z.string().min(1).default('scenario').meta({ description: 'short name, used in output folder names' })),
  description: z.string().default('').meta({ description: 'what the scenario shows' }),
  extends: z.string().optional().meta({ description: 'path of a scenario this one builds on (relative to this file)' }),
  shows: z.string().optional().meta({ description: 'the stylized fact the scenario demonstrates' }),
  seed: atStart(int('base random seed', 'seed', 0, 0xffffffff, 1)),
  start: atStart(month.default('2004-01').meta({ description: 'first month (YYYY-MM)' })),
  months: headline(atStart(int('length of the run', 'months', 1, 12_000, 240, [12, 600]))),
  warmupMonths: atStart(int('months simulated under the starting levers before the first recorded month, so the run starts near its own equilibrium (not recorded; no events)', 'months', 0, 600, 24, [0, 60])),
  householdsPerAgent: headline(atStart(num('households one farmer agent stands for (1 = one agent a household)', 'households/agent', 1, 1e6, 1))),
  market: marketSchema.prefault({}),
  farmers: farmersSchema.prefault({}),
  regions: byRegion(regionSchema).meta({ description: 'regions of the world, keyed by id' }),
  firmas: firmasSchema.prefault({}),
  armedGroups: z.record(regionId, armedGroupSchema).default({}).meta({ description: 'armed groups keyed by id; sl is Shining Path’s remnants' }),
  states: z.partialRecord(z.enum(COUNTRIES), stateSchema).default({}).meta({ description: 'one state per country code' }),
  events: z.array(eventSchema).default([]).meta({ description: 'lever changes at given months' }),
  hold: z
    .array(holdSchema)
    .default([])
    .meta({ description: 'levers kept at a value from a month on, applied after the events: an event that would change a held lever is dropped for it' }),
});

/** A scenario as written in a file (defaults not yet applied). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A fully resolved scenario: every default applied. This is what the engine runs. */
export type Scenario = z.output<typeof scenarioSchema>;
export type Region = z.output<typeof regionSchema>;
export type ArmedGroupParams = z.output<typeof armedGroupSchema>;
export type StateParams = z.output<typeof stateSchema>;
export type FirmasParams = z.output<typeof firmasSchema>;
export type RouteParams = z.output<typeof routeSchema>;
export type ScenarioEvent = z.output<typeof eventSchema>;
export type ScenarioHold = z.output<typeof holdSchema>;
export type BuyerStrategy = FirmasParams['strategy'];
