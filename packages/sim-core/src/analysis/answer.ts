/**
 * The answer first: what a policy comparison says, in a few sentences generated from its
 * numbers, then a table of relative changes with the targeted regions as rows. An analyst asks
 * "does it cut coca, by how much, at what cost, with what side effects?", not for a table of
 * 23 metrics; this puts those figures up front, each with its 95% interval, and — over an
 * ensemble — how much of the uncertainty is about the model's parameters and how much is chance.
 *
 * Every number in a sentence or in the table is a named figure of `answer.figures` (and so of
 * `summary.json`); sentences are lists of text and references to figures, so the terminal, the
 * report and a test all show the same value by the same format.
 */
import { fmt } from './numbers.ts';
import type { MetricName } from '../model/metrics.ts';
import { type ChartSeries, type EffectCells, type EffectWindow, type Figure, GROUP_ROWS, RELATIVE_RULE, ROLLING_METRICS } from './effects.ts';

/** How a figure is shown. */
export type FigureFormat = 'number' | 'percent' | 'usd';

/** A reference to a figure inside a sentence or table: its name, which of its numbers, and how shown. */
export interface FigureRef {
  figure: string;
  key: 'mean' | 'lo' | 'hi';
  format: FigureFormat;
}

/** A sentence: text and figure references in reading order. */
export type Sentence = (string | FigureRef)[];

/** A row of the relative-change table. */
export interface AnswerTableRow {
  row: string;
  label: string;
  /** One figure name per column (null where the cell cannot be measured). */
  cells: (string | null)[];
  /**
   * Where a cell's change in % has a base too near zero (its figure's `baseNearZero`): the
   * figure of its change B − A in the metric's own units, by column (null elsewhere); absent
   * when the row has no such cell.
   */
  units?: (string | null)[];
}

/** The answer block of a comparison's `summary.json`. */
export interface Answer {
  uncertainty: EffectCells['uncertainty'];
  a: string;
  b: string;
  members: number;
  runsPerMember: number;
  /** The windows the sentences use. */
  windows: Pick<EffectCells['windows'], 'programme' | 'finalYear'>;
  figures: Record<string, Figure>;
  sentences: Sentence[];
  /** `note`: the rule behind its "n/a" cells (changes in % of a base too near zero), when it has any. */
  table: { window: EffectWindow; metrics: string[]; head: string[]; rows: AnswerTableRow[]; note?: string };
}

/** Metrics of the relative-change table, with their column heads. */
export const ANSWER_TABLE_METRICS: readonly (readonly [string, string])[] = [
  ['coca_ha', 'Coca'],
  ['licit_ha', 'Licit crops'],
  ['leaf_price_usd_kg', 'Leaf price'],
  ['farmer_income_usd_month', 'Farmer income'],
  ['violence_events', 'Violence'],
  ['corruption_index', 'Corruption'],
];

const COUNTRY_NAMES: Record<string, string> = { PE: 'Peru', BO: 'Bolivia', CO: 'Colombia', ALL: 'all regions' };

/** Show one number of a figure. @example formatFigure(-0.123, 'percent') === '−12.3%' */
export function formatFigure(x: number | null | undefined, format: FigureFormat): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  if (format === 'percent') return `${fmt(100 * x)}%`;
  if (format === 'usd') return x < 0 ? `−$${fmt(-x)}` : `$${fmt(x)}`;
  return fmt(x);
}

/**
 * A change in percent with its interval, as a table cell shows it: "n/a" where its base is too
 * near zero (effects.ts, `RELATIVE_BASE_SDS`), with the change in units `units` when given;
 * "–" where it cannot be measured.
 * @example percentCell({ mean: -0.12, ci95: [-0.2, -0.04], n: 8 }) === '−12% [−20%, −4%]'
 */
export function percentCell(f: Figure | undefined, units?: Figure): string {
  if (!f || !Number.isFinite(f.mean)) return '–';
  if (f.baseNearZero) return units ? `n/a (Δ ${unitsText(units)})` : 'n/a';
  return `${formatFigure(f.mean, 'percent')} [${formatFigure(f.ci95[0], 'percent')}, ${formatFigure(f.ci95[1], 'percent')}]`;
}

