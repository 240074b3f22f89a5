/**
 * The effect of a policy, B against A, over paired runs — of one parameter set (replicates with
 * shared seeds) or of every member of a posterior ensemble (each member with the same paired
 * seeds) — accumulated run pair by run pair so that memory does not grow with the runs: a run's
 * monthly table is reduced at once to its window means, and a member's runs to their moments.
 *
 * What is measured, for every metric and row (regions, countries, ALL, and groups of regions the
 * answer needs: the VRAEM, the regions the policy targets, the untargeted regions of their
 * countries, the other countries), over three windows — the programme period (from the first
 * month A's and B's levers act differently to the end), the final year and the whole run:
 *   a, b      each side's window mean;
 *   diff      the paired difference B − A (replicate k of A and B share a seed);
 *   relative  (B − A) / A of each run pair, the change in percent.
 * With one member the figures are Student-t intervals of the mean over seeds; with an ensemble,
 * each figure carries its total uncertainty split into parameter uncertainty and chance
 * (robust.ts's ensembleStat).
 */
import type { Scenario } from '../scenario/schema.ts';
import { type RunResult } from '../engine/results.ts';
import { AGGREGATION, METRICS, type MetricName } from '../model/metrics.ts';
import { monthLabel, tickOf } from '../engine/calendar.ts';
import { leverForChange } from '../scenario/events.ts';
import { setPath, type LeverPath } from '../scenario/paths.ts';
import { type Window, windowsFor } from './summary.ts';
import { tQuantile975 } from './statistics.ts';
import { type EnsembleStat, ensembleStatFromMoments } from './robust.ts';

export type EffectWindow = 'programme' | 'finalYear' | 'wholeRun';
export const EFFECT_WINDOWS: readonly EffectWindow[] = ['programme', 'finalYear', 'wholeRun'];
export type EffectSide = 'a' | 'b' | 'diff' | 'relative';
export const EFFECT_SIDES: readonly EffectSide[] = ['a', 'b', 'diff', 'relative'];

/** Ids of the groups of regions (rows beside the result's own). */
export const GROUP_ROWS = { vraem: 'VRAEM', targeted: 'TARGETED', elsewhere: 'ELSEWHERE', abroad: 'ABROAD' } as const;

/** Where the effects are measured: rows (the run's, then groups), windows and metrics. */
export interface EffectLayout {
  start: string;
  months: number;
  /** The run's rows, then the group rows. */
  rows: string[];
  /** Regions of each group row, by group id (only groups with at least one region). */
  groups: Record<string, string[]>;
  /** Regions the policy targets (the AD programmes B offers differently from A), in scenario order. */
  targeted: string[];
  /** Whether B also changes levers beyond its AD programmes (`changesBeyondProgrammes`). */
  beyondProgrammes: boolean;
  windows: Record<EffectWindow, Window>;
  metrics: readonly MetricName[];
}

/**
 * A scenario's levers as they act at a month, for comparing two policies: its settings with the
 * events up to that month applied, less what no mechanism reads then. An AD programme that is not
 * offered — disabled, or enabled but not yet announced — offers, pays and spends nothing
 * (alternativeDevelopment.ts, budget.ts), so its terms are left out: a named programme is
 * dropped, the standing one kept as "not offered". A scenario that declares a programme
 * disabled from the start and enables it in 2012 thus acts like one without it until 2012.
 */
class EffectiveLevers {
  private readonly live: Scenario;
  private readonly byTick = new Map<number, Record<string, unknown>[]>();
  constructor(private readonly s: Scenario) {
    const { events, ...rest } = s;
    this.live = structuredClone({ ...rest, events: [] }) as Scenario;
    for (const e of events) {
      const t = Math.max(0, tickOf(s.start, e.at));
      this.byTick.set(t, [...(this.byTick.get(t) ?? []), e.set]);
    }
  }

  /** The last tick at which an event fires (−1 without events). */
  get lastEventTick(): number {
    return Math.max(-1, ...this.byTick.keys());
  }

