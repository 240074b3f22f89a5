/**
 * Firmas, the trafficking organisations (calibration §2.6: about a dozen, local family clans
 * selling onward). Each month, after buying leaf (leafMarket.ts), a firma turns it into HCl
 * (`leafKgPerKgHcl` kilos of leaf a kilo, §2.3), buys protection where an armed group controls
 * its valleys (protection.ts), ships by its routes (interdiction.ts), sells at the origin export
 * price and pays its hitmen. Then the month's choices that are not about leaf: where no armed
 * group keeps order the firmas of a valley contest each other's rents with hitmen (a Tullock
 * contest), and each decides how many hitmen to keep next month, while a group in control kills
 * or drives its hitmen out (the article: SL nearly eliminated the firmas' hired killers, which
 * is part of why they depend on it); and they buy officials (corruption.ts). It is dismantled
 * when its cash runs out or an arrest takes it; new firmas enter when margins are high.
 * Cocaine balances: produced = exported + seized + predated + stock change; the rents taken by
 * force are lost by one firma and won by another.
 *
 * Before the leaf market a firma plans its buying against what its routes can carry this month
 * (planPurchases): when the state closes its exits it stops buying at once and sheds the network
 * it cannot use, and when they reopen it rebuilds that network slowly; no new firma sets up where
 * the exits are closed, and one that enters starts where its country's firmas stand. That is how a cut route reaches the farm gate (calibration §3 fact 1,
 * Peru's air bridge 1995–99: the leaf price fell by more than 60% within months, hectares fell,
 * and when other routes opened the price recovered to about two thirds and planting resumed
 * within 2–4 years; NYT/IHT 1999, AP 2001, Chicago Tribune 1997).
 */
import type { World, Firma } from '../world.ts';
import { COUNTRIES, type Country } from '../../scenario/schema.ts';
import { ROUTES, seizureChance, allocateShipment, resolveSeizures } from '../state/interdiction.ts';
import { strongestGroup, buysProtection } from '../armed/protection.ts';
import { addFirma } from '../setup.ts';
import { stateOf } from '../state/state.ts';
import { armedControl, corridorEscort } from '../armed/territory.ts';
import { buyOfficials } from '../state/corruption.ts';
import { atConversion, processingCostUsdKg } from './processing.ts';

const scratchCosts = new Float64Array(3);
const scratchCaps = new Float64Array(3);
const scratchP = new Float64Array(3);
const scratchKg = new Float64Array(4);

/** The HCl a firma produces in a normal month (kg): what its routes are sized against. */
export function normalOutputKg(world: World, f: Firma): number {
  let leaf = 0;
  for (const r of f.regions) leaf += f.capacityShare * world.startSupplyKg[r];
  return leaf / world.scenario.market.leafKgPerKgHcl;
}

/** Average of a region column over a firma's valleys. */
function overRegions(f: Firma, col: Float64Array): number {
  let s = 0;
  for (const r of f.regions) s += col[r];
  return s / f.regions.length;
}

/** What route k can carry this month (kg of HCl) for a firma of `country` whose normal output is `normal`, as far as its state leaves the route open. */
function routeCapKg(world: World, country: Country, k: number, normal: number): number {
  return world.scenario.firmas.routes[ROUTES[k]].capacityShare * normal * (world.scenario.states[country]?.routes[ROUTES[k]] ?? 1);
}

/** What a firma's routes can carry this month (kg of HCl), with the routes its state leaves open. */
function routeCapacityKg(world: World, country: Country, normal: number): number {
  let cap = 0;
  for (let k = 0; k < 3; k++) cap += routeCapKg(world, country, k, normal);
  return cap;
}

