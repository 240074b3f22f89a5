/**
 * Corruption as a stock of bought officials (principal–agent: an official takes a bribe when it
 * beats the expected penalty of being caught; Becker 1968, Rose-Ackerman 1999; calibration §2.5:
 * $13,800 in bribes for one flight from Uchiza in 1991). Each region has `OFFICIALS` posts that
 * matter to traffickers (police, prosecutors, port and road officials); their expected penalties
 * a month on the take spread evenly from 0 to twice the country's `penaltyUsdMonth`, so the
 * cheapest are bought first and each further one costs more. The corruption index is the share
 * of them on the payroll; it erodes interdiction on the firmas' routes, eradication and AD
 * delivery (`erosion`).
 *
 * A bought official lowers interdiction for every firma shipping from the region: a public good
 * among them. Each firma values one more official by the seizures he saves it; in the Nash
 * equilibrium of private contributions to a public good only the firma that values it most pays,
 * up to where its own gain meets the next official's price, and the rest ride free (Bergstrom,
 * Blume & Varian 1986) — so officials are bought below what the firmas together would pay for.
 * Protection and bribes are substitutes: an armed group's protection already cuts a firma's
 * seizures on its corridors, and where it is contained those seizures, and the bribes that would
 * avoid them, rise (the article: corruption rose as SL was contained).
 *
 * The stock moves slowly: at most `HIRE_SHARE` of the posts are approached a month; an official
 * no longer paid stops serving; each month a share `decay` of bought officials is detected and
 * replaced by an honest one.
 */
import type { World } from '../world.ts';

/** Posts per region that matter to traffickers: one official is 0.01 of the corruption index. */
export const OFFICIALS = 100;
/** Most of a region's posts firmas can approach in a month (finding who takes, through whom). */
const HIRE_SHARE = 0.05;

/** What the officials 0..b on the payroll cost a month: Σ of their expected penalties (USD). */
export function payrollUsd(bought: number, penaltyUsdMonth: number): number {
  return (penaltyUsdMonth * bought * bought) / OFFICIALS;
}

/**
 * After shipping: in each region, the firma that gains most from one more bought official pays
 * for the officials up to where its gain meets the next one's price. Its gain from an official
 * in region r: the erosion of interdiction he brings (1/OFFICIALS of the index, averaged over
 * the firma's valleys) on the seizures it expects this month.
 */
export function buyOfficials(world: World): void {
  const { scenario, regions } = world;
  for (let r = 0; r < world.regionIds.length; r++) {
    const sp = scenario.states[scenario.regions[world.regionIds[r]].country];
    if (!sp) continue;
    const c = sp.corruption;
    let best = 0;
    let payer = -1;
    for (let k = 0; k < world.firmas.length; k++) {
      const f = world.firmas[k];
      if (!f.alive || !f.regions.includes(r)) continue;
      let mean = 0;
      for (const q of f.regions) mean += regions.corruption[q];
      mean /= f.regions.length;
      const left = Math.max(1e-9, 1 - c.erosion * mean);
      const gain = (c.erosion * f.seizureLossUsd) / (OFFICIALS * f.regions.length * left);
      if (gain > best) {
        best = gain;
        payer = k;
      }
    }
    // The marginal official's price is 2·penalty·b/OFFICIALS: buy while it is below the payer's gain.
    const wanted = Math.min(OFFICIALS, (best * OFFICIALS) / (2 * c.penaltyUsdMonth));
    const held = regions.corruption[r] * OFFICIALS;
    const bought = wanted <= held ? wanted : Math.min(wanted, held + HIRE_SHARE * OFFICIALS);
    const bill = payer >= 0 ? payrollUsd(bought, c.penaltyUsdMonth) : 0;
    regions.corruption[r] = payer >= 0 ? bought / OFFICIALS : 0;
    if (bill <= 0) continue;
    const f = world.firmas[payer];
    f.cash -= bill;
    f.profit -= bill;
    regions.firmaProfit[r] -= bill;
    regions.bribes[r] += bill;
    world.balance.bribesPaid += bill;
    // What each official took: his expected penalty, summed over those on the payroll.
    world.balance.bribesReceived += (2 * c.penaltyUsdMonth * bought * bought) / (2 * OFFICIALS);
  }
}

/** Detection: a share `decay` of the bought officials is caught each month and replaced by honest ones. */
export function updateCorruption(world: World): void {
  const { scenario, regions } = world;
  for (let r = 0; r < world.regionIds.length; r++) {
    const sp = scenario.states[scenario.regions[world.regionIds[r]].country];
    if (!sp) continue;
    regions.corruption[r] = Math.min(1, Math.max(0, regions.corruption[r] * (1 - sp.corruption.decay)));
  }
}
