/**
 * The house rules of sim-core's layout (issue 13), read from the source files themselves:
 * - `engine/` is the generic core (random streams, calendar, result tables, snapshot data): it
 *   imports nothing from `model/`, `scenario/`, `analysis/` or `lessons/`, and names nothing of
 *   the coca economy, so the model can grow without the core learning about it;
 * - `lessons/` is built on the rest (games, statistics, the model): nothing outside it but the
 *   package index imports from it, so the analysis never depends on a lesson's code;
 * - no import cycle anywhere in `src/` (type-only imports included: a cycle of types is still
 *   two files that cannot be read one without the other).
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Relative module specifiers of a file: static imports and re-exports, and dynamic `import()`. */
export function relativeImports(text: string): string[] {
  const out: string[] = [];
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]+)\1/gm;
  for (const m of text.matchAll(re)) out.push(m[2]);
  return out;
}

/** The import graph of src/: file (relative to src) → files it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const deps = relativeImports(readFileSync(file, 'utf8')).map((spec) => relative(SRC, resolve(dirname(file), spec)));
    graph.set(relative(SRC, file), deps);
  }
  return graph;
}

/** Every cycle's path found by depth-first search (each cycle reported once per entry point). */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const d of graph.get(n) ?? []) {
      if (state.get(d) === 'open') cycles.push([...stack.slice(stack.indexOf(d)), d]);
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of [...graph.keys()].sort()) if (!state.has(n)) visit(n);
  return cycles;
}

/** Words of the domain that have no place in the generic core. */
const DOMAIN_WORDS = /\b(coca\w*|cocaine|leaf|farmers?|firmas?|armed|eradicat\w*|interdiction|traffick\w*|VRAEM|Peru|hectares?)\b/i;

describe('sim-core layout', () => {
  const graph = importGraph();

  it('reads the whole source tree (the walk is not vacuous)', () => {
    expect(graph.size).toBeGreaterThan(40);
    expect(graph.get('model/schedule.ts')).toContain('model/farmers/farmers.ts');
  });

  it('engine/ imports nothing from model/, scenario/, analysis/ or lessons/', () => {
    const offending = [...graph]
      .filter(([f]) => f.startsWith('engine/'))
      .flatMap(([f, deps]) => deps.filter((d) => !d.startsWith('engine/')).map((d) => `${f} → ${d}`));
    expect(offending).toEqual([]);
  });

  it('engine/ names nothing of the coca economy', () => {
    const offending = [...graph.keys()]
      .filter((f) => f.startsWith('engine/'))
      .flatMap((f) =>
        readFileSync(join(SRC, f), 'utf8')
          .split('\n')
          .map((line, i) => ({ line, i }))
          .filter(({ line }) => DOMAIN_WORDS.test(line))
          .map(({ line, i }) => `${f}:${i + 1}: ${line.trim()}`),
      );
    expect(offending).toEqual([]);
  });

  it('nothing but lessons/ (and the package index) imports from lessons/: lessons build on the analysis, not the reverse', () => {
    const offending = [...graph]
      .filter(([f]) => !f.startsWith('lessons/') && f !== 'index.ts')
      .flatMap(([f, deps]) => deps.filter((d) => d.startsWith('lessons/')).map((d) => `${f} → ${d}`));
    expect(offending).toEqual([]);
    expect(graph.get('lessons/claims.ts')).toContain('analysis/statistics.ts');
  });

  it('has no import cycle', () => {
    expect(findCycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });

  it('the cycle finder finds a planted cycle and the import reader reads every form', () => {
    expect(findCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual([['a', 'b', 'c', 'a']]);
    expect(findCycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
    const text = "import type { A } from './a.ts';\nexport * from '../b.ts';\nimport './c.ts';\nconst d = await import('./d.ts');\nimport x from 'zod';";
    expect(relativeImports(text)).toEqual(['./a.ts', '../b.ts', './c.ts', './d.ts']);
  });
});
