/**
 * The exchange rate at the farm gate (issue 16, Colombia's peso): leaf follows the dollar, while
 * what a grower weighs it against — labour and inputs, and licit produce sold at local prices —
 * is in local currency (model/state/exchangeRate.ts). So a devaluation makes coca pay more against
 * the licit crops sold locally: with the same devaluation, Colombia grows more coca where its
 * licit produce sells at local-currency prices than where it all follows the dollar. And local
 * prices that rise faster than the dollar's at an unchanged rate (a real appreciation, as Colombia's
 * 2004–2012) make those costs dearer in dollars: Colombia grows less coca.
 * Paired over eight seeds at reduced scale; an effect is stated only when the 95% interval of the
 * paired difference excludes zero.
 */
import { describe, it } from 'vitest';
import type { PathValue } from '../src/index.ts';
import { baseline, runs, tail, expectIncrease } from './helpers.ts';

const coca = (s: ReturnType<typeof baseline>) => runs(s).map((r) => tail(r, 'colombia', 'coca_ha', 12));

/** Colombia's local prices stated at COP 2,000 a dollar (2014), the peso at 3,051 (2016): a devaluation like 2014–2016's. */
const DEVALUATION = (licitLocalShare: number): Record<string, PathValue> => ({
  'states.CO.exchangeRate.basePerUsd': 2000,
  'states.CO.exchangeRate.localPerUsd': 3051,
  'states.CO.exchangeRate.licitLocalShare': licitLocalShare,
});

describe('the exchange rate at the farm gate', () => {
  // Known failures from the fifth stop (both within their noise once the baseline took 2004–05's
  // prices). With growers' own paste (ownPaste.ts) Colombia's growers, free of any armed group, get
  // most of the netback and its coca no longer swings with the buyers' price wars: the devaluation's
  // contrast holds (+867 ha [657, 1,078] on the seventh stop's baseline point). The local-prices
  // contrast held there too (+2,995 [2,528, 3,463]) but not on the refitted baseline (eighth stop,
  // docs/validation.md §7.5): +703 [−1,508, 2,914]. Not tuned.
  it('a devaluation raises coca more where licit produce sells at local-currency prices', () => {
    const dollar = baseline(DEVALUATION(0), { months: 48 });
    const local = baseline(DEVALUATION(1), { months: 48 });
    expectIncrease(coca(dollar), coca(local), 'Colombian coca in the fourth year, licit produce at local prices against in dollars');
  });

  it.fails('local prices rising faster than the dollar’s at the same rate lower coca', () => {
    const rate = { 'states.CO.exchangeRate.basePerUsd': 2000, 'states.CO.exchangeRate.localPerUsd': 2000, 'states.CO.exchangeRate.licitLocalShare': 0.5 };
    const dear = baseline({ ...rate, 'states.CO.exchangeRate.priceIndex': 1.3 }, { months: 48 });
    const base = baseline(rate, { months: 48 });
    expectIncrease(coca(dear), coca(base), 'Colombian coca in the fourth year, local prices at 1 against 1.3 of the base');
  });
});
