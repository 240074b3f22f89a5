/**
 * The scenario loader: parses YAML or JSON scenario text (within alias limits), resolves its
 * `extends:` chain (relative to each file; cycles, missing files and files that are not scenarios
 * are reported without echoing their content), merges the layers, applies `path=value` overrides
 * checked against the schema, validates the result, and maps every problem back to the YAML node
 * (or the flag) that caused it: `file:line:col path: message`, all at once. Holds given beside
 * the files (`--hold path=value[@YYYY-MM]`) join the scenario's own `hold:` entries; a `--set`
 * that an event of the scenario later replaces is worth a note (the value asked for holds only
 * until that event; `--hold` keeps it).
 *
 * Pure: the host passes the reading in — the CLI reads files with `fs`, a browser with `fetch`,
 * the packaged scenarios (`@vraem/sim-core/scenarios`) from memory — so the same rules hold
 * everywhere. `loadScenarioSync` takes a synchronous reader, `loadScenario` an asynchronous one;
 * both drive one generator, so there is a single implementation.
 *
 * Merge rule: maps merge key by key; lists and plain values replace the parent's; `events` of a
 * child are appended after its parent's (a child adds history, it does not erase it).
 */
import { Document, LineCounter, parseDocument, isMap, isSeq, isScalar, isPair, type Node } from 'yaml';
import { scenarioSchema, type Scenario } from './schema.ts';
import { validateScenario, type ScenarioIssue } from './validate.ts';
import { isMap as isPlainMap } from './levers.ts';
import { applyOverrides, parseOverride, type Override } from './overrides.ts';
import type { PathValue } from './paths.ts';
import { MONTH } from './schema.ts';
import { tickOf } from '../engine/calendar.ts';
import { count } from '../analysis/numbers.ts';

/** Limits against hostile or accidental input. */
export const FILE_LIMITS = {
  /** Largest scenario file read. */
  maxBytes: 5 * 1024 * 1024,
  /** Most YAML alias expansions (`*name`) in a file: a "billion laughs" bomb stops here. */
  maxAliasCount: 100,
  /** Longest `extends:` chain. */
  maxExtendsDepth: 16,
} as const;

/**
 * Everything wrong with a scenario, one `where path: message` line per problem. The CLI prints
 * the lines and exits 2; a library user can show them as they are.
 */
export class ScenarioError extends Error {
  readonly problems: string[];
  constructor(problems: string | string[]) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.join('\n'));
    this.name = 'ScenarioError';
    this.problems = list;
  }
}

/**
 * Thrown by a reader for a file it cannot hand over: the message says why in a few words
 * (`no such file or folder`, `is not UTF-8 text`) and is shown after the file's name.
 */
export class SourceError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SourceError';
  }
}

/** How the loader reaches files. */
export interface ScenarioSource<R = string | Promise<string>> {
  /** The text of a file (by the reference `resolve` made). Throw a {@link SourceError} (or any Error) when it cannot be read. */
  read(ref: string): R;
  /** The reference of `target` written in file `from` (default: relative to `from`'s folder, `/`-separated, as URLs are). */
  resolve?(from: string, target: string): string;
  /** The reference as shown in messages (default: as is). */
  show?(ref: string): string;
}

/** Options of {@link loadScenario}. */
export interface LoadOptions {
  /** `path=value` overrides (`--set`), applied in order after the files are merged. */
  set?: readonly string[];
  /** `path=value[@YYYY-MM]` holds (`--hold`), added after the files' own `hold:` entries. */
  hold?: readonly string[];
  /** How an override is named in messages (default `--set`). */
  setFlag?: string;
}

/** A loaded, merged, overridden and validated scenario. */
export interface LoadedScenario {
  /** The resolved scenario (defaults applied): what the engine runs and the manifest records. */
  scenario: Scenario;
  /** The merged scenario as written, with overrides applied (no defaults). */
  input: Record<string, unknown>;
  /** Files read, as shown, the given file first. */
  files: string[];
  /** Things worth saying that are not errors (events after the run's end, which never fire). */
  notes: string[];
  overrides: Override[];
  /** The `--hold` texts, as given (`path=value` or `path=value@YYYY-MM`). */
  holds: string[];
}

