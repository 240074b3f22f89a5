/**
 * Global setup of the test run (`pnpm test`, or vitest on any file): the run gets a private temp
 * folder inside the system one (TMPDIR, inherited by the test workers and every process they
 * start, which is also what keeps other jobs' temp files on a shared machine out of the count).
 * When the run ends, anything left in it is a test that did not clean up what it wrote: the run
 * fails naming it. The folder is removed either way, so a test run adds no entry to the system
 * temp folder. The TypeScript loader's transform cache (tsx-<uid>, made by the CLI processes the
 * tests start) is a tool's cache, not a test's output, and is not counted.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TOOL_CACHES = /^tsx-\d+$/;

export default function setup(): () => void {
  const system = tmpdir();
  const dir = mkdtempSync(join(system, 'vraem-test-run-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    const left = readdirSync(dir).filter((name) => !TOOL_CACHES.test(name));
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    if (left.length) {
      // vitest reports an error thrown here but keeps its exit code: set the failure ourselves.
      process.stderr.write(`\nFAIL the tests left ${left.length} entr${left.length === 1 ? 'y' : 'ies'} in the temp folder: ${left.sort().join(', ')}\n`);
      process.exitCode = 1;
    }
  };
}
