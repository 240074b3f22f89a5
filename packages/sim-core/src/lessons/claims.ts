/**
 * Judging a lesson's claims on the measured payoffs. Each claim kind states the condition that
 * makes it true (a best reply, an equilibrium, the folk-theorem inequality δ ≥ (T − R)/(T − P),
 * a paired difference whose 95% interval excludes zero in the stated direction, an interior
 * revenue-maximising strategy, a cooperation index, a difference in differences), and the
 * verdict comes with a sentence of the numbers behind it — generated from the measurement, never
 * written in advance. Differences between cells are paired by replicate (common random numbers).
 *
 * Sources: Osborne (2004) ch. 2–4 and 14–15; Gibbons (1992) §2.3; games.ts.
 */
import { pairedDifferences, pairedStat, stat, type Stat } from '../analysis/statistics.ts';
import { fmt, fmtStat } from '../analysis/numbers.ts';
import { cartelSustainability } from '../analysis/games/index.ts';
import { getPath } from '../scenario/paths.ts';
import { effectivePatience } from '../model/armed/armedGroups.ts';
import type { Claim, Lesson } from './schema.ts';
import type { ClaimResult, ConditionOutcome, LessonOutcome, ProfileCell } from './outcome.ts';
import { expressionOf } from './measure.ts';

type Measured = Omit<LessonOutcome, 'claims'>;

function conditionOf(m: Measured, name: string | undefined): ConditionOutcome {
  if (name === undefined) return m.conditions[0];
  const c = m.conditions.find((x) => x.name === name);
  if (!c) throw new Error(`no condition "${name}"`);
  return c;
}

function playerIndex(lesson: Lesson, name: string): number {
  const p = lesson.players.findIndex((x) => x.name === name);
  if (p < 0) throw new Error(`no player "${name}"`);
  return p;
}

function cellOf(c: ConditionOutcome, labels: readonly string[]): ProfileCell {
  const cell = c.cells.find((x) => x.labels.every((l, i) => l === labels[i]));
  if (!cell) throw new Error(`no profile ${labels.join(' / ')}`);
  return cell;
}

/** Paired difference `b − a` of a measure over replicates. */
function pairedDiff(a: ProfileCell, b: ProfileCell, key: string): Stat {
  return pairedStat(a.samples[key], b.samples[key]);
}

function unitOf(lesson: Lesson, key: string): string {
  return expressionOf(lesson, key).unit;
}

/** The profile with player p's strategy s and the others' from `against` (in player order, p left out). */
function withOwn(against: readonly string[], p: number, own: string): string[] {
  const out = [...against];
  out.splice(p, 0, own);
  return out;
}

/** `SL's`, `firmas'`: the possessive of a player's name. */
export function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

/**
 * Whether cooperation holds in each condition a claim names (`holds` ones must, `breaks` ones must
 * not): `judge` reads one condition and says what it found, ending where "cooperation holds" or
 * "breaks" follows. The claim is supported when every condition goes the way it is claimed.
 */
function cooperationByCondition(
  m: Measured,
  claim: { holds: readonly string[]; breaks: readonly string[] },
  judge: (c: ConditionOutcome) => { holds: boolean; reading: string },
): { ok: boolean; parts: string[] } {
  const expected = [...claim.holds.map((n) => [n, true] as const), ...claim.breaks.map((n) => [n, false] as const)];
  let ok = true;
  const parts = expected.map(([name, expectHolds]) => {
    const { holds, reading } = judge(conditionOf(m, name));
    if (holds !== expectHolds) ok = false;
    return `${name}: ${reading}cooperation ${holds ? 'holds' : 'breaks'}${holds === expectHolds ? '' : ' (claimed otherwise)'}`;
  });
  return { ok, parts };
}

function where(c: ConditionOutcome, m: Measured): string {
  return m.conditions.length > 1 ? ` (${c.name})` : '';
}

