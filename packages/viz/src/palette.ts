/**
 * Colours for every chart: the Okabe–Ito palette (distinguishable with the common forms of
 * colour blindness), fixed per country and per bundled region so that Peru is the same colour in
 * every chart of every report, and a scenario's extra regions still get stable colours.
 */

/** Okabe–Ito, in the order used for anything without a fixed colour. */
export const OKABE_ITO = ['#E69F00', '#56B4E9', '#009E73', '#0072B2', '#D55E00', '#CC79A7', '#000000', '#999999'] as const;

const FIXED: Record<string, string> = {
  PE: '#D55E00',
  BO: '#009E73',
  CO: '#0072B2',
  ALL: '#000000',
  'vraem-apurimac': '#E69F00',
  'vraem-ene': '#D55E00',
  'vraem-mantaro': '#CC79A7',
  'alto-huallaga': '#F0E442',
  'peru-other': '#999999',
  bolivia: '#009E73',
  colombia: '#0072B2',
};

/** Scenario A and B of a comparison, and their difference. */
export const COMPARE_COLOURS = { a: '#0072B2', b: '#E69F00', diff: '#CC79A7' } as const;

/**
 * The colour of a row (region id, country code or `ALL`); rows without a fixed colour take the
 * palette in order of `index` (their position among the rows drawn).
 */
export function rowColour(row: string, index: number): string {
  return FIXED[row] ?? OKABE_ITO[index % OKABE_ITO.length];
}

/** The nth colour of the palette, for series that are metrics rather than places. */
export function seriesColour(index: number): string {
  return OKABE_ITO[index % OKABE_ITO.length];
}

/** A `#RRGGBB` colour with an alpha, as `rgba(...)`, for band and area fills. */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
