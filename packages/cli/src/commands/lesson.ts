/**
 * `vraem lesson [id]`: without an id, the bundled lessons (id, title, concept); with one (or the
 * path of a lesson file), the lesson run: its file read and checked (every problem as
 * `file:line:col path: message`, exit 2, nothing run), its world loaded through the scenario
 * loader, its game measured in every condition over common replicate seeds, and printed — the
 * concept, the question, the payoff matrix with intervals, the equilibria and the reading, each
 * claim with its verdict — and written to an output folder with the same conventions as `run`
 * (a new folder, no overwrite without --force, written atomically): `lesson.txt`, `lesson.json`,
 * `manifest.json`, `report.html` and PNG charts.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { InputError } from '../errors.ts';
import { FILE_LIMITS, loadScenario, locateInFile as locate, showPath, shownPath } from '../load.ts';
import { manifest } from '../manifest.ts';
import { planOutput, writeOutput } from '../output.ts';
import { progress } from '../progress.ts';
import { finished } from '../batch.ts';
import { intOption, seedOption } from './common.ts';
import { SCENARIOS_DIR, yamlFiles } from './info.ts';
import { renderTable } from '../table.ts';
import { formatLesson, parseLesson, prepareLesson, runLesson, type Lesson, type LessonIssue, type LessonOutcome } from '../core.ts';

/** The bundled lessons folder. */
export const LESSONS_DIR = join(SCENARIOS_DIR, 'lessons');

/** Arguments of `vraem lesson`. */
export interface LessonArgs {
  id?: string;
  runs?: number;
  seed?: number;
  out?: string;
  force: boolean;
}

/** A lesson file read and validated, with the document kept for line numbers. */
export interface LoadedLesson {
  file: string;
  lesson: Lesson;
}

/**
 * Read and validate a lesson file. Throws InputError listing every problem with its line.
 * @example const { lesson } = loadLesson('scenarios/lessons/protection-racket.yaml');
 */
export function loadLesson(file: string): LoadedLesson & { doc: Document; lines: LineCounter } {
  const shown = shownPath(file);
  if (!existsSync(file) || !statSync(file).isFile()) throw new InputError(`${shown}: no such lesson file`);
  if (statSync(file).size > FILE_LIMITS.maxBytes) throw new InputError(`${shown}: over the ${FILE_LIMITS.maxBytes / 1048576} MB limit for a lesson file`);
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines, uniqueKeys: true });
  const syntax = [...doc.errors, ...doc.warnings];
  if (syntax.length) throw new InputError(syntax.map((e) => `${shown}:${e.linePos?.[0]?.line ?? 1}:${e.linePos?.[0]?.col ?? 1} ${e.message.split('\n')[0]}`));
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: FILE_LIMITS.maxAliasCount });
  } catch {
    throw new InputError(`${shown}: could not be read as YAML data`);
  }
  const v = parseLesson(data);
  if (!v.ok) throw new InputError(v.issues.map((i) => `${locate(shown, doc, lines, i.path)} ${showPath(i.path)}: ${i.message}`));
  return { file, lesson: v.lesson, doc, lines };
}

/** The lesson files bundled under `scenarios/lessons/`, sorted. */
export function bundledLessonFiles(): string[] {
  return yamlFiles(LESSONS_DIR);
}

/** A lesson id or file path → the lesson file. */
export function lessonFile(idOrPath: string): string {
  if (/\.ya?ml$/.test(idOrPath) || idOrPath.includes('/')) return resolve(idOrPath);
  const file = bundledLessonFiles().find((f) => basename(f).replace(/\.ya?ml$/, '') === idOrPath);
  if (!file) {
    const ids = bundledLessonFiles().map((f) => basename(f).replace(/\.ya?ml$/, ''));
    throw new InputError(`no lesson "${idOrPath}" (lessons: ${ids.join(', ') || 'none'}; vraem lesson lists them)`);
  }
  return file;
}

