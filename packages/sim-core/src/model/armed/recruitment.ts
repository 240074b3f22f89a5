/**
 * How many fighters an armed group wants: the contest's first-order condition (Tullock 1980;
 * Hirshleifer 1989). A fighter is worth what he adds to the group's take and he costs his upkeep
 * and the recruit it paid for; a group that spent whatever it had on recruits would grow until its
 * income was spent, three to four times SL's observed size (calibration §2.5: ~500 fighters in
 * 2012, ~350 in 2015, on $50–100k a month). So it takes on fighters while one more adds more than
 * he costs, and lets them go when he adds less.
 *
 * What a fighter adds:
 * - **Ground.** In each valley the group's control moves toward its contest share
 *   target_r = a_r/(a_r + b_r), a_r its stationed strength, b_r the state's and the patrols' (territory.ts);
 *   what the valley pays it grows with its control (levies in proportion; fees while its corridors
 *   do not yet carry all the valley's shipments), so a fighter adds
 *   Σ_r (fees_r + levies_r)/control_r × ∂target_r/∂F.
 * - **The racket's threshold.** Protection is worth to a firma only what the escorts hold of the
 *   corridors against the state's forces (territory.ts corridorEscort), and the deal holds only while
 *   the fee that worth strikes is at least the fee that keeps the group honest (protection.ts
 *   bargainFee): below it no self-enforcing fee exists, the group predates and the firmas stop
 *   paying. So the fees are a step in the group's size, not a slope — F* fighters keep them, fewer
 *   keep none — and above F* they grow in steps as protection becomes worth its fee to more firmas.
 *   A group weighs holding enough of the corridors: it compares each larger size's fees, plus
 *   what the ground pays for the fighters between, with their cost.
 *
 * What a fighter costs (fighterCost): his upkeep and the user cost of his recruitment (Jorgenson
 * 1963). Counter-insurgency raises it twice, by shortening the group's horizon and by killing or
 * capturing its fighters, and lowers what a fighter adds by strengthening the other side of the
 * contest: under a strong offensive no size pays and the group withers (the offensive of
 * stylized fact 7).
 */
import type { World, ArmedGroup, Firma } from '../world.ts';
import { stationedShare, stateForce, deniedShare, corridorEscort, CORRIDOR_REACH } from './territory.ts';
import { selfDefenceForce } from '../farmers/associations.ts';
import { strongestGroup, protectionFee } from './protection.ts';
import { holderOf } from './governance.ts';

/** Steps of the bisections over the group's size (a 2^-30 share of maxFighters). */
const BISECTIONS = 30;
/** Sizes the group weighs between the ground's size and its bound. */
const GRID = 128;

/**
 * What a fighter costs a group a month: his upkeep, and the user cost of the recruit it paid for
 * (Jorgenson 1963: the price of capital × (the owner's discount rate + the rate it wears out)) —
 * the recruit's price × (the monthly rate at which the group discounts the future, (1 − δ)/δ, plus
 * the share of its fighters lost each month). Counter-insurgency raises both: it shortens the
 * group's horizon and kills or captures its fighters, so it makes every fighter dearer.
 * @example fighterCost(80, 1500, 0.96, 0.01) // 80 + 1500 × (0.04167 + 0.01) ≈ 157.5
 */
export function fighterCost(upkeep: number, recruitCost: number, delta: number, lossRate: number): number {
  return upkeep + recruitCost * ((delta > 0 ? (1 - delta) / delta : Infinity) + lossRate);
}

/**
 * What one more fighter adds a month to what the ground pays (USD per fighter-month) at a size of
 * `fighters`: Σ_r (fees_r + levies_r)/control_r × ∂target_r/∂F, the fees counting only where the
 * group's corridors do not already carry all the valley's shipments. What a valley pays per unit of
 * control is read from this month (regions.protectionPaid, levyPaid).
 */
export function groundValue(world: World, g: ArmedGroup, k: number, fighters: number): number {
  const { regions } = world;
  const s = world.scenario.armedGroups[g.id].strength;
  let value = 0;
  for (let r = 0; r < g.control.length; r++) {
    const c = g.control[r];
    if (c <= 0 || holderOf(world, r) !== k) continue;
    const fees = CORRIDOR_REACH * c < 1 ? regions.protectionPaid[r] : 0;
    const perControl = (fees + regions.levyPaid[r]) / c;
    const weight = s * stationedShare(g, r) * (1 - deniedShare(world, r));
    const a = fighters * weight;
    const b = stateForce(world, r) + selfDefenceForce(world, r);
    if (a + b <= 0) continue;
    value += (perControl * weight * b) / ((a + b) * (a + b)); // ∂[a/(a+b)]/∂F
  }
  return value;
}

