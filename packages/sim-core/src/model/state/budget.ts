/**
 * The state's budget: each month a country's state has a twelfth of its yearly budget, national
 * money plus foreign aid, and spends it on five lines — eradication, interdiction,
 * counter-insurgency, alternative development (AD) and presence — at unit costs (eradication per
 * hectare, raised where the state is absent; a point of interdiction or counter-insurgency effort
 * a year; AD programmes' budgets; presence spending). Aid may be earmarked (most US counter-drug
 * aid to Peru and Colombia paid for interdiction and eradication): earmarked money funds only
 * its line, and what a line does not use is not spent.
 *
 * The allocation is the scenario's (`states.<c>.budget.allocation`):
 * - `plan`: the levers and their dated events are the plan (eradication targets, efforts,
 *   programme budgets, presence spending); each line takes its earmarked aid first and the
 *   national money covers the rest, cut pro rata when the plan costs more than there is.
 * - `shares`: fixed shares of the national money by line (plus each line's earmarked aid); what
 *   a line gets buys effort at its unit cost (hectares eradicated, points of effort, programme
 *   money, presence).
 * - `optimise`: shares, with the split between eradication and interdiction moved each January
 *   toward the line that kept more cocaine off the market per dollar the year before — the
 *   government of Mejía & Restrepo (2016) choosing between the two under a budget, as a
 *   hill-climb on its own record (eradication's and interdiction's returns diminish, so the
 *   split settles where they are equal).
 *
 * Spending never exceeds the budget: every line spends at most the money it was given, and the
 * money given never exceeds national money plus aid (an invariant the property tests check).
 */
import { type World, type StateRuntime, COUNTRY_INDEX } from '../world.ts';
import type { Country, StateParams } from '../../scenario/schema.ts';
import { COUNTRIES, BUDGET_LINES } from '../../scenario/schema.ts';
import { absenceFactor } from './presence.ts';
import { programmeTerms } from './alternativeDevelopment.ts';
import { ERADICATION, INTERDICTION, COUNTERINSURGENCY, AD, PRESENCE, regionsOf } from './budgetLines.ts';

const NL = BUDGET_LINES.length;

/** Step of the optimising rule: share of the eradication + interdiction money moved a year. */
const OPTIMISE_STEP = 0.05;
/** Least share of the eradication + interdiction money either line keeps under the rule. */
const OPTIMISE_FLOOR = 0.05;

export function createStateRuntime(c: Country, sp: StateParams, nRegions: number): StateRuntime {
  return {
    country: c,
    interdiction: 0,
    counterinsurgency: 0,
    plannedTarget: new Float64Array(nRegions),
    eradicationTarget: new Float64Array(nRegions),
    budgetUsd: 0,
    lineUsd: new Float64Array(NL),
    spentUsd: new Float64Array(NL),
    optimisedShares: Float64Array.of(sp.budget.shares.eradication, sp.budget.shares.interdiction),
    yearRemovedKg: new Float64Array(2),
    yearSpentUsd: new Float64Array(2),
  };
}

/** Aid earmarked for each line this month (USD); earmarks adding up to more than the aid are scaled down. */
function earmarked(sp: StateParams, line: number): number {
  const aid = sp.foreignAid;
  const month = aid.usdPerYear / 12;
  const scale = Math.min(1, 1 / Math.max(1e-12, aid.interdictionShare + aid.eradicationShare));
  if (line === INTERDICTION) return month * aid.interdictionShare * scale;
  if (line === ERADICATION) return month * aid.eradicationShare * scale;
  if (line === AD) return month * Math.max(0, 1 - (aid.interdictionShare + aid.eradicationShare) * scale);
  return 0;
}

