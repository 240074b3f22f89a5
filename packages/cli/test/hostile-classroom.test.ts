/**
 * `vraem classroom` against a demanding user's mistakes and a hostile file: a session log from
 * another version, or tampered (a table count as text or in the billions, a strategy the player
 * does not have, more rounds than the lesson's world holds, no lesson), is refused before anything
 * runs — one line naming the log, the line and the field's path, exit 2, no stack trace, no
 * output folder. (Before: an internal error with a stack trace, exit 1, or a silent replay of a
 * log another version wrote; a billion tables hung.) A port in use or an address not on this
 * machine is said before the model's matrix is measured, in one line, exit 2, with no output
 * folder. (Before: after the measuring, an unhandled 'error' from the WebSocket server — a stack
 * trace, exit 1 — and a folder holding a session log of a session that never ran.) `--force`
 * replaces an earlier session's folder — a new log, not the new session appended to the old one
 * (whose first session line a replay would have followed) — and refuses a folder vraem did not
 * write, as every other command does (before: it wrote into any folder). A session of a lesson
 * file (not a bundled lesson) replays: its log names the file from the session's folder (before:
 * by its id only, which named no bundled lesson, so the replay was refused).
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir, vraemAsync, vraemChild } from './helpers.ts';
import { VERSION } from '../src/manifest.ts';

const lessonSha256 = createHash('sha256')
  .update(readFileSync(join(ROOT, 'scenarios/lessons/protection-racket.yaml')))
  .digest('hex');

/** The session line the live command writes for a two-table protection racket in 6-month rounds. */
const session = (change: Record<string, unknown> = {}) =>
  JSON.stringify({ type: 'session', version: VERSION, lesson: 'protection-racket', lessonSha256, condition: 0, seed: 5, tables: 2, roundMonths: 6, ...change });
const round = (n: number, choices: unknown) => JSON.stringify({ type: 'round', round: n, choices, answered: [[true, true], [true, true]] });

describe('classroom --replay refuses a damaged or foreign session log', () => {
  const dir = tempDir();
  const cases: { name: string; lines: string[]; expected: RegExp }[] = [
    { name: 'another-version', lines: [session({ version: '0.0.1' }), round(1, [[0, 0], [0, 0]])], expected: /:1: session\.version: .*vraem "0\.0\.1".*same version/ },
    { name: 'tables-as-text', lines: [session({ tables: 'two' }), round(1, [[0, 0], [0, 0]])], expected: /:1: session\.tables: expected a whole number from 1 to 50, got "two"/ },
    { name: 'a-billion-tables', lines: [session({ tables: 1e9 })], expected: /:1: session\.tables: expected a whole number from 1 to 50, got 1000000000/ },
    { name: 'no-such-condition', lines: [session({ condition: 7 })], expected: /:1: session\.condition: expected a condition of lesson protection-racket/ },
    { name: 'no-lesson', lines: [session({ lesson: undefined })], expected: /:1: session\.lesson: expected a lesson id or file, got nothing/ },
    { name: 'seed-as-text', lines: [session({ seed: 'x' }), round(1, [[0, 0], [0, 0]])], expected: /:1: session\.seed: expected a whole number/ },
    { name: 'no-such-strategy', lines: [session(), round(1, [[0, 9], [1, 0]])], expected: /:2: round\.choices\[0\]\[1\]: expected a strategy of firmas \(0 to 1\), got 9/ },
    { name: 'one-table-of-two', lines: [session(), round(1, [[0]])], expected: /:2: round\.choices: expected one row per table \(2\)/ },
    { name: 'rounds-out-of-order', lines: [session(), round(2, [[0, 0], [0, 0]])], expected: /:2: round\.round: expected 1/ },
    {
      name: 'more-rounds-than-the-world',
      lines: [session(), ...Array.from({ length: 60 }, (_, i) => round(i + 1, [[0, 0], [0, 0]]))],
      expected: /round \d+: the lesson's world has room for \d+ rounds of 6 months/,
    },
  ];

  it('each with one line naming the log, line and field; exit 2; nothing written', async () => {
    const results = await Promise.all(
      cases.map(({ name, lines }) => {
        writeFileSync(join(dir, `${name}.jsonl`), lines.join('\n') + '\n');
        return vraemAsync(['classroom', '--replay', join(dir, `${name}.jsonl`), '--out', join(dir, `out-${name}`)]);
      }),
    );
    cases.forEach(({ name, expected }, i) => {
      const r = results[i];
      expect(r.code, `${name}: ${r.stderr}`).toBe(2);
      expect(r.stderr, name).toMatch(expected);
      expect(r.stderr, name).toContain(`${name}.jsonl:`);
      expect(r.stderr, name).not.toMatch(/internal error|\n\s+at /);
      expect(r.stderr.trim().split('\n'), name).toHaveLength(1);
      expect(existsSync(join(dir, `out-${name}`)), name).toBe(false);
    });
  }, 300_000);
});

