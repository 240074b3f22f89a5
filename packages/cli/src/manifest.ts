/**
 * `manifest.json`: what a folder holds and how it was made — the command, the resolved
 * scenario(s), the seeds, the version, the command line and a sha256 of the resolved inputs — so
 * a result can be reproduced, and so `--force` and `merge` can tell vraem's folders from others.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The version of the `vraem` command (from packages/cli/package.json). */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The command line as typed (arguments quoted where a shell would need it). */
export function commandLine(argv: readonly string[] = process.argv.slice(2)): string {
  return ['vraem', ...argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))].join(' ');
}

/** JSON with object keys sorted at every level: the same data always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** sha256 (hex) of the canonical JSON of the resolved inputs. */
export function inputHash(inputs: unknown): string {
  return createHash('sha256').update(canonicalJson({ version: VERSION, inputs })).digest('hex');
}

/** The manifest of an output folder. `inputs` are hashed; `fields` are written as they are. */
export function manifest(command: string, inputs: Record<string, unknown>, fields: Record<string, unknown> = {}): string {
  const body = { createdBy: 'vraem', command, version: VERSION, commandLine: commandLine(), inputHash: inputHash({ command, ...inputs }), ...inputs, ...fields };
  return JSON.stringify(body, null, 2) + '\n';
}
