/**
 * `vraem explore [--out DIR] [--force] [--serve] [--port N] [--households-per-agent N]`: build
 * the interactive explorer page into a folder — every bundled scenario resolved by the scenario
 * loader and each lesson's world (scenarios/lessons/*.yaml, when present) embedded as JSON — and
 * optionally serve it on 127.0.0.1 with node:http until Ctrl-C. The page runs sim-core in a Web
 * Worker and works from file:// as well (see docs/explorer.md).
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { staticFiles } from '../serve.ts';
import { basename, dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { ExplorerEntry, LessonInfo } from '@vraem/viz';
import { isMap, setPath, validateScenario, type PathValue } from '../core.ts';
import { InputError, RunError } from '../errors.ts';
import { FILE_LIMITS, loadScenario, shownPath } from '../load.ts';
import { manifest, VERSION } from '../manifest.ts';
import { planOutput, writeOutput } from '../output.ts';
import { intOption } from './common.ts';
import { SCENARIOS_DIR, yamlFiles } from './info.ts';

/** Arguments of `vraem explore`. */
export interface ExploreArgs {
  out?: string;
  force: boolean;
  serve: boolean;
  port?: number;
  householdsPerAgent?: number;
}

/** Households per agent the page starts with: smooth on a laptop (full scale is 1). */
export const EXPLORER_HOUSEHOLDS_PER_AGENT = 10;

const text = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '');

/** The bundled scenarios, resolved (extends merged, defaults applied), baseline first. */
export function bundledScenarioEntries(dir = SCENARIOS_DIR): ExplorerEntry[] {
  const entries = yamlFiles(dir).map((file): ExplorerEntry => {
    const { scenario } = loadScenario(file);
    const s = scenario as unknown as Record<string, unknown>;
    return { id: basename(file).replace(/\.ya?ml$/, ''), kind: 'scenario', title: scenario.name, description: text(s.description) || text(s.shows), scenario: s };
  });
  return entries.sort((a, b) => Number(b.id === 'baseline') - Number(a.id === 'baseline'));
}

/**
 * A lesson's world as an explorer entry: its scenario loaded, events dropped when the lesson says
 * so, its `set` and warm-up applied, its seed; and its players' strategies as profiles the page
 * offers. Throws InputError naming the file when the lesson cannot be used.
 */
