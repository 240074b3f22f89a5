/**
 * Replacing what a user already has, so that a crash (kill -9, power loss) at any instant leaves
 * either the complete old or the complete new content under the target name, never neither and
 * never a mixture:
 *
 * - a file is written beside its target, fsynced, then renamed over it (rename(2) is atomic), and
 *   the folder holding it is fsynced so the new name survives a power loss;
 * - a folder cannot be renamed over a non-empty folder, so `--force` swaps the complete new folder
 *   with the old one in one step (Linux `renameat2(RENAME_EXCHANGE)`, macOS
 *   `renamex_np(RENAME_SWAP)`), then deletes the old one now sitting under the temporary name.
 *   Node has no binding for those calls; they are reached through Perl's `syscall` on Linux
 *   (perl-base is part of every Debian-like system) or Python's ctypes. Where neither exists, the old folder is renamed aside under a name {@link recoverReplaced}
 *   restores before the next write to that target, so even then nothing is lost.
 *
 * Every step that changes what a target name holds is a numbered *write step*. The environment
 * hook `VRAEM_FAULT_AFTER_STEP=k` kills the process (SIGKILL, like `kill -9`) right after step k:
 * the fault-injection tests use it to stop a command at each step and look at the target.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

let steps = 0;

/**
 * Mark that a write step has completed; under `VRAEM_FAULT_AFTER_STEP=k` the k-th step is the
 * last thing the process does.
 */
export function writeStep(what: string): void {
  steps++;
  const k = Number(process.env.VRAEM_FAULT_AFTER_STEP);
  if (Number.isInteger(k) && k === steps) {
    process.stderr.write(`vraem: fault injected after write step ${k} (${what})\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}

/** fsync a file or folder by path (a folder's fsync makes the names in it durable). */
export function syncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A hidden name beside `target`, unique to this process and call. */
export function besideName(target: string, tag: string): string {
  return join(dirname(target), `.${basename(target)}.${tag}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/**
 * Write `data` to `target` atomically: beside it, fsynced, renamed over it, the folder fsynced.
 * The temporary file is removed if anything fails before the rename.
 */
export function replaceFile(target: string, data: string | Uint8Array): void {
  const tmp = besideName(target, 'tmp');
  try {
    const fd = openSync(tmp, 'wx');
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    writeStep(`${basename(target)} written beside its target`);
    renameSync(tmp, target);
  } catch (e) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw e;
  }
  writeStep(`${basename(target)} renamed into place`);
  syncPath(dirname(target));
}

/** Linux's `renameat2` system call number by Node's `process.arch` (from the kernel's syscall tables). */
const RENAMEAT2: Partial<Record<string, number>> = { x64: 316, arm64: 276, riscv64: 276, ia32: 353, arm: 382, ppc64: 357, s390x: 347 };

/** `renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE)`; exit 3 when unsupported. */
const EXCHANGE_PERL = (nr: number) =>
  `exit 0 if syscall(${nr}, -100, $ARGV[0], -100, $ARGV[1], 2) == 0; print STDERR "$!"; exit(($!{EINVAL} || $!{ENOSYS} || $!{EOPNOTSUPP}) ? 3 : 1)`;

/** The same through libc: `renameat2` (glibc ≥ 2.28) or macOS's `renamex_np(RENAME_SWAP)`. */
const EXCHANGE_PY = `
import ctypes, errno, os, sys
libc = ctypes.CDLL(None, use_errno=True)
a, b = (os.fsencode(p) for p in sys.argv[1:3])
if hasattr(libc, 'renameat2'):
    r = libc.renameat2(-100, a, -100, b, 2)
elif hasattr(libc, 'renamex_np'):
    r = libc.renamex_np(a, b, 2)
else:
    sys.exit(3)
if r != 0:
    e = ctypes.get_errno()
    sys.stderr.write(os.strerror(e))
    sys.exit(3 if e in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP) else 1)
`;

/**
 * Swap two paths in one atomic step. Returns false when the system offers no way to (no Perl or
 * Python, no such call, or a file system that does not support it); throws when the swap fails.
 */
export function exchangePaths(a: string, b: string): boolean {
  const nr = process.platform === 'linux' ? RENAMEAT2[process.arch] : undefined;
  const ways: [string, string[]][] = [
    ...(nr !== undefined ? [['perl', ['-e', EXCHANGE_PERL(nr), '--', a, b]] as [string, string[]]] : []),
    ...['/usr/bin/python3', '/usr/local/bin/python3', '/opt/homebrew/bin/python3', 'python3'].map((py): [string, string[]] => [py, ['-c', EXCHANGE_PY, a, b]]),
  ];
  for (const [program, args] of ways) {
    const r = spawnSync(program, args, { encoding: 'utf8', timeout: 30_000 });
    if (r.error) continue; // not installed there
    if (r.status === 0) return true;
    if (r.status === 3) continue; // this way cannot; another may
    throw new Error(`cannot swap ${basename(a)} and ${basename(b)}: ${r.stderr.trim() || `exit ${r.status}`}`);
  }
  return false;
}

/** The tag of a folder renamed aside while being replaced (see {@link replaceFolder}). */
const ASIDE = 'replaced';

/**
 * Put the complete folder `fresh` in the place of the existing folder `target`. The target name
 * holds the old folder until one atomic exchange makes it hold the new one; the old content is
 * then deleted. Without an exchange call, the old folder is first renamed aside (a hidden
 * `.<name>.replaced-*` sibling that {@link recoverReplaced} puts back if the process dies before
 * the new folder is in place).
 */
export function replaceFolder(fresh: string, target: string): void {
  syncPath(fresh);
  writeStep(`${basename(target)}: new folder complete`);
  if (exchangePaths(fresh, target)) {
    syncPath(dirname(target));
    writeStep(`${basename(target)}: new and old folders exchanged`);
    rmSync(fresh, { recursive: true, force: true }); // the old content, now under the temporary name
    writeStep(`${basename(target)}: old folder removed`);
    return;
  }
  const aside = besideName(target, ASIDE);
  renameSync(target, aside);
  writeStep(`${basename(target)}: old folder renamed aside`);
  renameSync(fresh, target);
  syncPath(dirname(target));
  writeStep(`${basename(target)}: new folder renamed into place`);
  rmSync(aside, { recursive: true, force: true });
  writeStep(`${basename(target)}: old folder removed`);
}

/**
 * Undo a replacement a crash interrupted: when `target` is missing and an old folder of it was
 * renamed aside, put the old folder back. Returns a note for the user, or undefined.
 */
export function recoverReplaced(target: string): string | undefined {
  if (existsSync(target)) return undefined;
  const prefix = `.${basename(target)}.${ASIDE}-`;
  let names: string[];
  try {
    names = readdirSync(dirname(target)).filter((n) => n.startsWith(prefix));
  } catch {
    return undefined;
  }
  if (names.length !== 1) return undefined;
  renameSync(join(dirname(target), names[0]), target);
  return `${basename(target)}: an earlier replacement was interrupted; the previous folder was put back`;
}
