/**
 * Commands that read scenarios and folders without running anything: `validate` (every problem of
 * every file, exit 2 if any), `params` (every lever with value, unit, range and meaning), `scenarios`
 * (the bundled scenarios and lessons, one line each), `report` (draw the report of a folder) and
 * `verify` (check a folder against its manifest's checksums).
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { InputError } from '../errors.ts';
import { FILE_LIMITS, loadScenario, shownPath } from '../load.ts';
import { LEVER_MOVES, count, listLevers, type Lever } from '../core.ts';
import { renderTable } from '../table.ts';
import { requireIntact, verifyFolder } from '../integrity.ts';
import { replaceFile } from '../atomic.ts';

/** The bundled scenarios folder (`scenarios/` at the repository root). */
export const SCENARIOS_DIR = fileURLToPath(new URL('../../../../scenarios/', import.meta.url));

/** The `.yaml`/`.yml` files of a folder (full paths, sorted by name); none when the folder is missing. */
export function yamlFiles(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => join(dir, f))
    : [];
}

/** `vraem validate <file>...`: `ok <file>` for each good file; every problem of the bad ones; exit 2 if any is bad. */
export function validateCommand(args: { files: string[] }): void {
  const problems: string[] = [];
  for (const file of args.files.map(String)) {
    try {
      const l = loadScenario(file);
      process.stdout.write(`ok ${shownPath(file)} (${l.scenario.name}: ${Object.keys(l.scenario.regions).length} regions, ${l.scenario.months} months, ${l.scenario.events.length} events)\n`);
    } catch (e) {
      if (e instanceof InputError) problems.push(...e.problems);
      else throw e;
    }
  }
  if (problems.length) throw new InputError(problems);
}

function showLeverValue(v: unknown): string {
  if (Array.isArray(v)) return v.length ? v.join(',') : '(none)';
  if (typeof v === 'number') return String(v);
  return v === undefined ? '' : String(v);
}

function showRange(l: Lever): string {
  if (l.kind === 'enum') return (l.options ?? []).join('|');
  if (l.kind === 'boolean') return 'true|false';
  if (l.range) return `${l.range[0]}..${l.range[1]}`;
  if (l.min !== undefined && l.max !== undefined) return `${l.min}..${l.max}`;
  return '';
}

/** How a change of the lever applies, in words. */
function applies(l: Lever): string {
  if (l.change === 'start') return 'at the start of a run only';
  return l.moves ? `from the next month; ${LEVER_MOVES[l.moves]}` : 'from the next month';
}

/** The lever's meaning, with the state its change moves when it moves one. */
const meaning = (l: Lever) => (l.moves && l.change === 'live' ? `${l.description} [a change: ${LEVER_MOVES[l.moves]}]` : l.description);

/** `vraem params <scenario>`: every lever grouped by where it lives, or JSON with `--json`. */
export function paramsCommand(args: { scenario: string; set: string[]; json: boolean }): void {
  const { scenario } = loadScenario(args.scenario, { set: (args.set ?? []).map(String) });
  const levers = listLevers(scenario);
  if (args.json) {
    const rows = levers.map((l) => ({ path: l.path, value: l.value, kind: l.kind, unit: l.unit, min: l.min, max: l.max, range: l.range, options: l.options, description: l.description, change: l.change, applies: applies(l) }));
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return;
  }
  const groups = new Map<string, Lever[]>();
  for (const l of levers) groups.set(l.group, [...(groups.get(l.group) ?? []), l]);
  process.stdout.write(
    `${levers.length} levers of ${scenario.name} (range: plausible range for sweeps, else the hard bounds; when: "start" levers shape the start of a run, events and dated holds cannot change them)\n`,
  );
  for (const [group, list] of groups) {
    const rows = [['path', 'value', 'unit', 'range', 'when', 'meaning'], ...list.map((l) => [l.path, showLeverValue(l.value), l.unit ?? '', showRange(l), l.change, meaning(l)])];
    process.stdout.write(`\n[${group}]\n${renderTable(rows, [0, 2, 3, 4, 5])}`);
  }
}

/** The one-line description of a bundled file: `description`, else a lesson's `title`/`concept`/`question`. */
function describeFile(file: string): string {
  try {
    if (statSync(file).size > FILE_LIMITS.maxBytes) return '(too large to read)';
    const data = parseDocument(readFileSync(file, 'utf8')).toJS({ maxAliasCount: FILE_LIMITS.maxAliasCount }) as Record<string, unknown> | null;
    const pick = ['description', 'title', 'concept', 'question'].map((k) => data?.[k]).find((v) => typeof v === 'string' && v.trim());
    return typeof pick === 'string' ? pick.replace(/\s+/g, ' ').trim() : '(no description)';
  } catch {
    return '(unreadable)';
  }
}

/** `vraem scenarios`: bundled scenarios, then lessons, one line each. */
export function scenariosCommand(): void {
  for (const [title, dir] of [
    ['scenarios', SCENARIOS_DIR],
    ['lessons', join(SCENARIOS_DIR, 'lessons')],
  ]) {
    const files = yamlFiles(dir);
    process.stdout.write(`${title} (${shownPath(dir)}):\n`);
    if (files.length === 0) process.stdout.write('  (none)\n');
    const id = (f: string) => basename(f).replace(/\.ya?ml$/, '');
    const width = Math.max(0, ...files.map((f) => id(f).length));
    for (const f of files) process.stdout.write(`  ${id(f).padEnd(width)}  ${describeFile(f)}\n`);
  }
}

/** `vraem report <outdir>`: (re)draw `report.html` and the PNG charts of an output folder. */
export async function reportCommand(args: { outdir: string }): Promise<void> {
  const dir = String(args.outdir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`${shownPath(dir)}: not a folder`);
  // Drawn from data that must be what the command wrote; each file replaced atomically.
  const note = requireIntact(dir, 'the folder');
  if (note) process.stderr.write(`note: ${note}\n`);
  const { writeReport, ReportInputError } = await import('@vraem/viz');
  try {
    const { html, pngs } = await writeReport(dir, replaceFile);
    process.stdout.write(`report: ${shownPath(html)} (${pngs.length} charts)\n`);
  } catch (e) {
    if (e instanceof ReportInputError) throw new InputError(e.message);
    throw e;
  }
}

/**
 * `vraem verify <folder>`: check every checksum the folder's manifests record; `ok` and the count
 * of files checked, or every problem by file name (exit 2).
 */
export function verifyCommand(args: { folder: string }): void {
  const dir = String(args.folder);
  const v = verifyFolder(dir);
  const n = v.problems.length;
  if (n) throw new InputError(v.problems, `${shownPath(dir)} failed verification (${count(n, 'problem')})`);
  for (const f of v.unlisted) process.stderr.write(`note: ${shownPath(join(dir, f))}: not listed in the manifest (added after the folder was written?)\n`);
  if (v.unsealed.length) throw new InputError(`${shownPath(dir)}: ${v.unsealed.join(', ')} record${v.unsealed.length > 1 ? '' : 's'} no checksums (written by an older vraem): nothing can be verified`);
  process.stdout.write(`ok ${shownPath(dir)}: ${count(v.checked.length, 'file')} match their checksums\n`);
}