  /** Whether an AD programme's terms offer it at tick t. */
  private offered(terms: { enabled: boolean; announced?: string } | undefined, t: number): boolean {
    return !!terms && terms.enabled && (terms.announced === undefined || t >= tickOf(this.s.start, terms.announced));
  }

  private terms(path: LeverPath): { enabled: boolean; announced?: string } | undefined {
    const [, country, kind, key] = path.segments;
    const sp = this.live.states[country as keyof Scenario['states']];
    return kind === 'alternativeDevelopment' ? sp?.alternativeDevelopment : kind === 'programmes' ? sp?.programmes[key] : undefined;
  }

  /**
   * Apply tick t's events; return the ones whose effect is a move of the model's state beyond
   * the lever's value (`moves:` in the schema: firmas, fighters, funds, fee, control, market
   * access reset to the value), canonical, so that two scenarios firing the same reset at the same
   * month match. Re-enabling an AD programme re-announces it only when it was offered just
   * before; one that was not offered is announced by the change of its terms.
   */
  advance(t: number): string[] {
    const moves: string[] = [];
    for (const set of this.byTick.get(t) ?? []) {
      for (const [path, value] of Object.entries(set)) {
        const lever = leverForChange(this.live, path);
        if (lever.spec.moves && (lever.spec.moves !== 'adAnnounce' || (value === true && this.offered(this.terms(lever.parsed), t - 1)))) moves.push(JSON.stringify([lever.spec.moves, path, value]));
        setPath(this.live as unknown as Record<string, unknown>, lever.parsed, value);
      }
    }
    return moves.sort();
  }

  /**
   * The AD programmes offered at tick t (after `advance(t)`), by `country/key` ('' for the
   * standing one): their terms, canonical, and the regions they cover (every region of the
   * country when they list none, as alternativeDevelopment.ts's `covers`).
   */
  offeredProgrammes(t: number): Map<string, { terms: string; regions: string[] }> {
    const out = new Map<string, { terms: string; regions: string[] }>();
    for (const [c, sp] of Object.entries(this.live.states)) {
      if (!sp) continue;
      for (const [key, terms] of [['', sp.alternativeDevelopment] as const, ...Object.entries(sp.programmes)]) {
        if (!this.offered(terms, t)) continue;
        const regions = terms.regions.length ? terms.regions : Object.keys(this.live.regions).filter((r) => this.live.regions[r].country === c);
        out.set(`${c}/${key}`, { terms: JSON.stringify(terms), regions });
      }
    }
    return out;
  }

  /**
   * The levers acting at tick t (after `advance(t)`), canonical; without the AD programmes when
   * `programmes` is false (what else a policy changes).
   */
  acting(t: number, programmes = true): string {
    const { name: _n, description: _d, shows: _s, extends: _e, events: _v, ...rest } = this.live as Scenario & { shows?: unknown; extends?: unknown };
    const states: Record<string, unknown> = {};
    for (const [c, sp] of Object.entries(rest.states)) {
      if (!sp) continue;
      const { alternativeDevelopment: ad, programmes: named, ...others } = sp;
      states[c] = programmes
        ? { ...others, alternativeDevelopment: this.offered(ad, t) ? ad : 'not offered', programmes: Object.fromEntries(Object.entries(named).filter(([, p]) => this.offered(p, t))) }
        : others;
    }
    return JSON.stringify({ ...rest, states });
  }
}

/** How policy B differs from A, month by month (`policyDifference`). */
export interface PolicyDifference {
  /**
   * The first month (as a tick, clamped to the run) whose acting levers (`EffectiveLevers`) or
   * state-moving events differ; null when they never do. A disabled programme declared from the
   * start is not a difference until it is enabled and announced: the programme period of the
   * same-money question starts in 2012, when the money moves, not in 2004, when the scenario
   * names the programme.
   */
  divergence: number | null;
  /**
   * The regions the policy targets: those covered by an AD programme that B offers differently
   * from A in some month (one only B offers, one only A offers, or the same one on other terms:
   * regions, budget, delivery, announcement), in scenario order; all of B's regions when no
   * programme differs (a policy of eradication or interdiction acts on every region). A programme
   * both run alike — the baseline's Alto Huallaga programme, which every scenario extending the
   * baseline inherits — is no target of the policy.
   */
  targeted: string[];
  /**
   * Whether B changes levers beyond its AD programmes in some month of the run — eradication, the
   * budget (same-money-ad's eradication money moved to a programme), interdiction, a reset of
   * fighters — which act on the untargeted regions too: their change in coca is then not leakage
   * alone.
   */
  beyondProgrammes: boolean;
}

