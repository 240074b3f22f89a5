/**
 * Reading an ensemble folder (`ensemble.csv` + `ensemble.json`, the contract of sim-core's
 * analysis/ensemble.ts) for commands that apply its members to scenarios: the files are read,
 * the CSV's SHA-256 is checked against the manifest, and every problem is an InputError naming
 * the flag, the file and the line (exit 2). Every flag that names an ensemble (`compare
 * --ensemble`, `robust --ensemble`, `calibrate --abc --continue-from`) takes the folder or either
 * of its two files.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError, describeFsError } from './errors.ts';
import { shownPath } from './load.ts';
import { parseEnsemble, type Ensemble } from './core.ts';

/** Read and check the ensemble `given` (its folder, or its ensemble.csv or ensemble.json) by `flag`, e.g. `--ensemble`. */
export function readEnsembleFolder(given: string, flag = '--ensemble'): Ensemble {
  const dir = /\.(csv|json)$/i.test(given) && !(existsSync(given) && statSync(given).isDirectory()) ? dirname(given) : given;
  if (!existsSync(dir)) throw new InputError(`${flag} ${shownPath(dir)}: no such folder`);
  if (!statSync(dir).isDirectory()) throw new InputError(`${flag} ${shownPath(dir)}: not an ensemble folder (give the folder calibrate --abc wrote, or its ensemble.csv or ensemble.json)`);
  if (!existsSync(join(dir, 'ensemble.csv')) && !existsSync(join(dir, 'ensemble.json')))
    throw new InputError(`${flag} ${shownPath(dir)}: not an ensemble folder: it holds neither ensemble.csv nor ensemble.json (calibrate --abc writes them)`);
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
