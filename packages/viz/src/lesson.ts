/**
 * The lesson report: one self-contained HTML page (and its PNG charts) for a measured lesson —
 * the concept, the question, the game in words, the payoff matrix of each condition with the 95%
 * intervals of its cells, the equilibria (pure with their robustness, mixed, dominated
 * strategies), the extra measures, the reading (each claim with its verdict and the numbers that
 * decide it) and charts: each payoff and measure by strategy profile, and each payoff month by
 * month where there are few enough profiles to read the lines. Built from a `LessonOutcome` of sim-core's lessons and drawn with the same HTML page,
 * chart grammar and PNG renderer as run reports.
 */
import type { LessonOutcome, ConditionOutcome } from '@vraem/sim-core';
import { AS_IS, equilibriaLines, expressionOf, possessive, scaleLine } from '@vraem/sim-core';
import { type LineDataset, bandDatasets, describeSeeds, line, lineChart, timeAxis, valueAxis } from './charts/common.ts';
import { formatNumber, formatStat } from './format.ts';
import type { KeyTable, ReportDocument, TableCell } from './html.ts';
import { seriesColour } from './palette.ts';
import type { NamedChart } from './png.ts';
import { writeReportFiles } from './report.ts';

/** Most strategy profiles a month-by-month chart draws (more lines cannot be read). */
export const MAX_MONTHLY_PROFILES = 6;

