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
import { stationedShare, stateForce, deniedShare, corridorPart, firmaLeafKg, CORRIDOR_REACH } from './territory.ts';
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
 * What a size of the group changes, and what it does not. wantedFighters weighs some 160 sizes a
 * month; everything but the size itself — each valley's stationed share, what the valley denies
 * the group, the state's and the patrols' force, what a valley pays per unit of control, each
 * firma's weight in the bargain and its corridors — is the same at every size, so it is read once
 * a month into this scratch (reused every month: a run is single-threaded and wantedFighters
 * does not re-enter). The size-dependent arithmetic below is the formulas of territory.ts
 * (groupStrength, informedContest, corridorEscort) with the same operations in the same order,
 * so every size's value is the same number, bit for bit, as computing it from the world.
 */
const scratch = {
  /** Per region: stationedShare(g, r), 1 − deniedShare(world, r), stateForce(world, r). */
  stationed: new Float64Array(0),
  undenied: new Float64Array(0),
  stateForce: new Float64Array(0),
  /** Per region: the escorts' share of the contest at the size being weighed (escortShare). */
  escort: new Float64Array(0),
  /** The valleys whose ground pays the group (held by it), in region order: what they pay per unit of control, the fighter's weight there and the opposing force. */
  perControl: new Float64Array(0),
  groundWeight: new Float64Array(0),
  opposing: new Float64Array(0),
  grounds: 0,
  /** The firmas of the group's territory (territoryWeight > 0): their weight, what protection is worth to them now (protectionValue), their escorted share now, their leaf, the share through the corridors, and the worth at the size being weighed. Numbers only: the scratch holds no reference to a world. */
  weight: new Float64Array(0),
  protection: new Float64Array(0),
  escortedNow: new Float64Array(0),
  through: new Float64Array(0),
  leaf: new Float64Array(0),
  worth: new Float64Array(0),
  /** Per firma, its regions' share of its leaf × the corridor's reach, flattened (first[i] .. first[i + 1]). */
  first: new Int32Array(0),
  corridorRegion: new Int32Array(0),
  shareReach: new Float64Array(0),
  firmas: 0,
};

/** `a`, or a longer copy of it when it holds fewer than n (the scratch grows with the world, and stops growing). */
function growF64(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Float64Array(Math.max(n, 2 * a.length));
  b.set(a);
  return b;
}
function growI32(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Int32Array(Math.max(n, 2 * a.length));
  b.set(a);
  return b;
}

/** Read this month's size-independent terms of group g's (index k) ground and racket into the scratch. */
function prepare(world: World, g: ArmedGroup, k: number): void {
  const { regions } = world;
  const S = scratch;
  const nr = g.control.length;
  S.stationed = growF64(S.stationed, nr);
  S.undenied = growF64(S.undenied, nr);
  S.stateForce = growF64(S.stateForce, nr);
  S.escort = growF64(S.escort, nr);
  S.perControl = growF64(S.perControl, nr);
  S.groundWeight = growF64(S.groundWeight, nr);
  S.opposing = growF64(S.opposing, nr);
  const s = world.scenario.armedGroups[g.id].strength;
  S.grounds = 0;
  for (let r = 0; r < nr; r++) {
    S.stationed[r] = stationedShare(g, r);
    S.undenied[r] = 1 - deniedShare(world, r);
    S.stateForce[r] = stateForce(world, r);
    const c = g.control[r];
    if (c <= 0 || holderOf(world, r) !== k) continue;
    const fees = CORRIDOR_REACH * c < 1 ? regions.protectionPaid[r] : 0;
    const n = S.grounds++;
    S.perControl[n] = (fees + regions.levyPaid[r]) / c;
    S.groundWeight[n] = s * S.stationed[r] * S.undenied[r];
    S.opposing[n] = S.stateForce[r] + selfDefenceForce(world, r);
  }
  // The firmas of its territory, and their corridors.
  const nf = world.firmas.length;
  S.weight = growF64(S.weight, nf);
  S.protection = growF64(S.protection, nf);
  S.escortedNow = growF64(S.escortedNow, nf);
  S.through = growF64(S.through, nf);
  S.leaf = growF64(S.leaf, nf);
  S.worth = growF64(S.worth, nf);
  S.first = growI32(S.first, nf + 1);
  S.firmas = 0;
  let links = 0;
  escortAt(world, g, g.fighters);
  for (const f of world.firmas) {
    const w = territoryWeight(world, g, f);
    if (w <= 0) continue;
    const i = S.firmas++;
    S.weight[i] = w;
    S.protection[i] = f.protectionValue;
    S.first[i] = links;
    S.corridorRegion = growI32(S.corridorRegion, links + f.regions.length);
    S.shareReach = growF64(S.shareReach, links + f.regions.length);
    // corridorEscort, its size-independent part (territory.ts corridorPart) kept for every size.
    const leaf = firmaLeafKg(f);
    let through = 0;
    let escorted = 0;
    for (const r of f.regions) {
      const part = corridorPart(f, g, r, leaf);
      through += part;
      S.corridorRegion[links] = r;
      S.shareReach[links++] = part;
      escorted += part * S.escort[r];
    }
    S.escortedNow[i] = escorted;
    S.through[i] = through;
    S.leaf[i] = leaf;
  }
  S.first[S.firmas] = links;
}

/** The escorts' share of the contest in every region at a size of `fighters` (territory.ts escortShare, term by term). */
function escortAt(world: World, g: ArmedGroup, fighters: number): void {
  const S = scratch;
  const strength = fighters * world.scenario.armedGroups[g.id].strength;
  for (let r = 0; r < g.control.length; r++) {
    const a = strength * S.stationed[r] * S.undenied[r];
    const b = S.stateForce[r];
    S.escort[r] = a + b > 0 ? a / (a + b) : 0;
  }
}

