/**
 * The stylized facts of calibration §3 (docs/sources.md §3), each checked on the
 * bundled scenario that claims it (its `shows:` line). Every check is a sign test over paired
 * seeds: replicate k of a scenario and of its counterfactual share a seed, and an effect counts
 * only when the 95% interval of the paired difference excludes zero. No number here is fitted to
 * the model; the few thresholds are the facts' own words ("under 1%", "more than half").
 *
 * Runs use 20 households per agent. Besides the recorded metrics, the runs read a few things the
 * metrics do not carry (the armed group's fee and whether it predates, the buyers' actions in
 * their game, the harvest per bearing hectare) from the engine's world as they step.
 */
import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createSimulation, replicateSeed, seriesOf, stat, tickOf, type RunResult, type MetricName, type Scenario, type Stat } from '@vraem/sim-core';
import { loadScenario } from '../src/load.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const SCALE = ['householdsPerAgent=20'];
const REPLICATES = 10;
/** Set VRAEM_FACTS_REPORT=1 to print every paired difference the checks read. */
const REPORT = Boolean(process.env.VRAEM_FACTS_REPORT);
/** Set VRAEM_FACTS_OFFSET=k to run another block of replicates (k, k+1, ...): a check of robustness. */
const OFFSET = Number(process.env.VRAEM_FACTS_OFFSET ?? 0);
const VRAEM = ['vraem-apurimac', 'vraem-ene', 'vraem-mantaro'];
/** Where the bundled AD programmes are offered. */
const AD_REGIONS = [...VRAEM, 'alto-huallaga'];

/** What the runs read from the engine's world besides the metrics, one value a month. */
interface Probe {
  /** Shining Path's fee (USD/kg). */
  slFee: number[];
  /** 1 in a month Shining Path predates on the firmas it protects. */
  slPredating: number[];
  /** 1 in a month its protection racket is broken (before a new arrangement). */
  slBroken: number[];
  /** Share of live firmas defecting from the buyers' price agreement. */
  defectShare: number[];
  /** Colombia's leaf harvest per bearing hectare (kg/ha/month). */
  coYieldMature: number[];
}

interface Run {
  result: RunResult;
  probe: Probe;
}

/** The parts of the engine's world the probe reads (the engine keeps it as `world`). */
interface WorldView {
  regionIndex: Map<string, number>;
  regions: { harvestKg: Float64Array; matureCocaHa: Float64Array };
  firmas: { alive: boolean; cooperating: boolean }[];
  groups: { id: string; fee: number; predating: boolean; brokenMonths: number }[];
}

function scenario(file: string): Scenario {
  return loadScenario(`${root}scenarios/${file}`, { set: SCALE }).scenario;
}

const BASE = scenario('baseline.yaml');
const SEEDS = Array.from({ length: REPLICATES }, (_, k) => replicateSeed(BASE.seed, OFFSET + k));

function simulate(s: Scenario, seed: number, run: number): Run {
  const sim = createSimulation(s, { seed, run });
  const world = (sim as unknown as { world: WorldView }).world;
  const co = world.regionIndex.get('colombia')!;
  const probe: Probe = { slFee: [], slPredating: [], slBroken: [], defectShare: [], coYieldMature: [] };
  while (sim.tick < sim.months) {
    sim.step();
    const sl = world.groups.find((g) => g.id === 'sl');
    probe.slFee.push(sl ? sl.fee : 0);
    probe.slPredating.push(sl?.predating ? 1 : 0);
    probe.slBroken.push(sl && sl.brokenMonths > 0 ? 1 : 0);
    let alive = 0;
    let defecting = 0;
    for (const f of world.firmas) {
      if (!f.alive) continue;
      alive++;
      if (!f.cooperating) defecting++;
    }
    probe.defectShare.push(alive > 0 ? defecting / alive : 0);
    const mature = world.regions.matureCocaHa[co];
    probe.coYieldMature.push(mature > 0 ? world.regions.harvestKg[co] / mature : 0);
  }
  return { result: sim.result(), probe };
}

const cache = new Map<string, Run[]>();
/** The replicates of a bundled scenario, on the shared seeds (computed once per file). */
function runs(file: string): Run[] {
  let r = cache.get(file);
  if (!r) {
    const s = scenario(file);
    r = SEEDS.map((seed, k) => simulate(s, seed, k));
    cache.set(file, r);
  }
  return r;
}

