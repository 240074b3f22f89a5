/**
 * Reports of the policy-analysis commands that do not read run folders: scenario discovery
 * (`vraem discover`, PRIM's peeling trajectory — coverage against density, the chosen box
 * marked — and the boxes in words) and robustness (`vraem robust`, each policy's regret across
 * ensemble members and the minimax-regret choice). The command builds the numbers; this draws
 * them, in the same self-contained report as every other.
 */
import { type PrimResult, type RegretTable, count } from '@vraem/sim-core';
import { type LineChart, type LineDataset, lineChart, valueAxis } from './charts/common.ts';
import { OKABE_ITO } from './palette.ts';
import { type KeyTable, type ReportDocument } from './html.ts';
import { formatNumber } from './format.ts';
import { writeReportFiles } from './report.ts';

/** The peeling trajectory of each box: density against coverage, the chosen step marked. */
export function primTrajectoryChart(result: PrimResult, what: string): LineChart {
  const datasets: LineDataset[] = [];
  result.boxes.forEach((b, i) => {
    const colour = OKABE_ITO[i % OKABE_ITO.length];
    datasets.push({
      label: `Box ${i + 1}: peeling trajectory`,
      data: b.trajectory.map((s) => ({ x: s.coverage, y: s.density })) as unknown as number[],
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: 2,
      pointRadius: 2,
      fill: false,
    });
    datasets.push({
      label: `Box ${i + 1}: chosen (after pasting)`,
      data: [{ x: b.coverage, y: b.density }] as unknown as number[],
      borderColor: '#000000',
      backgroundColor: colour,
      borderWidth: 2,
      pointRadius: 7,
      pointStyle: 'rectRot',
      showLine: false,
    } as LineDataset);
  });
  return lineChart({
    title: 'PRIM peeling trajectory: density against coverage',
    subtitle: `${what} · each point a box, peeled from all points (coverage 1) towards the minimum support`,
    datasets,
    scales: {
      x: { type: 'linear', min: 0, max: 1, title: { display: true, text: 'Coverage (cases of interest in the box / all cases)', font: { size: 13, weight: 'bold' } } },
      y: valueAxis('Density (cases of interest in the box / points in the box)', { min: 0, max: 1 }),
    },
  });
}

/** Write the report of a discovery into `dir`. */
export async function writeDiscoverReport(
  dir: string,
  d: { title: string; source: string; what: string; result: PrimResult; boxTexts: string[]; manifest: Record<string, unknown> },
): Promise<{ html: string; pngs: string[] }> {
  const r = d.result;
  const table: KeyTable = {
    caption: 'Boxes found (covering: each box is searched among the points outside the boxes before it)',
    head: ['Box', 'Where', 'Coverage', 'Density', 'Share of points', 'p (binomial)'],
    rows: r.boxes.map((b, i) => [String(i + 1), d.boxTexts[i], b.coverage.toFixed(2), b.density.toFixed(2), b.support.toFixed(2), b.pValue.toExponential(1)]),
    note: `Coverage: the share of all cases of interest inside the box; density: the share of the box's points that are cases of interest (base rate ${r.baseRate.toFixed(2)}). p: how often a box of that many points would hold as many cases at the base rate (a screen before the search, not a corrected test).`,
  };
  const doc: ReportDocument = {
    title: d.title,
    subtitle: `${count(r.cases, 'case')} of interest among ${r.points} points · from ${d.source}`,
    descriptions: [{ heading: 'The question', text: `Which inputs make "${d.what}" likely? PRIM (Friedman & Fisher 1999), as scenario discovery (Lempert, Bryant & Bankes 2008).` }],
    headings: { descriptions: 'Question', tables: 'Boxes' },
    tables: [table],
    charts: r.boxes.length ? [{ name: 'prim-trajectory', config: primTrajectoryChart(r, d.what) }] : [],
    manifest: Object.entries(d.manifest).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  };
  return writeReportFiles(dir, doc);
}

/** Each policy's regret across members, members sorted by regret (a cumulative profile), and the maximum marked. */
export function regretChart(t: RegretTable, what: string): LineChart {
  const members = t.policies[0].regret.length;
  const datasets: LineDataset[] = t.policies.map((p, i) => ({
    label: `${p.policy} (max ${formatNumber(p.maxRegret)})`,
    data: [...p.regret].sort((a, b) => a - b),
    borderColor: OKABE_ITO[i % OKABE_ITO.length],
    backgroundColor: OKABE_ITO[i % OKABE_ITO.length],
    borderWidth: 2,
    pointRadius: members <= 40 ? 3 : 0,
    fill: false,
    ...(p.policy === t.minimaxRegret ? {} : { borderDash: [6, 3] }),
  }));
  return lineChart({
    title: 'Regret of each policy across ensemble members',
    subtitle: `${what} · regret = best policy's outcome in the member − this policy's · members sorted by regret · solid: the minimax-regret choice (${t.minimaxRegret})`,
    labels: Array.from({ length: members }, (_, i) => i + 1),
    datasets,
    scales: {
      x: { type: 'category', title: { display: true, text: 'Members, sorted by regret', font: { size: 13, weight: 'bold' } } },
      y: valueAxis('Regret'),
    },
  });
}

/** Write the report of a robustness analysis into `dir`. */
export async function writeRobustReport(
  dir: string,
  d: { title: string; subtitle: string; what: string; table: RegretTable; manifest: Record<string, unknown> },
): Promise<{ html: string; pngs: string[] }> {
  const t = d.table;
  const key: KeyTable = {
    caption: `Outcome and regret per policy (${t.goal === 'min' ? 'less' : 'more'} is better)`,
    head: ['Policy', 'Mean outcome', 'Max regret', `Regret, ${Math.round(t.quantile * 100)}th percentile`, 'Mean regret', 'Best in (share of members)'],
    rows: t.policies.map((p) => [p.policy + (p.policy === t.minimaxRegret ? ' (minimax regret)' : ''), formatNumber(p.meanOutcome), formatNumber(p.maxRegret), formatNumber(p.quantileRegret), formatNumber(p.meanRegret), `${formatNumber(100 * p.bestShare)}%`]),
    note: 'Regret of a policy in a member: how far its outcome falls short of the best policy in that member (Savage 1951). The minimax-regret policy has the smallest worst regret; a policy best on average can still be the one you regret most under some assumptions.',
  };
  const doc: ReportDocument = {
    title: d.title,
    subtitle: d.subtitle,
    descriptions: [{ heading: 'The question', text: `Which policy is robust for "${d.what}" across the posterior ensemble?` }],
    headings: { descriptions: 'Question', tables: 'Regret' },
    tables: [key],
    charts: [{ name: 'regret', config: regretChart(t, d.what) }],
    manifest: Object.entries(d.manifest).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  };
  return writeReportFiles(dir, doc);
}
