/**
 * The CLI's reader of an ensemble folder (src/ensemble.ts): a folder written by the contract's
 * writers reads back; a changed CSV (its SHA-256 no longer the manifest's) or a missing file is
 * an InputError naming the flag and the folder.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensembleCsv, ensembleJson } from '@vraem/sim-core';
import { readEnsembleFolder } from '../src/ensemble.ts';
import { InputError } from '../src/errors.ts';
import { tempDir } from './helpers.ts';

describe('readEnsembleFolder', () => {
  const dir = tempDir('vraem-ensemble-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const levers = ['market.demandScale'];
  const csv = ensembleCsv(levers, [
    { member: 0, weight: 0.5, values: [0.8] },
    { member: 1, weight: 0.5, values: [0.9] },
  ]);
  const json = ensembleJson({ scenario: 'baseline', levers, method: 'abc-smc', seed: 1, accepted: 2, command: 'vraem calibrate --abc', version: '0.1.0', sha256: createHash('sha256').update(csv).digest('hex') });
  const write = (name: string, files: Record<string, string>) => {
    const d = join(dir, name);
    mkdirSync(d);
    for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
    return d;
  };

  it('reads a folder the writers made', () => {
    const e = readEnsembleFolder(write('ok', { 'ensemble.csv': csv, 'ensemble.json': json }));
    expect(e.members.map((m) => m.values[0])).toEqual([0.8, 0.9]);
  });

  it('refuses a changed CSV and a missing file', () => {
    const changed = write('changed', { 'ensemble.csv': csv.replace('0.9', '0.95'), 'ensemble.json': json });
    expect(() => readEnsembleFolder(changed)).toThrow(InputError);
    expect(() => readEnsembleFolder(changed)).toThrow(/--ensemble .*changed: ensemble.csv: its SHA-256/);
    const missing = write('missing', { 'ensemble.csv': csv });
    expect(() => readEnsembleFolder(missing, '--members')).toThrow(/--members .*missing: cannot read ensemble.json/);
  });
});