/** The share of the national money for each line (shares adding up to more than 1 are scaled down). */
function lineShare(sp: StateParams, rt: StateRuntime, line: number): number {
  const sh = sp.budget.shares;
  const optimise = sp.budget.allocation === 'optimise';
  const e = optimise ? rt.optimisedShares[0] : sh.eradication;
  const i = optimise ? rt.optimisedShares[1] : sh.interdiction;
  const total = e + i + sh.counterinsurgency + sh.alternativeDevelopment + sh.presence;
  const scale = total > 1 ? 1 / total : 1;
  const own = line === ERADICATION ? e : line === INTERDICTION ? i : line === COUNTERINSURGENCY ? sh.counterinsurgency : line === AD ? sh.alternativeDevelopment : sh.presence;
  return own * scale;
}

/** Yearly cost of eradicating a hectare in region r (USD): crews need escorts where the state is absent. */
export function eradicationCostUsdHa(world: World, sp: StateParams, r: number): number {
  return sp.eradicationCostUsdHa * absenceFactor(world, sp, r);
}

/** Share of a country's households in region r (how country-wide money is attributed to regions; equal shares where none has households). */
export function householdShare(world: World, r: number): number {
  const c = world.regions.country[r];
  let total = 0;
  let count = 0;
  for (let k = 0; k < world.regionIds.length; k++) {
    if (world.regions.country[k] !== c) continue;
    total += world.regions.households[k];
    count++;
  }
  return total > 0 ? world.regions.households[r] / total : 1 / count;
}

/**
 * Phase 1 of a month: every state's money by line and what it buys — the eradication targets by
 * region, the interdiction and counter-insurgency efforts, the AD programmes' budgets and the
 * presence line, from the plan's eradication targets (ha/year) by region in `rt.plannedTarget`.
 */
