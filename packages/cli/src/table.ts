/**
 * Plain-text tables for the terminal: numbers in a readable form (3–4 significant digits,
 * thousands separators), columns aligned, no colours (output stays clean when piped).
 */

/** A number for a person: 12,345 · 1.23 · 0.0456 · 2.1e-7. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a === 0) return '0';
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  if (a >= 1e-3) return Number(x.toPrecision(3)).toLocaleString('en-US', { maximumSignificantDigits: 3 });
  return x.toExponential(1);
}

/** A mean with its 95% interval: `12,300 [11,900, 12,700]`. */
export function formatInterval(mean: number, ci: readonly [number, number]): string {
  return `${formatNumber(mean)} [${formatNumber(ci[0])}, ${formatNumber(ci[1])}]`;
}

/** Render rows as aligned columns; the first row is the header, underlined. Columns after the first are right-aligned unless `left` says otherwise. */
export function renderTable(rows: readonly (readonly string[])[], left: readonly number[] = [0]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => (left.includes(c) ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n') + '\n';
}