/** Judge one claim. */
export function judgeClaim(m: Measured, claim: Claim): ClaimResult {
  const { lesson } = m;
  const done = (supported: boolean, evidence: string): ClaimResult => ({ kind: claim.kind, claim: claim.claim, supported, evidence });
  switch (claim.kind) {
    case 'best-response': {
      const c = conditionOf(m, claim.condition);
      const p = playerIndex(lesson, claim.player);
      const key = `payoff:${claim.player}`;
      const cells = lesson.players[p].strategies.map((s) => ({ s: s.name, cell: cellOf(c, withOwn(claim.against, p, s.name)) }));
      cells.sort((x, y) => y.cell.values[key].mean - x.cell.values[key].mean);
      const best = cells[0];
      const expected = cells.find((x) => x.s === claim.expect)!;
      const rival = best.s === claim.expect ? cells[1] : best;
      const gain = rival ? pairedDiff(rival.cell, expected.cell, key) : undefined;
      const list = cells.map((x) => `${x.s} ${fmtStat(x.cell.values[key])}`).join('; ');
      const gainText = gain && rival ? ` ${claim.expect} − ${rival.s}: ${fmtStat(gain)} (paired)` : '';
      const clear = best.s === claim.expect && (!gain || gain.ci95[0] > 0);
      return done(
        clear,
        `Against ${claim.against.join(' / ') || 'nothing'}${where(c, m)}, ${possessive(claim.player)} payoff (${unitOf(lesson, key)}): ${list}. Best reply: ${best.s}.${gainText}${best.s === claim.expect && !clear ? ': within the noise, not a clear best reply' : ''}.`,
      );
    }
    case 'equilibrium': {
      const c = conditionOf(m, claim.condition);
      const found = c.analysis.pure.find((e) => e.labels.every((l, i) => l === claim.profile[i]));
      const all = c.analysis.pure.map((e) => `${e.labels.join(' / ')} (${e.verdict})`).join('; ') || 'none';
      return done(Boolean(found), `Pure Nash equilibria${where(c, m)}: ${all}. ${claim.profile.join(' / ')} ${found ? `is one, ${found.verdict} to the sampling noise` : 'is not one'}.`);
    }
    case 'folk-theorem': {
      const key = `payoff:${claim.player}`;
      const { ok, parts } = cooperationByCondition(m, claim, (c) => {
        const R = cellOf(c, claim.cooperate).values[key];
        const T = cellOf(c, claim.temptation).values[key];
        const P = cellOf(c, claim.punishment).values[key];
        const num = (path: string | undefined, dflt: number) => (path === undefined ? dflt : (getPath(c.scenario, path) as number));
        const delta = effectivePatience(num(claim.discount.patience, 1), num(claim.discount.hazard, 0), num(claim.discount.pressure, 0));
        const row = cartelSustainability([{ n: 1, R, T, P }], Math.min(delta, 1 - 1e-12)).rows[0];
        const [lo, hi] = row.deltaStarRange;
        const range = lo === hi ? '' : ` (${fmt(lo)} to ${Number.isFinite(hi) ? fmt(hi) : 'unbounded'} over the payoffs' intervals)`;
        const plain = `holding the agreement pays if next month is worth at least ${Number.isFinite(row.deltaStar) ? fmt(row.deltaStar) : 'more than'} of this month to them`;
        return { holds: row.sustainable, reading: `R ${fmt(R.mean)} (all hold), T ${fmt(T.mean)} (one breaks while the others hold), P ${fmt(P.mean)} (all break) → δ* = ${Number.isFinite(row.deltaStar) ? fmt(row.deltaStar) : 'unbounded'}${range}, i.e. ${plain}; δ = ${delta.toFixed(3)} → ` };
      });
      return done(ok, `${possessive(claim.player)} payoffs (${unitOf(lesson, key)}). ${parts.join('. ')}.`);
    }
    case 'compare': {
      const ca = conditionOf(m, claim.a.condition);
      const cb = conditionOf(m, claim.b.condition);
      const a = cellOf(ca, claim.a.profile);
      const b = cellOf(cb, claim.b.profile);
      const d = pairedDiff(a, b, claim.measure);
      const ok = claim.expect === 'greater' ? d.ci95[0] > 0 : d.ci95[1] < 0;
      const name = (c: ConditionOutcome, labels: string[]) => `${labels.join(' / ')}${m.conditions.length > 1 ? ` in ${c.name}` : ''}`;
      return done(
        ok,
        `${claim.measure} (${unitOf(lesson, claim.measure)}): ${name(ca, claim.a.profile)} ${fmtStat(a.values[claim.measure])}; ${name(cb, claim.b.profile)} ${fmtStat(b.values[claim.measure])}; ` +
          `paired difference ${fmtStat(d)}: ${ok ? `${claim.expect}, the interval excludes zero` : claim.expect === 'greater' ? 'not clearly greater' : 'not clearly less'}.`,
      );
    }
    case 'interior-optimum': {
      const c = conditionOf(m, claim.condition);
      const p = playerIndex(lesson, claim.player);
      const key = `payoff:${claim.player}`;
      const strategies = lesson.players[p].strategies.map((s) => ({ s: s.name, x: s.set[claim.lever] as number, cell: cellOf(c, withOwn(claim.against, p, s.name)) }));
      strategies.sort((u, v) => u.x - v.x);
      const best = strategies.reduce((u, v) => (v.cell.values[key].mean > u.cell.values[key].mean ? v : u));
      const interior = best !== strategies[0] && best !== strategies[strategies.length - 1];
      const curve = strategies.map((u) => `${fmt(u.x)} → ${fmt(u.cell.values[key].mean)}`).join(', ');
      let ok = interior;
      let share = '';
      if (claim.maxShareOf) {
        const ref = best.cell.values[claim.maxShareOf.measure].mean;
        const ratio = ref > 0 ? best.x / ref : Infinity;
        ok = ok && ratio < claim.maxShareOf.share;
        share = ` It is ${(100 * ratio).toFixed(2)}% of ${claim.maxShareOf.measure} (${fmt(ref)} ${unitOf(lesson, claim.maxShareOf.measure)}); the bound is ${(100 * claim.maxShareOf.share).toFixed(2)}%.`;
      }
      return done(
        ok,
        `${possessive(claim.player)} payoff (${unitOf(lesson, key)}) by ${claim.lever}${where(c, m)}: ${curve}. The best is ${fmt(best.x)} (${best.s}), ${interior ? 'inside the range tried' : 'at an end of the range tried'}.${share}`,
      );
    }
    case 'cooperation-threshold': {
      const key = `payoff:${claim.player}`;
      const { ok, parts } = cooperationByCondition(m, claim, (c) => {
        const R = cellOf(c, [claim.cooperate]).values[key].mean;
        const P = cellOf(c, [claim.defect]).values[key].mean;
        const A = cellOf(c, [claim.observed]).values[key].mean;
        const index = R > P ? (A - P) / (R - P) : Number.NaN;
        return { holds: index >= 0.5, reading: `R ${fmt(R)}, P ${fmt(P)}, ${claim.observed} ${fmt(A)} → index ${Number.isNaN(index) ? 'undefined (no cartel rent: R ≤ P)' : index.toFixed(2)}, ` };
      });
      return done(ok, `${possessive(claim.player)} payoff (${unitOf(lesson, key)}); index (A − P)/(R − P), 1 = the agreement holds, 0 = it is gone. ${parts.join('. ')}.`);
    }
    case 'amplifies': {
      const big = conditionOf(m, claim.larger);
      const small = conditionOf(m, claim.smaller);
      // The gap b − a replicate by replicate in each condition, then the difference of the gaps.
      const gap = (c: ConditionOutcome) => pairedDifferences(cellOf(c, claim.a).samples[claim.measure], cellOf(c, claim.b).samples[claim.measure]);
      const gBig = gap(big);
      const gSmall = gap(small);
      const dd = pairedStat(gSmall, gBig);
      const ok = dd.ci95[0] > 0;
      return done(
        ok,
        `${claim.measure} (${unitOf(lesson, claim.measure)}), ${claim.b.join(' / ')} − ${claim.a.join(' / ')}: ${fmtStat(stat(gBig))} in ${big.name}, ${fmtStat(stat(gSmall))} in ${small.name}; ` +
          `difference ${fmtStat(dd)}: ${ok ? 'larger, the interval excludes zero' : 'not clearly larger'}.`,
      );
    }
  }
}

/** Judge every claim of a measured lesson, in lesson order. */
export function judgeClaims(m: Measured): ClaimResult[] {
  return m.lesson.claims.map((c) => judgeClaim(m, c));
}