describe('classroom refuses a port in use and an address not on this machine, leaving nothing', () => {
  const dir = tempDir();
  let blocker: Server;
  let port = 0;

  it('one line naming the option, exit 2, no output folder', async () => {
    blocker = createServer();
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
    const a = blocker.address();
    port = typeof a === 'object' && a ? a.port : 0;
    const [inUse, notHere] = await Promise.all([
      vraemAsync(['classroom', '--port', String(port), '--out', join(dir, 'in-use')]),
      vraemAsync(['classroom', '--host', '10.255.255.1', '--port', '0', '--out', join(dir, 'not-here')]),
    ]);
    await new Promise((ok) => blocker.close(ok));
    expect(inUse.code, inUse.stderr).toBe(2);
    expect(inUse.stderr.trim()).toBe(`--port ${port}: the port is in use; choose another (or 0 for any free port)`);
    expect(notHere.code, notHere.stderr).toBe(2);
    expect(notHere.stderr.trim()).toMatch(/^--host 10\.255\.255\.1: not an address of this machine/);
    for (const r of [inUse, notHere]) expect(r.stdout).not.toMatch(/measuring/);
    expect(existsSync(join(dir, 'in-use'))).toBe(false);
    expect(existsSync(join(dir, 'not-here'))).toBe(false);
  }, 300_000);
});

/** Start a session into `out`; once it is listening (or has exited), end it with Ctrl-C. */
async function sessionUntilCtrlC(args: string[]): Promise<{ code: number | null; text: string }> {
  const child = vraemChild(['classroom', '--port', '0', '--tables', '1', '--round-months', '6', '--model-runs', '2', ...args]);
  let text = '';
  let code: number | null | undefined;
  child.stdout!.on('data', (d) => (text += d));
  child.stderr!.on('data', (d) => (text += d));
  const closed = new Promise<void>((ok) => child.on('close', (c) => ((code = c), ok())));
  for (let i = 0; i < 1200 && code === undefined && !/type the code/.test(text); i++) await new Promise((r) => setTimeout(r, 100));
  if (code === undefined) child.kill('SIGINT');
  await closed;
  return { code: code ?? null, text };
}

describe('classroom --force replaces an earlier session and nothing else', () => {
  const dir = tempDir();

  it('an earlier session folder: the new log holds the new session alone', async () => {
    const out = join(dir, 'earlier');
    mkdirSync(out);
    writeFileSync(join(out, 'session.jsonl'), [session({ tables: 1 }), JSON.stringify({ type: 'round', round: 1, choices: [[1, 1]], answered: [[true, true]] })].join('\n') + '\n');
    const r = await sessionUntilCtrlC(['--force', '--out', out]);
    expect(r.code, r.text).toBe(0);
    const log = readFileSync(join(out, 'session.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(log.map((l) => l.type)).toEqual(['session', 'end']);
  }, 300_000);

  it('a folder vraem did not write: refused even with --force, left as it was', async () => {
    const out = join(dir, 'mine');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'my notes\n');
    const r = await sessionUntilCtrlC(['--force', '--out', out]);
    expect(r.code, r.text).toBe(2);
    expect(r.text.trim()).toMatch(/^--out .*mine: the folder exists and was not written by vraem .*refusing to replace it even with --force$/);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('my notes\n');
    expect(existsSync(join(out, 'session.jsonl'))).toBe(false);
  }, 300_000);
});

describe('a session of a lesson file replays', () => {
  const dir = tempDir();

  it('the log names the file; the replay, from another folder, writes the same series.csv', async () => {
    mkdirSync(join(dir, 'lessons'));
    const text = readFileSync(join(ROOT, 'scenarios/lessons/protection-racket.yaml'), 'utf8')
      .replace(/^id: protection-racket$/m, 'id: my-racket')
      .replace(/scenario: \.\.\/baseline\.yaml/, `scenario: ${JSON.stringify(join(ROOT, 'scenarios/baseline.yaml'))}`);
    expect(text).toContain('id: my-racket');
    writeFileSync(join(dir, 'lessons', 'my-racket.yaml'), text);
    const out = join(dir, 'session');
    const live = await sessionUntilCtrlC(['--lesson', join(dir, 'lessons', 'my-racket.yaml'), '--out', out]);
    expect(live.code, live.text).toBe(0);
    const r = await vraemAsync(['classroom', '--replay', join(out, 'session.jsonl'), '--out', join(dir, 'replay')], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'replay', 'series.csv'), 'utf8')).toBe(readFileSync(join(out, 'series.csv'), 'utf8'));
  }, 300_000);
});
