/**
 * Integrity of what vraem writes and reads back. Every data file of an output folder carries a
 * sha256 in its folder's `manifest.json` (`"sha256": { "<relative path>": "<hex>" }`, computed as
 * the folder is sealed, before it is moved into place); every command that reads a folder back
 * (`merge`, `report`, `run --resume`, `verify`) checks them first and refuses a file that was
 * cut, edited or swapped, by name (exit 2). The report (`report.html`, the `*.png` charts) is not
 * data: `vraem report` redraws it, so it is not checksummed. Inputs are read as regular files
 * only (a FIFO or a device such as /dev/zero is refused before it is opened for a blocking read)
 * and within a size limit.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { InputError, describeFsError } from './errors.ts';
import { shownPath } from './load.ts';

/** The manifest of a folder. */
export const MANIFEST = 'manifest.json';

/** Files of a folder that are not checksummed: manifests themselves and the redrawable report. */
export function isChecksummed(relPath: string): boolean {
  const name = relPath.split('/').pop()!;
  return name !== MANIFEST && name !== 'report.html' && !name.endsWith('.png');
}

/** sha256 (hex) of a file, streamed in 1 MB chunks. */
export function sha256File(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** Every file under `dir` (relative paths with `/`, sorted), skipping hidden names. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (sub: string) => {
    for (const e of readdirSync(join(dir, sub), { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

/**
 * The `sha256` map a manifest at `manifestDir` (relative to the folder root `root`) records: every
 * checksummed file under it. `known` holds digests already computed while the files were written.
 */
export function checksumsFor(root: string, manifestDir: string, files: readonly string[], known: ReadonlyMap<string, string>): Record<string, string> {
  const prefix = manifestDir ? `${manifestDir}/` : '';
  const out: Record<string, string> = {};
  for (const f of files) {
    if (!f.startsWith(prefix) || !isChecksummed(f)) continue;
    out[f.slice(prefix.length)] = known.get(f) ?? sha256File(join(root, f));
  }
  return out;
}

/** The largest `manifest.json` read back (a manifest holds a scenario and a design, not data). */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/**
 * Read a whole input file that must be a regular file within `maxBytes`; `label` prefixes every
 * message (`--against data.csv`). A FIFO or device is refused without blocking on it.
 */
export function readInputFile(file: string, maxBytes: number, label: string): Buffer {
  const bad = (why: string) => new InputError(`${label}: ${why}`);
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw bad(`cannot read: ${describeFsError(e)}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw bad('is a folder, not a file');
    if (!st.isFile()) throw bad('is not a regular file (a device, FIFO or socket cannot be read as input)');
    if (st.size > maxBytes) throw bad(`is ${(st.size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit`);
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, buf, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw bad(`cannot read: ${describeFsError(e)}`);
  } finally {
    closeSync(fd);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The manifests of a folder: its own and those of sub-folders (`a/`, `b/` of a comparison), relative dirs. */
function manifestDirs(files: readonly string[]): string[] {
  return files.filter((f) => f === MANIFEST || f.endsWith(`/${MANIFEST}`)).map((f) => (f === MANIFEST ? '' : f.slice(0, -MANIFEST.length - 1)));
}

/** What {@link verifyFolder} found. */
export interface Verification {
  /** Files whose checksum was checked and matched (relative paths). */
  checked: string[];
  /** One message per problem, each naming the file. */
  problems: string[];
  /** The folder's manifests that hold no checksums (written by a vraem before checksums). */
  unsealed: string[];
  /** Data files no manifest lists (added to the folder later; nothing reads them). */
  unlisted: string[];
}

/**
 * Check every checksum the manifests of `dir` record: a listed file that is missing, not a
 * regular file or different is a problem named by its path, and so is a folder without a
 * manifest. Data files no manifest lists are reported apart (nothing of vraem reads them).
 */
export function verifyFolder(dir: string): Verification {
  const result: Verification = { checked: [], problems: [], unsealed: [], unlisted: [] };
  const shown = (rel: string) => shownPath(join(dir, rel));
  let st;
  try {
    st = statSync(dir);
  } catch (e) {
    result.problems.push(`${shownPath(dir)}: cannot read: ${describeFsError(e)}`);
    return result;
  }
  if (!st.isDirectory()) {
    result.problems.push(`${shownPath(dir)}: not a folder`);
    return result;
  }
  const files = filesUnder(dir);
  const dirs = manifestDirs(files);
  if (!dirs.includes('')) {
    result.problems.push(`${shown(MANIFEST)}: missing: not a vraem output folder`);
    return result;
  }
  const listed = new Set<string>();
  for (const md of dirs) {
    const rel = md ? `${md}/${MANIFEST}` : MANIFEST;
    let m: unknown;
    try {
      m = JSON.parse(readInputFile(join(dir, rel), MAX_MANIFEST_BYTES, shown(rel)).toString('utf8'));
    } catch (e) {
      result.problems.push(e instanceof InputError ? e.message : `${shown(rel)}: is not valid JSON (cut short or edited?)`);
      continue;
    }
    if (!isRecord(m) || m.createdBy !== 'vraem') {
      result.problems.push(`${shown(rel)}: not a vraem manifest`);
      continue;
    }
    if (m.sha256 === undefined) {
      result.unsealed.push(rel);
      continue;
    }
    if (!isRecord(m.sha256)) {
      result.problems.push(`${shown(rel)}: "sha256" should map file names to checksums`);
      continue;
    }
    for (const [name, want] of Object.entries(m.sha256)) {
      const path = md ? `${md}/${name}` : name;
      listed.add(path);
      if (typeof want !== 'string' || name.startsWith('/') || /[\\\0]/.test(name) || name.split('/').includes('..')) {
        result.problems.push(`${shown(rel)}: its checksum entry for ${name} is not valid`);
        continue;
      }
      let isFile = false;
      try {
        isFile = statSync(join(dir, path)).isFile();
      } catch {
        result.problems.push(`${shown(path)}: missing (the manifest lists it)`);
        continue;
      }
      if (!isFile) result.problems.push(`${shown(path)}: is not a regular file`);
      else if (sha256File(join(dir, path)) !== want) result.problems.push(`${shown(path)}: does not match its checksum in ${rel} (cut short, edited or replaced)`);
      else result.checked.push(path);
    }
  }
  if (result.unsealed.length === 0) {
    for (const f of files) if (isChecksummed(f) && !listed.has(f)) result.unlisted.push(f);
  }
  return result;
}

/**
 * Verify a folder a command is about to read and refuse it (exit 2) on any problem; `what` says
 * what the folder is to the command (`the shard`, `the folder`). Returns a note when the folder
 * predates checksums (nothing could be checked), else undefined.
 */
export function requireIntact(dir: string, what: string): string | undefined {
  const v = verifyFolder(dir);
  if (v.problems.length) throw new InputError(v.problems, `${shownPath(dir)}: ${what} failed its integrity check (vraem verify ${shownPath(dir)}); refusing to read it`);
  if (v.unsealed.length) return `${shownPath(dir)}: written by a vraem without checksums; its files could not be verified`;
  return undefined;
}

/** `relative` with `/` separators. */
export const relPath = (from: string, to: string) => relative(from, to).split(sep).join('/');

/**
 * Call `fn` with each line of a file (without its newline) and its 1-based number, reading 1 MB
 * at a time: a file of any size is read in constant memory.
 */
export function forEachLine(path: string, fn: (line: string, lineNo: number) => void): void {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let carry = '';
    let lineNo = 0;
    const decoder = new TextDecoder('utf-8');
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) {
      const text = carry + decoder.decode(buf.subarray(0, n), { stream: true });
      let from = 0;
      for (let nl; (nl = text.indexOf('\n', from)) >= 0; from = nl + 1) fn(text.slice(from, nl), ++lineNo);
      carry = text.slice(from);
    }
    carry += decoder.decode();
    if (carry) fn(carry, ++lineNo);
  } finally {
    closeSync(fd);
  }
}

/**
 * Check one file against the manifest of the output folder it lies in (its folder or the one
 * above: `snapshots/run-3.json`). Returns a problem naming the file, or undefined when it matches
 * or no sealed vraem manifest covers that place (a file standing on its own).
 */
export function checkAgainstManifest(file: string): string | undefined {
  let dir = dirname(resolve(file));
  for (let up = 0; up < 2; up++, dir = dirname(dir)) {
    let m: unknown;
    try {
      m = JSON.parse(readInputFile(join(dir, MANIFEST), MAX_MANIFEST_BYTES, MANIFEST).toString('utf8'));
    } catch {
      continue;
    }
    if (!isRecord(m) || m.createdBy !== 'vraem' || !isRecord(m.sha256)) return undefined;
    const rel = relPath(dir, resolve(file));
    const want = m.sha256[rel];
    if (want === undefined) return `${shownPath(file)}: is not listed in ${shownPath(join(dir, MANIFEST))} (not written with that folder)`;
    if (sha256File(file) !== want) return `${shownPath(file)}: does not match its checksum in ${shownPath(join(dir, MANIFEST))} (cut short, edited or replaced)`;
    return undefined;
  }
  return undefined;
}
