/**
 * The page's run as a scenario file: the scenario it ran (resolved, with the start settings the
 * user chose) with the seed it ran with, and every lever change made during the run as an event
 * at the month it took effect. `pnpm vraem run <file> --runs 1` replays it and writes the page's
 * series byte for byte. The user's events come first in the list: in the page a change is applied
 * before the month's scheduled events, and events of one month apply in file order, so a
 * scheduled event of the same month and lever still wins, in the file as on the page.
 */
import { Document } from 'yaml';
import { type PathValue, monthLabel } from '@vraem/sim-core';
import type { LeverChange } from './protocol.ts';

/** Note written on every event the page records. */
export const EXPLORER_NOTE = 'set in the vraem explorer';

/**
 * The scenario object to export: `ran` (the scenario the page's simulation was created from) with
 * `seed` and the changes as events at their months.
 * @example exportScenario(ran, 7, [{ tick: 12, path: 'states.PE.alternativeDevelopment.deliveryRate', value: 0.9 }])
 */
export function exportScenario(ran: Record<string, unknown>, seed: number, changes: readonly LeverChange[]): Record<string, unknown> {
  const start = String(ran.start);
  const events: { at: string; note: string; set: Record<string, PathValue> }[] = changes.map((c) => ({ at: monthLabel(start, c.tick), note: EXPLORER_NOTE, set: { [c.path]: c.value } }));
  const scheduled = Array.isArray(ran.events) ? (ran.events as unknown[]) : [];
  const name = String(ran.name ?? 'scenario');
  return { ...ran, name: name.endsWith('-explored') ? name : `${name}-explored`, seed: seed >>> 0, events: [...events, ...scheduled] };
}

/**
 * The scenario as YAML with a header saying how it was made and how to replay it.
 * @example yamlOf(exportScenario(ran, 7, changes), { file: 'baseline-explored.yaml', months: 24 })
 */
export function scenarioYaml(scenario: Record<string, unknown>, o: { file: string; source: string; months: number; version: string }): string {
  const doc = new Document(scenario);
  doc.commentBefore = [
    ` Exported from the vraem explorer ${o.version} (from ${o.source}); ${o.months} months ran in the page.`,
    ' Lever changes made during the run are the events noted "set in the vraem explorer", at the month they took effect.',
    ` Replay it: pnpm vraem run ${o.file} --runs 1   (seed ${String(scenario.seed)}; its series.csv equals the page's CSV over these months)`,
  ].join('\n');
  return doc.toString({ lineWidth: 0 });
}