/**
 * Before the leaf market: how much of its buying capacity each live firma uses this month
 * (`buyLimit`). It buys no more than its routes, as the state leaves them open this month, can
 * carry beyond the stock it already holds: when its exits are cut it stops buying at once,
 * laying off the collectors and labs it cannot use. When they reopen it rebuilds that network
 * by at most `firmas.rebuildPerMonth` of its capacity a month (new exit contacts, collectors,
 * labs, precursors), and an entrant starts where they stand, so the valley's buyers come back
 * over years, not in a month (calibration
 * §3 fact 1: after Peru's air bridge was cut the leaf price recovered to about two thirds, and
 * planting resumed within 2–4 years). With routes that never bind, as in the baseline, this is 1.
 */
export function planPurchases(world: World): void {
  const rebuild = world.scenario.firmas.rebuildPerMonth;
  for (const f of world.firmas) {
    if (!f.alive) continue;
    const normal = normalOutputKg(world, f);
    const room = normal > 0 ? Math.min(1, Math.max(0, (routeCapacityKg(world, f.country, normal) - f.stockKg) / normal)) : 0;
    f.buyLimit = room <= f.buyLimit ? room : Math.min(room, f.buyLimit + rebuild);
  }
}

/**
 * Process, protect, ship, sell and account for every live firma; attribute its flows to its
 * valleys by the leaf it bought in each.
 */