/** A and B's levers walked together once, month by month, to every event and the run's end. */
export function policyDifference(a: Scenario, b: Scenario): PolicyDifference {
  const la = new EffectiveLevers(a);
  const lb = new EffectiveLevers(b);
  const last = Math.max(a.months - 1, la.lastEventTick, lb.lastEventTick);
  const beyond = (moves: string[]) => moves.filter((m) => !m.startsWith('["adAnnounce"')).join();
  const named = new Set<string>();
  let divergence: number | null = null;
  let beyondProgrammes = false;
  for (let t = 0; t <= last; t++) {
    const ma = la.advance(t);
    const mb = lb.advance(t);
    if (divergence === null && (ma.join() !== mb.join() || la.acting(t) !== lb.acting(t))) divergence = Math.min(t, a.months - 1);
    if (!beyondProgrammes && t < a.months && (beyond(ma) !== beyond(mb) || la.acting(t, false) !== lb.acting(t, false))) beyondProgrammes = true;
    const pa = la.offeredProgrammes(t);
    const pb = lb.offeredProgrammes(t);
    for (const id of new Set([...pa.keys(), ...pb.keys()])) {
      if (pa.get(id)?.terms === pb.get(id)?.terms) continue;
      for (const r of [...(pa.get(id)?.regions ?? []), ...(pb.get(id)?.regions ?? [])]) named.add(r);
    }
  }
  const ids = Object.keys(b.regions);
  return { divergence, targeted: named.size ? ids.filter((r) => named.has(r)) : ids, beyondProgrammes };
}

/** {@link PolicyDifference.divergence}. */
export const divergenceTick = (a: Scenario, b: Scenario): number | null => policyDifference(a, b).divergence;
/** {@link PolicyDifference.beyondProgrammes}. */
export const changesBeyondProgrammes = (a: Scenario, b: Scenario): boolean => policyDifference(a, b).beyondProgrammes;
/** {@link PolicyDifference.targeted}. */
export const targetedRegions = (a: Scenario, b: Scenario): string[] => policyDifference(a, b).targeted;

/**
 * The layout of a comparison: the run's rows plus the group rows, and the windows.
 * The VRAEM is the regions whose id or name starts with "VRAEM".
 */
export function effectLayout(a: Scenario, b: Scenario, resultRows: readonly string[]): EffectLayout {
  const regions = Object.keys(a.regions).filter((r) => resultRows.includes(r));
  const diff = policyDifference(a, b);
  const targeted = diff.targeted.filter((r) => regions.includes(r));
  const countries = new Set(targeted.map((r) => a.regions[r].country));
  const groups: Record<string, string[]> = {
    [GROUP_ROWS.vraem]: regions.filter((r) => /^vraem/i.test(r) || /^vraem/i.test(a.regions[r].name)),
    [GROUP_ROWS.targeted]: targeted,
    [GROUP_ROWS.elsewhere]: regions.filter((r) => !targeted.includes(r) && countries.has(a.regions[r].country)),
    [GROUP_ROWS.abroad]: regions.filter((r) => !countries.has(a.regions[r].country)),
  };
  for (const g of Object.keys(groups)) if (groups[g].length === 0) delete groups[g];
  const base = windowsFor(a.start, a.months);
  const from = diff.divergence ?? 0;
  const programme: Window = { from, to: a.months - 1, fromDate: monthLabel(a.start, from), toDate: monthLabel(a.start, a.months - 1) };
  return { start: a.start, months: a.months, rows: [...resultRows, ...Object.keys(groups)], groups, targeted, beyondProgrammes: diff.beyondProgrammes, windows: { programme, ...base }, metrics: METRICS };
}

