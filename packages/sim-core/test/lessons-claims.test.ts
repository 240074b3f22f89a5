/**
 * Each bundled lesson's reading holds on the model: every claim of scenarios/lessons/<id>.yaml,
 * judged on payoffs measured from the model over three base seeds (the lesson's own and the next
 * two), is supported on every seed. A claim the model does not support is listed in KNOWN with
 * the numbers and tested with it.fails, so it turns red the day the model starts to support it
 * (then move it out of KNOWN, and update docs/teaching.md).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { claimsOverSeeds, parseLesson, prepareLesson, type ClaimsOverSeeds, type Lesson } from '../src/lessons/index.ts';

const IDS = ['protection-racket', 'stationary-bandit', 'cartel-of-buyers', 'price-coercion', 'balloon-effect', 'broken-promise', 'adoption'];

/** Claims (lesson id → claim index) the model does not support, with the numbers measured. */
const KNOWN: Record<string, Record<number, string>> = {
  // On the merged model of 2026-12-05 with the bids, the budgeted state and the refit, the
  // balloon lesson's claims all hold again; the protection racket's firmas' best reply against an
  // honest SL is within the noise: pay − refuse +47,400 USD/month [−84,100, 179,000] on 2.7 M,
  // and −13,500 [−90,500, 63,400] (lesson seed) once protection is worth only as much as SL's
  // escorts hold the corridors against the state (territory.ts escortShare). The fee is fixed at
  // $4/kg in this lesson: fees of about $25k a month against profits of $2.7M that vary by ±$0.45M
  // across seeds, so the protection's saving net of the fee is too small to read. With SL's size
  // set by the marginal fighter (recruitment.ts): +99,400 [−27,000, 226,000] at the lesson's seed.
  'protection-racket': { 1: 'pay vs refuse against an honest SL: within the noise' },
  // Since the leaf price comes from the firmas' bids (issue 14) the VRAEM's leaf price sits lower
  // and the lesson's world (demand at 30%, cacao at $3/kg, buyers from 74% licit land) no longer
  // sits at its tipping point: coca start − licit start 293 ha [18.5, 567] with strong scale
  // economies, 288 [84.9, 491] without; difference 4.95 [−321, 331]. The lesson's world needs
  // re-setting against the new price (its threshold is the lesson's assumption, not calibrated).
  adoption: { 1: 'the gap does not grow with scale economies at the bids’ leaf price' },
  // With the baseline at the observed prices of 2004–05 (250 kg of leaf a kilo of HCl, HCl at $890;
  // prices5, 2026-12-05) both hold in direction but within the noise of three seeds: 16 firmas
  // against 4 pay 2.24 [2.20, 2.27] against 2.04 [1.67, 2.41] $/kg, difference 0.199 [−0.172, 0.57]
  // (the 4-firma world's price spreads with its entries and exits); chasing eradication leaves
  // growers who move 41,800 ha [38,100, 45,600] against 39,800 [37,300, 42,300] who stay,
  // difference 2,030 [−833, 4,900]. The second (balloon-effect's claim 3) holds on every seed since
  // the baseline was refitted with growers' own paste (eighth stop).
  'price-coercion': { 0: 'more buyers raise the price: within the noise of three seeds' },
};

const file = (p: string) => fileURLToPath(new URL(`../../../scenarios/${p}`, import.meta.url));
/** The scenario a lesson's world names, relative to the lessons' folder. */
const worldOf = (lesson: Lesson) => YAML.parse(readFileSync(file(`lessons/${lesson.world.scenario}`), 'utf8')) as Record<string, unknown>;

function lessonOf(id: string): Lesson {
  const v = parseLesson(YAML.parse(readFileSync(file(`lessons/${id}.yaml`), 'utf8')));
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return v.lesson;
}

describe.each(IDS)('lesson %s: claims over three seeds', (id) => {
  const lesson = lessonOf(id);
  let result: ClaimsOverSeeds | undefined;
  const measured = (): ClaimsOverSeeds => {
    if (!result) {
      const p = prepareLesson(lesson, worldOf(lesson));
      if (!p.ok) throw new Error(JSON.stringify(p.issues));
      const seed = lesson.runs.seed;
      result = claimsOverSeeds(p.prepared, [seed, seed + 1, seed + 2]);
    }
    return result;
  };
  lesson.claims.forEach((c, i) => {
    const test = KNOWN[id]?.[i] ? it.fails : it;
    test(`${c.kind}: ${c.claim}`, { timeout: 600_000 }, () => {
      for (const r of measured().verdicts[i]) expect(r.supported, r.evidence).toBe(true);
    });
  });
});
