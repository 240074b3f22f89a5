/**
 * Read-only views of a running simulation's agents, for a researcher's own measures (Mesa's
 * `model.agents`, Agents.jl's `allagents`): the farmer households of a region as columns, the
 * trafficking firmas, the armed groups, the states, a region's state and the export market.
 *
 * Household columns are `subarray`s of the model's own typed arrays (farmers of a region are
 * contiguous), so reading a region costs nothing and shows this month's values; their type has
 * no index setter, so a consumer cannot write the model through them by accident. Firmas, groups
 * and states are few: their views are fresh frozen objects, taken when asked for. A view shows
 * the state at the time it is read; read it again after the next `step()`.
 */
import type { Country } from '../scenario/schema.ts';
import type { Farmers, RegionState, World } from './world.ts';

/** A column of numbers that can be read, not written (a typed array's read side). */
export interface Column extends Iterable<number> {
  readonly length: number;
  readonly [index: number]: number;
}

/** The farmer-household columns a view exposes (every column of the model but `region`). */
export type HouseholdColumn = Exclude<keyof Farmers, 'n' | 'region'>;

/** Every column of the farmer agents, by name, for a view to hand over. */
export const HOUSEHOLD_COLUMNS: readonly HouseholdColumn[] = [
  'land',
  'cocaYoung',
  'cocaMature',
  'licitYoung',
  'licitMature',
  'fallow',
  'adHa',
  'adMonths',
  'moral',
  'hitTick',
  'threshold',
  'member',
  'phase',
];

/**
 * The farmer agents of one region. Agent `i` stands for `householdsPerAgent` households; its
 * hectares are per household (multiply by `householdsPerAgent` for the region's total).
 */
export type HouseholdsView = {
  readonly region: string;
  readonly country: Country;
  /** Agents in the region. */
  readonly agents: number;
  /** Households one agent stands for. */
  readonly householdsPerAgent: number;
} & { readonly [K in HouseholdColumn]: Column };

/** A trafficking firma (buyer of leaf, maker and exporter of HCl) as it stands this month. */
export interface FirmaView {
  readonly id: number;
  readonly alive: boolean;
  readonly country: Country;
  /** Region ids where it buys. */
  readonly regions: readonly string[];
  /** USD. */
  readonly cash: number;
  /** HCl in stock (kg). */
  readonly stockKg: number;
  /** Last month's profit (USD). */
  readonly profit: number;
  /** This month's action in the buyers' game: keep the agreed price (true) or outbid. */
  readonly cooperating: boolean;
  readonly hitmen: number;
  /** The armed group it pays for protection, or '' for none. */
  readonly protector: string;
  /** Share of its buying capacity it uses this month. */
  readonly buyLimit: number;
  /** Leaf bought this month (kg), by region id. */
  readonly boughtKg: Readonly<Record<string, number>>;
}

/** An armed group as it stands this month. */
export interface ArmedGroupView {
  readonly id: string;
  readonly fighters: number;
  /** USD. */
  readonly funds: number;
  /** Protection fee (USD per kg of HCl). */
  readonly fee: number;
  /** Control of each region (0..1), by region id. */
  readonly control: Readonly<Record<string, number>>;
  /** Whether it predates on the firmas it protects this month. */
  readonly predating: boolean;
  /** This month's fee income (USD). */
  readonly feeIncome: number;
}

/** A state's effort this month. */
export interface StateView {
  readonly country: Country;
  /** Interdiction effort after aid and corruption (0..1). */
  readonly interdiction: number;
  /** Eradication targets (ha/year), by region id. */
  readonly eradicationTargetHaPerYear: Readonly<Record<string, number>>;
}

/** The state of one region this month: every per-region column of the model at this region. */
export type RegionView = { readonly id: string; readonly country: Country } & { readonly [K in Exclude<keyof RegionState, 'start' | 'end' | 'country'>]: number };

/** The export market this month. */
export interface MarketView {
  /** Export price of HCl (USD/kg). */
  readonly price: number;
  readonly exportedKg: number;
  readonly supplyKg: number;
}

/** Read-only access to a simulation's agents (see the file comment). */
export interface Views {
  /** Region ids, in scenario order. */
  readonly regions: readonly string[];
  /** The farmer agents of a region, as columns. */
  households(region: string): HouseholdsView;
  /** A region's state this month. */
  region(region: string): RegionView;
  /** Firmas, alive ones only unless `all` (dead firmas stay in the list with `alive: false`). */
  firmas(options?: { all?: boolean }): readonly FirmaView[];
  armedGroups(): readonly ArmedGroupView[];
  states(): readonly StateView[];
  market(): MarketView;
}

const byRegion = (world: World, values: ArrayLike<number>): Record<string, number> => {
  const out: Record<string, number> = {};
  world.regionIds.forEach((id, r) => (out[id] = values[r]));
  return out;
};

/** Views of a world; `current()` gives the world at the time of reading (a restored simulation has a new one). */
export function createViews(current: () => World): Views {
  const regionOf = (w: World, id: string): number => {
    const r = w.regionIndex.get(id);
    if (r === undefined) throw new RangeError(`unknown region "${id}" (known: ${w.regionIds.join(', ')})`);
    return r;
  };
  return {
    get regions() {
      return current().regionIds;
    },
    households(id) {
      const w = current();
      const r = regionOf(w, id);
      const from = w.regions.start[r];
      const to = w.regions.end[r];
      const view: Record<string, unknown> = {
        region: id,
        country: w.scenario.regions[id].country,
        agents: to - from,
        householdsPerAgent: w.regions.weight[r],
      };
      for (const c of HOUSEHOLD_COLUMNS) view[c] = w.farmers[c].subarray(from, to);
      return Object.freeze(view) as HouseholdsView;
    },
    region(id) {
      const w = current();
      const r = regionOf(w, id);
      const view: Record<string, unknown> = { id, country: w.scenario.regions[id].country };
      for (const [k, col] of Object.entries(w.regions)) if (k !== 'start' && k !== 'end' && k !== 'country') view[k] = (col as ArrayLike<number>)[r];
      return Object.freeze(view) as RegionView;
    },
    firmas(options = {}) {
      const w = current();
      return w.firmas
        .filter((f) => options.all || f.alive)
        .map((f) =>
          Object.freeze({
            id: f.id,
            alive: f.alive,
            country: f.country,
            regions: Object.freeze(f.regions.map((r) => w.regionIds[r])),
            cash: f.cash,
            stockKg: f.stockKg,
            profit: f.profit,
            cooperating: f.cooperating,
            hitmen: f.hitmen,
            protector: f.protector,
            buyLimit: f.buyLimit,
            boughtKg: Object.freeze(byRegion(w, f.boughtKg)),
          }),
        );
    },
    armedGroups() {
      const w = current();
      return w.groups.map((g) =>
        Object.freeze({
          id: g.id,
          fighters: g.fighters,
          funds: g.funds,
          fee: g.fee,
          control: Object.freeze(byRegion(w, g.control)),
          predating: g.predating,
          feeIncome: g.feeIncome,
        }),
      );
    },
    states() {
      const w = current();
      return Object.values(w.states)
        .filter((s) => s !== undefined)
        .map((s) => Object.freeze({ country: s.country, interdiction: s.interdiction, eradicationTargetHaPerYear: Object.freeze(byRegion(w, s.eradicationTarget)) }));
    },
    market() {
      const m = current().market;
      return Object.freeze({ price: m.price, exportedKg: m.exportedKg, supplyKg: m.supplyKg });
    },
  };
}