/** Offset of a cell in a run's window means: `(window · rows + row) · metrics + metric`. */
export function cellIndex(layout: EffectLayout, window: number, row: number, metric: number): number {
  return (window * layout.rows.length + row) * layout.metrics.length + metric;
}

/**
 * A run's window means of every metric, row and group row. Group rows aggregate regions month by
 * month as the recorder aggregates countries (sums, or means weighted by another metric); a count
 * of distinct actors cannot be rebuilt from regions and is left NaN.
 */
export function runWindowMeans(r: RunResult, layout: EffectLayout): Float64Array {
  const nm = layout.metrics.length;
  const nr = layout.rows.length;
  const out = new Float64Array(EFFECT_WINDOWS.length * nr * nm);
  const rowOf = layout.rows.map((id) => r.rows.indexOf(id));
  const groupRows = layout.rows.map((id) => (layout.groups[id] ?? []).map((g) => r.rows.indexOf(g)));
  const month = new Float64Array(nr * nm);
  for (let t = 0; t < layout.months; t++) {
    for (let row = 0; row < nr; row++) {
      for (let m = 0; m < nm; m++) {
        let v: number;
        if (rowOf[row] >= 0) v = r.data[(t * r.rows.length + rowOf[row]) * nm + m];
        else {
          const agg = AGGREGATION[layout.metrics[m]];
          const members = groupRows[row];
          if (agg === 'sum') {
            v = 0;
            for (const g of members) v += r.data[(t * r.rows.length + g) * nm + m];
          } else if (agg === 'distinct') v = Number.NaN;
          else {
            const wm = layout.metrics.indexOf(agg.weight);
            let sw = 0;
            let s = 0;
            for (const g of members) {
              const w = r.data[(t * r.rows.length + g) * nm + wm];
              sw += w;
              s += w * r.data[(t * r.rows.length + g) * nm + m];
            }
            v = sw > 0 ? s / sw : 0;
          }
        }
        month[row * nm + m] = v;
      }
    }
    EFFECT_WINDOWS.forEach((w, wi) => {
      const win = layout.windows[w];
      if (t < win.from || t > win.to) return;
      const k = 1 / (win.to - win.from + 1);
      const o = wi * nr * nm;
      for (let i = 0; i < nr * nm; i++) out[o + i] += month[i] * k;
    });
  }
  return out;
}

/** The relative change (B − A) / A of a run pair; 0 when both are 0, NaN when only A is. */
export function relativeChange(a: number, b: number): number {
  if (a === 0) return b === 0 ? 0 : Number.NaN;
  return (b - a) / Math.abs(a);
}

/** Moments of every cell and side over one member's runs. */
export interface MemberMoments {
  weight: number;
  /** Run pairs. */
  n: number;
  /** `mean[side · cells + cell]`. */
  mean: Float64Array;
  /** Sample variance (n − 1), same layout; 0 for one run. */
  variance: Float64Array;
  /** The cost ratio's pairs: extra spending X and hectares avoided Y per run pair (means, variances, covariance). */
  cost: { mx: number; my: number; vx: number; vy: number; cxy: number };
}

/** The two cells the cost ratio reads: extra AD delivered (ALL) and coca (the targeted countries), programme window. */
function costCells(layout: EffectLayout): { spend: number; coca: number } {
  const w = EFFECT_WINDOWS.indexOf('programme');
  const countryRow = layout.rows.indexOf(layout.targeted.length && layout.rows.includes('PE') ? 'PE' : 'ALL');
  return {
    spend: cellIndex(layout, w, layout.rows.indexOf('ALL'), layout.metrics.indexOf('ad_delivered_usd')),
    coca: cellIndex(layout, w, countryRow >= 0 ? countryRow : layout.rows.indexOf('ALL'), layout.metrics.indexOf('coca_ha')),
  };
}

/**
 * Accumulates one member's run pairs (Welford, per cell and side): add each pair, then finish.
 * Memory: a few arrays of the cells, whatever the number of runs.
 */
