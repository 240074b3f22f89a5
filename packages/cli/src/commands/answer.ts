/**
 * The answer first on the terminal: the generated sentences of a comparison (analysis/answer.ts),
 * wrapped, then its relative-change table; for an ensemble, the headline effects with their total
 * interval and the share of parameter uncertainty.
 */
import { type Answer, type EffectCells, type Scenario, METRIC_LABELS, type MetricName, count, formatFigure, percentCell, sentenceText } from '../core.ts';
import { renderTable } from '../table.ts';
import { HEADLINE } from './common.ts';

/** Display names of a scenario's regions, by id. */
export const regionNamesOf = (s: Scenario): Record<string, string> => Object.fromEntries(Object.entries(s.regions).map(([id, r]) => [id, r.name]));

/** Wrap text at `width` columns. */
function wrap(text: string, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** The sentences, then the relative-change table (programme period, % change with 95% interval). */
export function answerText(ans: Answer): string {
  const sentences = ans.sentences.map((s) => wrap(sentenceText(s, ans.figures))).join('\n');
  const w = ans.windows.programme;
  const rows: string[][] = [[`change B − A, % (${w.fromDate}..${w.toDate})`, ...ans.table.head]];
  for (const r of ans.table.rows) {
    rows.push([
      r.label,
      ...r.cells.map((name, j) => {
        const units = r.units?.[j];
        return percentCell(name ? ans.figures[name] : undefined, units ? ans.figures[units] : undefined);
      }),
    ]);
  }
  return `${sentences}\n\n${renderTable(rows)}${ans.table.note ? `${wrap(ans.table.note)}\n` : ''}\n`;
}

/** Headline effects over an ensemble: B − A with the total 95% interval and the share of its variance that is parameter uncertainty. */
export function ensembleTable(c: EffectCells): string {
  const rows: string[][] = [['B − A (programme period)', 'row', 'mean', '95% interval (one history)', 'parameter share', '95% interval (parameters only)']];
  for (const { metric, rows: ids } of HEADLINE) {
    for (const id of ids) {
      const d = c.cells[metric]?.[id]?.programme?.diff;
      if (!d) continue;
      rows.push([
        METRIC_LABELS[metric as MetricName],
        id,
        formatFigure(d.mean, 'number'),
        `${formatFigure(d.ci95[0], 'number')} to ${formatFigure(d.ci95[1], 'number')}`,
        formatFigure(d.parameterShare, 'percent'),
        d.parameterCi95 ? `${formatFigure(d.parameterCi95[0], 'number')} to ${formatFigure(d.parameterCi95[1], 'number')}` : '-',
      ]);
    }
  }
  return `${renderTable(rows, [0, 1])}${c.members} members × ${count(c.runsPerMember, 'paired run')}; total variance = parameter (between members) + chance (within)\n`;
}