/** Ticks from month `from` to month `to`, both included. */
function span(from: string, to: string): [number, number] {
  return [tickOf(BASE.start, from), tickOf(BASE.start, to) + 1];
}

/** Mean over the months of `w` of a metric summed over `rows`. */
function mean(r: RunResult, rows: string[], metric: MetricName, w: [number, number]): number {
  let sum = 0;
  for (const row of rows) {
    const s = seriesOf(r, row, metric);
    for (let t = w[0]; t < w[1]; t++) sum += s[t];
  }
  return sum / (w[1] - w[0]);
}

/** Farm-gate leaf price over `rows` and the months of `w`, weighted by leaf output. */
function leafPrice(r: RunResult, rows: string[], w: [number, number]): number {
  let paid = 0;
  let leaf = 0;
  for (const row of rows) {
    const p = seriesOf(r, row, 'leaf_price_usd_kg');
    const q = seriesOf(r, row, 'leaf_output_t');
    for (let t = w[0]; t < w[1]; t++) {
      paid += p[t] * q[t];
      leaf += q[t];
    }
  }
  return leaf > 0 ? paid / leaf : 0;
}

/** Mean of a probe series over the months of `w`. */
function probeMean(p: number[], w: [number, number]): number {
  let s = 0;
  for (let t = w[0]; t < w[1]; t++) s += p[t];
  return s / (w[1] - w[0]);
}

const of = (file: string, read: (r: Run) => number) => runs(file).map(read);

/** A metric's mean over `rows` and the months of `w`, in the replicates of file A and of file B. */
function pairOf(a: string, b: string, rows: string[], metric: MetricName, w: [number, number]): [number[], number[]] {
  const read = (r: Run) => mean(r.result, rows, metric, w);
  return [of(a, read), of(b, read)];
}

function show(d: Stat): string {
  const f = (x: number) => x.toPrecision(4);
  return `${f(d.mean)} [${f(d.ci95[0])}, ${f(d.ci95[1])}]`;
}

/** `b` exceeds `a`, paired by seed, beyond the noise (the 95% interval of b − a is above zero). */
function expectAbove(a: number[], b: number[], what: string): Stat {
  const d = stat(b.map((x, i) => x - a[i]));
  if (REPORT) console.log(`${what}: A ${show(stat(a))}, B ${show(stat(b))}, B − A ${show(d)}`);
  expect(d.ci95[0], `${what}: B − A = ${show(d)} should be above zero`).toBeGreaterThan(0);
  return d;
}

/** `b` falls short of `a`, paired by seed, beyond the noise. */
function expectBelow(a: number[], b: number[], what: string): Stat {
  const d = stat(b.map((x, i) => x - a[i]));
  if (REPORT) console.log(`${what}: A ${show(stat(a))}, B ${show(stat(b))}, B − A ${show(d)}`);
  expect(d.ci95[1], `${what}: B − A = ${show(d)} should be below zero`).toBeLessThan(0);
  return d;
}

