/**
 * How long a classroom round takes to reach every student (issue 20): starts `vraem classroom`
 * with 15 tables of the protection racket (30 seats), connects 30 students and the teacher over
 * WebSocket on loopback, plays a few rounds, and reports for each round the time from the last
 * student's choice to the moment all 30 have the round's outcome (the model playing 15 worlds for
 * a year each, the log flushed, series.csv rewritten, 31 states sent). A measurement, not a test.
 *
 *   pnpm tsx packages/cli/scripts/classroom-bench.ts [--students 30] [--rounds 3]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const students = arg('students', 30);
const rounds = arg('rounds', 3);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vraem-bench-'));
const child = spawn(process.execPath, [join(ROOT, 'packages/cli/bin/vraem.mjs'), 'classroom', '--port', '0', '--tables', String(Math.ceil(students / 2)), '--model-runs', '2', '--out', join(dir, 's')], { cwd: ROOT });
let text = '';
child.stdout.on('data', (d: Buffer) => (text += d));
child.stderr.on('data', (d: Buffer) => (text += d));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
for (let i = 0; i < 3000 && !/type the code/.test(text); i++) await sleep(100);
const m = /teacher's page: (http:\/\/[^/]+)\/teacher#key=(\S+)[\s\S]*type the code (\d+)/.exec(text);
if (!m) throw new Error(text);
const url = m[1].replace('http:', 'ws:') + '/ws';
const [key, code] = [m[2], m[3]];

type Msg = { t: string; token?: string; round?: number; phase?: string };
const open = () =>
  new Promise<{ ws: WebSocket; msgs: Msg[]; at: Map<number, number> }>((ok) => {
    const ws = new WebSocket(url);
    const c = { ws, msgs: [] as Msg[], at: new Map<number, number>() };
    ws.on('message', (d) => {
      const msg = JSON.parse(String(d)) as Msg;
      c.msgs.push(msg);
      if (msg.t === 'student' && msg.round && !c.at.has(msg.round)) c.at.set(msg.round, performance.now());
    });
    ws.on('open', () => ok(c));
  });
const teacher = await open();
teacher.ws.send(JSON.stringify({ t: 'teacher', key }));
const seats = await Promise.all(Array.from({ length: students }, () => open()));
for (const s of seats) s.ws.send(JSON.stringify({ t: 'join', code }));
for (let i = 0; i < 600 && !seats.every((s) => s.msgs.some((x) => x.t === 'student')); i++) await sleep(50);
const tokens = seats.map((s) => s.msgs.find((x) => x.t === 'student')!.token!);
const lines: string[] = [];
for (let r = 1; r <= rounds; r++) {
  teacher.ws.send(JSON.stringify({ t: 'start', key, seconds: 600 }));
  await sleep(300);
  seats.forEach((s, i) => i < students - 1 && s.ws.send(JSON.stringify({ t: 'choose', token: tokens[i], strategy: (i + r) % 2 })));
  await sleep(300);
  const t0 = performance.now();
  seats[students - 1].ws.send(JSON.stringify({ t: 'choose', token: tokens[students - 1], strategy: 0 }));
  for (let k = 0; k < 600 && !seats.every((s) => s.at.has(r)); k++) await sleep(5);
  const last = Math.max(...seats.map((s) => s.at.get(r) ?? Infinity));
  lines.push(`round ${r}: all ${students} students had the outcome ${(last - t0).toFixed(0)} ms after the last choice`);
}
teacher.ws.send(JSON.stringify({ t: 'end', key }));
await new Promise((r) => child.on('close', r));
rmSync(dir, { recursive: true, force: true });
console.log(lines.join('\n'));
process.exit(0);
