/**
 * Balances the model must keep every month (DESIGN §8 "sound numbers"), asserted in debug mode
 * (`--check`) and by the property tests:
 * - leaf, per region: harvest + stock before = legal sales + firma purchases + spoiled + stock after;
 * - cocaine, cumulative: produced = exported + seized + predated + firmas' stocks;
 * - money: protection fees paid by firmas = fees received by armed groups; AD delivered ≤ promised;
 * - every recorded value finite and non-negative, shares within 0..1.
 */
import type { World } from './world.ts';
import { METRICS, M, SHARES, MAY_BE_NEGATIVE } from './metrics.ts';
import { rowIds } from './recorder.ts';

/** A broken balance: the model, not the input, is wrong. */
export class BalanceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BalanceError';
  }
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

export function checkBalances(world: World, data: Float64Array, tick: number): void {
  const { regions } = world;
  const at = `month ${tick}`;
  for (let r = 0; r < world.regionIds.length; r++) {
    const lhs = regions.harvestKg[r] + regions.leafStockStartKg[r];
    const rhs = regions.legalSoldKg[r] + regions.firmSoldKg[r] + regions.spoiledKg[r] + regions.leafStockKg[r];
    if (!close(lhs, rhs)) throw new BalanceError(`${at}: leaf does not balance in ${world.regionIds[r]} (in ${lhs}, out ${rhs})`);
    if (regions.adDelivered[r] > regions.adPromised[r] * (1 + 1e-12))
      throw new BalanceError(`${at}: AD delivered exceeds promised in ${world.regionIds[r]}`);
  }
  const b = world.balance;
  let stocks = 0;
  for (const f of world.firmas) stocks += f.stockKg;
  const out = b.exportedKg + b.seizedKg + b.predatedKg + stocks;
  if (!close(b.producedKg, out)) throw new BalanceError(`${at}: cocaine does not balance (produced ${b.producedKg}, accounted ${out})`);
  if (!close(b.feesPaid, b.feesReceived)) throw new BalanceError(`${at}: fees paid ${b.feesPaid} ≠ fees received ${b.feesReceived}`);
  const rows = rowIds(world);
  const nm = METRICS.length;
  const base = tick * rows.length * nm;
  for (let row = 0; row < rows.length; row++) {
    for (let m = 0; m < nm; m++) {
      const v = data[base + row * nm + m];
      if (!Number.isFinite(v)) throw new BalanceError(`${at}: ${METRICS[m]} is ${v} in ${rows[row]}`);
      if (v < 0 && !MAY_BE_NEGATIVE.includes(METRICS[m]))
        throw new BalanceError(`${at}: ${METRICS[m]} is negative (${v}) in ${rows[row]}`);
    }
    for (const s of SHARES) {
      const v = data[base + row * nm + M[s]];
      if (v > 1 + 1e-9) throw new BalanceError(`${at}: ${s} is ${v} > 1 in ${rows[row]}`);
    }
  }
}
