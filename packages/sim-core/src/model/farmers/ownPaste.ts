/**
 * Growers' own paste: the outside option that bounds how far buyers can mark the leaf down. A
 * grower who does not like the price the valley's buyers bid can macerate the leaf in a pit on the
 * farm (kerosene, lime, acid) and carry the paste to a buyer: paste weighs a few thousandths of the
 * leaf (docs/sources.md §2.3) and keeps, so it reaches buyers the leaf cannot, and a buyer pays for
 * it what the leaf in it is worth to him plus the processing it saves him. The grower's pit works
 * at a cost the buyers' labs do not bear (small batches, precursors bought dear, the carrying), so
 * the leaf is worth to its grower at least the buyers' netback less that cost
 * (`farmers.ownPasteCostUsdKg`). Colombia's growers count paste-making among their costs and are
 * quoted paste prices (docs/sources.md §2.8); 2004's prices leave Peru's leaf within cents of what
 * a buyer with no margin could pay (data/conversion.csv), where a monopsony with no floor would
 * mark it down by a third (priceCoercion.ts).
 *
 * The paste needs a buyer too, and only the valley's buyers hold its exits: where their capacity
 * takes only part of the leaf on offer, a grower's paste finds a buyer with that chance, so the
 * option is worth that share of itself (when the exits are cut, as in 1995, paste and leaf fall
 * together: docs/sources.md §3 fact 1).
 *
 * An armed group that holds a valley closes the option in proportion to its control: it lives on
 * the trade it protects (protection.ts) and polices who sells to whom, so a grower there sells leaf
 * to the buyers it protects, at their price (the article: traffickers, protected by SL, force
 * farmers to sell cheap). That is how the VRAEM's discount arises where SL held the valleys.
 *
 * The floor enters the buyers' game as growers' reservation price: growers' inverse supply becomes
 * w(Q) = p₀ + (v̄ − p₀)(Q/S)^(1/ε), the monopsony of priceCoercion.ts on the margin above p₀.
 */
import { armedControl, type World } from '../world.ts';

/**
 * What a kilo of leaf is worth to its grower in region r as paste of his own (USD/kg) when the
 * valley's buyers net `netback` on it and can take `capacityKg` of the `offeredKg` on offer: the
 * netback less the pit's extra cost, as far as the valley's armed control leaves the trade open
 * and the buyers' capacity finds the paste a buyer; never more than the netback, never below zero.
 */
export function ownPasteValue(world: World, r: number, netback: number, capacityKg: number, offeredKg: number): number {
  const open = 1 - armedControl(world, r);
  const sold = offeredKg > capacityKg ? capacityKg / offeredKg : 1;
  return open * sold * Math.max(0, netback - world.scenario.farmers.ownPasteCostUsdKg);
}