/** One file of an `extends` chain. */
interface Layer {
  /** Reference as shown in messages. */
  shown: string;
  doc: Document;
  lines: LineCounter;
  data: Record<string, unknown>;
  /** Index of this file's first event in the merged event list. */
  eventsFrom: number;
  eventsCount: number;
}

/** A scenario path as shown in messages: `regions.vraem-ene.neighbours[0]`. */
export function showPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(top level)';
}

/** `target` relative to the folder of `from`, `/`-separated (`..` and `.` folded); absolute targets and URLs as they are. */
export function resolveRelative(from: string, target: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('/')) return target;
  const url = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(.*)$/i.exec(from);
  const [origin, path] = url ? [url[1], url[2]] : ['', from];
  const rooted = path.startsWith('/');
  const parts = path.split('/').slice(0, -1).filter((s) => s !== '' && s !== '.');
  for (const seg of target.split('/')) {
    if (seg === '.' || seg === '') continue;
    if (seg !== '..') parts.push(seg);
    else if (parts.length && parts[parts.length - 1] !== '..') parts.pop();
    else if (!rooted) parts.push(seg); // above a relative start: keep it; above the root: stay at the root
  }
  return origin + (rooted ? '/' : '') + parts.join('/');
}

const TOP_KEYS = Object.keys(scenarioSchema.shape);

/** Strip the source excerpt the yaml library appends to its messages (it could echo another file). */
function yamlMessage(message: string): string {
  const at = message.indexOf(' at line ');
  return (at > 0 ? message.slice(0, at) : message.split('\n')[0]).trim();
}

type Parsed = { ok: true; layer: Omit<Layer, 'eventsFrom' | 'eventsCount'> } | { ok: false; problems: string[]; quiet: string };

/**
 * Parse one file's text. `problems` are full messages for a file the user named; `quiet` is a
 * content-free reason used when the file was reached through `extends` and may not be a scenario.
 */
export function parseLayer(shown: string, text: string): Parsed {
  const fail = (reason: string): Parsed => ({ ok: false, problems: [`${shown}: ${reason}`], quiet: reason });
  if (text.length > FILE_LIMITS.maxBytes) return fail(`is ${(text.length / 1048576).toFixed(1)} MB, over the ${FILE_LIMITS.maxBytes / 1048576} MB limit for a scenario file`);
  if (text.includes('\u0000')) return fail('is not a text file (it holds binary data)');
  const lines = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  } catch (e) {
    return fail(e instanceof RangeError ? 'is nested too deeply to read' : 'could not be parsed as YAML');
  }
  const syntax = [...doc.errors, ...doc.warnings];
  if (syntax.length) {
    const problems = syntax.map((e) => {
      const p = e.linePos?.[0];
      return `${shown}:${p ? `${p.line}:${p.col}` : '1:1'} ${yamlMessage(e.message)}`;
    });
    return { ok: false, problems, quiet: 'is not valid YAML' };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: FILE_LIMITS.maxAliasCount });
  } catch (e) {
    if (e instanceof ReferenceError) return fail(`expands too many YAML aliases (the limit is ${FILE_LIMITS.maxAliasCount}; a file with this many is likely an "alias bomb")`);
    if (e instanceof RangeError) return fail('is nested too deeply to read');
    return fail('could not be read as YAML data');
  }
  if (data === null || data === undefined) return fail('is empty: a scenario is a map of keys (name, regions, states, ...)');
  if (!isPlainMap(data)) return fail(`is not a scenario: its top level is ${Array.isArray(data) ? 'a list' : 'a single value'}, not a map of keys`);
  if (!Object.keys(data).some((k) => TOP_KEYS.includes(k))) return fail(`is not a scenario: none of its top-level keys is a scenario key (${TOP_KEYS.slice(0, 6).join(', ')}, ...)`);
  return { ok: true, layer: { shown, doc, lines, data } };
}

/**
 * Where a path lies in one YAML document: how deep it matched and the offset of the node it
 * reached (a map entry's key, or with `atKey` false the value of the last one).
 */
function locateIn(doc: Document, path: readonly (string | number)[], atKey: boolean): { depth: number; offset: number } {
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  let depth = 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
      if (!pair) break;
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      offset = (last && !atKey && value?.range ? value.range[0] : key?.range?.[0]) ?? offset;
      node = value;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg]) {
      node = node.items[seg];
      offset = (node as Node).range?.[0] ?? offset;
    } else break;
    depth++;
  }
  return { depth, offset };
}

