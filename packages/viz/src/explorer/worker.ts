/**
 * The explorer's Web Worker: it runs sim-core off the page's thread, so the page never freezes
 * however large the run. It holds the user's simulation and, when asked, a second one of the same
 * scenario and seed without the user's lever changes (the baseline overlay), steps them in
 * lockstep at the requested speed, and posts each batch of new months as transferable arrays. It
 * is the record of lever changes: a change applies from the next month (`setLever`, as a scenario
 * event would) and is kept with the month it took effect, for the YAML export; a shared link's
 * changes are scheduled and made at their months, as if the user made them then.
 */
import {
  type PathValue,
  type Simulation,
  createSimulation,
  listLevers,
  resolveLever,
  seriesCsv,
  validateScenario,
} from '@vraem/sim-core';
import type { FromWorker, LeverChange, LeverInfo, MonthBlock, RegionInfo, ToWorker } from './protocol.ts';

interface Scope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as Scope;

/** Milliseconds of stepping between posts when running flat out. */
const CHUNK_MS = 40;

let sim: Simulation | undefined;
let baseSim: Simulation | undefined;
let baselineScenario: Record<string, unknown> | undefined;
let seed = 0;
let compare = false;
let running = false;
let speed = 0;
let until = Infinity;
let posted = 0;
let basePosted = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let changes: LeverChange[] = [];
/** Changes to make at their months (a shared link's): each applied as the user's would be. */
let scheduled: LeverChange[] = [];

const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

/** The months of `s` from `from` to its current tick (a copy of just those months). */
function block(s: Simulation, from: number): MonthBlock | undefined {
  if (s.tick <= from) return undefined;
  return { from, count: s.tick - from, data: s.monthsFrom(from) };
}

/** Post every month not yet posted, of both simulations. */
function flush(): void {
  if (!sim) return;
  const main = block(sim, posted);
  const base = compare && baseSim ? block(baseSim, basePosted) : undefined;
  posted = sim.tick;
  if (baseSim && compare) basePosted = baseSim.tick;
  const transfer: Transferable[] = [];
  if (main) transfer.push(main.data.buffer);
  if (base) transfer.push(base.data.buffer);
  post({ type: 'months', main, baseline: base, tick: sim.tick, running }, transfer);
}

/** Step the user's simulation one month, and the baseline with it when the overlay is on. */
function stepOnce(): boolean {
  if (!sim || sim.tick >= sim.months || sim.tick >= until) return false;
  for (const c of scheduled) if (c.tick === sim.tick) setLever(c.path, c.value);
  sim.step();
  if (compare) {
    const b = ensureBaseline();
    while (b.tick < sim.tick) b.step();
  }
  return true;
}

/** The baseline simulation, created on first use and caught up with the user's. */
function ensureBaseline(): Simulation {
  if (!baseSim) {
    const v = validateScenario(baselineScenario);
    if (!v.ok) throw new Error(`the baseline scenario is invalid: ${v.issues.map((i) => i.path.join('.') + ': ' + i.message).join('; ')}`);
    baseSim = createSimulation(v.scenario, { seed });
    basePosted = 0;
  }
  while (sim && baseSim.tick < sim.tick) baseSim.step();
  return baseSim;
}

function stop(): void {
  running = false;
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
}

/** One turn of the run loop: a month (at a set speed) or a chunk of months (flat out), then a post. */
function loop(): void {
  timer = undefined;
  if (!running || !sim) return;
  const began = performance.now();
  if (speed > 0) stepOnce();
  else while (performance.now() - began < CHUNK_MS && stepOnce());
  if (sim.tick >= sim.months || sim.tick >= until) running = false;
  flush();
  if (running) timer = setTimeout(loop, speed > 0 ? Math.max(0, 1000 / speed - (performance.now() - began)) : 0);
}

function regionsOf(scenario: Record<string, unknown>): RegionInfo[] {
  const regions = scenario.regions as Record<string, { name?: string; country: string; neighbours?: string[]; cocaHa?: number }>;
  return Object.entries(regions).map(([id, r]) => ({ id, name: r.name ?? id, country: r.country, neighbours: r.neighbours ?? [], cocaHa: r.cocaHa ?? 0 }));
}

function init(m: Extract<ToWorker, { type: 'init' }>): void {
  stop();
  sim = undefined;
  baseSim = undefined;
  changes = [];
  scheduled = (m.scheduled ?? []).map((c) => ({ ...c }));
  posted = 0;
  basePosted = 0;
  seed = m.seed >>> 0;
  compare = m.compare;
  baselineScenario = m.baseline;
  const v = validateScenario(m.scenario);
  if (!v.ok) {
    post({ type: 'invalid', problems: v.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`) });
    return;
  }
  sim = createSimulation(v.scenario, { seed });
  if (compare) ensureBaseline();
  const first = sim.result();
  const levers: LeverInfo[] = listLevers(v.scenario).map(({ schema: _schema, default: _default, ...l }) => ({ ...l, startOnly: l.change === 'start' }));
  post({
    type: 'ready',
    levers,
    regions: regionsOf(v.scenario as unknown as Record<string, unknown>),
    rows: first.rows,
    rowKinds: first.rowKinds,
    metrics: [...first.metrics],
    start: first.start,
    months: sim.months,
    seed,
    name: v.scenario.name,
  });
}

function setLever(path: string, value: PathValue): void {
  if (!sim) return;
  const found = resolveLever(sim.scenario, path, { forEvent: true });
  if (!found.ok) return post({ type: 'rejected', path, message: found.message });
  const checked = found.spec.schema.safeParse(value);
  if (!checked.success) return post({ type: 'rejected', path, message: checked.error.issues[0]?.message ?? 'not a valid value' });
  if (sim.tick >= sim.months) return post({ type: 'rejected', path, message: 'the run is over: reset to run it again' });
  sim.setLever(found, checked.data as PathValue);
  const change = { tick: sim.tick, path, value: checked.data as PathValue };
  // Two changes of one lever before the same month: the last one is what the month sees.
  const last = changes[changes.length - 1];
  if (last && last.tick === change.tick && last.path === path) changes[changes.length - 1] = change;
  else changes.push(change);
  post({ type: 'applied', change });
}

scope.onmessage = (e) => {
  const m = e.data;
  try {
    switch (m.type) {
      case 'init':
        return init(m);
      case 'run':
        speed = m.speed;
        until = m.until ?? Infinity;
        if (!sim || sim.tick >= sim.months || sim.tick >= until) return flush();
        running = true;
        if (timer === undefined) loop();
        return;
      case 'pause':
        stop();
        return flush();
      case 'step':
        stop();
        until = Infinity;
        stepOnce();
        return flush();
      case 'speed':
        speed = m.speed;
        if (running && timer !== undefined) {
          clearTimeout(timer);
          loop();
        }
        return;
      case 'set':
        return setLever(m.path, m.value);
      case 'compare':
        compare = m.on;
        if (compare && sim) ensureBaseline();
        return flush();
      case 'export': {
        if (!sim) return;
        const r = sim.result();
        return post({ type: 'exported', csv: seriesCsv([r]), changes: changes.map((c) => ({ ...c })), tick: sim.tick });
      }
    }
  } catch (err) {
    stop();
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
