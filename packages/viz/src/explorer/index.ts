/**
 * The explorer's Node-side API: `writeExplorer` builds the interactive page into a folder, and
 * the page's data types. The page's own modules (main.ts, worker.ts) are browser entry points
 * bundled by build.ts, not imported from here.
 */
export { EXPLORER_FILES, explorerHtml, writeExplorer } from './build.ts';
export { exportScenario, scenarioYaml } from './scenarioExport.ts';
export type { ExplorerData, ExplorerEntry, LessonInfo, LessonPlayer, LeverChange } from './protocol.ts';