/** `file:line:col` of the node an issue path points at, across the layers of an `extends` chain. */
function locate(layers: Layer[], path: readonly (string | number)[], atKey: boolean): string {
  let candidates = layers.map((layer) => ({ layer, path }));
  if (path[0] === 'events' && typeof path[1] === 'number') {
    const k = path[1];
    const owner = layers.find((l) => k >= l.eventsFrom && k < l.eventsFrom + l.eventsCount);
    if (owner) candidates = [{ layer: owner, path: ['events', k - owner.eventsFrom, ...path.slice(2)] }];
  }
  let best: { layer: Layer; depth: number; offset: number } | undefined;
  // The child (last layer) wins ties: it is the file the user is editing.
  for (const c of [...candidates].reverse()) {
    const hit = locateIn(c.layer.doc, c.path, atKey);
    if (!best || hit.depth > best.depth) best = { layer: c.layer, ...hit };
  }
  const b = best!;
  const pos = b.layer.lines.linePos(b.offset);
  return `${b.layer.shown}:${pos.line}:${pos.col}`;
}

/** `file:line:col` of the key at `path` in one YAML document (as deep as the path matches). */
export function locateInFile(shown: string, doc: Document, lines: LineCounter, path: readonly (string | number)[]): string {
  const pos = lines.linePos(locateIn(doc, path, true).offset);
  return `${shown}:${pos.line}:${pos.col}`;
}

/** Merge a child scenario onto its parent: maps key by key, lists and values replace, events append. */
export function mergeScenario(parent: Record<string, unknown>, child: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...parent };
  for (const [k, v] of Object.entries(child)) {
    if (k === 'events' && Array.isArray(v) && Array.isArray(parent.events)) out.events = [...parent.events, ...v];
    else out[k] = deepMerge(parent[k], v);
  }
  return out;
}

function deepMerge(a: unknown, b: unknown): unknown {
  if (!isPlainMap(a) || !isPlainMap(b)) return b;
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = deepMerge(a[k], v);
  return out;
}

/** What the chain reader asks its driver for (a file's text) and is given back. */
type Request = { ref: string };
type Reply = { text: string } | { error: unknown };

const reasonOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Read a file and the chain of files it extends, parent first. Throws ScenarioError with every problem found. */
function* readChain(entry: string, source: ScenarioSource<unknown>): Generator<Request, Layer[], Reply> {
  const resolve = source.resolve ?? resolveRelative;
  const show = source.show ?? ((ref: string) => ref);
  const chain: Omit<Layer, 'eventsFrom' | 'eventsCount'>[] = [];
  const seen: string[] = [];
  let current = entry;
  for (;;) {
    const shown = show(current);
    const reply = yield { ref: current };
    const read: Parsed = 'text' in reply ? parseLayer(shown, reply.text) : { ok: false, problems: [`${shown}: ${reasonOf(reply.error)}`], quiet: reasonOf(reply.error) };
    const child = chain[chain.length - 1];
    if (!read.ok) {
      if (!child) throw new ScenarioError(read.problems);
      // Reached through `extends`: point at the child's `extends:` and say why, without the file's content
      // unless it is plainly a scenario with syntax errors (then its own line numbers help).
      const at = locate([{ ...child, eventsFrom: 0, eventsCount: 0 }], ['extends'], false);
      const looksLikeScenario = read.quiet === 'is not valid YAML' && /\.(ya?ml|json)$/i.test(current);
      throw new ScenarioError(looksLikeScenario ? read.problems : [`${at} extends: "${String(child.data.extends)}" ${read.quiet}`]);
    }
    seen.push(current);
    chain.push(read.layer);
    const ext = read.layer.data.extends;
    if (ext === undefined) break;
    const at = locate([{ ...read.layer, eventsFrom: 0, eventsCount: 0 }], ['extends'], false);
    if (typeof ext !== 'string' || ext.trim() === '') throw new ScenarioError(`${at} extends: expected the path of a scenario file`);
    const next = resolve(current, ext);
    if (seen.includes(next)) throw new ScenarioError(`${at} extends: cycle ${[...seen, next].map(show).join(' → ')}`);
    if (chain.length >= FILE_LIMITS.maxExtendsDepth) throw new ScenarioError(`${at} extends: chain longer than ${FILE_LIMITS.maxExtendsDepth} files`);
    current = next;
  }
  chain.reverse();
  let from = 0;
  return chain.map((l) => {
    const count = Array.isArray(l.data.events) ? l.data.events.length : 0;
    const layer = { ...l, eventsFrom: from, eventsCount: count };
    from += count;
    return layer;
  });
}

