/**
 * Text for people: numbers with three significant digits and thousands separators (12,300;
 * 0.354), a statistic as its mean with the 95% interval beside it, and text escaped for HTML.
 * No Node imports: the explorer page bundles it too.
 */
import { type Stat, fmt } from '@vraem/sim-core';

/**
 * Three significant digits, grouped thousands, `−` for negatives (sim-core's `fmt`, which the
 * lesson text uses), and `–` for anything not finite. @example formatNumber(12345.6) === '12,300'
 */
export function formatNumber(x: number): string {
  return Number.isFinite(x) ? fmt(x) : '–';
}

/** A mean and its 95% interval as text; no interval for a single run. @example '12,300 (11,900 to 12,800)' */
export function formatStat(s: Pick<Stat, 'mean' | 'ci95' | 'n'>): { value: string; ci?: string } {
  const value = formatNumber(s.mean);
  if (s.n !== undefined && s.n < 2) return { value };
  return { value, ci: `${formatNumber(s.ci95[0])} to ${formatNumber(s.ci95[1])}` };
}

/** Text safe in HTML content and in double-quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
