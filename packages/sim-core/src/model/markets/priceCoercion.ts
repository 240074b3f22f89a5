/**
 * Price coercion (monopsony): the leaf price firmas pay is the competitive price (the export
 * value of a kilo of leaf net of processing, transport, expected seizures and fees: each firma's
 * netback) marked down by a coercion markup that rises with buyer concentration and the buyers'
 * armed capacity (their own hitmen, or the armed group that protects them) and falls with
 * farmers' organised bargaining power (Robinson 1933; Galbraith's countervailing power;
 * calibration §3 fact 6: VRAE $1.02/kg against a national $2.2 in 2003). An oversupplied valley,
 * where harvest exceeds what the buyers present can take, pays less again.
 */

/**
 * The markdown below the competitive price, 0..0.9.
 * @param coercionMax markdown a sole, armed buyer imposes on unorganised farmers
 * @param concentration 1 when buyers act as one (a held cartel), else the Herfindahl index of their capacities
 * @param armedBacking 0..1: hitmen and armed protection behind the buyers (0.5 = ordinary)
 * @param bargaining how far full association membership cuts the markdown
 * @param associationShare share of the region's households in an association
 * @example coercionMarkup(0.45, 1, 0.5, 0.6, 0) // a cartel over unorganised growers: 0.45
 */
export function coercionMarkup(
  coercionMax: number,
  concentration: number,
  armedBacking: number,
  bargaining: number,
  associationShare: number,
): number {
  const armed = 0.5 + armedBacking;
  const m = coercionMax * concentration * armed * (1 - bargaining * associationShare);
  return Math.min(0.9, Math.max(0, m));
}

/** Herfindahl index of a set of capacities (1 for a single buyer, 1/n for n equal ones). */
export function herfindahl(capacities: ArrayLike<number>, n: number): number {
  let total = 0;
  for (let k = 0; k < n; k++) total += capacities[k];
  if (total <= 0) return 1;
  let h = 0;
  for (let k = 0; k < n; k++) h += (capacities[k] / total) ** 2;
  return h;
}

/** Discount for a valley whose harvest exceeds what its buyers can take. */
export function oversupplyDiscount(supplyKg: number, capacityKg: number): number {
  return supplyKg > capacityKg && supplyKg > 0 ? Math.sqrt(capacityKg / supplyKg) : 1;
}

/**
 * Armed backing of the buyers in each region (0..1): the control of an armed group that
 * protects a firma present there, and the firmas' own hitmen.
 */
export function armedBacking(
  groups: readonly { id: string; control: Float64Array }[],
  present: readonly { protector: string; hitmen: number }[][],
  coercionPerHitman: number,
  out: Float64Array,
): void {
  for (let r = 0; r < present.length; r++) {
    let b = 0;
    for (const g of groups) {
      if (g.control[r] > 0 && present[r].some((f) => f.protector === g.id)) b += 0.5 * g.control[r];
    }
    for (const f of present[r]) b += f.hitmen * coercionPerHitman;
    out[r] = Math.min(1, b);
  }
}