/**
 * The racket with `fighters`: what protection is worth per kilo to the firmas of group g's
 * territory (weighted by the leaf each buys in its valleys, as bargainFee weighs it), the fee
 * that worth strikes, and the fees a month the group would collect — none when the fee falls short
 * of the one that keeps it honest (no self-enforcing deal: it predates and the firmas refuse), and
 * otherwise the fee on the kilos that leave through its corridors from the firmas to whom
 * protection is worth more than the fee. Each firma's worth is its own valuation this month
 * (firmas.ts protectionValue: the seizures the escorts cut, after corruption's share) scaled by
 * how much more or less of its corridors the escorts would hold with `fighters`.
 */
export function racketAt(world: World, g: ArmedGroup, fighters: number, honestFee: number): { worth: number; fee: number; fees: number } {
  const gp = world.scenario.armedGroups[g.id];
  const leafPerKg = world.scenario.market.leafKgPerKgHcl;
  let saving = 0;
  let weight = 0;
  for (const f of world.firmas) {
    const w = territoryWeight(world, g, f);
    if (w <= 0) continue;
    saving += w * worthAt(world, g, f, fighters);
    weight += w;
  }
  const worth = weight > 0 ? saving / weight : 0;
  const fee = gp.feeRule === 'bargain' && gp.adaptFee ? Math.min(gp.maxFeeUsdPerKg, protectionFee(honestFee, worth, gp.bargainingPower)) : g.fee;
  if (weight <= 0 || fee < honestFee) return { worth, fee, fees: 0 };
  let fees = 0;
  for (const f of world.firmas) {
    if (territoryWeight(world, g, f) <= 0 || worthAt(world, g, f, fighters) <= fee) continue;
    let leaf = 0;
    for (const r of f.regions) leaf += f.boughtKg[r];
    fees += fee * (leaf / leafPerKg) * corridorEscort(world, f, g).through;
  }
  return { worth, fee, fees };
}

/** The weight bargainFee gives firma f in group g's bargain: the leaf it buys where g holds ground (0 if another group is its protector). */
function territoryWeight(world: World, g: ArmedGroup, f: Firma): number {
  if (!f.alive || f.protectionValue <= 0 || strongestGroup(world, f).group !== g) return 0;
  let w = 0;
  for (const r of f.regions) w += f.boughtKg[r] * g.control[r];
  return w;
}

/** What protection is worth per kilo to firma f if group g had `fighters`. */
function worthAt(world: World, g: ArmedGroup, f: Firma, fighters: number): number {
  const now = corridorEscort(world, f, g).escorted;
  return now > 0 ? f.protectionValue * (corridorEscort(world, f, g, fighters).escorted / now) : 0;
}

/**
 * The size group g (index k) wants this month, given the fee that keeps it honest (USD/kg) and what
 * a fighter costs it a month (`upkeep`, fighterCost): the size that maximises what it takes net of upkeep. The ground alone sets a size where its marginal
 * fighter earns his upkeep; above it the group weighs each larger size by the fees the racket
 * would bring there (racketAt: a step where the deal becomes self-enforcing, and more firmas buy
 * as protection grows worth more) plus what the ground pays for the extra fighters, against their
 * upkeep. Bounded by `maxFighters`.
 */
export function wantedFighters(world: World, g: ArmedGroup, k: number, honestFee: number, upkeep: number): number {
  const cap = world.scenario.armedGroups[g.id].maxFighters;
  // The ground: groundValue falls with size (the contest's returns diminish); find where it meets upkeep.
  let lo = 0;
  let hi = cap;
  if (groundValue(world, g, k, cap) >= upkeep) lo = cap;
  else if (groundValue(world, g, k, 0) <= upkeep) hi = 0;
  else {
    for (let i = 0; i < BISECTIONS; i++) {
      const mid = 0.5 * (lo + hi);
      if (groundValue(world, g, k, mid) > upkeep) lo = mid;
      else hi = mid;
    }
  }
  const ground = lo;
  if (ground >= cap || !Number.isFinite(honestFee)) return ground;
  // The racket: the net take at each larger size, on a grid up to the bound.
  let best = ground;
  let bestNet = racketAt(world, g, ground, honestFee).fees;
  let net = 0; // what the ground pays for the fighters above `ground`, less their upkeep
  let prevF = ground;
  let prevMargin = groundValue(world, g, k, ground) - upkeep;
  for (let i = 1; i <= GRID; i++) {
    const f = ground + ((cap - ground) * i) / GRID;
    const margin = groundValue(world, g, k, f) - upkeep;
    net += 0.5 * (margin + prevMargin) * (f - prevF);
    prevF = f;
    prevMargin = margin;
    const take = racketAt(world, g, f, honestFee).fees + net;
    if (take > bestNet) {
      bestNet = take;
      best = f;
    }
  }
  return best;
}