/** A change in the metric's units with its interval. @example unitsText({ mean: 74.6, ci95: [52.6, 96.7], n: 10 }) === '74.6 [52.6, 96.7]' */
export function unitsText(f: Figure): string {
  return `${formatFigure(f.mean, 'number')} [${formatFigure(f.ci95[0], 'number')}, ${formatFigure(f.ci95[1], 'number')}]`;
}

/** The number a reference points at. */
export function figureValue(f: Figure | undefined, key: FigureRef['key']): number | undefined {
  if (!f) return undefined;
  return key === 'mean' ? f.mean : key === 'lo' ? f.ci95[0] : f.ci95[1];
}

/** A sentence as plain text. */
export function sentenceText(s: Sentence, figures: Record<string, Figure>): string {
  return s.map((p) => (typeof p === 'string' ? p : formatFigure(figureValue(figures[p.figure], p.key), p.format))).join('');
}

const scaled = (f: Figure, k: number): Figure => {
  const lo = f.ci95[0] * k;
  const hi = f.ci95[1] * k;
  const out: Figure = { ...f, mean: f.mean * k, ci95: k >= 0 ? [lo, hi] : [hi, lo] };
  if (f.parameterCi95) out.parameterCi95 = k >= 0 ? [f.parameterCi95[0] * k, f.parameterCi95[1] * k] : [f.parameterCi95[1] * k, f.parameterCi95[0] * k];
  return out;
};

/**
 * How a comparison of one pair of runs is measured: the answer's lead says it, and the report's
 * table note repeats it, from this one text.
 */
export const ONE_PAIR_NO_INTERVAL = 'over 1 paired run: one pair gives no interval';

/**
 * Build the answer of a comparison from its effect cells.
 * @param names the scenarios' names and the regions' display names.
 */
