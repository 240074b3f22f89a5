/**
 * What the fast `wantedFighters` (armed/recruitment.ts) relies on: it reads a month's
 * size-independent terms once and repeats territory.ts's contest arithmetic term by term for each
 * size it weighs (docs/performance.md, change 7). Here the same choice is computed the plain way —
 * every size from the world through territory.ts's and protection.ts's own functions, as
 * recruitment.ts did before — and the two must choose the same size (the same double) in every
 * fifth month of two runs of the baseline, for honest fees and fighter costs across their range.
 * If territory.ts's contest changes, this fails until recruitment.ts's copy follows it (a copy
 * that weighed the state's force 5% more chose other sizes from the tenth month on). The chosen
 * size is a grid point or a bisection's bound, so a change in the last bits of an intermediate may
 * leave it the same: those are the baseline's series hash's to catch (docs/performance.md).
 */
import { describe, it, expect } from 'vitest';
import { baseline } from './helpers.ts';
import { createSimulation } from '../src/index.ts';
import type { World, ArmedGroup, Firma } from '../src/model/world.ts';
import { wantedFighters } from '../src/model/armed/recruitment.ts';
import { stationedShare, stateForce, deniedShare, corridorEscort, CORRIDOR_REACH } from '../src/model/armed/territory.ts';
import { selfDefenceForce } from '../src/model/farmers/associations.ts';
import { strongestGroup, protectionFee } from '../src/model/armed/protection.ts';
import { holderOf } from '../src/model/armed/governance.ts';

function groundValue(world: World, g: ArmedGroup, k: number, fighters: number): number {
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
    value += (perControl * weight * b) / ((a + b) * (a + b));
  }
  return value;
}

function territoryWeight(world: World, g: ArmedGroup, f: Firma): number {
  if (!f.alive || f.protectionValue <= 0 || strongestGroup(world, f).group !== g) return 0;
  let w = 0;
  for (const r of f.regions) w += f.boughtKg[r] * g.control[r];
  return w;
}

function worthAt(world: World, g: ArmedGroup, f: Firma, fighters: number): number {
  const now = corridorEscort(world, f, g).escorted;
  return now > 0 ? f.protectionValue * (corridorEscort(world, f, g, fighters).escorted / now) : 0;
}

function racketFees(world: World, g: ArmedGroup, fighters: number, honestFee: number): number {
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
  if (weight <= 0 || fee < honestFee) return 0;
  let fees = 0;
  for (const f of world.firmas) {
    if (territoryWeight(world, g, f) <= 0 || worthAt(world, g, f, fighters) <= fee) continue;
    let leaf = 0;
    for (const r of f.regions) leaf += f.boughtKg[r];
    fees += fee * (leaf / leafPerKg) * corridorEscort(world, f, g).through;
  }
  return fees;
}

/** wantedFighters computed from the world at every size (recruitment.ts before change 7). */
function plainWantedFighters(world: World, g: ArmedGroup, k: number, honestFee: number, upkeep: number): number {
  const cap = world.scenario.armedGroups[g.id].maxFighters;
  let lo = 0;
  let hi = cap;
  if (groundValue(world, g, k, cap) >= upkeep) lo = cap;
  else if (groundValue(world, g, k, 0) <= upkeep) hi = 0;
  else {
    for (let i = 0; i < 30; i++) {
      const mid = 0.5 * (lo + hi);
      if (groundValue(world, g, k, mid) > upkeep) lo = mid;
      else hi = mid;
    }
  }
  const ground = lo;
  if (ground >= cap || !Number.isFinite(honestFee)) return ground;
  let best = ground;
  let bestNet = racketFees(world, g, ground, honestFee);
  let net = 0;
  let prevF = ground;
  let prevMargin = groundValue(world, g, k, ground) - upkeep;
  for (let i = 1; i <= 128; i++) {
    const f = ground + ((cap - ground) * i) / 128;
    const margin = groundValue(world, g, k, f) - upkeep;
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

describe('wantedFighters reads a month once', () => {
  it('chooses the same size, bit for bit, as computing every size from the world', () => {
    const s = baseline({}, { householdsPerAgent: 40, months: 120, history: true });
    let compared = 0;
    let racket = 0;
    const differ: string[] = [];
    for (const seed of [3, 17]) {
      const sim = createSimulation(s, { seed });
      const world = (sim as unknown as { world: World }).world;
      while (sim.tick < sim.months) {
        sim.step();
        if (sim.tick % 5 !== 0) continue;
        world.groups.forEach((g, k) => {
          for (const honestFee of [0.25, 1, 3, Infinity]) {
            for (const upkeep of [20, 150, 600]) {
              const fast = wantedFighters(world, g, k, honestFee, upkeep);
              const plain = plainWantedFighters(world, g, k, honestFee, upkeep);
              compared++;
              if (fast > 0 && Number.isFinite(honestFee)) racket++;
              if (!Object.is(fast, plain)) differ.push(`seed ${seed}, tick ${sim.tick}, ${g.id}, fee ${honestFee}, upkeep ${upkeep}: ${fast} against ${plain}`);
            }
          }
        });
      }
    }
    expect(differ).toEqual([]);
    // The comparison reaches the racket's grid, not only the ground's bisection.
    expect(compared).toBeGreaterThan(500);
    expect(racket).toBeGreaterThan(50);
  });
});
