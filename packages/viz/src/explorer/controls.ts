/**
 * The explorer's controls, worked out from the scenario's levers (the schema's own metadata: unit,
 * range and one-line meaning): grouped by actor — farmers, firmas, armed groups, the state, the
 * market, the run — with the DESIGN §9 levers and the strategies up front (the lever registry’s
 * `headline` levers) and every other lever under "more", and a slider range for each number (the
 * documented plausible range, widened to hold the current value; hard bounds when they are
 * narrow; otherwise a range around the value).
 * Pure functions, so the grouping and ranges are tested in Node.
 */
import type { LeverInfo } from './protocol.ts';

/** A control: a lever with a label and, for numbers, its slider's range and step. */
export interface Control extends LeverInfo {
  label: string;
  slider?: { min: number; max: number; step: number };
  /** A DESIGN §9 lever or a strategy: shown up front. */
  main: boolean;
}

/** A block of controls under one heading (a region, a country, "all farmers"). */
export interface ControlSection {
  title: string;
  controls: Control[];
}

/** The controls of one actor. */
export interface ControlGroup {
  id: 'farmers' | 'firmas' | 'armed' | 'state' | 'market' | 'run';
  title: string;
  sections: ControlSection[];
}

/** Levers the page does not offer as controls (the seed has its own field; names, dates and lists are not sliders). */
const HIDDEN = new Set(['name', 'seed', 'start']);

const COUNTRY_NAMES: Record<string, string> = { PE: 'Peru', BO: 'Bolivia', CO: 'Colombia' };

/** `deliveryRate` → `delivery rate`; `eradicationHaPerYear` → `eradication ha per year`. */
export function words(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\busd\b/g, 'USD')
    .replace(/\bad\b/g, 'AD')
    .replace(/\bhcl\b/g, 'HCl');
}

/** A key without the unit its name ends with (`eradicationHaPerYear` → `eradication`): the unit is shown beside it. */
export function withoutUnit(key: string): string {
  return key.replace(/(?<=[a-z])(Usd|Ha|Kg)([A-Z][a-z]*)*$/, '') || key;
}

/**
 * A short label for a lever within its section: the path after the section's prefix, in words,
 * without units (shown beside it) and with region ids by name.
 * @example leverLabel('states.PE.eradicationHaPerYear.alto-huallaga', { 'alto-huallaga': 'Alto Huallaga' }) === 'eradication · Alto Huallaga'
 */
export function leverLabel(path: string, regionNames: Record<string, string> = {}): string {
  const parts = path.split('.');
  const rest = parts[0] === 'regions' || parts[0] === 'armedGroups' || parts[0] === 'states' ? parts.slice(2) : parts[0] === 'farmers' || parts[0] === 'firmas' || parts[0] === 'market' ? parts.slice(1) : parts;
  return rest.map((p) => regionNames[p] ?? (p === 'alternativeDevelopment' ? 'AD' : words(withoutUnit(p)))).join(' · ');
}

/** A round number at or above `x` (1, 2, 2.5, 5 times a power of ten). */
export function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x - 1e-12 * p) return m * p;
  return 10 * p;
}

/** A slider step giving about `steps` positions over the range, a round number (integers for integer levers). */
export function niceStep(span: number, integer: boolean, steps = 100): number {
  if (!(span > 0)) return integer ? 1 : 0.01;
  const raw = span / steps;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  return integer ? Math.max(1, Math.round(step)) : step;
}

/**
 * The slider's range for a number lever: the plausible `range` when documented, else the hard
 * bounds when they span at most a hundred times the value, else from the lower bound to a round
 * number above twice the value (`hint`: a scale for levers whose value is zero, e.g. a region's
 * coca for its eradication target). Always holds the current value.
 */
export function sliderRange(l: Pick<LeverInfo, 'kind' | 'range' | 'min' | 'max' | 'value'>, hint = 0): { min: number; max: number; step: number } {
  const v = typeof l.value === 'number' ? l.value : 0;
  const integer = l.kind === 'integer';
  let lo: number;
  let hi: number;
  if (l.range) [lo, hi] = l.range;
  else if (l.min !== undefined && l.max !== undefined && l.max - l.min <= 100 * Math.max(1, Math.abs(v), hint)) [lo, hi] = [l.min, l.max];
  else {
    lo = l.min ?? Math.min(0, v * 2);
    hi = lo + niceCeil(Math.max(2 * Math.abs(v), hint, 1) - lo);
  }
  lo = Math.min(lo, v);
  hi = Math.max(hi, v);
  if (l.min !== undefined) lo = Math.max(lo, l.min);
  if (l.max !== undefined) hi = Math.min(hi, l.max);
  return { min: lo, max: hi, step: niceStep(hi - lo, integer) };
}

function groupOf(path: string): ControlGroup['id'] {
  const head = path.split('.')[0];
  if (head === 'farmers' || head === 'regions') return 'farmers';
  if (head === 'firmas') return 'firmas';
  if (head === 'armedGroups') return 'armed';
  if (head === 'states') return 'state';
  if (head === 'market') return 'market';
  return 'run';
}

const TITLES: Record<ControlGroup['id'], string> = {
  state: 'State',
  farmers: 'Farmers',
  firmas: 'Firmas (trafficking organisations)',
  armed: 'Armed groups',
  market: 'Export market',
  run: 'Run',
};

/**
 * Controls for a scenario's levers, grouped by actor (state, farmers, firmas, armed groups,
 * market, run) and within each by section (a country, a region, an armed group).
 * @param coca a region's coca at the start, by id: the scale of its eradication target's slider
 */
export function controlGroups(levers: readonly LeverInfo[], regionNames: Record<string, string> = {}, coca: Record<string, number> = {}): ControlGroup[] {
  const groups = new Map<ControlGroup['id'], Map<string, Control[]>>();
  for (const l of levers) {
    if (HIDDEN.has(l.path) || l.kind === 'string' || l.kind === 'list') continue;
    const id = groupOf(l.path);
    const parts = l.path.split('.');
    const section =
      parts[0] === 'regions'
        ? (regionNames[parts[1]] ?? parts[1])
        : parts[0] === 'states'
          ? (COUNTRY_NAMES[parts[1]] ?? parts[1])
          : parts[0] === 'armedGroups'
            ? parts[1]
            : parts[0] === 'farmers'
              ? 'All farmers'
              : TITLES[id];
    const hint = /eradicationHaPerYear\.([^.]+)$/.exec(l.path)?.[1];
    const control: Control = {
      ...l,
      label: leverLabel(l.path, regionNames),
      main: l.headline,
      ...(l.kind === 'number' || l.kind === 'integer' ? { slider: sliderRange(l, hint ? 1.5 * (coca[hint] ?? 0) : 0) } : {}),
    };
    const sections = groups.get(id) ?? new Map<string, Control[]>();
    sections.set(section, [...(sections.get(section) ?? []), control]);
    groups.set(id, sections);
  }
  const order: ControlGroup['id'][] = ['state', 'farmers', 'firmas', 'armed', 'market', 'run'];
  return order
    .filter((id) => groups.has(id))
    .map((id) => ({ id, title: TITLES[id], sections: [...groups.get(id)!].map(([title, controls]) => ({ title, controls })) }));
}

/** A value as the page shows it beside its control: `0.6`, `12,000`, `true`. */
export function showValue(v: unknown): string {
  if (typeof v === 'number') return Math.abs(v) >= 1000 ? v.toLocaleString('en-US', { maximumFractionDigits: 0 }) : String(Number(v.toPrecision(6)));
  return String(v);
}