export function firmasMonth(world: World): void {
  const { scenario, regions, market } = world;
  const fs = scenario.firmas;
  const leafPerKg = scenario.market.leafKgPerKgHcl;
  const price = market.price;
  const processingPerKg = processingCostUsdKg(world);
  const rand = world.streams.interdiction;
  const routes = fs.routes;
  market.exportedKg = 0;

  for (const f of world.firmas) {
    if (!f.alive) continue;
    const st = stateOf(world, f.country);
    const interdiction = st ? st.interdiction : 0;
    const erosion = (scenario.states[f.country]?.corruption.erosion ?? 0) * overRegions(f, regions.corruption);
    let leaf = 0;
    let leafCost = 0;
    for (const r of f.regions) {
      leaf += f.boughtKg[r];
      leafCost += f.paidUsd[r];
    }
    const produced = leaf / leafPerKg;
    f.stockKg += produced;
    world.balance.producedKg += produced;

    // Protection covers the leaf that leaves through the group's territory: shipments from a
    // valley it holds even partly pass its corridors (§2.5: SL taxed most of the VRAEM's output).
    // Its escorts cut seizures on those kilos only as far as they hold the corridors against the
    // state's forces (territory.ts, escortShare): what protection is worth to the firma.
    const { group } = strongestGroup(world, f);
    const { through: control, escorted } = group ? corridorEscort(world, f, group) : { through: 0, escorted: 0 };
    const gp = group ? scenario.armedGroups[group.id] : undefined;
    const protEffect = gp ? gp.protectionEffect * escorted : 0;
    let avoided = 0;
    for (let k = 0; k < 3; k++) {
      const rt = routes[ROUTES[k]];
      if (rt.armedCorridor) avoided = Math.max(avoided, seizureChance(rt, interdiction, erosion, 0) * protEffect * price);
    }
    f.protectionValue = avoided;
    const protectedNow = group !== null && buysProtection(group, f, avoided, fs.protection);
    f.protector = protectedNow ? group!.id : '';
    if (f.refuseMonths > 0) f.refuseMonths--;

    // Routes: cost per kilo including expected seizure and fee; capacity against normal output.
    const normal = normalOutputKg(world, f);
    for (let k = 0; k < 3; k++) {
      const rt = routes[ROUTES[k]];
      const prot = protectedNow && rt.armedCorridor ? protEffect : 0;
      scratchP[k] = seizureChance(rt, interdiction, erosion, prot);
      scratchCosts[k] = rt.costUsdKg + scratchP[k] * price + (protectedNow && rt.armedCorridor ? group!.fee : 0);
      scratchCaps[k] = routeCapKg(world, f.country, k, normal);
    }
    allocateShipment(f.stockKg, scratchCosts, scratchCaps, fs.routeChoiceSpreadUsdKg, scratchKg);
    let seized = 0;
    let corridorKg = 0;
    let transport = 0;
    let shipped = 0;
    let expectedLoss = 0;
    for (let k = 0; k < 3; k++) {
      const rt = routes[ROUTES[k]];
      const kg = scratchKg[k];
      if (kg <= 0) continue;
      shipped += kg;
      transport += kg * rt.costUsdKg;
      expectedLoss += kg * scratchP[k];
      const s = resolveSeizures(rand, kg, rt.loadKg, scratchP[k]);
      seized += s;
      if (rt.armedCorridor) corridorKg += (kg - s) * control;
    }
    let predated = 0;
    let fees = 0;
    if (protectedNow) {
      fees = group!.fee * corridorKg;
      if (group!.predating) {
        predated = gp!.predationShare * corridorKg;
        f.refuseMonths = gp!.reconcileMonths;
        group!.predatedValue += predated * price;
      }
      group!.feeIncome += fees;
      group!.protectedValue += corridorKg * price;
      world.balance.feesPaid += fees;
    }
    const exported = shipped - seized - predated;
    // No rounding of dust to zero: every microgram stays in the books (the cocaine balance).
    f.stockKg = Math.max(0, f.stockKg - shipped);
    market.exportedKg += exported;
    world.balance.exportedKg += exported;
    world.balance.seizedKg += seized;
    world.balance.predatedKg += predated;

    const revenue = exported * price;
    const processing = produced * processingPerKg;
    const hitmenCost = f.hitmen * fs.hitmen.costUsdMonth;
    const profit = revenue - leafCost - processing - transport - fees - hitmenCost;
    f.cash += profit;
    f.profit = profit;
    f.seizureLossUsd = expectedLoss * price;
    if (exported > 0) f.marginPerKg = 0.9 * f.marginPerKg + (0.1 * profit) / exported;

    // What a kilo of leaf is worth to it next month, and how much it can take on.
    const lossShare = shipped > 0 ? (expectedLoss + predated) / shipped : scratchP[1];
    const transportPerKg = shipped > 0 ? transport / shipped : routes.road.costUsdKg;
    const feePerKg = shipped > 0 ? fees / shipped : 0;
    f.netbackLeaf = Math.max(0, (price * (1 - lossShare) - processingPerKg - transportPerKg - feePerKg) / leafPerKg);

    // Attribute to valleys by leaf bought.
    for (const r of f.regions) {
      const share = leaf > 0 ? f.boughtKg[r] / leaf : 1 / f.regions.length;
      regions.cocaineKg[r] += produced * share;
      regions.seizedKg[r] += seized * share;
      regions.firmaProfit[r] += profit * share;
      regions.protectionPaid[r] += fees * share;
      if (protectedNow) regions.protectedKg[r] += corridorKg * share;
    }
  }
  contestRents(world);
  armFirmas(world);
  buyOfficials(world);
  // Dismantled by losses or by an arrest: what it held is seized.
  for (const f of world.firmas) {
    if (!f.alive) continue;
    const st = stateOf(world, f.country);
    if (f.cash < fs.exitCashUsd || world.streams.firmas() < fs.arrestRate * (st ? st.interdiction : 0)) dismantle(world, f);
  }
  entry(world);
}

/** Hitmen-equivalents a firma fights with when it hires none (its family's own guns): rents split evenly among unarmed rivals. */
const OWN_GUNS = 0.5;

/** Scratch by region: the rent contested by force this month, and the contenders' total strength. */
let pool = new Float64Array(0);
let strength = new Float64Array(0);
let contenders = new Float64Array(0);

/** The share of a firma's month that came from valley r (by leaf bought). */
function leafShare(f: Firma, r: number): number {
  let leaf = 0;
  for (const k of f.regions) leaf += f.boughtKg[k];
  return leaf > 0 ? f.boughtKg[r] / leaf : 1 / f.regions.length;
}

