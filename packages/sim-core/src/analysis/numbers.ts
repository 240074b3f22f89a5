/**
 * Numbers as people read them in generated sentences and tables: three significant digits with
 * thousands separators and a true minus sign, and a statistic with its 95% interval. Shared by
 * the policy answer (answer.ts), the lessons' verdicts and the reports.
 */
import type { Stat } from './statistics.ts';

const NUMBER = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/** Three significant digits with thousands separators (12,300; 0.354; −4,500). */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : x < 0 ? '−∞' : '–';
  const s = NUMBER.format(Math.abs(x) < 1e-12 ? 0 : x);
  return s.startsWith('-') ? '−' + s.slice(1) : s;
}

/** `mean [lo, hi]`: a statistic with its 95% interval. */
export function fmtStat(s: Stat): string {
  return s.n > 1 ? `${fmt(s.mean)} [${fmt(s.ci95[0])}, ${fmt(s.ci95[1])}]` : fmt(s.mean);
}

/** A count with its noun, singular for one: `count(1, 'paired run')` is "1 paired run", `count(3, 'run')` "3 runs". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
