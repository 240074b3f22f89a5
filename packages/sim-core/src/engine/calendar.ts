/**
 * The monthly clock: one tick is one month from the scenario's `start` (YYYY-MM).
 */

/** Parse `YYYY-MM` into a month count since year 0 (`year * 12 + month - 1`). */
export function parseMonth(label: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(label);
  if (!m) throw new Error(`"${label}" is not a month in the form YYYY-MM`);
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new Error(`"${label}" has no month ${month}`);
  return Number(m[1]) * 12 + month - 1;
}

/** The label of the month `tick` months after `start`. @example monthLabel('2004-01', 13) === '2005-02' */
export function monthLabel(start: string, tick: number): string {
  const abs = parseMonth(start) + tick;
  const y = Math.floor(abs / 12);
  const mo = (abs % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}`;
}

/** The tick at which a month falls (may be negative or past the end). */
export function tickOf(start: string, label: string): number {
  return parseMonth(label) - parseMonth(start);
}

/** Calendar year of a tick. */
export function yearOf(start: string, tick: number): number {
  return Math.floor((parseMonth(start) + tick) / 12);
}
