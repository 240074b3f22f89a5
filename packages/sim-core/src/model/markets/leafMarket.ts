/**
 * The leaf market, per region and month. The harvest plus unsold stock (which spoils) meets,
 * first, the small legal market at its fixed price (ENACO in Peru, the legal catos in Bolivia;
 * calibration §2.3: ~9,000 t a year), then the firmas present in the valley, who bid as Cournot
 * monopsonists with capacity limits (priceCoercion.ts) in the state the buyers' game leaves them
 * (buyersGame.ts): at peace, those who hold the agreement buy their quota of the cartel's
 * quantity and those who defect their best response to it; in a price war, all play the stage
 * game. The whole game is played on the margin above what the leaf is worth to growers as their
 * own paste (ownPaste.ts: their reservation price p₀): every netback enters it less p₀, and
 * growers are paid p₀ plus the price it forms — so a harvest's swings move the price signal on
 * that margin, as they move the supply curve above p₀. Organised growers then bargain part of the
 * markdown back. After the market every firma in a valley sees the same noisy price signal, and a
 * signal above the trigger starts a war.
 * The cartel's quotas split its rent over the war's profits equally (cartelQuotas).
 * Leaf balances exactly: harvest + stock before = legal + firmas + spoiled + stock after.
 */
import type { World, Firma } from '../world.ts';
import { cournotMonopsony, loneDeviation, nashBargainedPrice, supplyAt } from './priceCoercion.ts';
import { holdsAgreement, warLength, bestTrigger, valleyCriticalDiscount } from '../firmas/buyersGame.ts';
import { associationShare } from '../farmers/associations.ts';
import { ownPasteValue } from '../farmers/ownPaste.ts';
import { normal } from '../../engine/rng.ts';

/**
 * Firmas present (alive and buying) in each region, in firma order: into `lists` (a tick's
 * scratch, emptied and refilled every month, so the lists are not allocated anew) when given.
 */
export function presentFirmas(world: World, lists: Firma[][] = []): Firma[][] {
  const nR = world.regionIds.length;
  for (let r = 0; r < nR; r++) {
    if (r < lists.length) lists[r].length = 0;
    else lists.push([]);
  }
  lists.length = nR;
  for (const f of world.firmas) if (f.alive) for (const r of f.regions) lists[r].push(f);
  return lists;
}

/** What firma `f` can buy in region `r` this month (kg of leaf). */
export function buyingCapacity(world: World, f: Firma, r: number): number {
  return f.capacityShare * world.startSupplyKg[r] * f.buyLimit;
}

/** A grim trigger's war, in months (finite, so a snapshot's JSON keeps it). */
const FOREVER = 2147483648; // 2^31

/** Hitmen at which the divide-and-rule stir on the price signal is at its full strength. */
const STIR_HITMEN = 20;
/** How much noise full divide-and-rule adds to the price signal (relative sd). */
const STIR_NOISE = 0.1;

/** Scratch a valley's market reuses (one slot a buyer), grown when buyers multiply. */
let cap = new Float64Array(16);
let val = new Float64Array(16);
let q = new Float64Array(16);
let quota = new Float64Array(16);
let payR = new Float64Array(16);
let payT = new Float64Array(16);
let payP = new Float64Array(16);
let devPrice = new Float64Array(16);
let free: boolean[] = [];
const one = new Float64Array(1);
const oneV = new Float64Array(1);
const oneCap = new Float64Array(1);
const ALL_FREE = [true];

function ensure(n: number): void {
  if (cap.length >= n) return;
  const m = Math.max(n, 2 * cap.length);
  cap = new Float64Array(m);
  val = new Float64Array(m);
  q = new Float64Array(m);
  quota = new Float64Array(m);
  payR = new Float64Array(m);
  payT = new Float64Array(m);
  payP = new Float64Array(m);
  devPrice = new Float64Array(m);
}

/**
 * Split the cartel's quantity `Q` among its members into `quota`: each gets its profit in the
 * price war plus an equal share of the rent the agreement adds to the war's (a Nash bargaining
 * split among the buyers with the war as the disagreement point; Schmalensee 1987, Harrington
 * 1991), bought at the agreed price `agreed`, within its capacity. With no rent to share, or a
 * member whose netback does not beat the agreed price, quotas go by capacity. Reads `val`, `cap`
 * and `payP` of the valley.
 */