/**
 * Turn validation issues into `where path: message` lines, sorted by file and line. An issue
 * under an override's path is attributed to that override; others to the YAML node that caused them.
 */
function issueLines(layers: Layer[], issues: ScenarioIssue[], overrides: readonly { path: string; text: string; flag: string }[]): string[] {
  const order = new Map(layers.map((l, i) => [l.shown, layers.length - i]));
  const located = issues.map((issue) => {
    const dotted = issue.path.join('.');
    const o = [...overrides].reverse().find((x) => dotted === x.path || dotted.startsWith(x.path + '.'));
    if (o) return { key: [0, 0, 0] as number[], line: `${o.flag} ${o.text}: ${showPath(issue.path)}: ${issue.message}` };
    // An event pushed outside the run by an override of the calendar: say so.
    const calendar = overrides.filter((x) => x.path === 'months' || x.path === 'start');
    const note = issue.path[0] === 'events' && issue.path[2] === 'at' && calendar.length ? ` (after ${calendar.map((x) => `${x.flag} ${x.text}`).join(', ')})` : '';
    const where = layers.length ? locate(layers, issue.path, issue.message.startsWith('unknown key')) : '(scenario)';
    const m = /^(.*):(\d+):(\d+)$/.exec(where);
    const key = m ? [order.get(m[1]) ?? 0, Number(m[2]), Number(m[3])] : [0, 0, 0];
    return { key, line: `${where} ${showPath(issue.path)}: ${issue.message}${note}` };
  });
  located.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2]);
  return located.map((l) => l.line);
}

/** A `--hold` read: the hold entry it adds to the scenario, or a message. */
function readHold(root: Record<string, unknown>, text: string): { ok: true; hold: { from?: string; set: Record<string, PathValue>; note: string } } | { ok: false; message: string } {
  const dated = /^(.*)@([^@=]*)$/.exec(text);
  const assignment = dated ? dated[1] : text;
  if (dated && !MONTH.test(dated[2].trim())) return { ok: false, message: `"${dated[2]}" after @ is not a month in the form YYYY-MM` };
  const o = parseOverride(root, assignment, { forEvent: dated !== null });
  if (!o.ok) return { ok: false, message: dated && o.message.includes('shapes the start') ? `${o.message} (hold it without @month)` : o.message };
  return { ok: true, hold: { ...(dated ? { from: dated[2].trim() } : {}), set: { [o.value.path]: o.value.value }, note: `--hold ${text}` } };
}

/** One note a `--set` whose value an event of the scenario later replaces (the first such event named). */
function replacedSets(scenario: Scenario, overrides: readonly Override[]): string[] {
  const notes: string[] = [];
  for (const o of overrides) {
    const later = scenario.events.filter((e) => o.path in e.set && tickOf(scenario.start, e.at) >= 0 && tickOf(scenario.start, e.at) < scenario.months);
    if (later.length === 0) continue;
    const first = later[0];
    const more = later.length > 1 ? ` (and ${later.length - 1} later event${later.length > 2 ? 's' : ''})` : '';
    notes.push(`--set ${o.text}: the event of ${first.at} sets it to ${String(first.set[o.path])}${more}; to keep ${String(o.value)} from the start, use --hold ${o.text}`);
  }
  return notes;
}

