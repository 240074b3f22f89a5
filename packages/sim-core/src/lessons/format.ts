/**
 * A measured lesson in plain text, for the terminal: the concept and the question, the game in
 * each condition (a two-player payoff matrix with the half-widths of its 95% intervals via
 * formatPayoffMatrix, or a profile table for one or more than two players), its equilibria (pure
 * with their robustness to sampling noise, mixed for two players, dominated strategies), the
 * extra measures, and the reading: each claim, its verdict and the numbers behind it. Pure
 * string building, shared by the CLI and the HTML report.
 */
import { formatPayoffMatrix } from '../analysis/games/index.ts';
import { count, fmt, fmtStat } from '../analysis/numbers.ts';
import { possessive } from './claims.ts';
import type { ConditionOutcome, LessonOutcome } from './outcome.ts';
import { AS_IS, type Lesson } from './schema.ts';

/** Wrap text at `width` columns with an indent. */
export function wrap(text: string, width = 96, indent = ''): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && (indent + line + ' ' + w).length > width) {
      lines.push(indent + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

/** Digits for a matrix whose payoffs reach `big`. */
function digitsFor(c: ConditionOutcome): number {
  let big = 0;
  for (const v of c.game.payoffs) for (const s of v) big = Math.max(big, Math.abs(s.mean));
  return big >= 100 ? 0 : big >= 1 ? 2 : 3;
}

/** A plain table (first column left-aligned, the rest right-aligned). */
export function textTable(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('   ').trimEnd()).join('\n') + '\n';
}

/** The payoffs of a condition's game: a matrix for two players, a profile table otherwise. */
export function payoffTable(lesson: Lesson, c: ConditionOutcome): string {
  if (c.game.players.length === 2) return formatPayoffMatrix(c.game, { digits: digitsFor(c) });
  const equilibria = new Set(c.analysis.pure.map((e) => e.labels.join('\u0000')));
  const rows = [[c.game.players.map((p) => p.name).join(' / '), ...lesson.players.map((p) => `${p.name} (${p.payoff.unit})`)]];
  for (const cell of c.cells) {
    rows.push([cell.labels.join(' / ') + (equilibria.has(cell.labels.join('\u0000')) ? ' *' : ''), ...lesson.players.map((p) => fmtStat(cell.values[`payoff:${p.name}`]))]);
  }
  return textTable(rows) + '* best for the player (pure Nash equilibrium on means); [95% interval]\n';
}

/** Pure equilibria (robust or fragile), mixed equilibria and dominated strategies, one line each. */
export function equilibriaLines(c: ConditionOutcome): string[] {
  const { analysis, game } = c;
  const lines: string[] = [];
  if (analysis.pure.length === 0) lines.push('pure Nash equilibria: none');
  for (const e of analysis.pure) {
    const worst = e.robustness.worst;
    const margin = worst ? `; the closest deviation (${game.players[worst.player].name} to ${game.players[worst.player].strategies[worst.to]}) gains ${fmt(worst.mean)} [${fmt(worst.ci95[0])}, ${fmt(worst.ci95[1])}]` : '';
    const pareto = e.paretoDominatedBy.length ? `; Pareto-dominated by ${e.paretoDominatedBy.map((p) => p.map((s, i) => game.players[i].strategies[s]).join(' / ')).join(', ')}` : '';
    lines.push(`pure Nash equilibrium: ${e.labels.join(' / ')} — ${e.verdict}${e.strict ? '' : ' (weak: a deviation ties)'}${margin}${pareto}`);
  }
  for (const m of analysis.mixed ?? []) {
    if (m.pure) continue;
    const mix = m.probabilities.map((ps, i) => `${game.players[i].name}: ${ps.map((p, s) => `${game.players[i].strategies[s]} ${p.toFixed(2)}`).join(', ')}`).join('; ');
    lines.push(`mixed Nash equilibrium: ${mix}`);
  }
  if (analysis.mixedMethod === 'lemke-howson') lines.push('(a large game: the mixed equilibria above are those Lemke–Howson reaches, not necessarily all)');
  for (const d of analysis.dominated) {
    const names = d.dominatedBy.map((s) => game.players[d.player].strategies[s]);
    const by = d.mixture ? `a mix of ${names.map((n, k) => `${n} ${d.mixture![k].toFixed(2)}`).join(', ')}` : names.join(', ');
    lines.push(`dominated: ${possessive(game.players[d.player].name)} ${game.players[d.player].strategies[d.strategy]} (${d.kind}ly, by ${by})`);
  }
  return lines;
}

/** The extra measures of a condition as a table of profiles, or '' when the lesson has none. */
export function measuresTable(lesson: Lesson, c: ConditionOutcome): string {
  if (lesson.measures.length === 0) return '';
  const rows = [['profile', ...lesson.measures.map((m) => `${m.name} (${m.unit})`)]];
  for (const cell of c.cells) rows.push([cell.labels.join(' / '), ...lesson.measures.map((m) => fmtStat(cell.values[m.name]))]);
  return textTable(rows);
}

/** How big the lesson's runs are, in one sentence. */
export function scaleLine(o: LessonOutcome): string {
  const s = o.conditions[0].scenario;
  const profiles = o.conditions[0].cells.length;
  return (
    `${o.runCount} runs: ${count(o.conditions.length, 'condition')} × ${profiles} ${o.lesson.players.length > 1 ? `strategy profile${profiles === 1 ? '' : 's'}` : `strateg${profiles === 1 ? 'y' : 'ies'}`} × ${o.replicates} replicates ` +
    `(seeds ${o.seeds[0]}…), ${s.months} months from ${s.start}, ${s.householdsPerAgent} households per agent; payoffs read over months ${o.window.from + 1}–${o.window.to}.`
  );
}

/**
 * The whole lesson as terminal text: concept, question, the game and its equilibria in each
 * condition, the measures, and the reading with a verdict per claim.
 */
export function formatLesson(o: LessonOutcome): string {
  const l = o.lesson;
  const out: string[] = [];
  out.push(`${l.title} — ${l.concept}`, '='.repeat(Math.min(96, l.title.length + l.concept.length + 3)), '');
  out.push(wrap(`Question: ${l.question}`), '', wrap(l.setting), '', wrap(scaleLine(o)), '');
  out.push('Payoffs:');
  for (const p of l.players) out.push(wrap(`${p.name}: ${p.payoff.describe} (${p.payoff.unit})`, 96, '  '));
  for (const c of o.conditions) {
    out.push('', c.name === AS_IS ? 'The measured game' : `Condition: ${c.name}${c.note ? ` — ${c.note}` : ''}`, '');
    out.push(payoffTable(l, c).trimEnd(), '');
    for (const line of equilibriaLines(c)) out.push(wrap(line, 96, '  ').replace(/^ {2}/, '- '));
    const m = measuresTable(l, c);
    if (m) out.push('', m.trimEnd());
  }
  out.push('', 'Reading');
  for (const r of o.claims) {
    out.push('', wrap(`[${r.supported ? 'supported' : 'NOT supported'}] ${r.claim}`), wrap(r.evidence, 96, '    '));
  }
  const held = o.claims.filter((r) => r.supported).length;
  out.push('', `${held} of ${o.claims.length} claims supported by this measurement.`);
  return out.join('\n') + '\n';
}