describe('calibration §3: the stylized facts on the bundled scenarios', () => {
  // Fact 1's magnitudes are read as ratios to the baseline over the same months, seed by seed
  // (replicate k of both scenarios shares a seed), so the baseline's own drift cancels.
  // The cut runs 2006–2009 (as 1995–1999); other routes open in January 2010.
  const FACT1 = {
    cut: span('2006-01', '2006-06'),
    late: span('2009-01', '2009-12'),
    reopened: span('2010-01', '2011-12'),
    after: span('2012-01', '2012-12'),
  };
  /** The VRAEM leaf price of the air-bridge cut over the baseline's, per seed, over `w`. */
  const priceRatio = (w: [number, number]) => {
    const base = of('baseline.yaml', (r) => leafPrice(r.result, VRAEM, w));
    return of('air-bridge-cut.yaml', (r) => leafPrice(r.result, VRAEM, w)).map((x, i) => x / base[i]);
  };

  // A known failure until the baseline started at the observed prices of 2004–05 (250 kg of leaf a
  // kilo, HCl at $890; docs/model.md, the export market): the cut's first six months paid 0.405 of
  // the baseline's VRAEM leaf price in seed 3. Now 0.281–0.376 over the ten seeds (VRAEM leaf $0.76
  // against $2.19), and the cut's last year has 4,870 ha [4,090, 5,649] less VRAEM coca (prices5,
  // 2026-12-05); not traced which part of that change moved the ratio.
  it('fact 1: cutting the exit route drops the VRAEM leaf price by more than 60% within months, and then hectares', () => {
    const base = 'baseline.yaml';
    const air = 'air-bridge-cut.yaml';
    // "falls by more than 60% within months": in every seed, the first six months of the cut pay
    // under 40% of what the baseline pays in the same months.
    const fall = priceRatio(FACT1.cut);
    if (REPORT) console.log(`VRAEM leaf price, first six months of the cut, over the baseline's: ${fall.map((x) => x.toFixed(3)).join(' ')}`);
    for (const [k, x] of fall.entries()) expect(x, `seed ${k}: the cut's price is ${x.toFixed(3)} of the baseline's`).toBeLessThan(0.4);
    expectBelow(of(base, (r) => leafPrice(r.result, VRAEM, FACT1.cut)), of(air, (r) => leafPrice(r.result, VRAEM, FACT1.cut)), 'VRAEM leaf price, first six months of the cut');
    // ...and hectares fall.
    expectBelow(...pairOf(base, air, VRAEM, 'coca_ha', FACT1.late), 'VRAEM coca in the cut’s last year');
  });

  it('fact 1: when other routes open the VRAEM leaf price recovers partly (to about two thirds of the baseline’s) and planting resumes', () => {
    const base = 'baseline.yaml';
    const air = 'air-bridge-cut.yaml';
    // The price climbs back from its fall within each run...
    expectAbove(of(air, (r) => leafPrice(r.result, VRAEM, FACT1.cut)), of(air, (r) => leafPrice(r.result, VRAEM, FACT1.reopened)), 'VRAEM leaf price, reopened against the cut');
    // ...but stays below the baseline's over the two years after reopening (beyond the noise)...
    expectBelow(
      of(base, (r) => leafPrice(r.result, VRAEM, FACT1.reopened)),
      of(air, (r) => leafPrice(r.result, VRAEM, FACT1.reopened)),
      'VRAEM leaf price after reopening, against the baseline',
    );
    // ...at "about two thirds": over the seeds, between 0.4 and 0.9 of the baseline's. Below 0.4
    // would be no recovery from the cut's fall (which holds the price near 0.3 of the baseline's);
    // above 0.9 would be a recovery within the run-to-run spread of the VRAEM price, i.e. a full
    // one. Pooled over seeds (ratio of the means), since one seed's baseline can lose a valley's
    // buyer by chance and move its own ratio a long way.
    const b = of(base, (r) => leafPrice(r.result, VRAEM, FACT1.reopened));
    const a = of(air, (r) => leafPrice(r.result, VRAEM, FACT1.reopened));
    const pooled = stat(a).mean / stat(b).mean;
    if (REPORT) console.log(`VRAEM leaf price 2010–2011 over the baseline's: pooled ${pooled.toFixed(3)}; by seed ${priceRatio(FACT1.reopened).map((x) => x.toFixed(3)).join(' ')}`);
    expect(pooled, 'the reopened price over the baseline’s').toBeGreaterThan(0.4);
    expect(pooled, 'the reopened price over the baseline’s').toBeLessThan(0.9);
    // Planting resumes: hectares grow from the cut's last year more than the baseline's do.
    const growth = (r: Run) => mean(r.result, VRAEM, 'coca_ha', FACT1.after) - mean(r.result, VRAEM, 'coca_ha', FACT1.late);
    expectAbove(of(base, growth), of(air, growth), 'VRAEM coca growth 2009→2012');
  });

  // KNOWN (eighth stop, 6 December 2026, the baseline refitted with growers' own paste:
  // docs/validation.md §7.5): Colombia's share of Andean coca falls, but by less than the noise of
  // the eight pairs, −0.0117 [−0.0235, 0.0001]. Colombia's growers keep the netback less their pit's
  // cost through the surge (no armed group closes their option in the baseline), so the surge's
  // kill is replanted more fully than before. Not tuned.
  it.fails('fact 2: a Colombian eradication surge lowers Colombia’s share of Andean coca and raises Peru’s and Bolivia’s coca (the balloon effect)', () => {
    // The surge runs 2006–2013; coca takes a year to bear and growers adjust over several
    // decisions, so the response is read over the surge's years after its first two.
    const w = span('2008-01', '2013-12');
    const base = 'baseline.yaml';
    const surge = 'colombia-eradication-surge.yaml';
    const share = (r: Run) => mean(r.result, ['CO'], 'coca_ha', w) / mean(r.result, ['ALL'], 'coca_ha', w);
    expectBelow(of(base, share), of(surge, share), 'Colombia’s share of Andean coca, 2008–2013');
    expectAbove(...pairOf(base, surge, ['PE'], 'coca_ha', w), 'Peru’s coca, 2008–2013');
    expectAbove(...pairOf(base, surge, ['BO'], 'coca_ha', w), 'Bolivia’s coca, 2008–2013');
  });

  it('fact 3: eradication is largely offset — most of the extra coca the Colombian surge destroys is replanted', () => {
    const surgeYears = span('2006-01', '2013-12');
    const lastYear = span('2013-01', '2013-12');
    const base = 'baseline.yaml';
    const surge = 'colombia-eradication-surge.yaml';
    // Hectares destroyed: the standing coca the crews destroyed, month by month (the hectares they
    // report count replanted fields worked again, so worked × kill would overstate it).
    const destroyed = (file: string) =>
      of(file, (r) => {
        const gone = seriesOf(r.result, 'CO', 'eradicated_coca_ha');
        let ha = 0;
        for (let t = surgeYears[0]; t < surgeYears[1]; t++) ha += gone[t];
        return ha;
      });
    const extraDestroyed = stat(destroyed(surge).map((x, i) => x - destroyed(base)[i]));
    expect(extraDestroyed.ci95[0], `extra hectares destroyed by the surge: ${show(extraDestroyed)}`).toBeGreaterThan(0);
    // Standing coca falls by less than half of what was destroyed: more than half was replanted.
    const standing = (file: string) => of(file, (r) => mean(r.result, ['CO'], 'coca_ha', lastYear));
    const fall = standing(base).map((x, i) => x - standing(surge)[i]);
    const halfDestroyed = destroyed(surge).map((x, i) => (x - destroyed(base)[i]) / 2);
    expectAbove(fall, halfDestroyed, 'half the extra hectares destroyed against the fall in standing coca');
  });

  it('fact 4: where area is pressed, yield per bearing hectare rises (intensification)', () => {
    const w = span('2007-01', '2013-12');
    expectAbove(
      of('baseline.yaml', (r) => probeMean(r.probe.coYieldMature, w)),
      of('colombia-eradication-surge.yaml', (r) => probeMean(r.probe.coYieldMature, w)),
      'Colombia’s leaf per bearing hectare under the surge',
    );
  });

  it('fact 5: AD announced but not delivered leaves the coca a delivered programme converts, and trust collapses', () => {
    // Announced in January 2012 in the VRAEM and Alto Huallaga with five years of support:
    // conversion is read where the programme is offered, over its last years and the year after
    // (2015–2017); trust over the programme's years.
    const programme = span('2012-01', '2016-12');
    const converted = span('2015-01', '2017-12');
    const base = 'baseline.yaml';
    const ad = 'alternative-development.yaml';
    const paper = 'ad-on-paper.yaml';
    expectBelow(...pairOf(base, ad, AD_REGIONS, 'coca_ha', converted), 'coca where AD is offered, delivered programme against none');
    expectAbove(...pairOf(ad, paper, AD_REGIONS, 'coca_ha', converted), 'coca where AD is offered, programme on paper against delivered');
    // Trust: below the neutral prior (a half) and below the delivered programme's.
    const trust = (r: Run) => mean(r.result, VRAEM, 'trust_in_state', programme) / VRAEM.length;
    expectBelow(of(ad, trust), of(paper, trust), 'VRAEM trust, on paper against delivered');
    if (REPORT) console.log(`VRAEM trust on paper: ${of(paper, trust).map((t) => t.toFixed(3)).join(' ')}`);
    for (const t of of(paper, trust)) expect(t, 'VRAEM trust in a programme on paper').toBeLessThan(0.5);
  });

  // A programme on paper converts nothing (VRAEM 2014: 0 of 5,000 ha): enrolment is itself part of
  // what is delivered, so nobody is signed up, and the announcement alone draws growers to plant
  // for the eligibility (Mejía, Prem & Vargas 2023) — more coca than with no programme at all.
  it('fact 5: a programme on paper leaves no less coca than none (the announcement even adds some)', () => {
    expectAbove(...pairOf('baseline.yaml', 'ad-on-paper.yaml', AD_REGIONS, 'coca_ha', span('2012-01', '2017-12')), 'coca where AD is offered, programme on paper against none');
  });

  it('fact 6: a single buyer a valley pays growers less than many, and many buyers break their price agreement more often', () => {
    const w = span('2005-01', '2023-12');
    const one = 'consolidated-market.yaml';
    const many = 'fragmented-market.yaml';
    // Growers' share of what their leaf is worth as HCl at the export price: thirty firmas buy more
    // leaf everywhere and lower the export price behind every bid, so the level mixes that echo in.
    const share = (r: Run) => (leafPrice(r.result, ['PE'], w) * BASE.market.leafKgPerKgHcl) / mean(r.result, ['ALL'], 'export_price_usd_kg', w);
    expectAbove(of(one, share), of(many, share), 'Peruvian growers’ share of the export value, many buyers against one a valley');
    // A sole buyer has no agreement to break; the cartel is compared between the baseline's dozen
    // firmas and the fragmented market's thirty.
    const defecting = (r: Run) => probeMean(r.probe.defectShare, w);
    expectAbove(of('baseline.yaml', defecting), of(many, defecting), 'share of firmas defecting from the price agreement, thirty against a dozen');
  });

  it('fact 7: Shining Path’s fee stays under 1% of the export price', () => {
    const w = span('2004-01', '2010-12');
    for (const r of runs('baseline.yaml')) {
      const price = mean(r.result, ['ALL'], 'export_price_usd_kg', w);
      const fee = probeMean(r.probe.slFee, w);
      if (REPORT) console.log(`fee $${fee.toFixed(2)}/kg, export price $${price.toFixed(0)}/kg: ${((100 * fee) / price).toFixed(2)}%`);
      expect(fee / price, `fee $${fee.toFixed(2)}/kg against an export price of $${price.toFixed(0)}/kg`).toBeLessThan(0.01);
    }
  });

  const protectionPaid = (win: [number, number]) => (r: Run) => mean(r.result, ['PE'], 'protection_paid_usd', win);

  // 2010–2014 with the conversion's path of 2008–2014 and the demand trend compounding from 2014:
  // VRAEM cocaine +1.30 t/month [0.57, 2.04] on 13.4, protection paid in Peru +12,250 USD/month
  // [7,808, 16,700] on 42,110. Before them (main of 2026-12-05) a known failure: the extra VRAEM
  // cocaine was within the noise, +0.89 t/month [−0.17, 1.95] on 10.3. Not traced which of the two
  // changes moved it (the kilos a kilo of leaf makes grow from 2008 in both runs alike). With the
  // baseline at 250 kg a kilo from 2004 and HCl at $890 (prices5, 2026-12-05): VRAEM cocaine +1.71
  // t/month [0.26, 3.16] on 13.6, protection paid +14,920 USD/month [7,614, 22,220] on 32,090.
  it('fact 7: Shining Path’s revenue follows volume: a demand shock carries more VRAEM cocaine and more protection paid', () => {
    const shock = span('2010-01', '2014-12');
    expectAbove(...pairOf('baseline.yaml', 'demand-shock.yaml', VRAEM, 'cocaine_output_t', shock), 'VRAEM cocaine under the demand shock');
    expectAbove(of('baseline.yaml', protectionPaid(shock)), of('demand-shock.yaml', protectionPaid(shock)), 'protection paid in Peru under the demand shock');
  });

  // The offensive (counter-insurgency 0.95 from 2009) shortens SL's horizon, which raises the
  // fee that keeps it honest, and gives the state's forces the larger share of the corridors, which
  // lowers what SL's escorts save a firma (protection.ts, territory.ts escortShare): the floor
  // passes what protection is worth, the racket breaks and protection paid falls (−60,660 USD/month
  // [−65,620, −55,690], 2010–2015, on the merged model of 2026-12-05 with the escorts' contest).
  it('fact 7: Shining Path’s revenue follows territory: the state’s offensive lowers protection paid', () => {
    const offensive = span('2010-01', '2015-12');
    expectBelow(of('baseline.yaml', protectionPaid(offensive)), of('shining-path-offensive.yaml', protectionPaid(offensive)), 'protection paid in Peru under the offensive');
  });

  it('fact 8: grower unions with a per-family cap hold Bolivia’s area near the cap, with little violence', () => {
    const w = span('2010-01', '2023-12');
    const unions = 'bolivia-grower-unions.yaml';
    const none = 'bolivia-no-unions.yaml';
    const coca = (r: Run) => mean(r.result, ['BO'], 'coca_ha', w);
    expectBelow(of(none, coca), of(unions, coca), 'Bolivia’s coca with unions');
    // The cap in hectares: members × the cato, from the unions scenario.
    const bo = scenario(unions).regions.bolivia;
    const cap = (r: Run) => mean(r.result, ['BO'], 'association_share', w) * bo.households * bo.association.capHaPerMember;
    const gap = (r: Run) => Math.abs(coca(r) - cap(r)) / cap(r);
    const capOf = runs(unions).map(cap);
    const gapNone = runs(none).map((r, i) => Math.abs(coca(r) - capOf[i]) / capOf[i]);
    expectBelow(gapNone, of(unions, gap), 'distance of Bolivia’s coca from the cap, unions against none');
    // Little violence: fewer events per hectare in Bolivia than in the VRAEM, in the same runs.
    const perHa = (rows: string[]) => (r: Run) => mean(r.result, rows, 'violence_events', w) / mean(r.result, rows, 'coca_ha', w);
    expectBelow(of(unions, perHa(VRAEM)), of(unions, perHa(['BO'])), 'violence per hectare, Bolivia against the VRAEM');
  });
});