export class MemberAccumulator {
  private n = 0;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;
  private readonly cells: number;
  private readonly cc: { spend: number; coca: number };
  private readonly c = { mx: 0, my: 0, sxx: 0, syy: 0, sxy: 0 };
  constructor(private readonly layout: EffectLayout) {
    this.cells = EFFECT_WINDOWS.length * layout.rows.length * layout.metrics.length;
    this.mean = new Float64Array(EFFECT_SIDES.length * this.cells);
    this.m2 = new Float64Array(EFFECT_SIDES.length * this.cells);
    this.cc = costCells(layout);
  }

  /** Add a run pair (A and B of the same seed and parameters). */
  add(a: RunResult, b: RunResult): void {
    if (a.seed !== b.seed) throw new Error(`a pair must share its seed (${a.seed} vs ${b.seed})`);
    this.addMeans(runWindowMeans(a, this.layout), runWindowMeans(b, this.layout));
  }

  /** Add a run pair already reduced to window means. */
  addMeans(wa: Float64Array, wb: Float64Array): void {
    this.n++;
    const n = this.n;
    const cells = this.cells;
    for (let i = 0; i < cells; i++) {
      const values = [wa[i], wb[i], wb[i] - wa[i], relativeChange(wa[i], wb[i])];
      for (let s = 0; s < 4; s++) {
        const k = s * cells + i;
        const d = values[s] - this.mean[k];
        this.mean[k] += d / n;
        this.m2[k] += d * (values[s] - this.mean[k]);
      }
    }
    const x = wb[this.cc.spend] - wa[this.cc.spend];
    const y = wa[this.cc.coca] - wb[this.cc.coca];
    const dx = x - this.c.mx;
    const dy = y - this.c.my;
    this.c.mx += dx / n;
    this.c.my += dy / n;
    this.c.sxx += dx * (x - this.c.mx);
    this.c.syy += dy * (y - this.c.my);
    this.c.sxy += dx * (y - this.c.my);
  }

  /** The member's moments. */
  finish(weight: number): MemberMoments {
    if (this.n === 0) throw new Error('a member needs at least one run pair');
    const d = this.n > 1 ? this.n - 1 : 1;
    const variance = this.n > 1 ? this.m2.map((v) => v / d) : new Float64Array(this.m2.length);
    const c = this.c;
    return {
      weight,
      n: this.n,
      mean: this.mean.slice(),
      variance,
      cost: { mx: c.mx, my: c.my, vx: this.n > 1 ? c.sxx / d : 0, vy: this.n > 1 ? c.syy / d : 0, cxy: this.n > 1 ? c.sxy / d : 0 },
    };
  }
}

/** A figure with its 95% interval; with an ensemble, also the split of its variance. */
export interface Figure {
  mean: number;
  ci95: [number, number];
  /** Runs behind it (pairs). */
  n: number;
  /** Share of the variance that is parameter uncertainty (ensembles only). */
  parameterShare?: number;
  /** 95% interval of the expected effect over the posterior, chance averaged out (ensembles only). */
  parameterCi95?: [number, number];
  /**
   * A change in percent (side `relative`) whose base, A's value, is too near zero in some runs
   * for it to mean anything (the rule: {@link relativeBaseNearZero}); set only then. The figure
   * is kept (it is what the runs give) but is shown as "n/a", beside the change in units.
   */
  baseNearZero?: true;
}

/**
 * How many standard deviations of its runs A's value must stay from zero for a change in percent
 * to be given. A change in percent is the mean over run pairs of (B − A) / |A|: where some runs'
 * A is near zero, those pairs' ratios dominate the mean and its interval, and the figure reads as
 * thousands of percent (Mantaro's farmer income, a few dollars a month against hundreds of
 * dollars' spread between runs, printed +306,000%). A ratio with a random denominator behaves like
 * an ordinary quantity only when the denominator is almost surely of one sign, its mean at least
 * about three standard deviations from zero (Geary 1930, on the quotient of two normal variates).
 */
export const RELATIVE_BASE_SDS = 3;

