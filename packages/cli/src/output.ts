/**
 * Output folders written atomically: a command writes into a hidden temporary folder next to the
 * target; at the end every file is fsynced, each manifest is sealed with the sha256 of the data
 * files under it (integrity.ts), and the folder is renamed into place — or, with `--force`,
 * exchanged with the old folder in one step (atomic.ts), so the target name never lacks a
 * complete folder. On failure, Ctrl-C or SIGTERM the temporary folder is removed, so no
 * half-written folder is ever left under the target's name; a resumable job (a sweep with `--out`)
 * keeps it instead as `<target>.partial`, with a `progress.json`, to be finished later. An existing target is refused unless `--force`, and even then
 * only a folder vraem wrote (its manifest says `createdBy: vraem`) or an empty one is replaced.
 * Without `--out` the target is `runs/<command>-<scenario>-<timestamp>/`.
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { InputError, Interrupted, RunError, describeFsError, errnoCode } from './errors.ts';
import { shownPath } from './load.ts';
import { recoverReplaced, replaceFolder, syncPath, writeStep } from './atomic.ts';
import { MANIFEST, MAX_MANIFEST_BYTES, checksumsFor, filesUnder, readInputFile } from './integrity.ts';

/** Where a command writes. */
export interface OutputPlan {
  /** Final folder (absolute). */
  target: string;
  /** Whether the user named it with `--out` (its problems are theirs: exit 2). */
  chosen: boolean;
  force: boolean;
}

/**
 * `mkdir -p` one level at a time. (Node 20's recursive mkdir loops forever under some special
 * file systems such as /proc, where a missing parent keeps answering ENOENT.)
 */
export function makeDirs(dir: string): void {
  const missing: string[] = [];
  let d = resolve(dir);
  while (!existsSync(d)) {
    missing.push(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const m of missing.reverse()) mkdirSync(m);
}

/** A folder-safe slug of a scenario name. */
export function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'scenario'
  );
}

/** `runs/<command>-<scenario>-<YYYYMMDD-HHMMSS>` (UTC), relative to the working folder. */
export function defaultTarget(command: string, name: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return resolve('runs', `${command}-${slug(name)}-${stamp}`);
}

/** True when a folder is one vraem wrote (or is empty), so `--force` may replace it. */
export function replaceable(dir: string): boolean {
  if (readdirSync(dir).length === 0) return true;
  try {
    const m = JSON.parse(readInputFile(join(dir, MANIFEST), MAX_MANIFEST_BYTES, MANIFEST).toString('utf8')) as { createdBy?: unknown };
    return m.createdBy === 'vraem';
  } catch {
    return false;
  }
}

/**
 * Which existing folders `--force` may replace, and what such a folder holds (the refusal names
 * it: "no …"). A command whose folders differ (a classroom session) passes its own, so the checks
 * of {@link planOutput} live in one place.
 */
export interface Replaceable {
  may: (dir: string) => boolean;
  holds: string;
}

/** A folder vraem wrote (or an empty one). */
export const VRAEM_FOLDER: Replaceable = { may: replaceable, holds: 'vraem manifest.json' };

/**
 * Decide where to write, refusing an existing `--out` folder unless `--force` (and a folder vraem
 * did not write even then). Nothing is created yet.
 */
export function planOutput(out: string | undefined, force: boolean, command: string, name: string, replace: Replaceable = VRAEM_FOLDER): OutputPlan {
  if (out === undefined) return { target: defaultTarget(command, name), chosen: false, force: false };
  const target = resolve(out);
  const recovered = recoverReplaced(target);
  if (recovered) process.stderr.write(`note: ${recovered}\n`);
  if (existsSync(target)) {
    const shown = shownPath(target);
    if (!statSync(target).isDirectory()) throw new InputError(`--out ${shown}: exists and is not a folder`);
    if (!force) throw new InputError(`--out ${shown}: the folder exists; choose another or add --force to replace it`);
    if (!replace.may(target)) throw new InputError(`--out ${shown}: the folder exists and was not written by vraem (no ${replace.holds}); refusing to replace it even with --force`);
  }
  return { target, chosen: true, force };
}

/**
 * A resumable job's partial folder: where the temporary folder goes when the job is interrupted or
 * fails (instead of being removed), and the `progress.json` written into it then.
 */