export function lessonEntry(file: string): ExplorerEntry {
  const shown = shownPath(file);
  if (statSync(file).size > FILE_LIMITS.maxBytes) throw new InputError(`${shown}: over the size limit for a lesson file`);
  const raw = parse(readFileSync(file, 'utf8'), { maxAliasCount: FILE_LIMITS.maxAliasCount }) as unknown;
  if (!isMap(raw) || !isMap(raw.world) || typeof raw.world.scenario !== 'string') throw new InputError(`${shown}: not a lesson (no world.scenario)`);
  const world = raw.world;
  const base = loadScenario(resolve(dirname(file), String(world.scenario))).input;
  const input = structuredClone(base);
  if (world.events === 'drop') input.events = [];
  for (const [path, value] of Object.entries(isMap(world.set) ? world.set : {})) setPath(input, path, value);
  const runs = isMap(raw.runs) ? raw.runs : {};
  if (typeof runs.warmupMonths === 'number') input.warmupMonths = runs.warmupMonths;
  if (typeof runs.seed === 'number') input.seed = runs.seed;
  const id = basename(file).replace(/\.ya?ml$/, '');
  input.name = `lesson-${id}`;
  const v = validateScenario(input);
  if (!v.ok) throw new InputError(`${shown}: its world is not a valid scenario (${v.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
  const players = (Array.isArray(raw.players) ? raw.players : []).filter(isMap).map((p) => ({
    name: String(p.name ?? 'player'),
    strategies: (Array.isArray(p.strategies) ? p.strategies : []).filter(isMap).map((s) => ({ name: String(s.name ?? ''), set: (isMap(s.set) ? s.set : {}) as Record<string, PathValue> })),
  }));
  const lesson: LessonInfo = { concept: text(raw.concept), question: text(raw.question), setting: text(raw.setting) || undefined, players };
  return { id: `lesson:${id}`, kind: 'lesson', title: text(raw.title) || id, description: text(raw.question), scenario: v.scenario as unknown as Record<string, unknown>, lesson };
}

/** The lessons' worlds; a lesson that cannot be used is left out with a note on stderr. */
export function bundledLessonEntries(dir = join(SCENARIOS_DIR, 'lessons')): ExplorerEntry[] {
  const out: ExplorerEntry[] = [];
  for (const file of yamlFiles(dir)) {
    try {
      out.push(lessonEntry(file));
    } catch (e) {
      const why = e instanceof InputError ? e.problems.join('; ') : e instanceof Error ? e.message : String(e);
      process.stderr.write(`vraem explore: lesson ${shownPath(file)} left out: ${why}\n`);
    }
  }
  return out;
}

/**
 * Serve a built explorer folder on 127.0.0.1 (GET and HEAD of its files only; every bad request
 * gets a 4xx and the server goes on). Resolves once listening, with the server, its address and
 * `serve` to name the folder later: `null` listens before the page is built (a 503 until then).
 */
export function serveExplorer(dir: string | null, port = 0): Promise<{ server: Server; url: string; serve: (dir: string) => void }> {
  let files = dir === null ? null : staticFiles(dir);
  const server = createServer((req, res) =>
    files ? files(req, res) : void res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end('the explorer is being built: reload in a moment\n'),
  );
  // A client that sends garbage instead of HTTP gets a 400 from node; it must not stop the server.
  server.on('clientError', (_e, socket) => socket.writable && socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
  return new Promise((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      fail(e.code === 'EADDRINUSE' ? new InputError(`--port ${port}: the port is in use; choose another (or 0 for any free port)`) : new RunError(`cannot serve the explorer: ${e.message}`)),
    );
    server.listen(port, '127.0.0.1', () => {
      const a = server.address();
      ok({ server, url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : port}/`, serve: (d) => (files = staticFiles(d)) });
    });
  });
}

/** `vraem explore`: build the page (and serve it with --serve until Ctrl-C). */
export async function exploreCommand(args: ExploreArgs): Promise<void> {
  const port = intOption('port', args.port, 0, 65535) ?? 8080;
  const hpa = intOption('households-per-agent', args.householdsPerAgent, 1, 1_000_000) ?? EXPLORER_HOUSEHOLDS_PER_AGENT;
  const plan = planOutput(args.out, args.force, 'explore', 'vraem');
  // With --serve, listen first: a port in use is said before the page is built, and no folder is
  // written by a command that then fails.
  const listening = args.serve ? await serveExplorer(null, port) : null;
  let target: string;
  try {
    const entries = [...bundledScenarioEntries(), ...bundledLessonEntries()];
    const { writeExplorer } = await import('@vraem/viz');
    target = await writeOutput(plan, async (out) => {
      await writeExplorer(out.dir, { entries, initial: entries[0].id, householdsPerAgent: hpa, version: VERSION });
      out.writeFile('manifest.json', manifest('explore', { scenarios: entries.map((e) => e.id), householdsPerAgent: hpa }));
    });
    const index = join(target, 'index.html');
    process.stdout.write(`explorer: ${shownPath(index)} (${entries.filter((e) => e.kind === 'scenario').length} scenarios, ${entries.filter((e) => e.kind === 'lesson').length} lessons; open it in a browser, no server needed)\n`);
  } catch (e) {
    listening?.server.close();
    throw e;
  }
  if (!listening) return;
  const { server, url, serve } = listening;
  serve(target);
  process.stdout.write(`serving ${url} (Ctrl-C stops)\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close(() => done());
      server.closeAllConnections();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stdout.write('stopped\n');
}