export function policyAnswer(c: EffectCells, names: { a: string; b: string; regions?: Record<string, string> }): Answer {
  const figures: Record<string, Figure> = {};
  const label = (row: string): string => {
    if (row === GROUP_ROWS.vraem) return 'the VRAEM';
    if (row === GROUP_ROWS.targeted) return 'the targeted regions';
    if (row === GROUP_ROWS.elsewhere) return 'untargeted regions of the same country';
    if (row === GROUP_ROWS.abroad) return 'other countries';
    return names.regions?.[row] ?? COUNTRY_NAMES[row] ?? row;
  };
  const get = (metric: string, row: string, w: EffectWindow, side: 'a' | 'diff' | 'relative', scale = 1): string | null => {
    const f = c.cells[metric]?.[row]?.[w]?.[side];
    if (!f || !Number.isFinite(f.mean)) return null;
    const name = `${metric}.${row}.${w}.${side}${scale !== 1 ? `*${scale}` : ''}`;
    figures[name] = scale === 1 ? f : scaled(f, scale);
    return name;
  };
  // One run (or one pair) has no interval: the figure alone, not a point written as a range.
  const interval = (name: string, format: FigureFormat, unit = ''): Sentence =>
    figures[name].n < 2
      ? [{ figure: name, key: 'mean', format }, unit]
      : [{ figure: name, key: 'mean', format }, unit, ' (', { figure: name, key: 'lo', format }, ' to ', { figure: name, key: 'hi', format }, ')'];
  const change = (metric: string, row: string, w: EffectWindow, unit: string, format: FigureFormat = 'number', scale = 1): Sentence => {
    const d = get(metric, row, w, 'diff', scale);
    const r = get(metric, row, w, 'relative');
    if (!d) return ['not measured'];
    if (r && figures[r].baseNearZero) return [...interval(d, format, unit), ', no change in % (A is near zero in some runs)'];
    return [...interval(d, format, unit), ...(r ? [', ', ...interval(r, 'percent')] : [])];
  };
  const pw = c.windows.programme;
  const fw = c.windows.finalYear;
  const sentences: Sentence[] = [];
  const country = c.rows.includes('PE') ? 'PE' : 'ALL';
  const lead: Sentence = [`${names.b} (B) against ${names.a} (A), `];
  if (c.uncertainty === 'ensemble') {
    const d = get('coca_ha', country, 'programme', 'diff');
    lead.push(`over ${c.members} ensemble members × ${c.runsPerMember} paired ${c.runsPerMember === 1 ? 'run' : 'runs'}; each interval is where 95% of histories fall (parameters and chance)`);
    // Telling the parameters' share from chance needs the spread of a member's own runs.
    if (c.runsPerMember < 2) lead.push('; with one run a member, the parameters’ share of it cannot be told from chance’s.');
    else if (d) {
      const f = figures[d];
      figures[`${d}.parameterShare`] = { mean: f.parameterShare ?? 0, ci95: [f.parameterShare ?? 0, f.parameterShare ?? 0], n: f.n };
      figures[`${d}.parameter`] = { mean: f.mean, ci95: f.parameterCi95 ?? f.ci95, n: f.n };
      lead.push(
        `; of the variance of ${label(country)}'s coca effect, `,
        { figure: `${d}.parameterShare`, key: 'mean', format: 'percent' },
        ' is parameter uncertainty (expected effect over the posterior alone: ',
        { figure: `${d}.parameter`, key: 'lo', format: 'number' },
        ' to ',
        { figure: `${d}.parameter`, key: 'hi', format: 'number' },
        ' ha) and the rest chance.',
      );
    } else lead.push('.');
  } else if (c.runsPerMember < 2) lead.push(`${ONE_PAIR_NO_INTERVAL}, so no difference below can be told from chance (more runs give intervals).`);
  else lead.push(`over ${c.runsPerMember} paired runs; each interval is the 95% interval of the mean.`);
  sentences.push(lead);
  for (const row of [country, GROUP_ROWS.vraem]) {
    if (!c.cells.coca_ha?.[row]) continue;
    sentences.push([
      row === GROUP_ROWS.vraem ? 'The VRAEM\u2019s coca: ' : `${label(row)}\u2019s coca: `,
      ...change('coca_ha', row, 'programme', ' ha'),
      ` over the programme period (${pw.fromDate} to ${pw.toDate}, monthly mean); `,
      ...change('coca_ha', row, 'finalYear', ' ha'),
      ` in the final year (${fw.fromDate} to ${fw.toDate}).`,
    ]);
  }
  if (c.costPerHaYear) {
    figures.costPerHaYear = c.costPerHaYear;
    const cost: Sentence = ['Each hectare-year of coca avoided in ', label(country), ' cost ', ...interval('costPerHaYear', 'usd'), ' of extra alternative development delivered'];
    const spend = get('ad_delivered_usd', 'ALL', 'programme', 'diff', pw.to - pw.from + 1);
    const hh = c.cells.households?.[GROUP_ROWS.targeted]?.programme?.a;
    if (spend && hh && hh.mean > 0) {
      figures.costPerHousehold = scaled(figures[spend], 1 / hh.mean);
      cost.push('; the programme spent ', ...interval('costPerHousehold', 'usd'), ' per household living in the targeted regions');
    }
    cost.push('.');
    sentences.push(cost);
  } else if (c.cells.coca_ha?.[country]) {
    // Still say what the policy moved, so that a budget question (the same money as AD instead of
    // eradication) reads what was bought with what.
    const ad = get('ad_delivered_usd', country, 'programme', 'diff');
    const erad = get('eradicated_ha', country, 'programme', 'diff', 12);
    const moved: Sentence = [`${label(country)}'s coca did not fall on average over the programme period, so no cost per hectare avoided can be given`];
    if (ad) moved.push('; alternative development delivered changed by ', ...interval(ad, 'usd', ' a month'));
    if (erad) moved.push(ad ? ' and ' : '; ', 'hectares eradicated by ', ...interval(erad, 'number', ' a year'));
    sentences.push([...moved, '.']);
  }
  // Coca outside the targeted regions is leakage only when B changes nothing but its programmes:
  // same-money-ad also stops Peru's eradication, which acts on the untargeted regions directly.
  const leak: Sentence = [c.beyondProgrammes ? 'Outside the targeted regions over the programme period (leakage, and B\u2019s other changes there, such as eradication): coca in ' : 'Leakage over the programme period: coca in '];
  const leakRows = [GROUP_ROWS.elsewhere, GROUP_ROWS.abroad].filter((r) => c.cells.coca_ha?.[r]);
  leakRows.forEach((row, i) => {
    if (i) leak.push('; in ');
    leak.push(label(row), ' changes by ', ...change('coca_ha', row, 'programme', ' ha'));
  });
  if (leakRows.length) sentences.push([...leak, '.']);
  const side: Sentence = [`Side effects over the programme period, ${label(country)}: violence `];
  side.push(...change('violence_events', country, 'programme', ' events a year', 'number', 12));
  side.push('; protection paid to armed groups ', ...change('protection_paid_usd', country, 'programme', ' a month', 'usd'));
  side.push('; the armed groups\u2019 funds ', ...change('armed_funds_usd', 'ALL', 'programme', '', 'usd'));
  side.push('; corruption index ', ...change('corruption_index', country, 'programme', ''));
  side.push('; farmer income ', ...change('farmer_income_usd_month', country, 'programme', ' a household a month', 'usd'), '.');
  sentences.push(side);

  // Each set of regions once: the targeted-regions row is left out when another row covers the
  // same regions (the VRAEM, for a VRAEM programme; the one region targeted) and would repeat it.
  const regionsOf = (r: string) => [...(c.groups[r] ?? [r])].sort().join();
  const candidates = [...c.targeted, ...[GROUP_ROWS.targeted, GROUP_ROWS.vraem, country, 'ALL'].filter((r, i, all) => all.indexOf(r) === i)].filter((r) => c.cells.coca_ha?.[r]);
  const rows = candidates.filter((r) => r !== GROUP_ROWS.targeted || !candidates.some((q) => q !== r && regionsOf(q) === regionsOf(r)));
  const table = {
    window: 'programme' as EffectWindow,
    metrics: ANSWER_TABLE_METRICS.map(([m]) => m),
    head: ANSWER_TABLE_METRICS.map(([, h]) => h),
    rows: rows.map((row): AnswerTableRow => {
      const cells = ANSWER_TABLE_METRICS.map(([m]) => get(m, row, 'programme', 'relative'));
      const units = cells.map((name, j) => (name && figures[name].baseNearZero ? get(ANSWER_TABLE_METRICS[j][0], row, 'programme', 'diff') : null));
      return { row, label: label(row).replace(/^the /, ''), cells, ...(units.some((u) => u) ? { units } : {}) };
    }),
    ...(Object.values(figures).some((f) => f.baseNearZero) ? { note: RELATIVE_RULE } : {}),
  };
  return { uncertainty: c.uncertainty, a: names.a, b: names.b, members: c.members, runsPerMember: c.runsPerMember, windows: { programme: pw, finalYear: fw }, figures, sentences, table };
}

/** The monthly series an ensemble comparison charts (group rows where the layout has them). */
export function answerChartSeries(c: Pick<EffectCells, 'rows'>): ChartSeries[] {
  const country = c.rows.includes('PE') ? 'PE' : 'ALL';
  const list: [MetricName, string][] = [
    ['coca_ha', country],
    ['coca_ha', GROUP_ROWS.vraem],
    ['coca_ha', 'ALL'],
    ['leaf_price_usd_kg', country],
    ['farmer_income_usd_month', country],
    ['violence_events', country],
    ['armed_funds_usd', 'ALL'],
    ['ad_delivered_usd', country],
  ];
  return list.filter(([, row]) => c.rows.includes(row)).map(([metric, row]) => ({ metric, row, rolling12: ROLLING_METRICS.includes(metric) }));
}
