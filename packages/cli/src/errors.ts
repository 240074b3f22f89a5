/**
 * Errors the command line reports without a stack trace, and the exit codes they map to:
 * 2 for a bad command line or a bad input file (the user's to fix), 1 for a failure while
 * running (a worker died, a disk filled up). Anything else is a bug in vraem and keeps its stack.
 */

/** Exit codes of `vraem` (DESIGN §9). */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * A mistake in the command line or in an input file: one or more messages, exit 2. `verdict`, when
 * given, is the closing line instead of "N problems; nothing was run" (a check that ran, such as
 * `verify`, says what failed).
 */
export class InputError extends Error {
  readonly problems: string[];
  readonly verdict?: string;
  constructor(problems: string | string[], verdict?: string) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.join('\n'));
    this.name = 'InputError';
    this.problems = list;
    this.verdict = verdict;
  }
}

/** A failure while running that is not a bug: a full disk, an unwritable folder, a crashed worker. Exit 1. */
export class RunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunError';
  }
}

/** A run interrupted by a signal; the exit code follows the shell convention (128 + signal number). */
export class Interrupted extends Error {
  readonly code: number;
  constructor(signal: NodeJS.Signals) {
    super(`interrupted by ${signal}; no output was left behind`);
    this.name = 'Interrupted';
    this.code = signal === 'SIGINT' ? 130 : 143;
  }
}

/** A file-system error code (`ENOENT`, `EACCES`, `ENOSPC`, ...), if the value is one. */
export function errnoCode(e: unknown): string | undefined {
  return e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string' ? (e as { code: string }).code : undefined;
}

/** Words for a file-system error, without the raw syscall text. */
export function describeFsError(e: unknown): string {
  switch (errnoCode(e)) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EROFS':
      return 'read-only file system';
    case 'EEXIST':
      return 'already exists';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}