/** A file-name-safe stem. */
function stem(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

function conditionSuffix(o: LessonOutcome, c: ConditionOutcome): string {
  return o.conditions.length > 1 ? ` — ${c.name}` : '';
}

function unitOf(o: LessonOutcome, key: string): string {
  return expressionOf(o.lesson, key).unit;
}

function labelOf(key: string): string {
  return key.startsWith('payoff:') ? `${possessive(key.slice(7))} payoff` : key;
}

/** The payoff matrix of a condition as a report table (two players: a matrix; otherwise one row a profile). */
export function lessonMatrixTable(o: LessonOutcome, c: ConditionOutcome): KeyTable {
  const players = o.lesson.players;
  const eq = new Set(c.analysis.pure.map((e) => e.labels.join('\u0000')));
  const cellText = (labels: string[], k: number): TableCell[] => {
    const cell = c.cells.find((x) => x.labels.every((l, i) => l === labels[i]))!;
    return players.map((p, i) => {
      const f = formatStat(cell.values[`payoff:${p.name}`]);
      return { value: `${k === 2 ? `${p.name}: ` : ''}${f.value}${i === 0 && eq.has(labels.join('\u0000')) ? ' *' : ''}`, ...(f.ci ? { ci: f.ci } : {}), emphasis: eq.has(labels.join('\u0000')) };
    });
  };
  if (players.length === 2) {
    const [a, b] = players;
    const rows: TableCell[][] = a.strategies.map((sa) => [
      sa.name,
      ...b.strategies.map((sb) => {
        const [x, y] = cellText([sa.name, sb.name], 2);
        const vx = typeof x === 'string' ? x : x.value;
        const vy = typeof y === 'string' ? y : y.value;
        const cx = typeof x === 'string' ? '' : (x.ci ?? '');
        const cy = typeof y === 'string' ? '' : (y.ci ?? '');
        return { value: `${vx} | ${vy}`, ci: cx || cy ? `${cx} | ${cy}` : undefined, emphasis: typeof x !== 'string' && x.emphasis };
      }),
    ]);
    return {
      caption: `Payoff matrix${conditionSuffix(o, c)} (${a.name} rows, ${b.name} columns; ${a.payoff.unit} | ${b.payoff.unit})`,
      head: [`${a.name} \\ ${b.name}`, ...b.strategies.map((s) => s.name)],
      rows,
      note: 'Each cell: the row player\u2019s payoff | the column player\u2019s, mean over replicates with its 95% interval below. * and bold: a pure Nash equilibrium (mean payoffs).',
    };
  }
  return {
    caption: `Payoffs by profile${conditionSuffix(o, c)}`,
    head: ['profile', ...players.map((p) => `${p.name} (${p.payoff.unit})`)],
    rows: c.cells.map((cell) => [cell.labels.join(' / ') + (eq.has(cell.labels.join('\u0000')) ? ' *' : ''), ...cellText(cell.labels, 1)]),
    note: 'Mean over replicates with its 95% interval. *: best for the player (pure Nash equilibrium on means).',
  };
}

/**
 * A category chart of one payoff or measure in a condition: each strategy profile's mean as a
 * point with its 95% interval as an error bar (charts/errorBars.ts) — strategies are categories,
 * so nothing joins them. For two players the row player's strategies run along the axis and each
 * column-player strategy is a group of points side by side (the payoff matrix drawn); otherwise
 * one point a profile.
 */
export function lessonProfileChart(o: LessonOutcome, c: ConditionOutcome, key: string, index: number): NamedChart {
  const players = o.lesson.players;
  const groups: { label: string; cells: ConditionOutcome['cells'] }[] =
    players.length === 2
      ? players[1].strategies.map((s) => ({ label: `${players[1].name}: ${s.name}`, cells: c.cells.filter((x) => x.labels[1] === s.name) }))
      : [{ label: labelOf(key), cells: c.cells }];
  const labels = players.length === 2 ? players[0].strategies.map((s) => s.name) : c.cells.map((x) => x.labels.join(' / '));
  const datasets = groups.map((g, k) => {
    const colour = seriesColour(players.length === 2 ? k : index);
    const points = line(g.label, g.cells.map((x) => x.values[key].mean), colour);
    return {
      ...points,
      showLine: false,
      pointRadius: 6,
      pointHoverRadius: 7,
      pointBackgroundColor: colour,
      errorBars: { lo: g.cells.map((x) => x.values[key].ci95[0]), hi: g.cells.map((x) => x.values[key].ci95[1]) },
      errorBarSlot: { index: k, of: groups.length },
    } as LineDataset;
  });
  const lows = groups.flatMap((g) => g.cells.map((x) => x.values[key].ci95[0]));
  const highs = groups.flatMap((g) => g.cells.map((x) => x.values[key].ci95[1]));
  const y = valueAxis(`${labelOf(key)} (${unitOf(o, key)})`, { beginAtZero: lows.every((v) => v >= 0) });
  // The axis holds the intervals, not only the means (chart.js scales to the data it plots).
  Object.assign(y, { suggestedMin: Math.min(...lows), suggestedMax: Math.max(...highs) });
  return {
    name: stem(`${c.name === AS_IS ? '' : c.name}-${labelOf(key)}-by-profile`),
    config: lineChart({
      title: `${labelOf(key)} by strategy${conditionSuffix(o, c)} (${unitOf(o, key)})`,
      subtitle: `${o.lesson.title} · ${describeSeeds(o.seeds)} · mean of ${o.replicates} runs a profile (point) and its 95% interval (bar)`,
      labels,
      datasets,
      scales: {
        x: { type: 'category', offset: true, title: { display: true, text: players.length === 2 ? `${players[0].name}'s strategy` : players.map((p) => p.name).join(' / '), font: { size: 13, weight: 'bold' } }, grid: { display: false } },
        y,
      },
    }),
  };
}

/** A time chart: a payoff's monthly level (before its window summary) for every profile of a condition. */
export function lessonSeriesChart(o: LessonOutcome, c: ConditionOutcome, key: string): NamedChart {
  const datasets: LineDataset[] = c.cells.flatMap((cell, i) => bandDatasets(cell.labels.join(' / '), cell.series[key], seriesColour(i)));
  const e = expressionOf(o.lesson, key);
  // A payoff that is a change a month is charted as the level that changes: its unit without
  // "/month" (a stock in USD is not a flow in USD/month).
  const perMonth = e.terms.some((t) => t.stat === 'change-per-month');
  const level = perMonth ? ' (level whose change a month is the payoff)' : '';
  const unit = perMonth ? e.unit.replace(/\s*\/\s*month$/, '') : e.unit;
  return {
    name: stem(`${c.name === AS_IS ? '' : c.name}-${labelOf(key)}-monthly`),
    config: lineChart({
      title: `${labelOf(key)}${level}, month by month${conditionSuffix(o, c)}`,
      subtitle: `${o.lesson.title} · ${describeSeeds(o.seeds)} · mean of ${o.replicates} runs a profile, shaded: 95% interval · payoffs read from month ${o.window.from + 1}`,
      labels: o.dates,
      datasets,
      scales: {
        x: timeAxis(),
        y: valueAxis(unit, { beginAtZero: false }),
      },
    }),
  };
}

/** The letters of a repeated-game reading, in words a class can follow. */
export const REPEATED_GAME_WORDS = [
  'R (reward): what a player gets a month while everyone keeps the deal. T (temptation): what it gets in the month it breaks the deal while the others keep it. P (punishment): what it gets a month once everyone has broken it.',
  'δ (patience): how much next month is worth to the player against this month, from 0 (only today counts) to 1 (the future counts fully); pressure that may end the player shortens its future and lowers δ.',
  'δ* = (T − R)/(T − P): the least patience at which keeping the deal pays — breaking it gains T − R once but loses R − P every month after. The deal holds when δ ≥ δ*. When T − P can be zero or negative within the measured noise, δ* has no upper bound and the report says "unbounded".',
].join('\n\n');

/** Everything the lesson page shows, as a report document. */
export function lessonDocument(o: LessonOutcome): ReportDocument {
  const l = o.lesson;
  const held = o.claims.filter((c) => c.supported).length;
  const tables: KeyTable[] = [];
  const charts: NamedChart[] = [];
  for (const c of o.conditions) {
    tables.push(lessonMatrixTable(o, c));
    tables.push({
      caption: `Equilibria${conditionSuffix(o, c)}`,
      head: ['finding'],
      rows: equilibriaLines(c).map((line) => [line]),
      note: 'Robust: every unilateral deviation loses, with 95% confidence (paired over replicates); fragile: some deviation could gain within the noise.',
    });
    if (l.measures.length) {
      tables.push({
        caption: `Other measures${conditionSuffix(o, c)}`,
        head: ['profile', ...l.measures.map((m) => `${m.name} (${m.unit})`)],
        rows: c.cells.map((cell) => [cell.labels.join(' / '), ...l.measures.map((m) => ({ ...formatStat(cell.values[m.name]) }) as TableCell)]),
      });
    }
    const keys = [...l.players.map((p) => `payoff:${p.name}`), ...l.measures.map((m) => m.name)];
    keys.forEach((k, i) => charts.push(lessonProfileChart(o, c, k, i)));
    // Month by month only where the lines stay readable (a few profiles).
    if (c.cells.length <= MAX_MONTHLY_PROFILES) for (const p of l.players) charts.push(lessonSeriesChart(o, c, `payoff:${p.name}`));
  }
  const seen = new Map<string, number>();
  for (const ch of charts) {
    const k = seen.get(ch.name) ?? 0;
    seen.set(ch.name, k + 1);
    if (k > 0) ch.name = `${ch.name}-${k + 1}`;
  }
  tables.push({
    caption: `Reading: ${held} of ${o.claims.length} claims supported by this measurement`,
    head: ['verdict', 'claim', 'the numbers'],
    rows: o.claims.map((c) => [c.supported ? 'supported' : 'NOT supported', c.claim, c.evidence]),
  });
  const payoffs = l.players.map((p) => `${p.name}: ${p.payoff.describe} (${p.payoff.unit}).`).join('\n\n');
  const repeated = o.claims.some((c) => /δ\*? =/.test(c.evidence));
  const reading = o.claims.map((c) => `${c.supported ? 'Supported' : 'Not supported'}: ${c.claim} ${c.evidence}`).join('\n\n');
  return {
    title: `Lesson: ${l.title}`,
    subtitle: `${l.concept} · ${o.runCount} runs · ${describeSeeds(o.seeds)} · ${formatNumber(held)} of ${o.claims.length} claims supported`,
    descriptions: [
      { heading: 'Concept', text: l.concept },
      { heading: 'Question', text: l.question },
      { heading: 'The game', text: `${l.setting}\n\n${scaleLine(o)}` },
      { heading: 'Payoffs', text: payoffs },
      { heading: 'Reading', text: reading },
      ...(repeated ? [{ heading: 'Reading δ, R, T and P', text: REPEATED_GAME_WORDS }] : []),
      ...(l.sources.length ? [{ heading: 'Sources', text: l.sources.join('\n\n') }] : []),
    ],
    tables,
    charts,
    headings: { descriptions: 'Lesson', tables: 'The measured game' },
    manifest: [
      ['lesson', l.id],
      ['replicates', String(o.replicates)],
      ['seeds', o.seeds.join(', ')],
      ['runs', String(o.runCount)],
      ['months', `${o.months} from ${o.start}; payoffs from month ${o.window.from + 1}`],
      ['conditions', o.conditions.map((c) => c.name).join(', ')],
    ],
  };
}

/**
 * Write `report.html` (self-contained) and one PNG per chart into `outDir`; returns their paths.
 * @example const { html } = await writeLessonReport('runs/lesson-protection-racket', outcome);
 */
export async function writeLessonReport(outDir: string, o: LessonOutcome): Promise<{ html: string; pngs: string[] }> {
  return writeReportFiles(outDir, lessonDocument(o));
}