/** The rule of {@link RELATIVE_BASE_SDS} in a sentence, as reports and the terminal state it under a table. */
export const RELATIVE_RULE = `n/a: no change in % where A's value is less than ${RELATIVE_BASE_SDS} standard deviations of its runs from zero (some runs' base is then near zero, and (B − A)/A means nothing there); such a cell gives the change B − A in the metric's own units instead (Δ: hectares, USD/kg, USD a household a month, events a month, index)`;

/**
 * Whether a cell's change in percent has too small a base: A's mean closer to zero than
 * {@link RELATIVE_BASE_SDS} standard deviations of A over the runs (over an ensemble, of every
 * history: the variance within members plus between their means), or zero.
 */
export function relativeBaseNearZero(aSide: readonly { weight: number; mean: number; variance: number }[]): boolean {
  let wsum = 0;
  for (const g of aSide) wsum += g.weight;
  let mean = 0;
  for (const g of aSide) mean += (g.weight / wsum) * g.mean;
  let variance = 0;
  for (const g of aSide) variance += (g.weight / wsum) * (g.variance + (g.mean - mean) * (g.mean - mean));
  return !(Math.abs(mean) > 0 && Math.abs(mean) >= RELATIVE_BASE_SDS * Math.sqrt(variance));
}

/** How the figures' intervals were made. */
export type Uncertainty = 'seeds' | 'ensemble';

/** Cells by metric, row and window: each side's figure. */
export interface EffectCells {
  uncertainty: Uncertainty;
  members: number;
  runsPerMember: number;
  rows: string[];
  groups: Record<string, string[]>;
  targeted: string[];
  /** Whether B also changes levers beyond its AD programmes (absent in files written before it was recorded). */
  beyondProgrammes?: boolean;
  windows: Record<EffectWindow, Window>;
  /** `cells[metric][row][window][side]`; cells that cannot be measured (a group's distinct count) are absent. */
  cells: Record<string, Record<string, Record<EffectWindow, Record<EffectSide, Figure>>>>;
  /** Extra AD spending per hectare-year of coca avoided in the targeted countries (USD), null when no coca is avoided on average. */
  costPerHaYear: Figure | null;
}

/** A figure from moments: over seeds, the Student-t interval of the mean; over an ensemble, the decomposition. */
function figure(groups: readonly { weight: number; n: number; mean: number; variance: number }[], uncertainty: Uncertainty): Figure {
  if (uncertainty === 'seeds') {
    const g = groups[0];
    const half = g.n > 1 ? tQuantile975(g.n - 1) * Math.sqrt(g.variance / g.n) : 0;
    return { mean: g.mean, ci95: [g.mean - half, g.mean + half], n: g.n };
  }
  const e: EnsembleStat = ensembleStatFromMoments(groups);
  return { mean: e.mean, ci95: e.ci95, n: e.runs, parameterShare: e.parameterShare, parameterCi95: e.parameterCi95 };
}

/**
 * The effect cells of a comparison from its members' moments (one member: seeds only).
 * @example effectCells(layout, [acc.finish(1)]).cells.coca_ha.PE.programme.diff.ci95
 */
export function effectCells(layout: EffectLayout, members: readonly MemberMoments[], uncertainty: Uncertainty = members.length > 1 ? 'ensemble' : 'seeds'): EffectCells {
  if (members.length === 0) throw new Error('no member to summarise');
  const cellsPer = EFFECT_WINDOWS.length * layout.rows.length * layout.metrics.length;
  const cells: EffectCells['cells'] = {};
  layout.metrics.forEach((metric, m) => {
    const byRow: EffectCells['cells'][string] = {};
    layout.rows.forEach((row, r) => {
      const byWindow = {} as Record<EffectWindow, Record<EffectSide, Figure>>;
      let ok = true;
      EFFECT_WINDOWS.forEach((w, wi) => {
        const i = cellIndex(layout, wi, r, m);
        const sides = {} as Record<EffectSide, Figure>;
        const moments = (side: number) => members.map((mm) => ({ weight: mm.weight, n: mm.n, mean: mm.mean[side * cellsPer + i], variance: mm.variance[side * cellsPer + i] }));
        EFFECT_SIDES.forEach((side, s) => {
          sides[side] = figure(moments(s), uncertainty);
        });
        if (!Number.isFinite(sides.a.mean)) ok = false;
        else if (relativeBaseNearZero(moments(EFFECT_SIDES.indexOf('a')))) sides.relative.baseNearZero = true;
        byWindow[w] = sides;
      });
      if (ok) byRow[row] = byWindow;
    });
    cells[metric] = byRow;
  });
  return {
    uncertainty,
    members: members.length,
    runsPerMember: members[0].n,
    rows: layout.rows,
    groups: layout.groups,
    targeted: layout.targeted,
    beyondProgrammes: layout.beyondProgrammes,
    windows: layout.windows,
    cells,
    costPerHaYear: costFigure(layout, members, uncertainty),
  };
}

