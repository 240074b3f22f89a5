/**
 * The CLI's side of scenario loading: reading files from disk (within the size limit, refusing
 * folders, binary junk and text that is not UTF-8) and naming them relative to the working
 * folder. Everything else — `extends` chains, merging, `--set`, validation, and mapping each
 * problem to `file:line:col` — is sim-core's loader (`scenario/loader.ts`), which a library user
 * or a browser drives with its own reader; its ScenarioError becomes the CLI's InputError (exit 2).
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import {
  FILE_LIMITS,
  ScenarioError,
  SourceError,
  loadScenarioSync,
  validateVariant as validateVariantCore,
  type LoadedScenario,
  type LoadOptions,
  type Override,
  type Scenario,
  type ScenarioSource,
} from './core.ts';
import { InputError, describeFsError } from './errors.ts';

export { FILE_LIMITS, locateInFile, showPath, mergeScenario, type LoadedScenario, type LoadOptions } from './core.ts';

/** A path as shown to the user: relative to the working folder when inside it. */
export function shownPath(file: string): string {
  const abs = resolve(file);
  const rel = relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/** Read one scenario file as UTF-8 text, or throw a SourceError saying in a few words why not. */
export function readScenarioFile(file: string): string {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new SourceError('is a folder, not a scenario file');
    if (!st.isFile()) throw new SourceError('is not a regular file');
    size = st.size;
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new SourceError(`cannot read: ${describeFsError(e)}`);
  }
  if (size > FILE_LIMITS.maxBytes) throw new SourceError(`is ${(size / 1048576).toFixed(1)} MB, over the ${FILE_LIMITS.maxBytes / 1048576} MB limit for a scenario file`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new SourceError(`cannot read: ${describeFsError(e)}`);
  }
  if (bytes.includes(0)) throw new SourceError('is not a text file (it holds binary data)');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SourceError('is not UTF-8 text');
  }
}

/** Files on disk, `extends` relative to the file that writes it, names shown relative to the working folder. */
export const FILE_SOURCE: ScenarioSource<string> = {
  read: readScenarioFile,
  resolve: (from, target) => resolve(dirname(from), target),
  show: shownPath,
};

/** Run a sim-core loading step, turning its ScenarioError into the CLI's InputError (exit 2). */
function asInput<T>(load: () => T): T {
  try {
    return load();
  } catch (e) {
    if (e instanceof ScenarioError) throw new InputError(e.problems);
    throw e;
  }
}

/**
 * Load a scenario file with its `extends` chain and overrides, and validate it.
 * Throws {@link InputError} listing every problem as `file:line:col path: message`.
 * @example const { scenario } = loadScenario('scenarios/baseline.yaml', { set: ['months=24'] });
 */
export function loadScenario(file: string, options: LoadOptions = {}): LoadedScenario {
  return asInput(() => loadScenarioSync(resolve(file), FILE_SOURCE, options));
}

/**
 * Validate a variant of a loaded scenario (a sweep's design row) and map its problems to the
 * flag that caused them (`--vary path=...`); with `hold`, the varied values hold against events.
 */
export function validateVariant(base: LoadedScenario, overrides: readonly Override[], flag: string, options: { hold?: boolean } = {}): Scenario {
  return asInput(() => validateVariantCore(base, overrides, flag, options));
}
