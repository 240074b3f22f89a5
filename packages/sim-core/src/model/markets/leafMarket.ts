/**
 * The leaf market, per region and month. The harvest plus unsold stock (which spoils) meets,
 * first, the small legal market at its fixed price (ENACO in Peru, the legal catos in Bolivia;
 * calibration §2.3: ~9,000 t a year), then the firmas present in the valley. The price they pay
 * follows the coercion rule (priceCoercion.ts) and the state of the buyers' game
 * (buyersGame.ts): a held agreement prices as one buyer; a broken one as separate buyers, with
 * defectors bidding above the rest and served first. Leaf balances exactly:
 * harvest + stock before = legal + firmas + spoiled + stock after.
 */
import type { World, Firma } from '../world.ts';
import { coercionMarkup, herfindahl, oversupplyDiscount } from './priceCoercion.ts';
import { chooseAction, stageCriticalDiscount } from '../firmas/buyersGame.ts';
import { associationShare } from '../farmers/associations.ts';

/** Firmas present (alive and buying) in each region, in firma order. */
export function presentFirmas(world: World): Firma[][] {
  const lists: Firma[][] = world.regionIds.map(() => []);
  for (const f of world.firmas) if (f.alive) for (const r of f.regions) lists[r].push(f);
  return lists;
}

/** What firma `f` can buy in region `r` this month (kg of leaf). */
export function buyingCapacity(world: World, f: Firma, r: number): number {
  return f.capacityShare * world.startSupplyKg[r] * f.buyLimit;
}

/**
 * The buyers of a valley: each one's capacity into `caps`, their total, and the competitive
 * price — the capacity-weighted netback of a kilo of leaf (0 with no buyer).
 */
function valleyBuyers(world: World, list: readonly Firma[], r: number, caps: Float64Array): { total: number; pc: number } {
  let total = 0;
  let pc = 0;
  for (let k = 0; k < list.length; k++) {
    caps[k] = buyingCapacity(world, list[k], r);
    total += caps[k];
    pc += caps[k] * list[k].netbackLeaf;
  }
  return { total, pc: total > 0 ? Math.max(0, pc / total) : 0 };
}

/**
 * Choose each firma's action in the buyers' game, then clear every region's leaf market.
 * @param backing armed backing of the buyers per region (0..1), from protection and hitmen
 */
export function clearLeafMarkets(world: World, present: readonly Firma[][], backing: Float64Array): void {
  const { regions, scenario } = world;
  const fs = scenario.firmas;
  const nR = world.regionIds.length;
  // One slot a firma: every firma could buy in one valley.
  const caps = new Float64Array(world.firmas.length);

  // --- actions: each firma plays the same action everywhere; adaptive ones read their largest valley ---
  for (const f of world.firmas) f.deltaStar = 0;
  for (let r = 0; r < nR; r++) {
    const list = present[r];
    if (list.length < 2) continue;
    const reg = scenario.regions[world.regionIds[r]];
    const supply = regions.harvestKg[r] + regions.leafStockKg[r] * (1 - scenario.market.spoilagePerMonth);
    const q = Math.max(0, supply - (reg.legalMarket.tonnesPerYear * 1000) / 12);
    const { total, pc } = valleyBuyers(world, list, r, caps);
    const assoc = associationShare(regions, r);
    const os = oversupplyDiscount(q, total);
    const pm = pc * (1 - coercionMarkup(fs.coercionMax, 1, backing[r], reg.association.bargainingPower, assoc)) * os;
    const pw = pc * (1 - coercionMarkup(fs.coercionMax, herfindahl(caps, list.length), backing[r], reg.association.bargainingPower, assoc)) * os;
    for (let k = 0; k < list.length; k++) {
      const f = list[k];
      const c = caps[k];
      const fair = total > 0 ? Math.min(c, (q * c) / total) : 0;
      const v = f.netbackLeaf;
      const R = (v - pm) * fair;
      const T = (v - pm * (1 + fs.defectPremium)) * Math.min(c, q);
      const P = (v - pw) * fair;
      f.deltaStar = Math.max(f.deltaStar, stageCriticalDiscount(R, T, P));
    }
  }
  for (const f of world.firmas) if (f.alive) f.cooperating = chooseAction(fs.strategy, f, fs.patience, f.deltaStar, fs.priceWarMonths);

  // --- clearing ---
  for (const f of world.firmas) {
    f.boughtKg.fill(0);
    f.paidUsd.fill(0);
  }
  for (let r = 0; r < nR; r++) {
    const reg = scenario.regions[world.regionIds[r]];
    regions.leafStockStartKg[r] = regions.leafStockKg[r];
    const spoiled = regions.leafStockKg[r] * scenario.market.spoilagePerMonth;
    regions.spoiledKg[r] = spoiled;
    const supply = regions.harvestKg[r] + regions.leafStockKg[r] - spoiled;
    const legal = Math.min(supply, (reg.legalMarket.tonnesPerYear * 1000) / 12);
    let q = supply - legal;
    let revenue = legal * reg.legalMarket.priceUsdKg;
    const list = present[r];
    const { total, pc } = valleyBuyers(world, list, r, caps);
    const allCoop = list.every((f) => f.cooperating);
    const assoc = associationShare(regions, r);
    const conc = list.length === 0 ? 1 : allCoop ? 1 : herfindahl(caps, list.length);
    const markup = coercionMarkup(fs.coercionMax, conc, backing[r], reg.association.bargainingPower, assoc);
    const price = pc * (1 - markup) * oversupplyDiscount(q, total);
    let bought = 0;
    // Defectors bid above the agreed price and are served first.
    for (let k = 0; k < list.length && q > 0; k++) {
      const f = list[k];
      if (f.cooperating) continue;
      const p = Math.min(Math.max(price, f.netbackLeaf), price * (1 + fs.defectPremium));
      const kg = Math.min(caps[k], q);
      f.boughtKg[r] += kg;
      f.paidUsd[r] += kg * p;
      q -= kg;
      bought += kg;
      revenue += kg * p;
      caps[k] = 0;
    }
    // The rest share what is left by capacity.
    let coopCap = 0;
    for (let k = 0; k < list.length; k++) coopCap += caps[k];
    if (coopCap > 0 && q > 0) {
      const share = Math.min(1, q / coopCap);
      for (let k = 0; k < list.length; k++) {
        if (caps[k] === 0) continue;
        const kg = caps[k] * share;
        list[k].boughtKg[r] += kg;
        list[k].paidUsd[r] += kg * price;
        bought += kg;
        revenue += kg * price;
      }
      q -= Math.min(q, coopCap);
    }
    regions.legalSoldKg[r] = legal;
    regions.firmSoldKg[r] = bought;
    regions.leafStockKg[r] = Math.max(0, supply - legal - bought);
    regions.leafRevenue[r] = revenue;
    const sold = legal + bought;
    regions.leafPrice[r] = sold > 0 ? revenue / sold : price;
    // Expectations farmers carry into their next decisions.
    regions.priceExpect[r] = 0.8 * regions.priceExpect[r] + 0.2 * regions.leafPrice[r];
    const sellShare = supply > 0 ? sold / supply : 1;
    regions.sellExpect[r] = 0.8 * regions.sellExpect[r] + 0.2 * sellShare;
  }
}
