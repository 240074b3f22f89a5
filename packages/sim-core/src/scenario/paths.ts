/**
 * Lever paths: a lever's place in the scenario tree written with dots
 * (`states.PE.alternativeDevelopment.deliveryRate`, `regions.vraem-ene.marketAccess`), so that
 * `--set`, `--vary`, events and nested YAML name it the same way.
 */

export type PathValue = number | boolean | string | string[];

/**
 * A lever path parsed once, then passed along (from `--set`, `--hold`, `--vary` or an event to
 * the mechanism) instead of its text, so nothing downstream splits it again.
 */
export interface LeverPath {
  /** As written: `armedGroups.sl.control.vraem-ene`. */
  readonly text: string;
  /** Its parts: `['armedGroups', 'sl', 'control', 'vraem-ene']`. */
  readonly segments: readonly string[];
  /**
   * The ids among its parts — keys of the scenario's maps (a region, an armed group, a country),
   * in order: `['sl', 'vraem-ene']`. Known once the path is resolved against the schema
   * (`resolveLever`); empty before.
   */
  readonly keys: readonly string[];
}

/** Split a dotted lever path into its segments. */
export function splitPath(path: string): string[] {
  const parts = path.split('.');
  if (parts.some((p) => p.length === 0)) throw new Error(`"${path}" is not a lever path (empty segment)`);
  return parts;
}

/** Parse a dotted path once (its map keys are filled in when `resolveLever` resolves it). */
export function parseLeverPath(text: string): LeverPath {
  return { text, segments: splitPath(text), keys: [] };
}

const segmentsOf = (path: string | LeverPath): readonly string[] => (typeof path === 'string' ? splitPath(path) : path.segments);

/** Read the value at a path, or undefined when any step is missing. */
export function getPath(root: unknown, path: string | LeverPath): unknown {
  let node: unknown = root;
  for (const key of segmentsOf(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * Set the value at a dotted path, creating intermediate maps (a region's eradication target that
 * was never written, say). Mutates `root`.
 */
export function setPath(root: Record<string, unknown>, path: string | LeverPath, value: unknown): void {
  const keys = segmentsOf(path);
  let node: Record<string, unknown> = root;
  for (let i = 0; i < keys.length - 1; i++) {
    const next = node[keys[i]];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      const created: Record<string, unknown> = {};
      node[keys[i]] = created;
      node = created;
    } else node = next as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}