/**
 * Extra AD spending per hectare-year of coca avoided: R = 12·E[ΔAD delivered per month] /
 * E[coca avoided], a ratio of means (per-run ratios blow up where a run avoids little). Its
 * interval is the delta method's: per run pair L = X − R·Y has mean 0 and Var(R) ≈ Var(L)/E[Y]²,
 * with Var(L) split like any effect (over seeds or over the ensemble). The months cancel: both
 * are programme-window means.
 */
function costFigure(layout: EffectLayout, members: readonly MemberMoments[], uncertainty: Uncertainty): Figure | null {
  let wsum = 0;
  for (const m of members) wsum += m.weight;
  let mx = 0;
  let my = 0;
  for (const m of members) {
    mx += (m.weight / wsum) * m.cost.mx;
    my += (m.weight / wsum) * m.cost.my;
  }
  if (!(my > 0)) return null;
  const r = mx / my;
  const l = members.map((m) => ({
    weight: m.weight,
    n: m.n,
    mean: m.cost.mx - r * m.cost.my,
    variance: Math.max(0, m.cost.vx + r * r * m.cost.vy - 2 * r * m.cost.cxy),
  }));
  const f = figure(l, uncertainty);
  const scale = 12 / my;
  const mean = 12 * r;
  const half = (f.ci95[1] - f.ci95[0]) / 2;
  const out: Figure = { mean, ci95: [mean - half * scale, mean + half * scale], n: f.n };
  if (f.parameterShare !== undefined && f.parameterCi95) {
    const ph = (f.parameterCi95[1] - f.parameterCi95[0]) / 2;
    out.parameterShare = f.parameterShare;
    out.parameterCi95 = [mean - ph * scale, mean + ph * scale];
  }
  return out;
}

/** A monthly series a comparison charts: a metric of a row (or group), optionally as rolling 12-month sums. */
export interface ChartSeries {
  metric: MetricName;
  row: string;
  /** Draw as the sum over the last 12 months (noisy monthly counts such as violent events). */
  rolling12: boolean;
}

/** Metrics that are noisy monthly counts: charts draw them as 12-month rolling sums. */
export const ROLLING_METRICS: readonly MetricName[] = ['violence_events', 'seized_t', 'eradicated_ha'];

/** The id of a chart series, as `monthly.csv` names it: `metric@row`, `+12m` for rolling sums. */
export const chartSeriesId = (s: ChartSeries) => `${s.metric}@${s.row}${s.rolling12 ? '+12m' : ''}`;

/**
 * One run's monthly values of a chart series: a row of the run or a group row (aggregated as in
 * {@link runWindowMeans}); as rolling 12-month sums, NaN for the first 11 months (a partial sum
 * would read as a drop).
 */
