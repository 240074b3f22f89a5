/**
 * The page server of `vraem explore --serve` (and the classroom) on hostile requests (issue 19):
 * a few hundred malformed, oversized and traversing request paths, other methods and raw garbage,
 * each answered with a 4xx, and the page still served afterwards. Loopback only, bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { serveExplorer } from '../src/commands/explore.ts';
import { tempDir } from './helpers.ts';

/** Send raw bytes, resolve to the status code of the answer (0 when the socket closed without one). */
function raw(port: number, request: string | Buffer): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0)));
    socket.on('error', () => undefined);
    socket.write(request); // not end(): a half-closed socket may lose a streamed answer
  });
}
const get = (port: number, path: string, method = 'GET') => raw(port, `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);

describe('the page server refuses bad requests and keeps serving', () => {
  let dir: string;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    dir = tempDir();
    mkdirSync(join(dir, 'site'));
    writeFileSync(join(dir, 'site', 'index.html'), '<!doctype html><title>explorer</title>');
    writeFileSync(join(dir, 'secret.txt'), 'outside the served folder');
    const s = await serveExplorer(join(dir, 'site'));
    server = s.server;
    port = Number(new URL(s.url).port);
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers each of a few hundred hostile requests with a 4xx, then serves the page', async () => {
    const paths = ['/%', '/%zz', '/%E0%A4%A', '/a%', '/%00', '/index.html%00.png', '/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt', '/....//secret.txt', '/./../secret.txt', '//etc/passwd', '/nothing-here', '/' + 'a'.repeat(3000), '/' + '%'.repeat(500), '/' + '../'.repeat(200) + 'etc/passwd'];
    const statuses: number[] = [];
    for (let round = 0; round < 12; round++) {
      for (const p of paths) statuses.push(await get(port, p));
      statuses.push(await get(port, '/', 'POST'));
      statuses.push(await get(port, '/', 'DELETE'));
      statuses.push(await raw(port, Buffer.from([0x16, 0x03, 0x01, 0xff, 0x00, 0x0d, 0x0a, 0x0d, 0x0a])));
      statuses.push(await raw(port, 'GARBAGE\r\n\r\n'));
    }
    expect(statuses.length).toBeGreaterThanOrEqual(250);
    for (const s of statuses) expect(s >= 400 && s < 500, `status ${s}`).toBe(true);
    expect(await get(port, '/')).toBe(200);
    expect(await get(port, '/index.html')).toBe(200);
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(await page.text()).toContain('<title>explorer</title>');
  }, 120_000);
});
