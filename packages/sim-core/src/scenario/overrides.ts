/**
 * Overrides written as text, `path=value` (`--set`, `--vary`): the value is read according to
 * the lever's type in the schema (a number, `true`/`false`, a word, or a comma list of ids for
 * list levers), then checked against the lever's bounds, so a bad override is refused with a
 * message before anything runs.
 */
import { type LeverSpec, resolveLever } from './levers.ts';
import { checkLeverValue } from './validate.ts';
import { setPath, type PathValue } from './paths.ts';

/** A checked override: a real lever and a value of its type within its bounds. */
export interface Override {
  path: string;
  value: PathValue;
  /** The text it was read from, for messages (`states.PE.interdiction=0.6`). */
  text: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Split `path=value` at the first `=`. */
export function splitAssignment(text: string): Parsed<{ path: string; raw: string }> {
  const eq = text.indexOf('=');
  if (eq <= 0) return { ok: false, message: `"${text}" is not of the form path=value` };
  return { ok: true, value: { path: text.slice(0, eq).trim(), raw: text.slice(eq + 1).trim() } };
}

/**
 * Read a raw text value as the lever's type: numbers accept `1e6` and `20_000`; booleans
 * `true`/`false`; lists are comma-separated (an empty text is the empty list).
 * @example readValue({ kind: 'number', ... }, '0.6') // { ok: true, value: 0.6 }
 */
export function readValue(spec: LeverSpec, raw: string): Parsed<PathValue> {
  switch (spec.kind) {
    case 'number':
    case 'integer': {
      const text = raw.replace(/_/g, '');
      const n = text === '' ? Number.NaN : Number(text);
      if (!Number.isFinite(n)) return { ok: false, message: `expected a number, got "${raw}"` };
      return { ok: true, value: n };
    }
    case 'boolean':
      if (raw === 'true' || raw === 'false') return { ok: true, value: raw === 'true' };
      return { ok: false, message: `expected true or false, got "${raw}"` };
    case 'list':
      return { ok: true, value: raw === '' ? [] : raw.split(',').map((s) => s.trim()) };
    default:
      return { ok: true, value: raw };
  }
}

/**
 * Parse and check one `path=value` override against a scenario (as written or resolved).
 * @example parseOverride(input, 'firmas.count=4') // { ok: true, value: { path: 'firmas.count', value: 4, ... } }
 */
export function parseOverride(root: unknown, text: string, options: { forEvent?: boolean } = {}): Parsed<Override> {
  const split = splitAssignment(text);
  if (!split.ok) return split;
  const { path, raw } = split.value;
  const lever = resolveLever(root, path, options);
  if (!lever.ok) return lever;
  const value = readValue(lever.spec, raw);
  if (!value.ok) return { ok: false, message: `${path}: ${value.message}` };
  const problem = checkLeverValue(lever.spec, value.value);
  if (problem) return { ok: false, message: `${path}: ${problem}` };
  return { ok: true, value: { path, value: value.value, text } };
}

/** A deep copy of a scenario as written with the overrides applied in order (the input is not changed). */
export function applyOverrides<T extends object>(input: T, overrides: readonly Override[]): T {
  const copy = structuredClone(input) as T & Record<string, unknown>;
  for (const o of overrides) setPath(copy, o.path, Array.isArray(o.value) ? [...o.value] : o.value);
  return copy;
}
