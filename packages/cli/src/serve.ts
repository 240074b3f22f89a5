/**
 * Serving a built page folder on the local network (the explorer, the classroom): GET and HEAD of
 * the folder's regular files, nothing else. Every request is answered, and none can stop the
 * server: a malformed percent-encoding or a NUL byte is a 400, a path over 2,048 characters a
 * 414, a path that leaves the folder or names no file a 404, another method a 405, and a file
 * that cannot be read a 500 — each with a one-line plain-text body.
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The longest request path served (browsers send far shorter ones for these pages). */
export const MAX_PATH = 2048;

const refuse = (res: ServerResponse, status: number, text: string) => {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(text + '\n');
};

/** The file under `root` a request path names, or the status that refuses it. */
export function resolveRequest(root: string, url: string | undefined): { file: string } | { status: number; text: string } {
  const raw = url ?? '/';
  if (raw.length > MAX_PATH) return { status: 414, text: 'request path too long' };
  let path: string;
  try {
    path = decodeURIComponent(new URL(raw, 'http://localhost').pathname);
  } catch {
    return { status: 400, text: 'malformed request path' };
  }
  if (path.includes('\0')) return { status: 400, text: 'malformed request path' };
  const file = resolve(root, '.' + (path.endsWith('/') ? path + 'index.html' : path));
  if (file !== root && !file.startsWith(root + sep)) return { status: 404, text: 'not found' };
  try {
    if (!statSync(file).isFile()) return { status: 404, text: 'not found' };
  } catch {
    return { status: 404, text: 'not found' };
  }
  return { file };
}

/** A request handler serving the files of `dir` (see the file's header for what it refuses). */
export function staticFiles(dir: string): (req: IncomingMessage, res: ServerResponse) => void {
  const root = resolve(dir);
  return (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
      const r = resolveRequest(root, req.url);
      if ('status' in r) return refuse(res, r.status, r.text);
      res.writeHead(200, { 'content-type': TYPES[extname(r.file)] ?? 'application/octet-stream', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      if (req.method === 'HEAD') return void res.end();
      const stream = createReadStream(r.file);
      stream.on('error', () => refuse(res, 500, 'cannot read the file'));
      stream.pipe(res);
    } catch {
      refuse(res, 500, 'internal error');
    }
  };
}
