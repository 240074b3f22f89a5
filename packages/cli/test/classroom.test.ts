/**
 * `vraem classroom` on a hostile classroom network (issue 20): malformed, oversized, binary and
 * wrong-token messages and another seat's actions are refused and logged while the session goes
 * on and nothing else changes; a student whose page closed mid-round gets its seat back with its
 * payoff; the log replays to the same series.csv. Loopback only, bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { tempDir, vraem, vraemChild } from './helpers.ts';

interface Msg {
  t: string;
  [k: string]: unknown;
}

/** A client socket that keeps every message it receives. */
class Client {
  readonly msgs: Msg[] = [];
  closed: number | null = null;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => this.msgs.push(JSON.parse(String(d)) as Msg));
    ws.on('close', (code) => (this.closed = code));
    ws.on('error', () => undefined);
  }
  static open(url: string): Promise<Client> {
    return new Promise((ok, fail) => {
      const ws = new WebSocket(url);
      const c = new Client(ws);
      ws.once('open', () => ok(c));
      ws.once('error', fail);
    });
  }
  send(m: unknown): void {
    this.ws.send(typeof m === 'string' ? m : JSON.stringify(m));
  }
  last(t: string): Msg | undefined {
    return this.msgs.filter((m) => m.t === t).at(-1);
  }
  /** Wait until a message satisfies `pred` (bounded). */
  async until(pred: (m: Msg) => boolean, what: string): Promise<Msg> {
    for (let i = 0; i < 200; i++) {
      const m = this.msgs.find(pred);
      if (m) return m;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.msgs.slice(-3))}`);
  }
}

describe('vraem classroom refuses what it must and keeps the session', () => {
  const dir = tempDir();
  const out = join(dir, 'session');
  let child: ReturnType<typeof vraemChild>;
  let url = '';
  let key = '';
  let code = '';

  beforeAll(async () => {
    child = vraemChild(['classroom', '--port', '0', '--tables', '2', '--round-months', '6', '--seconds', '60', '--model-runs', '2', '--seed', '5', '--out', out]);
    let text = '';
    child.stdout!.on('data', (d) => (text += d));
    child.stderr!.on('data', (d) => (text += d));
    for (let i = 0; i < 1200 && !/type the code/.test(text); i++) await new Promise((r) => setTimeout(r, 100));
    const m = /teacher's page: (http:\/\/[^/]+)\/teacher#key=(\S+)[\s\S]*type the code (\d+)/.exec(text);
    if (!m) throw new Error(`the classroom did not start: ${text}`);
    url = m[1].replace('http:', 'ws:') + '/ws';
    key = m[2];
    code = m[3];
  }, 300_000);

  afterAll(async () => {
    child.kill('SIGINT');
    await new Promise((r) => child.on('close', r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses bad messages, keeps seats to their tokens, and plays the round it was given', async () => {
    const teacher = await Client.open(url);
    teacher.send({ t: 'teacher', key });
    await teacher.until((m) => m.t === 'teacher', 'the teacher state');
    const students = await Promise.all([0, 1, 2, 3].map(() => Client.open(url)));
    for (const s of students) s.send({ t: 'join', code });
    const seats = await Promise.all(students.map((s) => s.until((m) => m.t === 'student', 'a seat')));
    const tokens = seats.map((s) => String(s.token));
    expect(new Set(seats.map((s) => `${s.table}/${(s.role as { name: string }).name}`)).size).toBe(4);

    // A stranger and a student acting out of turn.
    const stranger = await Client.open(url);
    const hostile: unknown[] = [
      'not json',
      '{"t":',
      { t: 'join', code: '0000' },
      { t: 'choose', token: 'forged', strategy: 0 },
      { t: 'choose', token: tokens[1], strategy: 1 }, // another seat's token on this connection
      { t: 'start', key: 'wrong', seconds: 60 },
      { t: 'rejoin', token: 'forged' },
      { t: 'nonsense' },
      [1, 2, 3],
      null,
    ];
    for (const h of hostile) stranger.send(typeof h === 'string' ? h : JSON.stringify(h));
    students[0].send({ t: 'choose', token: tokens[1], strategy: 1 }); // seat 0 acting for seat 1
    students[0].send({ t: 'choose', token: tokens[0], strategy: 1 }); // no round is open
    await stranger.until(() => stranger.msgs.filter((m) => m.t === 'error').length >= hostile.length, 'every refusal');
    // Oversized and binary frames: the socket is closed (oversized) or refused; the server goes on.
    const big = await Client.open(url);
    big.send('x'.repeat(10_000));
    const bin = await Client.open(url);
    bin.ws.send(Buffer.from([1, 2, 3]));
    await bin.until((m) => m.t === 'error', 'the binary refusal');
    for (let i = 0; i < 100 && big.closed === null; i++) await new Promise((r) => setTimeout(r, 50));
    expect(big.closed).toBe(1009);

    // The session goes on: a round opens, the seats choose, it is played with exactly those choices.
    teacher.send({ t: 'start', key, seconds: 60 });
    await students[0].until((m) => m.t === 'student' && m.phase === 'open', 'an open round');
    const want = [1, 0, 0, 1];
    students.forEach((s, i) => s.send({ t: 'choose', token: tokens[i], strategy: want[i] }));
    await teacher.until((m) => m.t === 'teacher' && m.round === 1, 'round 1 played');
    const log = readFileSync(join(out, 'session.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Msg);
    const round = log.find((l) => l.type === 'round')!;
    const bySeat = seats.map((s, i) => ({ table: Number(s.table), player: (s.role as { name: string }).name === 'SL' ? 0 : 1, want: want[i] }));
    for (const s of bySeat) expect((round.choices as number[][])[s.table][s.player]).toBe(s.want);
    expect(log.filter((l) => l.type === 'refused').length).toBeGreaterThanOrEqual(hostile.length + 3);
    for (const c of [teacher, stranger, bin, ...students]) c.ws.close();
  }, 300_000);

  it('refuses a latecomer when every seat is taken, and lists the seats of students who left as away', async () => {
    const teacher = await Client.open(url);
    teacher.send({ t: 'teacher', key });
    const late = await Client.open(url);
    late.send({ t: 'join', code });
    const refused = await late.until((m) => m.t === 'error', 'a refusal');
    expect(String(refused.message)).toMatch(/every seat is taken/);
    const state = await teacher.until((m) => m.t === 'teacher' && (m.seats as { taken: boolean; connected: boolean }[]).every((s) => s.taken && !s.connected), 'all seats away');
    expect((state.seats as unknown[]).length).toBe(4);
    for (const c of [teacher, late]) c.ws.close();
  }, 300_000);
});

describe('a dropped student reconnects to the same seat', () => {
  const dir = tempDir();
  const out = join(dir, 'session');
  let child: ReturnType<typeof vraemChild>;
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      await new Promise((r) => child.on('close', r));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('closed mid-round and reopened: same table, role and running payoff; the log replays to the same series.csv', async () => {
    child = vraemChild(['classroom', '--port', '0', '--tables', '1', '--round-months', '6', '--model-runs', '2', '--seed', '9', '--out', out]);
    let text = '';
    child.stdout!.on('data', (d) => (text += d));
    for (let i = 0; i < 1200 && !/type the code/.test(text); i++) await new Promise((r) => setTimeout(r, 100));
    const m = /teacher's page: (http:\/\/[^/]+)\/teacher#key=(\S+)[\s\S]*type the code (\d+)/.exec(text)!;
    const url = m[1].replace('http:', 'ws:') + '/ws';
    const [key, code] = [m[2], m[3]];
    const teacher = await Client.open(url);
    teacher.send({ t: 'teacher', key });
    const sl = await Client.open(url);
    const firmas = await Client.open(url);
    sl.send({ t: 'join', code });
    const seat = await sl.until((x) => x.t === 'student', 'a seat');
    firmas.send({ t: 'join', code });
    const fseat = await firmas.until((x) => x.t === 'student', 'a seat');
    // Round 1, played.
    teacher.send({ t: 'start', key, seconds: 60 });
    await sl.until((x) => x.t === 'student' && x.phase === 'open', 'round 1 open');
    sl.send({ t: 'choose', token: seat.token, strategy: 1 });
    firmas.send({ t: 'choose', token: fseat.token, strategy: 0 });
    const after1 = await sl.until((x) => x.t === 'student' && x.round === 1, 'round 1 result');
    // Round 2 opens; the SL student's page closes, then opens again with its stored token.
    teacher.send({ t: 'start', key, seconds: 60 });
    await sl.until((x) => x.t === 'student' && x.phase === 'open' && x.round === 1, 'round 2 open');
    sl.ws.close();
    const again = await Client.open(url);
    again.send({ t: 'rejoin', token: seat.token });
    const back = await again.until((x) => x.t === 'student', 'the seat back');
    expect(back.table).toBe(seat.table);
    expect((back.role as { name: string }).name).toBe((seat.role as { name: string }).name);
    expect(back.total).toBe(after1.total);
    expect(back.phase).toBe('open');
    again.send({ t: 'choose', token: seat.token, strategy: 0 });
    firmas.send({ t: 'choose', token: fseat.token, strategy: 1 });
    await again.until((x) => x.t === 'student' && x.round === 2, 'round 2 result');
    teacher.send({ t: 'end', key });
    await new Promise((r) => child.on('close', r));
    const r = vraem(['classroom', '--replay', join(out, 'session.jsonl'), '--out', join(dir, 'replay')]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'replay', 'series.csv')).equals(readFileSync(join(out, 'series.csv')))).toBe(true);
    for (const c of [teacher, firmas, again]) c.ws.close();
  }, 300_000);
});