export function allocateBudgets(world: World, c: Country, rt: StateRuntime, sp: StateParams): void {
  const raw = rt.plannedTarget;
  const { regions, regionIds } = world;
  const nR = regionIds.length;
  const b = sp.budget;
  const national = b.nationalUsdPerYear / 12;
  rt.budgetUsd = national + sp.foreignAid.usdPerYear / 12;
  if (b.allocation === 'optimise' && world.tick > 0 && world.tick % 12 === 0) optimiseSplit(rt);

  // What the plan would cost this month, by line.
  let eradicationPlan = 0;
  for (let r = 0; r < nR; r++) if (raw[r] > 0) eradicationPlan += (raw[r] * eradicationCostUsdHa(world, sp, r)) / 12;
  const redirect = b.eradicationMoneyTo;
  const programmes = world.programmes;
  let adPlan = 0;
  for (let p = 0; p < programmes.length; p++) {
    const pr = programmes[p];
    if (pr.country !== c) continue;
    const terms = programmeTerms(world, pr);
    pr.budgetUsdYear = 0;
    if (!terms || !pr.offered) continue;
    // The standing programme also spends the aid earmarked for development, as it always has.
    let plan = terms.budgetUsdPerYear + (pr.key === '' ? earmarked(sp, AD) * 12 : 0);
    if (redirect !== '' && pr.key === redirect) plan += eradicationPlan * 12;
    pr.budgetUsdYear = plan; // the plan, scaled to the money below
    adPlan += plan / 12;
  }
  if (redirect !== '') eradicationPlan = 0;
  const plan = rt.lineUsd; // reused: first the plan, then the money
  plan[ERADICATION] = eradicationPlan;
  plan[INTERDICTION] = (sp.interdiction * 100 * sp.foreignAid.usdPerInterdictionPoint) / 12 + earmarked(sp, INTERDICTION);
  plan[COUNTERINSURGENCY] = (sp.counterinsurgency * 100 * b.counterinsurgencyUsdPerPoint) / 12;
  plan[AD] = adPlan;
  plan[PRESENCE] = (sp.presence.usdPerYear * regionsOf(world, c)) / 12;

  if (b.allocation === 'plan') {
    // Earmarked aid first, then the national money, cut pro rata if the plan costs more.
    let rest = 0;
    for (let k = 0; k < NL; k++) rest += Math.max(0, plan[k] - earmarked(sp, k));
    const cut = rest > national ? national / rest : 1;
    for (let k = 0; k < NL; k++) {
      const aid = Math.min(plan[k], earmarked(sp, k));
      plan[k] = aid + (plan[k] - aid) * cut;
    }
  }
  // Shares of the plan each line's money covers (1 when fully funded), for plan mode.
  const fundedErad = b.allocation === 'plan' && eradicationPlan > 0 ? plan[ERADICATION] / eradicationPlan : 1;
  const fundedAd = b.allocation === 'plan' && adPlan > 0 ? plan[AD] / adPlan : 1;
  if (b.allocation !== 'plan') {
    const eradicationMoney = national * lineShare(sp, rt, ERADICATION) + earmarked(sp, ERADICATION);
    plan[ERADICATION] = redirect !== '' ? 0 : eradicationMoney;
    plan[INTERDICTION] = national * lineShare(sp, rt, INTERDICTION) + earmarked(sp, INTERDICTION);
    plan[COUNTERINSURGENCY] = national * lineShare(sp, rt, COUNTERINSURGENCY);
    plan[AD] = national * lineShare(sp, rt, AD) + earmarked(sp, AD) + (redirect !== '' ? eradicationMoney : 0);
    plan[PRESENCE] = national * lineShare(sp, rt, PRESENCE);
  }
  const money = plan;

  // Eradication: the plan's targets as funded, or the money spread over the plan's pattern of
  // targets (by last year's coca where the plan has none) at each region's cost.
  let weightCost = 0;
  let anyTarget = false;
  for (let r = 0; r < nR; r++) if (regions.country[r] === COUNTRY_INDEX[c] && raw[r] > 0) anyTarget = true;
  for (let r = 0; r < nR; r++) {
    if (regions.country[r] !== COUNTRY_INDEX[c]) continue;
    const w = anyTarget ? raw[r] : regions.cocaYearSum[r];
    weightCost += w * eradicationCostUsdHa(world, sp, r);
  }
  for (let r = 0; r < nR; r++) {
    if (regions.country[r] !== COUNTRY_INDEX[c] || redirect !== '') {
      rt.eradicationTarget[r] = 0;
    } else if (b.allocation === 'plan') {
      rt.eradicationTarget[r] = raw[r] * fundedErad;
    } else {
      const w = anyTarget ? raw[r] : regions.cocaYearSum[r];
      rt.eradicationTarget[r] = weightCost > 0 ? (money[ERADICATION] * 12 * w) / weightCost : 0;
      // Money at a vanishing unit cost buys more hectares than there are: the region's land bounds
      // the target (only a degenerate cost, near 5e-324 USD/ha, reaches this bound).
      const reg = world.scenario.regions[world.regionIds[r]];
      const land = reg.households * reg.landHaPerHousehold;
      if (!(rt.eradicationTarget[r] <= land)) rt.eradicationTarget[r] = land;
    }
  }
  rt.spentUsd[ERADICATION] = weightCost > 0 || eradicationPlan > 0 ? money[ERADICATION] : 0;

  // Efforts bought at their unit cost, up to full effort.
  const iUnit = (100 * sp.foreignAid.usdPerInterdictionPoint) / 12;
  rt.interdiction = Math.min(1, money[INTERDICTION] / iUnit);
  rt.spentUsd[INTERDICTION] = Math.min(money[INTERDICTION], iUnit);
  const ciUnit = (100 * b.counterinsurgencyUsdPerPoint) / 12;
  rt.counterinsurgency = Math.min(1, money[COUNTERINSURGENCY] / ciUnit);
  rt.spentUsd[COUNTERINSURGENCY] = Math.min(money[COUNTERINSURGENCY], ciUnit);

  // AD: each offered programme's budget as funded (shares: the line's money split by plans).
  for (const pr of programmes) {
    if (pr.country !== c) continue;
    if (b.allocation === 'plan') pr.budgetUsdYear *= fundedAd;
    else pr.budgetUsdYear = adPlan > 0 ? (money[AD] * pr.budgetUsdYear) / adPlan : 0;
  }
  rt.spentUsd[AD] = 0; // what the programmes spend is known once they deliver (closeBudgets)
  rt.spentUsd[PRESENCE] = money[PRESENCE];
}