export function monthlySeries(r: RunResult, layout: EffectLayout, s: ChartSeries): Float64Array {
  const nm = r.metrics.length;
  const m = r.metrics.indexOf(s.metric);
  const direct = r.rows.indexOf(s.row);
  const members = (layout.groups[s.row] ?? []).map((g) => r.rows.indexOf(g));
  if (m < 0 || (direct < 0 && members.length === 0)) throw new Error(`no series ${chartSeriesId(s)} in the run`);
  const agg = AGGREGATION[s.metric];
  const wm = typeof agg === 'object' ? r.metrics.indexOf(agg.weight) : -1;
  const out = new Float64Array(r.months);
  for (let t = 0; t < r.months; t++) {
    const at = (row: number, k: number) => r.data[(t * r.rows.length + row) * nm + k];
    if (direct >= 0) out[t] = at(direct, m);
    else if (agg === 'sum') out[t] = members.reduce((acc, g) => acc + at(g, m), 0);
    else if (wm >= 0) {
      const sw = members.reduce((acc, g) => acc + at(g, wm), 0);
      out[t] = sw > 0 ? members.reduce((acc, g) => acc + at(g, wm) * at(g, m), 0) / sw : 0;
    } else out[t] = Number.NaN;
  }
  return s.rolling12 ? rolling12(out) : out;
}

/** Sums over the last 12 months (NaN for the first 11: a partial sum would read as a drop). */
export function rolling12(series: ArrayLike<number>): Float64Array {
  const out = new Float64Array(series.length).fill(Number.NaN);
  let sum = 0;
  for (let t = 0; t < series.length; t++) {
    sum += series[t];
    if (t >= 12) sum -= series[t - 12];
    if (t >= 11) out[t] = sum;
  }
  return out;
}

/** Monthly bands of chart series for A, B and B − A. */
export interface MonthlyBands {
  series: string[];
  months: number;
  /** `bands[series][side]` with mean, lo, hi per month (NaN where undefined). */
  bands: Record<string, Record<'a' | 'b' | 'diff', { mean: number[]; lo: number[]; hi: number[] }>>;
}

/**
 * Accumulates the monthly distribution of chart series over an ensemble's run pairs (weighted
 * Welford: a run of member m weighs w_m / n_m), for bands of mean ± 1.96 sd: where one history
 * drawn from the posterior falls, parameter uncertainty and chance together. Memory: series ×
 * months, whatever the number of runs.
 */
export class MonthlyBandAccumulator {
  private readonly w: Float64Array;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;
  constructor(
    private readonly layout: EffectLayout,
    readonly series: readonly ChartSeries[],
  ) {
    const size = series.length * 3 * layout.months;
    this.w = new Float64Array(size);
    this.mean = new Float64Array(size);
    this.m2 = new Float64Array(size);
  }

  /** Add a run pair with its weight (member weight / runs of the member). */
  add(a: RunResult, b: RunResult, weight: number): void {
    const T = this.layout.months;
    this.series.forEach((s, i) => {
      const sa = monthlySeries(a, this.layout, s);
      const sb = monthlySeries(b, this.layout, s);
      for (let t = 0; t < T; t++) {
        const values = [sa[t], sb[t], sb[t] - sa[t]];
        for (let side = 0; side < 3; side++) {
          const x = values[side];
          if (!Number.isFinite(x)) continue;
          const k = (i * 3 + side) * T + t;
          this.w[k] += weight;
          const d = x - this.mean[k];
          this.mean[k] += (weight / this.w[k]) * d;
          this.m2[k] += weight * d * (x - this.mean[k]);
        }
      }
    });
  }

  /** The bands. */
  finish(): MonthlyBands {
    const T = this.layout.months;
    const bands: MonthlyBands['bands'] = {};
    this.series.forEach((s, i) => {
      const bySide = {} as MonthlyBands['bands'][string];
      (['a', 'b', 'diff'] as const).forEach((side, j) => {
        const mean: number[] = [];
        const lo: number[] = [];
        const hi: number[] = [];
        for (let t = 0; t < T; t++) {
          const k = (i * 3 + j) * T + t;
          if (!(this.w[k] > 0)) {
            mean.push(Number.NaN);
            lo.push(Number.NaN);
            hi.push(Number.NaN);
            continue;
          }
          const sd = Math.sqrt(Math.max(0, this.m2[k] / this.w[k]));
          mean.push(this.mean[k]);
          lo.push(this.mean[k] - 1.96 * sd);
          hi.push(this.mean[k] + 1.96 * sd);
        }
        bySide[side] = { mean, lo, hi };
      });
      bands[chartSeriesId(s)] = bySide;
    });
    return { series: this.series.map(chartSeriesId), months: T, bands };
  }
}
