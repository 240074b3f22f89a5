/**
 * The buyers' game: firmas buying in the same valley either hold the informal leaf-price
 * agreement (cooperate: act together as one buyer) or outbid to take more leaf (defect). It is
 * an n-player prisoner's dilemma repeated monthly with imperfect monitoring: a firma may misread
 * a rival as defecting (Green & Porter 1984), and each rival is one more chance to misread, so
 * agreements break more often as firmas multiply (Olson 1965; Stigler 1964; calibration §4).
 *
 * Strategies (scenario `firmas.strategy`):
 * - `always-defect`, `always-cooperate`;
 * - `tit-for-tat`: cooperate unless a rival was seen defecting last month;
 * - `grim-trigger`: cooperate until a defection is seen, then defect for ever;
 * - `adaptive`: cooperate while the folk-theorem condition holds in the valleys where it buys
 *   (patience δ ≥ δ* = (T − R)/(T − P), from this month's market), and answer a seen defection
 *   with a price war of `priceWarMonths` before returning to the agreement (Green & Porter's
 *   trigger strategy: a finite punishment, so one misreading does not end cooperation for ever
 *   as it does under tit-for-tat with noise). With many small buyers T grows against R and δ*
 *   passes δ.
 */
import type { World, Firma } from '../world.ts';
import type { BuyerStrategy } from '../../scenario/schema.ts';
import { criticalDiscount } from '../../analysis/games/index.ts';

/**
 * The critical discount factor of a firma's stage game in a valley (R: all cooperate, T: it
 * defects alone, P: all defect), capped at 1 (Osborne 2004, ch. 14).
 */
export function stageCriticalDiscount(R: number, T: number, P: number): number {
  return Math.min(1, criticalDiscount(R, T, P));
}


/** Whether a firma with `strategy` cooperates this month. */
export function chooseAction(strategy: BuyerStrategy, firma: Firma, patience: number, deltaStar: number, priceWarMonths: number): boolean {
  switch (strategy) {
    case 'always-defect':
      return false;
    case 'always-cooperate':
      return true;
    case 'tit-for-tat':
      return !firma.sawDefection;
    case 'grim-trigger':
      if (firma.sawDefection) firma.triggered = true;
      return !firma.triggered;
    case 'adaptive':
      if (firma.punishMonths > 0) {
        firma.punishMonths--;
        return false;
      }
      if (firma.sawDefection) {
        firma.punishMonths = priceWarMonths - 1;
        return false;
      }
      return patience >= deltaStar;
  }
}

/**
 * What each firma perceives of its rivals this month: a rival sharing a valley that defected is
 * seen; a cooperating one is misread as defecting with chance `monitoringNoise`.
 */
export function observeRivals(world: World, present: readonly Firma[][]): void {
  const noise = world.scenario.firmas.monitoringNoise;
  const hit = world.scenario.firmas.hitmen;
  const rand = world.streams.firmas;
  for (const f of world.firmas) f.sawDefection = false;
  for (const list of present) {
    for (const f of list) {
      for (const g of list) {
        if (g === f) continue;
        // Hitmen working for several firmas stir suspicion between them (divide and rule).
        const stir = hit.divideAndRule * Math.min(1, (f.hitmen + g.hitmen) / 20);
        if (!g.cooperating || rand() < noise + stir * 0.1) f.sawDefection = true;
      }
    }
  }
}
