/**
 * A fuzz test of the loader (issue 8): random text, random YAML values and random mutations of a
 * good scenario either load or fail with an InputError — never another exception, never a hang.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadScenario } from '../src/load.ts';
import { InputError } from '../src/errors.ts';
import { FIXTURES, tempDir } from './helpers.ts';

const dir = tempDir();
const good = readFileSync(join(FIXTURES, 'mini.yaml'));

/** Load a text as a scenario file; returns 'ok' or the InputError's problems. */
function tryLoad(content: string | Uint8Array, set: string[] = []): 'ok' | string[] {
  const file = join(dir, 'fuzz.yaml');
  writeFileSync(file, content);
  try {
    loadScenario(file, { set });
    return 'ok';
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e;
  }
}

const CASES = { seed: 20261127, numRuns: 150 };

describe('loader fuzz', () => {
  it('survives arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const r = tryLoad(text);
        if (r !== 'ok') expect(r.length).toBeGreaterThan(0);
      }),
      CASES,
    );
  });

  it('survives arbitrary YAML values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        const r = tryLoad(stringify(value));
        if (r !== 'ok') for (const p of r) expect(p).toMatch(/fuzz\.yaml/);
      }),
      CASES,
    );
  });

  it('survives random byte mutations of a good scenario, and reports each problem with a line', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), (edits) => {
        const bytes = Uint8Array.from(good);
        for (const [at, b] of edits) bytes[at] = b;
        const r = tryLoad(bytes);
        if (r !== 'ok') for (const p of r) expect(p).toMatch(/^(.*fuzz\.yaml(:\d+:\d+)? |.*fuzz\.yaml: )/);
      }),
      CASES,
    );
  });

  it('survives arbitrary --set text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 60 }), { maxLength: 3 }), (sets) => {
        const r = tryLoad(good, sets);
        if (r !== 'ok') for (const p of r) expect(p).toMatch(/^--set /);
      }),
      CASES,
    );
  });
});