describe('the bundled policy scenarios move what they claim to move', () => {
  // A known failure from the merged model of 2026-12-05 (the export price did not rise: 2008–2010
  // −34 USD/kg [−69, 0.8], the firmas' bribes lowering eradication as well as interdiction) until
  // the eighth stop: with growers' own paste and the refitted baseline (docs/validation.md §7.5) all
  // three hold beyond the noise — seized +2.08 t/month [1.96, 2.20], the export price over 2008–2010
  // +$24/kg [7, 41], protection paid in Peru +$27,000 a month [25,300, 28,700].
  it('an interdiction surge raises seizures, the export price and what firmas pay for protection', () => {
    const w = span('2008-01', '2013-12');
    const base = 'baseline.yaml';
    const surge = 'interdiction-surge.yaml';
    expectAbove(...pairOf(base, surge, ['ALL'], 'seized_t', w), 'cocaine seized');
    // The price answers at once; later, coca expands where the routes are safer and supply recovers.
    expectAbove(...pairOf(base, surge, ['ALL'], 'export_price_usd_kg', span('2008-01', '2010-12')), 'export price, 2008–2010');
    // As the model shows it: protection is worth more on riskier routes, so firmas pay the armed
    // group more (Konrad & Skaperdas 1998: extortion can rise with policing; calibration §1).
    expectAbove(...pairOf(base, surge, ['PE'], 'protection_paid_usd', w), 'protection paid in Peru');
  });

  it('the state’s offensive shrinks Shining Path and breaks the protection racket: predation and violence', () => {
    // Over the offensive's years the group shrinks, its revenue falls and it turns to predation
    // (a broken racket: calibration §4). Violence is read over the offensive's first two years,
    // when combat and the first breaks come; later, a dwindling group fights less.
    const w = span('2010-01', '2015-12');
    const start = span('2009-01', '2010-12');
    const base = 'baseline.yaml';
    const off = 'shining-path-offensive.yaml';
    expectBelow(...pairOf(base, off, ['PE'], 'armed_fighters', w), 'Shining Path’s fighters');
    expectBelow(...pairOf(base, off, VRAEM, 'armed_control', w), 'Shining Path’s control of the VRAEM');
    expectAbove(of(base, (r) => probeMean(r.probe.slPredating, w)), of(off, (r) => probeMean(r.probe.slPredating, w)), 'months Shining Path predates');
    expectAbove(of(base, (r) => probeMean(r.probe.slBroken, w)), of(off, (r) => probeMean(r.probe.slBroken, w)), 'months the racket is broken');
    expectAbove(...pairOf(base, off, VRAEM, 'violence_events', start), 'violence in the VRAEM');
  });

  it('a demand shock moves the export price, then the leaf price, then hectares, in its direction', () => {
    const base = 'baseline.yaml';
    const shock = 'demand-shock.yaml';
    const first = span('2010-01', '2010-06');
    const year = span('2010-01', '2010-12');
    const later = span('2011-01', '2013-12');
    expectAbove(...pairOf(base, shock, ['ALL'], 'export_price_usd_kg', first), 'export price, first six months');
    expectAbove(of(base, (r) => leafPrice(r.result, ['ALL'], year)), of(shock, (r) => leafPrice(r.result, ['ALL'], year)), 'leaf price, first year');
    expectAbove(...pairOf(base, shock, ['ALL'], 'coca_ha', later), 'Andean coca, 2011–2013');
  });
});