/**
 * Where no armed group keeps order, the firmas of a valley take each other's rents by force: a
 * share `contestedShare` of each one's margin there, times the share of the valley no group
 * controls, goes into a pool that they win in proportion to their hitmen (a Tullock contest,
 * Tullock 1980; Skaperdas 1996). What one loses another wins.
 */
function contestRents(world: World): void {
  const { regions } = world;
  const nR = world.regionIds.length;
  const hit = world.scenario.firmas.hitmen;
  if (pool.length !== nR) {
    pool = new Float64Array(nR);
    strength = new Float64Array(nR);
    contenders = new Float64Array(nR);
  }
  pool.fill(0);
  strength.fill(0);
  contenders.fill(0);
  for (const f of world.firmas) {
    if (!f.alive) continue;
    for (const r of f.regions) {
      contenders[r]++;
      strength[r] += f.hitmen + OWN_GUNS;
    }
  }
  for (const f of world.firmas) {
    if (!f.alive) continue;
    for (const r of f.regions) {
      if (contenders[r] < 2) continue;
      const take = hit.contestedShare * (1 - armedControl(world, r)) * Math.max(0, f.profit * leafShare(f, r));
      pool[r] += take;
    }
  }
  for (const f of world.firmas) {
    if (!f.alive) continue;
    let net = 0;
    for (const r of f.regions) {
      if (contenders[r] < 2 || pool[r] <= 0) continue;
      const lost = hit.contestedShare * (1 - armedControl(world, r)) * Math.max(0, f.profit * leafShare(f, r));
      const won = (pool[r] * (f.hitmen + OWN_GUNS)) / strength[r];
      regions.firmaProfit[r] += won - lost;
      world.balance.rentLost += lost;
      world.balance.rentWon += won;
      net += won - lost;
    }
    f.cash += net;
    f.profit += net;
  }
}

/**
 * The rent one more hitman wins a firma with `h` hitmen over its valleys' contests, where its
 * strength now is `own` (Tullock's marginal product, summed; reads the month's pool, strength
 * and contenders). A function of the module rather than a closure a firma and month.
 */
function marginalRent(valleys: readonly number[], own: number, h: number): number {
  let m = 0;
  for (const r of valleys) {
    if (contenders[r] < 2 || pool[r] <= 0) continue;
    const rivals = strength[r] - own;
    const guns = h + OWN_GUNS + rivals;
    m += (pool[r] * rivals) / (guns * guns);
  }
  return m;
}

/**
 * Each firma sets next month's hitmen as its best response in the contests of its valleys, given
 * its rivals' hitmen and this month's contested rents: the h at which one more hitman wins as much
 * rent as he costs, Σ_r pool_r·H₋ᵢ,r / (h + H₋ᵢ,r)² = wage (the Tullock first-order condition). It
 * lays off at once and recruits at most `hirePerMonth` a month. Then an armed group in control
 * of its valleys kills or drives out a share `suppression × control` of them.
 */
function armFirmas(world: World): void {
  const { regions } = world;
  const hit = world.scenario.firmas.hitmen;
  const wage = Math.max(1e-9, hit.costUsdMonth);
  regions.hitmen.fill(0);
  for (const f of world.firmas) {
    if (!f.alive) continue;
    const own = f.hitmen + OWN_GUNS;
    let target = 0;
    if (marginalRent(f.regions, own, 0) > wage) {
      let lo = 0;
      let hi = 1;
      while (marginalRent(f.regions, own, hi) > wage && hi < 1e6) hi *= 2;
      for (let i = 0; i < 50; i++) {
        const mid = 0.5 * (lo + hi);
        if (marginalRent(f.regions, own, mid) > wage) lo = mid;
        else hi = mid;
      }
      target = lo;
    }
    f.hitmen = target <= f.hitmen ? target : Math.min(target, f.hitmen + hit.hirePerMonth);
    let order = 0;
    for (const r of f.regions) order += armedControl(world, r);
    order /= f.regions.length;
    const suppressed = f.hitmen * hit.suppression * order;
    f.hitmen -= suppressed;
    for (const r of f.regions) {
      regions.hitmen[r] += f.hitmen / f.regions.length;
      regions.hitmenSuppressed[r] += suppressed / f.regions.length;
    }
  }
}

