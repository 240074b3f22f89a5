/**
 * Reading an ensemble folder (`ensemble.csv` + `ensemble.json`, the contract of sim-core's
 * analysis/ensemble.ts) for commands that apply its members to scenarios: the files are read,
 * the CSV's SHA-256 is checked against the manifest, and every problem is an InputError naming
 * the flag, the file and the line (exit 2).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, describeFsError } from './errors.ts';
import { shownPath } from './load.ts';
import { parseEnsemble, type Ensemble } from './core.ts';

/** Read and check the ensemble in `dir` (given by `flag`, e.g. `--ensemble`). */
export function readEnsembleFolder(dir: string, flag = '--ensemble'): Ensemble {
  const read = (name: string) => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch (e) {
      throw new InputError(`${flag} ${shownPath(dir)}: cannot read ${name}: ${describeFsError(e)}`);
    }
  };
  const csv = read('ensemble.csv');
  const json = read('ensemble.json');
  try {
    return parseEnsemble(csv, json, createHash('sha256').update(csv).digest('hex'));
  } catch (e) {
    throw new InputError(`${flag} ${shownPath(dir)}: ${(e as Error).message}`);
  }
}
