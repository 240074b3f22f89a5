/**
 * `vraem explore --serve` on a port in use: said before the page is built, in one line, exit 2,
 * with no output folder. (Before: the page was built and its folder written, then the command
 * failed with exit 2, leaving a folder a retry with the same --out refuses.)
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { tempDir, vraemAsync } from './helpers.ts';

describe('explore --serve refuses a port in use before building anything', () => {
  const dir = tempDir();

  it('one line naming the port, exit 2, no folder', async () => {
    const blocker = createServer();
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
    const a = blocker.address();
    const port = typeof a === 'object' && a ? a.port : 0;
    const r = await vraemAsync(['explore', '--serve', '--port', String(port), '--out', join(dir, 'explorer')]);
    await new Promise((ok) => blocker.close(ok));
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim()).toBe(`--port ${port}: the port is in use; choose another (or 0 for any free port)`);
    expect(r.stdout).not.toMatch(/explorer:/);
    expect(existsSync(join(dir, 'explorer'))).toBe(false);
  }, 300_000);
});
