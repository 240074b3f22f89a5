/**
 * Lever paths: a lever's place in the scenario tree written with dots
 * (`states.PE.alternativeDevelopment.deliveryRate`, `regions.vraem-ene.marketAccess`), so that
 * `--set`, `--vary`, events and nested YAML name it the same way.
 */

export type PathValue = number | boolean | string | string[];

/** Split a dotted lever path into its segments. */
export function splitPath(path: string): string[] {
  const parts = path.split('.');
  if (parts.some((p) => p.length === 0)) throw new Error(`"${path}" is not a lever path (empty segment)`);
  return parts;
}

/** Read the value at a dotted path, or undefined when any step is missing. */
export function getPath(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const key of splitPath(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * Set the value at a dotted path, creating intermediate maps (a region's eradication target that
 * was never written, say). Mutates `root`.
 */
export function setPath(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = splitPath(path);
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