/**
 * What one more fighter adds a month to what the ground pays (USD per fighter-month) at a size of
 * `fighters`: Σ_r (fees_r + levies_r)/control_r × ∂target_r/∂F, the fees counting only where the
 * group's corridors do not already carry all the valley's shipments. What a valley pays per unit of
 * control is read from this month (regions.protectionPaid, levyPaid; prepare).
 */
function groundValue(fighters: number): number {
  const S = scratch;
  let value = 0;
  for (let n = 0; n < S.grounds; n++) {
    const weight = S.groundWeight[n];
    const a = fighters * weight;
    const b = S.opposing[n];
    if (a + b <= 0) continue;
    value += (S.perControl[n] * weight * b) / ((a + b) * (a + b)); // ∂[a/(a+b)]/∂F
  }
  return value;
}

/**
 * The racket with `fighters`: the fees a month group g would collect. What protection is worth per
 * kilo to the firmas of its territory (weighted by the leaf each buys in its valleys, as bargainFee
 * weighs it) strikes a fee; it collects none when that fee falls short of the one that keeps it
 * honest (no self-enforcing deal: it predates and the firmas refuse), and otherwise the fee on the
 * kilos that leave through its corridors from the firmas to whom protection is worth more than the
 * fee. Each firma's worth is its own valuation this month (firmas.ts protectionValue: the seizures
 * the escorts cut, after corruption's share) scaled by how much more or less of its corridors the
 * escorts would hold with `fighters` (worthAt).
 */
function racketFees(world: World, g: ArmedGroup, fighters: number, honestFee: number): number {
  const gp = world.scenario.armedGroups[g.id];
  const leafPerKg = world.scenario.market.leafKgPerKgHcl;
  const S = scratch;
  escortAt(world, g, fighters);
  let saving = 0;
  let weight = 0;
  for (let i = 0; i < S.firmas; i++) {
    const w = S.weight[i];
    S.worth[i] = worthAt(i);
    saving += w * S.worth[i];
    weight += w;
  }
  const worth = weight > 0 ? saving / weight : 0;
  const fee = gp.feeRule === 'bargain' && gp.adaptFee ? Math.min(gp.maxFeeUsdPerKg, protectionFee(honestFee, worth, gp.bargainingPower)) : g.fee;
  if (weight <= 0 || fee < honestFee) return 0;
  let fees = 0;
  for (let i = 0; i < S.firmas; i++) {
    if (S.worth[i] <= fee) continue;
    fees += fee * (S.leaf[i] / leafPerKg) * S.through[i];
  }
  return fees;
}

/** The weight bargainFee gives firma f in group g's bargain: the leaf it buys where g holds ground (0 if another group is its protector). */
function territoryWeight(world: World, g: ArmedGroup, f: Firma): number {
  if (!f.alive || f.protectionValue <= 0 || strongestGroup(world, f).group !== g) return 0;
  let w = 0;
  for (const r of f.regions) w += f.boughtKg[r] * g.control[r];
  return w;
}

/** What protection is worth per kilo to the i-th firma of the territory at the size escortAt last set: its worth now × its escorted share there over its escorted share now (corridorEscort). */
function worthAt(i: number): number {
  const S = scratch;
  const now = S.escortedNow[i];
  if (!(now > 0)) return 0;
  let escorted = 0;
  for (let j = S.first[i]; j < S.first[i + 1]; j++) escorted += S.shareReach[j] * S.escort[S.corridorRegion[j]];
  return S.protection[i] * (escorted / now);
}

/**
 * The size group g (index k) wants this month, given the fee that keeps it honest (USD/kg) and what
 * a fighter costs it a month (`upkeep`, fighterCost): the size that maximises what it takes net of upkeep. The ground alone sets a size where its marginal
 * fighter earns his upkeep; above it the group weighs each larger size by the fees the racket
 * would bring there (racketFees: a step where the deal becomes self-enforcing, and more firmas buy
 * as protection grows worth more) plus what the ground pays for the extra fighters, against their
 * upkeep. Bounded by `maxFighters`.
 */
export function wantedFighters(world: World, g: ArmedGroup, k: number, honestFee: number, upkeep: number): number {
  const cap = world.scenario.armedGroups[g.id].maxFighters;
  // The ground: groundValue falls with size (the contest's returns diminish); find where it meets upkeep.
  let lo = 0;
  let hi = cap;
  prepare(world, g, k);
  if (groundValue(cap) >= upkeep) lo = cap;
  else if (groundValue(0) <= upkeep) hi = 0;
  else {
    for (let i = 0; i < BISECTIONS; i++) {
      const mid = 0.5 * (lo + hi);
      if (groundValue(mid) > upkeep) lo = mid;
      else hi = mid;
    }
  }
  const ground = lo;
  if (ground >= cap || !Number.isFinite(honestFee)) return ground;
  // The racket: the net take at each larger size, on a grid up to the bound.
  let best = ground;
  let bestNet = racketFees(world, g, ground, honestFee);
  let net = 0; // what the ground pays for the fighters above `ground`, less their upkeep
  let prevF = ground;
  let prevMargin = groundValue(ground) - upkeep;
  for (let i = 1; i <= GRID; i++) {
    const f = ground + ((cap - ground) * i) / GRID;
    const margin = groundValue(f) - upkeep;
    net += 0.5 * (margin + prevMargin) * (f - prevF);
    prevF = f;
    prevMargin = margin;
    const take = racketFees(world, g, f, honestFee) + net;
    if (take > bestNet) {
      bestNet = take;
      best = f;
    }
  }
  return best;
}