/** Merge, override, hold and validate the layers read. */
function finish(layers: Layer[], options: LoadOptions): LoadedScenario {
  const flag = options.setFlag ?? '--set';
  let merged: Record<string, unknown> = {};
  for (const l of layers) merged = mergeScenario(merged, l.data);
  delete merged.extends;
  const problems: string[] = [];
  const overrides: Override[] = [];
  for (const text of options.set ?? []) {
    const o = parseOverride(merged, text);
    if (o.ok) overrides.push(o.value);
    else problems.push(`${flag} ${text}: ${o.message}`);
  }
  const holds = (options.hold ?? []).map((text) => ({ text, read: readHold(merged, text) }));
  for (const h of holds) if (!h.read.ok) problems.push(`--hold ${h.text}: ${h.read.message}`);
  if (problems.length) throw new ScenarioError(problems);
  const input = applyOverrides(merged, overrides);
  const fileHolds = Array.isArray(input.hold) ? input.hold : [];
  if (holds.length) input.hold = [...fileHolds, ...holds.map((h) => (h.read.ok ? h.read.hold : undefined))];
  const v = validateScenario(input);
  if (!v.ok) {
    // A problem under the k-th --hold (its month before the start, say) is the flag's.
    const holdFlags = holds.map((h, k) => ({ path: `hold.${fileHolds.length + k}`, text: h.text, flag: '--hold' }));
    throw new ScenarioError(issueLines(layers, v.issues, [...overrides.map((o) => ({ ...o, flag })), ...holdFlags]));
  }
  const late = v.scenario.events.filter((e) => tickOf(v.scenario.start, e.at) >= v.scenario.months).length;
  const notes = late ? [`${layers[layers.length - 1].shown}: ${count(late, 'event')} after the run's last month will not fire`] : [];
  notes.push(...replacedSets(v.scenario, overrides));
  return { scenario: v.scenario, input, files: layers.map((l) => l.shown).reverse(), overrides, holds: holds.map((h) => h.text), notes };
}

/**
 * Load a scenario and the chain of files it `extends`, apply overrides, validate, with a
 * synchronous reader. Throws {@link ScenarioError} listing every problem as `file:line:col path: message`.
 * @example
 * import { readFileSync } from 'node:fs';
 * const { scenario } = loadScenarioSync('scenarios/baseline.yaml', { read: (f) => readFileSync(f, 'utf8') }, { set: ['months=24'] });
 */
export function loadScenarioSync(entry: string, source: ScenarioSource<string>, options: LoadOptions = {}): LoadedScenario {
  const chain = readChain(entry, source);
  let step = chain.next({ text: '' });
  while (!step.done) {
    let reply: Reply;
    try {
      reply = { text: source.read(step.value.ref) };
    } catch (error) {
      reply = { error };
    }
    step = chain.next(reply);
  }
  return finish(step.value, options);
}

/**
 * {@link loadScenarioSync} with an asynchronous reader (a browser's `fetch`).
 * @example
 * const { scenario } = await loadScenario(new URL('scenarios/baseline.yaml', location.href).href, {
 *   read: async (url) => { const r = await fetch(url); if (!r.ok) throw new SourceError(`HTTP ${r.status}`); return r.text(); },
 * });
 */
export async function loadScenario(entry: string, source: ScenarioSource, options: LoadOptions = {}): Promise<LoadedScenario> {
  const chain = readChain(entry, source);
  let step = chain.next({ text: '' });
  while (!step.done) {
    let reply: Reply;
    try {
      reply = { text: await source.read(step.value.ref) };
    } catch (error) {
      reply = { error };
    }
    step = chain.next(reply);
  }
  return finish(step.value, options);
}

/** Load a scenario from text in memory (no `extends` to other files unless `source` reads them). */
export function parseScenarioText(text: string, options: LoadOptions & { name?: string } = {}): LoadedScenario {
  const name = options.name ?? 'scenario.yaml';
  return loadScenarioSync(name, { read: (ref) => (ref === name ? text : missing(ref)) }, options);
}

function missing(ref: string): never {
  throw new SourceError(`no such file (${ref})`);
}

/**
 * Validate a variant of a loaded scenario (a sweep's design row) and map its problems to the
 * flag that caused them (`--vary path=...`). With `hold`, each value is held from the start
 * (the scenario's events no longer change the lever), so a varied lever really varies.
 * Throws {@link ScenarioError}.
 */
export function validateVariant(base: LoadedScenario, overrides: readonly Override[], flag: string, options: { hold?: boolean } = {}): Scenario {
  const input = applyOverrides(base.input, overrides);
  if (options.hold && overrides.length)
    input.hold = [...(Array.isArray(input.hold) ? input.hold : []), ...overrides.map((o) => ({ set: { [o.path]: o.value }, note: `${flag} ${o.text}` }))];
  const v = validateScenario(input);
  if (!v.ok) throw new ScenarioError(issueLines([], v.issues, overrides.map((o) => ({ ...o, flag }))));
  return v.scenario;
}
