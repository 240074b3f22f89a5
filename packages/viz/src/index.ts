/**
 * @vraem/viz — charts and reports for vraem results: chart.js specs (pure functions of
 * `RunResult`s), PNG rendering in Node, the self-contained `report.html`, and readers for the
 * CLI's output folders.
 *
 * @example
 * import { writeReport, ReportInputError } from '@vraem/viz';
 * try { const { html, pngs } = await writeReport(outDir); }
 * catch (e) { if (e instanceof ReportInputError) { console.error(e.message); process.exit(2); } throw e; }
 */
export { ReportInputError } from './errors.ts';
export { parseSeriesCsv, parseSweepSeriesCsv, rowKindOf, streamSeriesCsv, sweepSeriesRuns, type ParseSeriesOptions, type SweepSeries } from './seriesCsv.ts';
export { type Band, type MonthValue, type Runs, RunStats, monthlyBand, metricBand, pairedDifferenceBand, shareOfAll, valueOf } from './bands.ts';
export { OKABE_ITO, COMPARE_COLOURS, rowColour, seriesColour, withAlpha } from './palette.ts';
export { BAND_SUFFIX, type ChartContext, type LineChart, describeSeeds, rowName } from './charts/common.ts';
export { cocaByRegionChart, licitByRegionChart } from './charts/cultivation.ts';
export { pricesChart } from './charts/prices.ts';
export { balloonChart } from './charts/balloon.ts';
export { allianceMoneyChart, bribeMetrics } from './charts/alliance.ts';
export { violenceChart } from './charts/violence.ts';
export { alternativeDevelopmentChart } from './charts/alternativeDevelopment.ts';
export { farmerIncomeChart } from './charts/income.ts';
export { type CompareContext, comparisonChart, differenceChart, metricLabel } from './charts/comparison.ts';
export { type LeverValue, type SweepContext, type SweepPointRuns, type SweepPointStat, sweepChart, sweepStats } from './charts/sweep.ts';
export { type FileWriter, type NamedChart, type PngSize, DEFAULT_PNG_SIZE, renderPng, writePngs } from './png.ts';
export { type KeyTable, type ReportDocument, type TableCell, renderReportHtml } from './html.ts';
export {
  type CompareFolder,
  type Manifest,
  type OutputFolder,
  type RunFolder,
  type RunsFolder,
  type ScenarioInfo,
  type SweepFolder,
  parseDesignCsv,
  readOutputFolder,
} from './input.ts';
export { compareCharts, regionNames, reportDocument, runCharts, sweepCharts, writeReport } from './report.ts';
export { formatNumber, formatStat } from './format.ts';
export { lessonDocument, lessonMatrixTable, lessonProfileChart, lessonSeriesChart, writeLessonReport } from './lesson.ts';
export { type ExplorerData, type ExplorerEntry, type LessonInfo, writeExplorer } from './explorer/index.ts';
export { primTrajectoryChart, regretChart, writeDiscoverReport, writeRobustReport } from './discovery.ts';
export { type Asset, classroomAssets } from './classroom/build.ts';
export type * from './classroom/protocol.ts';