/** Phase 6, after AD is delivered: what the programmes spent, and every region's share of the money. */
export function closeBudgets(world: World): void {
  const { regions } = world;
  const nR = world.regionIds.length;
  regions.stateSpendUsd.fill(0);
  regions.stateBudgetUsd.fill(0);
  for (const c of COUNTRIES) {
    const rt = world.states[c];
    const sp = world.scenario.states[c];
    if (!rt || !sp) continue;
    let adSpent = 0;
    for (const pr of world.programmes) {
      if (pr.country !== c) continue;
      const terms = programmeTerms(world, pr);
      if (!terms) continue;
      for (let r = 0; r < nR; r++) {
        const spent = pr.promised[r] * terms.deliveryRate;
        adSpent += spent;
        regions.stateSpendUsd[r] += spent;
      }
    }
    rt.spentUsd[AD] = adSpent;
    // Country-wide lines by households; eradication by what each region's crews cost.
    let eradCost = 0;
    for (let r = 0; r < nR; r++) if (regions.country[r] === COUNTRY_INDEX[c]) eradCost += rt.eradicationTarget[r] * eradicationCostUsdHa(world, sp, r);
    const shared = rt.spentUsd[INTERDICTION] + rt.spentUsd[COUNTERINSURGENCY];
    const nc = regionsOf(world, c);
    for (let r = 0; r < nR; r++) {
      if (regions.country[r] !== COUNTRY_INDEX[c]) continue;
      const h = householdShare(world, r);
      regions.stateBudgetUsd[r] = rt.budgetUsd * h;
      regions.stateSpendUsd[r] += shared * h + rt.spentUsd[PRESENCE] / nc;
      if (eradCost > 0) regions.stateSpendUsd[r] += (rt.spentUsd[ERADICATION] * rt.eradicationTarget[r] * eradicationCostUsdHa(world, sp, r)) / eradCost;
    }
    // The optimising rule's record: cocaine kept off the market by each line this year.
    const leafPerKg = world.scenario.market.leafKgPerKgHcl;
    for (let r = 0; r < nR; r++) {
      if (regions.country[r] !== COUNTRY_INDEX[c]) continue;
      const reg = world.scenario.regions[world.regionIds[r]];
      rt.yearRemovedKg[0] += (regions.eradicatedCocaHa[r] * reg.cocaYieldKgHaYear) / leafPerKg;
      rt.yearRemovedKg[1] += regions.seizedKg[r];
    }
    rt.yearSpentUsd[0] += rt.spentUsd[ERADICATION];
    rt.yearSpentUsd[1] += rt.spentUsd[INTERDICTION];
  }
}

/** Total a state spent this month (USD): never more than its budget. */
export function spentTotal(rt: StateRuntime): number {
  let s = 0;
  for (let k = 0; k < NL; k++) s += rt.spentUsd[k];
  return s;
}

/**
 * The optimising rule, each January: move a step of the eradication + interdiction money toward
 * the line that kept more cocaine off the market per dollar last year, then start a new year.
 */
function optimiseSplit(rt: StateRuntime): void {
  const [eKg, iKg] = rt.yearRemovedKg;
  const [eUsd, iUsd] = rt.yearSpentUsd;
  const pair = rt.optimisedShares[0] + rt.optimisedShares[1];
  if (pair > 0 && eUsd > 0 && iUsd > 0) {
    const toErad = eKg / eUsd > iKg / iUsd ? 1 : -1;
    const e = Math.min(pair * (1 - OPTIMISE_FLOOR), Math.max(pair * OPTIMISE_FLOOR, rt.optimisedShares[0] + toErad * OPTIMISE_STEP * pair));
    rt.optimisedShares[0] = e;
    rt.optimisedShares[1] = pair - e;
  }
  rt.yearRemovedKg.fill(0);
  rt.yearSpentUsd.fill(0);
}
