/**
 * Games as plain text: a two-player payoff matrix with intervals and equilibria marked.
 */
import { type Stat } from '../statistics.ts';
import { type NormalFormGame } from './game.ts';
import { type SolverOptions } from './solving.ts';
import { pureNashEquilibria } from './equilibria.ts';

/** Options of {@link formatPayoffMatrix}. */
export interface PayoffTableOptions extends SolverOptions {
  /** Decimal places. Default 2. */
  digits?: number;
}

function formatNumber(s: Stat, digits: number): string {
  const half = (s.ci95[1] - s.ci95[0]) / 2;
  const m = s.mean.toFixed(digits);
  const mean = /^-0(\.0*)?$/.test(m) ? m.slice(1) : m;
  return half > 0 ? `${mean} ± ${half.toFixed(digits)}` : mean;
}

/**
 * A two-player payoff matrix as a plain-text table: rows are player 0's strategies, columns
 * player 1's, each cell "a ± h, b ± h" (mean payoffs with the half-widths of their 95% intervals;
 * the ± is left out for exact payoffs), pure Nash equilibria (on means) marked with `*`, and a
 * legend line. Ends with a newline.
 * @example
 * formatPayoffMatrix(pd);
 * // row \ column  C        D
 * // C             3, 3     0, 5
 * // D             5, 0     1, 1 *
 * // * pure Nash equilibrium (mean payoffs)
 */
export function formatPayoffMatrix(game: NormalFormGame, options?: PayoffTableOptions): string {
  if (game.players.length !== 2) throw new Error(`formatPayoffMatrix draws two-player games (this one has ${game.players.length})`);
  const digits = options?.digits ?? 2;
  const [p0, p1] = game.players;
  const n = p1.strategies.length;
  const equilibria = new Set(pureNashEquilibria(game, options).map((e) => e.profile[0] * n + e.profile[1]));
  const table: string[][] = [[`${p0.name} \\ ${p1.name}`, ...p1.strategies]];
  p0.strategies.forEach((rowName, i) => {
    const row = [rowName];
    for (let j = 0; j < n; j++) {
      const k = i * n + j;
      const cell = `${formatNumber(game.payoffs[k][0], digits)}, ${formatNumber(game.payoffs[k][1], digits)}`;
      row.push(equilibria.has(k) ? `${cell} *` : cell);
    }
    table.push(row);
  });
  const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
  const lines = table.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('   ').trimEnd());
  const measured = game.payoffs.some((v) => v.some((x) => x.ci95[1] > x.ci95[0]));
  lines.push(`* pure Nash equilibrium (mean payoffs)${measured ? '; ± half-width of the 95% interval' : ''}`);
  return lines.join('\n') + '\n';
}