/** Take a firma out of the market; its stock is seized with it. */
function dismantle(world: World, f: Firma): void {
  f.alive = false;
  if (f.stockKg > 0) {
    world.balance.seizedKg += f.stockKg;
    for (const r of f.regions) world.regions.seizedKg[r] += f.stockKg / f.regions.length;
    f.stockKg = 0;
  }
}

/** New firmas enter when the going margin per kilo is high and the market has room. */
function entry(world: World): void {
  const fs = world.scenario.firmas;
  let alive = 0;
  let margin = 0;
  for (const f of world.firmas) {
    if (!f.alive) continue;
    alive++;
    margin += f.marginPerKg;
  }
  const mean = alive > 0 ? margin / alive : Infinity;
  // Nobody sets up to buy leaf where the state has closed the way out: a valley whose country's
  // routes cannot carry a normal month's output hosts no new firma (Peru's 1995 air-bridge cut),
  // and where no valley with growers can host one, none enters.
  const open = COUNTRIES.map((c) => exitsOpen(world, c));
  const canHost = (r: number) => open[world.regions.country[r]];
  let hosts = false;
  // A valley with a harvest and no buyer left is a vacuum that traffickers fill fast.
  let vacant = false;
  for (let r = 0; r < world.regionIds.length; r++) {
    if (world.regions.agents[r] === 0 || !canHost(r)) continue;
    hosts = true;
    if (!vacant && world.regions.harvestKg[r] > 0) vacant = !world.firmas.some((f) => f.alive && f.regions.includes(r));
  }
  const chance = vacant ? VACUUM_ENTRY : MARGIN_ENTRY;
  // The margin that draws an entrant is a margin on the leaf it would turn into cocaine: a kilo of
  // HCl worth less because it takes less leaf (a better conversion) leaves the business as good.
  if (hosts && alive < fs.maxCount && (vacant || mean > atConversion(world, fs.entryMarginUsdKg)) && world.streams.firmas() < chance) {
    // It draws on the same exit contacts, precursors and hands as the firmas already buying in its
    // country, so while they rebuild after a cut it starts where they stand (all at 1 otherwise).
    const f = addFirma(world, world.streams.firmas, canHost);
    let n = 0;
    let limit = 0;
    for (const g of world.firmas) {
      if (!g.alive || g === f || g.country !== f.country) continue;
      n++;
      limit += g.buyLimit;
    }
    if (n > 0) f.buyLimit = limit / n;
  }
}

/** Whether a country's open routes can carry a firma's normal monthly output. */
function exitsOpen(world: World, country: Country): boolean {
  return routeCapacityKg(world, country, 1) >= 1;
}

/** Monthly chance a new firma enters when margins are high, and when a valley has no buyer. */
const MARGIN_ENTRY = 0.1;
const VACUUM_ENTRY = 0.5;

/** Live firmas. */
export function activeFirmas(world: World): number {
  let n = 0;
  for (const f of world.firmas) if (f.alive) n++;
  return n;
}

/**
 * Bring the number of live firmas to `count` (a `firmas.count` event): dismantle the newest or
 * place new ones.
 */
export function setFirmaCount(world: World, count: number): void {
  let alive = activeFirmas(world);
  for (let k = world.firmas.length - 1; k >= 0 && alive > count; k--) {
    if (world.firmas[k].alive) {
      dismantle(world, world.firmas[k]);
      alive--;
    }
  }
  while (alive < count) {
    addFirma(world, world.streams.firmas);
    alive++;
  }
}