/** The lesson's world and every scenario it runs, checked; problems point into the lesson file. */
export function prepareLessonFile(loaded: ReturnType<typeof loadLesson>) {
  const { lesson, file, doc, lines } = loaded;
  const shown = shownPath(file);
  const baseFile = resolve(dirname(file), lesson.world.scenario);
  let base;
  try {
    base = loadScenario(baseFile);
  } catch (e) {
    if (e instanceof InputError) throw new InputError([`${locate(shown, doc, lines, ['world', 'scenario'])} world.scenario: "${lesson.world.scenario}" cannot be used:`, ...e.problems.map((p) => `  ${p}`)]);
    throw e;
  }
  const p = prepareLesson(lesson, base.input);
  const where = (i: LessonIssue) => `${locate(shown, doc, lines, i.path)} ${showPath(i.path)}: ${i.message}`;
  if (!p.ok) throw new InputError(p.issues.map(where));
  return { prepared: p.prepared, files: [shown, ...base.files] };
}

/** `vraem lesson` without an id: one line a lesson. */
export function listLessons(): void {
  const rows: string[][] = [['id', 'title', 'concept']];
  for (const f of bundledLessonFiles()) {
    const id = basename(f).replace(/\.ya?ml$/, '');
    try {
      const { lesson } = loadLesson(f);
      rows.push([id, lesson.title, lesson.concept]);
    } catch (e) {
      rows.push([id, '(invalid lesson file)', e instanceof InputError ? (e.problems[0] ?? '') : String(e)]);
    }
  }
  process.stdout.write(rows.length > 1 ? renderTable(rows, [0, 1, 2]) : '(no lessons)\n');
  process.stdout.write(`run one with: pnpm vraem lesson <id> [--runs N] [--seed N] [--out DIR]\n`);
}

/** The numbers of a measured lesson as JSON (samples and monthly bands left out). */
export function lessonJson(o: LessonOutcome): string {
  return (
    JSON.stringify(
      {
        lesson: o.lesson.id,
        title: o.lesson.title,
        replicates: o.replicates,
        seeds: o.seeds,
        months: o.months,
        window: o.window,
        conditions: o.conditions.map((c) => ({
          name: c.name,
          players: c.game.players,
          cells: c.cells.map((cell) => ({ profile: cell.labels, values: Object.fromEntries(Object.entries(cell.values).map(([k, s]) => [k, { mean: s.mean, sd: s.sd, ci95: s.ci95, n: s.n }])), samples: cell.samples })),
          pureEquilibria: c.analysis.pure.map((e) => ({ profile: e.labels, verdict: e.verdict, strict: e.strict })),
          mixedEquilibria: c.analysis.mixed?.filter((m) => !m.pure).map((m) => ({ probabilities: m.probabilities, payoffs: m.payoffs })) ?? null,
        })),
        claims: o.claims,
      },
      null,
      2,
    ) + '\n'
  );
}

/** `vraem lesson [id]`. */
export async function lessonCommand(args: LessonArgs): Promise<void> {
  if (args.id === undefined) {
    if (args.runs !== undefined || args.seed !== undefined || args.out !== undefined) throw new InputError('--runs, --seed and --out need a lesson id (vraem lesson lists them)');
    listLessons();
    return;
  }
  const runs = intOption('runs', args.runs, 2, 1000);
  const seed = seedOption(args.seed);
  const loaded = loadLesson(lessonFile(String(args.id)));
  const { prepared, files } = prepareLessonFile(loaded);
  const { lesson } = prepared;
  const plan = planOutput(args.out, args.force, 'lesson', lesson.id);
  const total = prepared.conditions.length * prepared.scenarios[0].length * (runs ?? lesson.runs.replicates);
  let text = '';
  let warning: string | undefined;
  const path = await writeOutput(plan, async (out) => {
    const bar = progress(lesson.id, total);
    let outcome: LessonOutcome;
    try {
      outcome = runLesson(prepared, { replicates: runs, seed, onProgress: (done) => bar.update(done) });
    } finally {
      bar.stop();
    }
    text = formatLesson(outcome);
    out.writeFile('lesson.txt', text);
    out.writeFile('lesson.json', lessonJson(outcome));
    out.writeFile('manifest.json', manifest('lesson', { lesson, world: prepared.scenarios[0][0], seeds: outcome.seeds, replicates: outcome.replicates }, { files }));
    try {
      const { writeLessonReport } = await import('@vraem/viz');
      await writeLessonReport(out.dir, outcome);
    } catch (e) {
      warning = `the lesson report could not be drawn (${e instanceof Error ? e.message : String(e)}); lesson.txt and lesson.json are complete`;
    }
  });
  process.stdout.write(text);
  finished(path, warning);
}