function cartelQuotas(n: number, Q: number, agreed: number, rent: number, total: number): void {
  let sum = 0;
  let ok = rent > 0;
  for (let k = 0; k < n && ok; k++) {
    const margin = val[k] - agreed;
    if (margin <= 0) ok = false;
    else {
      quota[k] = Math.min(cap[k], (payP[k] + rent / n) / margin);
      sum += quota[k];
    }
  }
  if (ok && sum > 0) for (let k = 0; k < n; k++) quota[k] = Math.min(cap[k], (quota[k] * Q) / sum);
  else for (let k = 0; k < n; k++) quota[k] = (Q * cap[k]) / total;
}

/**
 * Clear every region's leaf market: the buyers' actions, their bids, the growers' bargain, the
 * purchases, and the public signal that may start a price war.
 */
export function clearLeafMarkets(world: World, present: readonly Firma[][]): void {
  const { regions, scenario } = world;
  const fs = scenario.firmas;
  const eps = fs.leafSupplyElasticity;
  const war = warLength(fs.strategy, fs.priceWarMonths);
  // The war a firma weighs when it asks whether to hold: its own strategy's, or for the fixed
  // strategies the scenario's price-war length (what an adaptive rival would wage).
  const weighed = war > 0 ? war : fs.priceWarMonths;
  const rand = world.streams.firmas;
  const nR = world.regionIds.length;

  for (const f of world.firmas) {
    f.boughtKg.fill(0);
    f.paidUsd.fill(0);
    f.cooperating = true;
  }
  for (let r = 0; r < nR; r++) {
    const reg = scenario.regions[world.regionIds[r]];
    regions.leafStockStartKg[r] = regions.leafStockKg[r];
    const spoiled = regions.leafStockKg[r] * scenario.market.spoilagePerMonth;
    regions.spoiledKg[r] = spoiled;
    const supply = regions.harvestKg[r] + regions.leafStockKg[r] - spoiled;
    const legal = Math.min(supply, (reg.legalMarket.tonnesPerYear * 1000) / 12);
    const s = supply - legal;
    let revenue = legal * reg.legalMarket.priceUsdKg;
    const list = present[r];
    const n = list.length;
    ensure(n);
    let total = 0;
    let vref = 0;
    let hitmen = 0;
    for (let k = 0; k < n; k++) {
      cap[k] = buyingCapacity(world, list[k], r);
      val[k] = list[k].netbackLeaf;
      total += cap[k];
      vref += cap[k] * val[k];
      hitmen += list[k].hitmen;
    }
    vref = total > 0 ? Math.max(0, vref / total) : 0;
    // Growers' reservation price: from here on netbacks and prices are margins above it.
    const p0 = ownPasteValue(world, r, vref, total, s);
    vref -= p0;
    for (let k = 0; k < n; k++) val[k] -= p0;
    const bargaining = reg.association.bargainingPower;
    const assoc = associationShare(regions, r);
    // The public signal's noise: harvest swings and rumours, and hitmen who serve several firmas
    // and stir suspicion between them (divide and rule) — the more rivals, the likelier a hitman
    // also works for one of them (1 − 1/n).
    const noise = n > 1 ? fs.monitoringNoise + fs.hitmen.divideAndRule * STIR_NOISE * Math.min(1, hitmen / STIR_HITMEN) * (1 - 1 / n) : 0;
    regions.cartelHeld[r] = 0;
    regions.cartelDeltaStar[r] = 0;
    let w = 0;
    let agreedPrice = 0;
    let triggerPrice = Infinity;
    const atWar = regions.cartelWar[r] > 0;
    let kept = false;
    if (n > 0 && vref > 0 && s > 0) {
      if (n === 1) {
        free[0] = true;
        w = cournotMonopsony(s, vref, eps, 1, val, cap, ALL_FREE, q);
      } else {
        // The war: everyone free (the stage game's Cournot equilibrium), P for each.
        for (let k = 0; k < n; k++) free[k] = true;
        const pC = nashBargainedPrice(cournotMonopsony(s, vref, eps, n, val, cap, free, q), vref, bargaining, assoc);
        let warProfit = 0;
        for (let k = 0; k < n; k++) {
          payP[k] = (val[k] - pC) * q[k];
          warProfit += payP[k];
        }
        // The cartel: one buyer with the valley's netback and all its capacity.
        oneV[0] = vref;
        oneCap[0] = total;
        const wM = cournotMonopsony(s, vref, eps, 1, oneV, oneCap, ALL_FREE, one);
        agreedPrice = nashBargainedPrice(wM, vref, bargaining, assoc);
        cartelQuotas(n, one[0], agreedPrice, Math.max(0, vref - agreedPrice) * one[0] - warProfit, total);
        // Each firma's lone deviation from its quota: T, and the price it would cause.
        let quotas = 0;
        for (let k = 0; k < n; k++) quotas += quota[k];
        for (let k = 0; k < n; k++) {
          devPrice[k] = nashBargainedPrice(loneDeviation(s, vref, eps, val[k], cap[k], quotas - quota[k], one), vref, bargaining, assoc);
          payR[k] = (val[k] - agreedPrice) * quota[k];
          payT[k] = (val[k] - devPrice[k]) * one[0];
        }
        regions.cartelDeltaStar[r] = valleyCriticalDiscount(weighed, noise, agreedPrice, n, payR, payT, payP, devPrice);
        // The cartel's trigger: the highest its members' incentives allow at their patience (none
        // where no firma gains by defecting: there is nothing to watch for).
        let gains = false;
        for (let k = 0; k < n; k++) if (payT[k] > payR[k]) gains = true;
        if (gains && war > 0) {
          triggerPrice = bestTrigger(fs.patience, war, noise, agreedPrice, n, payR, payT, payP, devPrice);
          // Strategies that do not weigh incentives still watch, at two standard deviations.
          if (Number.isNaN(triggerPrice)) triggerPrice = agreedPrice * (1 + 2 * noise);
        }
        // This month's actions: in a war every firma plays the stage game; at peace each decides.
        let allHold = !atWar;
        for (let k = 0; k < n; k++) {
          free[k] = atWar || !holdsAgreement(fs.strategy, fs.patience, regions.cartelDeltaStar[r]);
          if (free[k]) {
            allHold = false;
            list[k].cooperating = false;
          } else kept = true;
          q[k] = quota[k];
        }
        if (allHold) {
          w = wM;
          regions.cartelHeld[r] = 1;
        } else w = cournotMonopsony(s, vref, eps, n, val, cap, free, q);
      }
    } else for (let k = 0; k < n; k++) q[k] = 0;

    // Organised growers bargain part of the markdown back, and offer more leaf at the better price;
    // buyers for whom it still pays take it, up to their capacity.
    const price = n > 0 && vref > 0 ? nashBargainedPrice(w, vref, bargaining, assoc) : 0;
    let bought = 0;
    for (let k = 0; k < n; k++) bought += q[k];
    const offered = n > 0 && vref > 0 ? supplyAt(price, s, vref, eps) : 0;
    if (offered > bought) {
      let room = 0;
      for (let k = 0; k < n; k++) if (val[k] > price) room += cap[k] - q[k];
      const share = room > 0 ? Math.min(1, (offered - bought) / room) : 0;
      for (let k = 0; k < n; k++) if (val[k] > price) q[k] += (cap[k] - q[k]) * share;
    }
    bought = 0;
    for (let k = 0; k < n; k++) {
      const kg = Math.min(q[k], s - bought);
      if (kg <= 0) continue;
      list[k].boughtKg[r] += kg;
      list[k].paidUsd[r] += kg * (p0 + price);
      bought += kg;
      revenue += kg * (p0 + price);
    }

    // The public signal: the valley's price as every firma there sees it.
    if (n > 1) {
      const signal = price * (1 + noise * normal(rand));
      // Only an agreement someone kept can be betrayed: where all bought openly, nobody watches.
      if (atWar) regions.cartelWar[r]--;
      else if (war > 0 && kept && signal > triggerPrice) regions.cartelWar[r] = Math.min(war, FOREVER);
    } else regions.cartelWar[r] = 0;

    regions.legalSoldKg[r] = legal;
    regions.firmSoldKg[r] = bought;
    regions.leafStockKg[r] = Math.max(0, supply - legal - bought);
    regions.leafRevenue[r] = revenue;
    const sold = legal + bought;
    regions.leafPrice[r] = sold > 0 ? revenue / sold : p0 + price;
    // Expectations farmers carry into their next decisions.
    regions.priceExpect[r] = 0.8 * regions.priceExpect[r] + 0.2 * regions.leafPrice[r];
    const sellShare = supply > 0 ? sold / supply : 1;
    regions.sellExpect[r] = 0.8 * regions.sellExpect[r] + 0.2 * sellShare;
  }
}