export interface PartialKeep {
  /** `<target>.partial` (absolute). */
  dir: string;
  /** The text of `progress.json` at the moment the folder is kept. */
  progress: () => string;
  /** A kept folder to carry on from: it becomes this temporary folder. */
  resume?: string;
}

/** Writes into a temporary folder; {@link commit} moves it into place. */
export class OutputFolder {
  /** The temporary folder being written. */
  readonly dir: string;
  private readonly plan: OutputPlan;
  private readonly onSignal: (signal: NodeJS.Signals) => void;
  private closed = false;
  /** sha256 of the files written through this object, by relative path (saves re-reading them). */
  private readonly digests = new Map<string, string>();
  /** Files written here that leave the folder after it is committed (a `--snapshot FILE`). */
  private readonly leaving = new Set<string>();

  private readonly keep?: PartialKeep;

  constructor(plan: OutputPlan, keep?: PartialKeep) {
    this.plan = plan;
    this.keep = keep;
    const parent = dirname(plan.target);
    this.dir = join(parent, `${tmpPrefix(plan.target)}${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      makeDirs(parent);
      if (keep?.resume) renameSync(keep.resume, this.dir);
      else mkdirSync(this.dir);
    } catch (e) {
      const msg = `cannot create the output folder in ${shownPath(parent)}: ${describeFsError(e)}`;
      throw plan.chosen ? new InputError(`--out ${shownPath(plan.target)}: ${msg}`) : new RunError(msg);
    }
    this.onSignal = (signal) => {
      const kept = this.abandon();
      const message = kept ? `interrupted by ${signal}; the finished tasks are kept in ${shownPath(kept)}: run the same command with --resume to finish it` : new Interrupted(signal).message;
      process.stderr.write(`vraem: ${message}\n`);
      process.exit(new Interrupted(signal).code);
    };
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
  }

  /** Absolute path of a file inside the temporary folder (sub-folders are created). */
  path(...parts: string[]): string {
    const p = join(this.dir, ...parts);
    guard(p, () => makeDirs(dirname(p)));
    return p;
  }

  /** Write a whole file (text, or bytes such as a PNG), turning a disk error into a clear message. */
  writeFile(name: string, data: string | Uint8Array): void {
    const p = this.path(name);
    guard(name, () => writeFileSync(p, data));
    this.digests.set(name, createHash('sha256').update(data).digest('hex'));
  }

  /** Open a file to be written piece by piece (`series.csv`, run by run). */
  open(name: string): FileSink {
    const p = this.path(name);
    return new FileSink(name, guard(name, () => openSync(p, 'w')), (hex) => this.digests.set(name, hex));
  }

  /**
   * Open a file of a resumed folder to go on writing it: its first `keep` bytes stay (and are
   * hashed, so the manifest's sha256 covers the whole file), anything after them is cut off.
   */
  append(name: string, keep: number): FileSink {
    const p = this.path(name);
    const sink = new FileSink(name, guard(name, () => openSync(p, 'r+')), (hex) => this.digests.set(name, hex));
    sink.adopt(keep);
    return sink;
  }

  /** Remove a file written here (a working file that is no part of the result). */
  remove(name: string): void {
    guard(name, () => rmSync(join(this.dir, name), { force: true }));
    this.digests.delete(name);
  }

  /** Leave a file out of the manifests' checksums: it is moved elsewhere after the commit. */
  leaveOut(name: string): void {
    this.leaving.add(name);
  }

  /**
   * Seal the folder: fsync every file and folder, then record in each `manifest.json` the sha256
   * of every data file under its folder (a comparison's top manifest covers `a/` and `b/` too).
   */
  private seal(): void {
    const files = filesUnder(this.dir);
    const staying = files.filter((f) => !this.leaving.has(f));
    for (const f of files) {
      if (f !== MANIFEST && !f.endsWith(`/${MANIFEST}`)) continue;
      const dir = f === MANIFEST ? '' : f.slice(0, -MANIFEST.length - 1);
      const m = JSON.parse(readFileSync(join(this.dir, f), 'utf8')) as Record<string, unknown>;
      m.sha256 = checksumsFor(this.dir, dir, staying, this.digests);
      guard(f, () => writeFileSync(join(this.dir, f), JSON.stringify(m, null, 2) + '\n'));
    }
    const dirs = new Set(['']);
    for (const f of files) {
      guard(f, () => syncPath(join(this.dir, f)));
      for (let d = dirname(f); d !== '.'; d = dirname(d)) dirs.add(d);
    }
    for (const d of dirs) guard(d || '.', () => syncPath(join(this.dir, d)));
  }

  /** Move the finished folder into place; returns the final path. */
  commit(): string {
    let target = this.plan.target;
    if (!this.plan.chosen) {
      // Default folders never collide: add -2, -3, ... when a folder of that second exists.
      for (let k = 2; existsSync(target); k++) target = `${this.plan.target}-${k}`;
    }
    try {
      this.seal();
      if (this.plan.force && existsSync(target)) replaceFolder(this.dir, target);
      else {
        renameSync(this.dir, target);
        syncPath(dirname(target));
        writeStep(`${basename(target)}: folder moved into place`);
      }
    } catch (e) {
      if (e instanceof RunError) {
        this.discard();
        throw e;
      }
      this.discard();
      throw new RunError(`cannot move the results into ${shownPath(target)}: ${describeFsError(e)}`);
    }
    this.release();
    return target;
  }

  /**
   * After a failure or an interruption: keep the folder as the job's partial folder when the job
   * can resume (returns where it went), or else remove it.
   */
  abandon(): string | undefined {
    if (!this.keep || this.closed) {
      this.discard();
      return undefined;
    }
    try {
      writeFileSync(join(this.dir, PROGRESS), this.keep.progress());
      rmSync(this.keep.dir, { recursive: true, force: true });
      renameSync(this.dir, this.keep.dir);
      syncPath(dirname(this.keep.dir));
    } catch {
      this.discard();
      return undefined;
    }
    this.release();
    return this.keep.dir;
  }

  /** Remove the temporary folder (after a failure). Safe to call twice. */
  discard(): void {
    rmSync(this.dir, { recursive: true, force: true });
    this.release();
  }

  private release(): void {
    if (this.closed) return;
    this.closed = true;
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }
}

/**
 * An open output file written with synchronous appends (errors surface where they happen); its
 * sha256 is computed as it is written and handed to `onDigest` when it is closed (and fsynced).
 */
export class FileSink {
  private readonly hash: Hash = createHash('sha256');
  constructor(
    private readonly name: string,
    private readonly fd: number,
    private readonly onDigest?: (hex: string) => void,
  ) {}
  /** Keep the file's first `bytes` bytes (hashing them), drop the rest, and write after them. */
  adopt(bytes: number): void {
    guard(this.name, () => {
      ftruncateSync(this.fd, bytes);
      const buf = Buffer.alloc(1 << 20);
      for (let at = 0, n; at < bytes && (n = readSync(this.fd, buf, 0, Math.min(buf.length, bytes - at), at)) > 0; at += n) this.hash.update(buf.subarray(0, n));
    });
    this.position = bytes;
  }
  private position = 0;
  write(text: string): void {
    if (!text.length) return;
    const bytes = Buffer.from(text, 'utf8');
    guard(this.name, () => writeSync(this.fd, bytes, 0, bytes.length, this.position));
    this.position += bytes.length;
    this.hash.update(bytes);
  }
  close(): void {
    guard(this.name, () => {
      fsyncSync(this.fd);
      closeSync(this.fd);
    });
    this.onDigest?.(this.hash.digest('hex'));
  }
}

/** The working file of a partial folder: which job it belongs to and how far it got. */
export const PROGRESS = 'progress.json';

/** The name prefix of a target's temporary folders (`.<name>.tmp-`), followed by `<pid>-<hex>`. */
export const tmpPrefix = (target: string) => `.${basename(target)}.tmp-`;

function guard<T>(name: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (errnoCode(e)) throw new RunError(`cannot write ${name}: ${describeFsError(e)}`);
    throw e;
  }
}

/**
 * Run `fill` against a fresh temporary folder and move it into place; on any error the folder is
 * removed and the error rethrown.
 */
export async function writeOutput(plan: OutputPlan, fill: (out: OutputFolder) => Promise<void>, keep?: PartialKeep): Promise<string> {
  const out = new OutputFolder(plan, keep);
  try {
    await fill(out);
  } catch (e) {
    const kept = out.abandon();
    if (kept) process.stderr.write(`note: the finished tasks are kept in ${shownPath(kept)}: run the same command with --resume to finish it\n`);
    throw e;
  }
  return out.commit();
}
