/**
 * `vraem classroom [--lesson ID] [--port N] [--host ADDR] ...`: a participatory session of a
 * lesson on the local network (issue 20; NetLogo's HubNet is the model). A teacher's page and a
 * students' page are served from memory, and speak WebSocket (the `ws` package) with this
 * process. Students join with the code on the teacher's screen and take the lesson's players'
 * seats, table by table; each round the teacher opens, they choose a strategy before the
 * countdown ends (a silent seat repeats its last choice; an empty seat is played by the model
 * with the player's first strategy), the model plays the round's months in each table's world,
 * and every seat sees its payoff. The teacher's page shows the seats, a live chart, the class's
 * own payoff matrix beside the model's (measured with `--model-runs` replicates before the
 * session starts) with their equilibria, and the lesson's debrief.
 *
 * The session log (`session.jsonl`: the setup, every round's choices, every refused message) is
 * written and flushed as the session goes, so a crash loses at most the round in progress;
 * `series.csv` is written when the session ends, and `vraem classroom --replay <log>` replays the
 * log to the same `series.csv`, byte for byte (also after a crash).
 *
 * Safety on a classroom network: the server binds to the address the teacher chooses (default
 * 127.0.0.1), serves only its two pages and their assets, acts for a seat only on that seat's
 * token, refuses malformed, oversized (over 4 KB) and unexpected messages — logging them —
 * without stopping the session, and gives a reconnecting student its seat back.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { networkInterfaces } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { classroomAssets, type ClientMessage, type MatrixView, type StudentState, type TeacherState, type Phase } from '@vraem/viz';
import { ClassroomGame, SERIES_HEADER, analyzeGame, maxRounds, profileAt, profileCount, runLesson, seriesRows, type NormalFormGame, type PreparedLesson } from '../core.ts';
import { InputError } from '../errors.ts';
import { FILE_LIMITS, shownPath } from '../load.ts';
import { VERSION } from '../manifest.ts';
import { planOutput, replaceable, writeOutput, type Replaceable } from '../output.ts';
import { finished } from '../batch.ts';
import { intOption, seedOption } from './common.ts';
import { lessonFile, loadLesson, prepareLessonFile } from './lesson.ts';

/** Arguments of `vraem classroom`. */
export interface ClassroomArgs {
  lesson: string;
  condition?: string;
  port?: number;
  host: string;
  tables?: number;
  roundMonths?: number;
  seconds?: number;
  seed?: number;
  modelRuns?: number;
  replay?: string;
  out?: string;
  force: boolean;
}

/** The first line of a session log: everything a replay needs besides the rounds. */
interface SessionLine {
  type: 'session';
  version: string;
  lesson: string;
  lessonSha256: string;
  condition: number;
  seed: number;
  tables: number;
  roundMonths: number;
}

/** A round as the log records it. */
interface RoundLine {
  type: 'round';
  round: number;
  choices: number[][];
  /** Which seats chose this round (the others repeated their last choice or were empty). */
  answered: boolean[][];
}

const MAX_MESSAGE = 4096;
const MAX_CONNECTIONS = 200;
const MESSAGES_PER_SECOND = 20;

/** `vraem classroom`. */
export async function classroomCommand(args: ClassroomArgs): Promise<void> {
  if (args.replay !== undefined) return replay(args);
  const file = lessonFile(args.lesson);
  const loaded = loadLesson(file);
  const { prepared } = prepareLessonFile(loaded);
  const conditions = prepared.conditions.map((c) => c.name);
  const condition = args.condition === undefined ? 0 : conditions.indexOf(args.condition);
  if (condition < 0) throw new InputError(`--condition ${args.condition}: lesson ${loaded.lesson.id} has ${conditions.map((c) => `"${c}"`).join(', ')}`);
  const roundMonths = intOption('round-months', args.roundMonths, ...LIMITS.roundMonths) ?? 12;
  const tables = intOption('tables', args.tables, ...LIMITS.tables) ?? 3;
  const seconds = intOption('seconds', args.seconds, 5, 3600) ?? 60;
  const modelRuns = intOption('model-runs', args.modelRuns, 2, 100) ?? 2;
  const port = intOption('port', args.port, 0, 65535) ?? 8090;
  const seed = seedOption(args.seed) ?? loaded.lesson.runs.seed;
  if (maxRounds(prepared, roundMonths) < 1) throw new InputError(`--round-months ${roundMonths}: lesson ${loaded.lesson.id}'s world is too short for one round`);

  // The default folder goes through planOutput too (its name, to the millisecond, is the
  // classroom's own), so an existing one is refused as before rather than removed below.
  const defaultOut = join('runs', `classroom-${loaded.lesson.id}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const out = planOutput(args.out ?? defaultOut, args.force, 'classroom', loaded.lesson.id, SESSION_OR_VRAEM_FOLDER).target;

  const game = new ClassroomGame(prepared, { condition, seed, tables, roundMonths });
  const room = new Room(game, seconds);
  // Listen before measuring: a port in use or an address not on this machine is said at once, not
  // after a minute of measuring, and leaves nothing on disk (the folder is made once listening).
  const { server, wss, url } = await listen(room, args.host, port);
  process.stdout.write(`measuring the model's payoff matrix (${modelRuns} runs of each profile)…\n`);
  const model = runLesson(prepared, { replicates: modelRuns, seed }).conditions[condition];
  // A bundled lesson by its id; a lesson file by its path from the session's folder, which is
  // where a replay looks for it (an id alone named no file: such a session could not be replayed).
  const session: SessionLine = { type: 'session', version: VERSION, lesson: isBundled(loaded.lesson.id, file) ? loaded.lesson.id : relative(out, file), lessonSha256: sha256(readFileSync(file)), condition, seed, tables, roundMonths };
  // --force replaces the folder: the new session's log must not be appended to an old session's
  // (a replay reads the first session line, and would replay the old session's rounds).
  if (existsSync(out)) rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  room.open(out, session, matrixView(model.game, null));
  const teacherUrl = `${url}teacher#key=${room.key}`;
  process.stdout.write(`classroom: ${loaded.lesson.title} (${conditions[condition]}), ${tables} tables × ${game.players.length} seats, ${room.game.roundsLeft} rounds of ${roundMonths} months\n`);
  process.stdout.write(`teacher's page: ${teacherUrl}\nstudents open ${room.studentUrl} and type the code ${room.code}\nsession log: ${shownPath(join(out, 'session.jsonl'))} (Ctrl-C ends the session)\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      room.end();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.close(() => done());
      server.closeAllConnections();
    };
    room.onEnd = () => setTimeout(stop, 200);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  finished(out, undefined);
}

/** Whether `file` is the bundled lesson `id`. */
function isBundled(id: string, file: string): boolean {
  try {
    return lessonFile(id) === file;
  } catch {
    return false;
  }
}

/** A classroom's `--out`: `--force` may replace a vraem folder or an earlier session's. */
const SESSION_OR_VRAEM_FOLDER: Replaceable = { may: (dir) => replaceable(dir) || sessionFolder(dir), holds: 'session.jsonl or vraem manifest.json' };

/** An earlier session's folder (its log starts with a session line): `--force` may replace it. */
function sessionFolder(dir: string): boolean {
  try {
    const first = readFileSync(join(dir, 'session.jsonl'), 'utf8').split('\n', 1)[0];
    return (JSON.parse(first) as { type?: unknown } | null)?.type === 'session';
  } catch {
    return false;
  }
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** A seat: one player of one table. */
interface Seat {
  table: number;
  player: number;
  token: string | null;
  sockets: Set<WebSocket>;
  chosen: number | null;
  last: number;
}

/** The live session: seats, phase, round timer, log and the sockets. */
class Room {
  readonly key = randomBytes(12).toString('base64url');
  readonly code = String(randomInt(1000, 10000));
  studentUrl = '';
  onEnd: () => void = () => undefined;
  private phase: Phase = 'lobby';
  private readonly seats: Seat[] = [];
  private readonly teachers = new Set<WebSocket>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private deadline = 0;
  private remaining = 0;
  private log: number | null = null;
  private out = '';
  private model: MatrixView | null = null;
  private ended = false;

  constructor(
    readonly game: ClassroomGame,
    private seconds: number,
  ) {
    for (let t = 0; t < game.config.tables; t++) for (let p = 0; p < game.players.length; p++) this.seats.push({ table: t, player: p, token: null, sockets: new Set(), chosen: null, last: 0 });
  }

  /** Whether the session has opened (its log started, the model's matrix measured). */
  get ready(): boolean {
    return this.log !== null;
  }

  /** Open the session: its log's first line, and the model's matrix the teacher's page shows. */
  open(out: string, session: SessionLine, model: MatrixView): void {
    this.out = out;
    this.model = model;
    this.log = openSync(join(out, 'session.jsonl'), 'a');
    this.write(session);
  }

  /** Append a line to the session log and flush it to disk (nothing before the session opens). */
  private write(line: object): void {
    if (this.log === null) return;
    writeSync(this.log, JSON.stringify(line) + '\n');
    fsyncSync(this.log);
  }

  refuse(ws: WebSocket, reason: string): void {
    this.write({ type: 'refused', reason, at: new Date().toISOString() });
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ t: 'error', message: reason }));
  }

  /** Handle one text message from a socket. */
  receive(ws: WebSocket, text: string): void {
    let m: ClientMessage;
    try {
      m = JSON.parse(text) as ClientMessage;
    } catch {
      return this.refuse(ws, 'malformed message (not JSON)');
    }
    if (!m || typeof m !== 'object' || typeof (m as { t?: unknown }).t !== 'string') return this.refuse(ws, 'malformed message (no type)');
    switch (m.t) {
      case 'join': {
        if (typeof m.code !== 'string' || m.code !== this.code) return this.refuse(ws, 'wrong join code');
        const seat = this.seats.find((s) => s.token === null);
        if (!seat) return this.refuse(ws, 'every seat is taken');
        seat.token = randomBytes(16).toString('base64url');
        seat.sockets.add(ws);
        break;
      }
      case 'rejoin': {
        const seat = typeof m.token === 'string' ? this.seats.find((s) => s.token === m.token) : undefined;
        if (!seat) return this.refuse(ws, 'no seat holds this token');
        for (const s of this.seats) s.sockets.delete(ws);
        seat.sockets.add(ws);
        break;
      }
      case 'choose': {
        const seat = typeof m.token === 'string' ? this.seats.find((s) => s.token === m.token) : undefined;
        if (!seat) return this.refuse(ws, 'no seat holds this token');
        if (!seat.sockets.has(ws)) return this.refuse(ws, 'this connection does not hold that seat');
        const n = this.game.players[seat.player].strategies.length;
        if (!Number.isInteger(m.strategy) || m.strategy < 0 || m.strategy >= n) return this.refuse(ws, `no strategy ${JSON.stringify(m.strategy)} for ${this.game.players[seat.player].name}`);
        if (this.phase !== 'open') return this.refuse(ws, 'no round is open');
        seat.chosen = m.strategy;
        if (this.seats.every((s) => s.token === null || s.chosen !== null)) return this.closeRound();
        break;
      }
      case 'teacher':
      case 'start':
      case 'pause':
      case 'resume':
      case 'close':
      case 'end': {
        if (typeof m.key !== 'string' || m.key !== this.key) return this.refuse(ws, 'wrong teacher key');
        if (m.t === 'teacher') this.teachers.add(ws);
        else if (m.t === 'start') {
          if (this.phase !== 'lobby' || this.game.roundsLeft < 1) return this.refuse(ws, 'a round can start only between rounds');
          if (m.seconds !== undefined && !(Number.isInteger(m.seconds) && m.seconds >= 5 && m.seconds <= 3600)) return this.refuse(ws, 'seconds must be a whole number from 5 to 3600');
          this.seconds = m.seconds ?? this.seconds;
          this.phase = 'open';
          this.arm(this.seconds * 1000);
        } else if (m.t === 'pause') {
          if (this.phase !== 'open') return this.refuse(ws, 'no round is open');
          this.remaining = Math.max(0, this.deadline - Date.now());
          this.disarm();
          this.phase = 'paused';
        } else if (m.t === 'resume') {
          if (this.phase !== 'paused') return this.refuse(ws, 'the round is not paused');
          this.phase = 'open';
          this.arm(this.remaining);
        } else if (m.t === 'close') {
          if (this.phase !== 'open' && this.phase !== 'paused') return this.refuse(ws, 'no round is open');
          return this.closeRound();
        } else this.end();
        break;
      }
      default:
        return this.refuse(ws, `unknown message type ${JSON.stringify((m as { t: unknown }).t).slice(0, 40)}`);
    }
    this.broadcast();
  }

  private arm(ms: number): void {
    this.disarm();
    this.deadline = Date.now() + ms;
    this.timer = setTimeout(() => this.closeRound(), ms);
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Close the open round: silent seats repeat their last choice; play it; log it. */
  private closeRound(): void {
    this.disarm();
    const { tables } = this.game.config;
    const nP = this.game.players.length;
    const choices = Array.from({ length: tables }, () => new Array<number>(nP).fill(0));
    const answered = Array.from({ length: tables }, () => new Array<boolean>(nP).fill(false));
    for (const s of this.seats) {
      choices[s.table][s.player] = s.chosen ?? s.last;
      answered[s.table][s.player] = s.chosen !== null;
    }
    this.game.playRound(choices);
    const line: RoundLine = { type: 'round', round: this.game.rounds.length, choices, answered };
    this.write(line);
    for (const s of this.seats) {
      s.last = choices[s.table][s.player];
      s.chosen = null;
    }
    this.phase = this.game.roundsLeft > 0 ? 'lobby' : 'done';
    this.broadcast();
    if (this.phase === 'done') this.end();
  }

  /** End the session (once): the log's last line, everyone told. */
  end(): void {
    if (this.ended || this.log === null) return;
    this.ended = true;
    this.disarm();
    this.phase = 'done';
    this.write({ type: 'end', rounds: this.game.rounds.length, at: new Date().toISOString() });
    closeSync(this.log);
    // The worlds' series once, at the end (a crash loses nothing: --replay rebuilds it from the log).
    writeSeries(this.out, this.game);
    this.broadcast();
    this.onEnd();
  }

  drop(ws: WebSocket): void {
    this.teachers.delete(ws);
    for (const s of this.seats) s.sockets.delete(ws);
    if (!this.ended) this.broadcast();
  }

  private secondsLeft(): number {
    if (this.phase === 'open') return Math.max(0, Math.ceil((this.deadline - Date.now()) / 1000));
    if (this.phase === 'paused') return Math.ceil(this.remaining / 1000);
    return 0;
  }

  private studentState(s: Seat): StudentState {
    const { lesson } = this.game.prepared;
    const pl = lesson.players[s.player];
    const acc = this.game.account(s.table, s.player);
    const lastRound = this.game.rounds.at(-1);
    const others = lastRound ? lesson.players.map((q, i) => (i === s.player ? null : `${q.name} played ${q.strategies[lastRound.choices[s.table][i]].name}`)).filter(Boolean).join(', ') : '';
    return {
      t: 'student',
      token: s.token!,
      table: s.table,
      role: { name: pl.name, payoff: pl.payoff.describe ?? 'the lesson’s payoff', unit: pl.payoff.unit, strategies: pl.strategies.map((x) => x.name) },
      situation: `${lesson.question} ${lesson.setting}`,
      phase: this.phase,
      round: this.game.rounds.length,
      roundsLeft: this.game.roundsLeft,
      secondsLeft: this.secondsLeft(),
      chosen: s.chosen,
      last: acc.last && lastRound ? { round: lastRound.round, strategy: acc.last.strategy, payoff: acc.last.payoff, others } : null,
      total: acc.total,
    };
  }

  private teacherState(): TeacherState {
    const { lesson, conditions } = this.game.prepared;
    const { game: cls, played } = this.game.classMatrix();
    const nP = this.game.players.length;
    return {
      t: 'teacher',
      code: this.code,
      lesson: {
        id: lesson.id,
        title: lesson.title,
        concept: lesson.concept,
        question: lesson.question,
        condition: conditions[this.game.config.condition].name,
        debrief: lesson.claims.map((c) => c.claim),
      },
      phase: this.phase,
      round: this.game.rounds.length,
      roundsLeft: this.game.roundsLeft,
      secondsLeft: this.secondsLeft(),
      seats: this.seats.map((s) => ({ table: s.table, role: this.game.players[s.player].name, taken: s.token !== null, connected: s.sockets.size > 0, chosen: s.chosen !== null, total: this.game.account(s.table, s.player).total })),
      history: this.game.rounds.map((r) => ({ round: r.round, months: r.months, payoffs: Array.from({ length: nP }, (_, p) => r.payoffs.reduce((a, t) => a + t[p], 0) / r.payoffs.length) })),
      units: lesson.players.map((p) => p.payoff.unit),
      classMatrix: matrixView(cls, played),
      modelMatrix: this.model!,
      studentUrl: this.studentUrl,
    };
  }

  broadcast(): void {
    for (const s of this.seats) {
      if (!s.token || s.sockets.size === 0) continue;
      const text = JSON.stringify(this.studentState(s));
      for (const ws of s.sockets) if (ws.readyState === ws.OPEN) ws.send(text);
    }
    if (this.teachers.size) {
      const text = JSON.stringify(this.teacherState());
      for (const ws of this.teachers) if (ws.readyState === ws.OPEN) ws.send(text);
    }
  }
}

/** A payoff matrix for the pages, with its pure equilibria (only when every profile was played). */
function matrixView(game: NormalFormGame, played: number[] | null): MatrixView {
  const count = profileCount(game);
  const complete = played === null || played.every((n) => n > 0);
  const eqs = complete ? analyzeGame(game).pure : [];
  const profiles = Array.from({ length: count }, (_, k) => {
    const profile = profileAt(game, k);
    const n = played ? played[k] : (game.payoffs[k][0].n ?? 0);
    return {
      labels: profile.map((s, p) => game.players[p].strategies[s]),
      payoffs: game.payoffs[k].map((s) => (Number.isFinite(s.mean) ? s.mean : null)),
      n,
      equilibrium: eqs.some((e) => e.profile.every((s, p) => s === profile[p])),
    };
  });
  const missing = played ? played.filter((n) => n === 0).length : 0;
  const equilibria = !complete
    ? `${missing} of ${count} profiles not played yet: the class's equilibrium needs them all.`
    : eqs.length
      ? `Pure Nash equilibri${eqs.length > 1 ? 'a' : 'um'}: ${eqs.map((e) => `${e.labels.join(' / ')} (${e.verdict})`).join('; ')}.`
      : 'No pure Nash equilibrium.';
  return { players: game.players.map((p) => p.name), profiles, equilibria };
}

/** Rewrite `series.csv` of the session so far (the tables as runs), atomically. */
function writeSeries(out: string, game: ClassroomGame): void {
  const tmp = join(out, '.series.csv.tmp');
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, SERIES_HEADER + '\n');
    for (const r of game.results()) writeSync(fd, seriesRows(r));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(out, 'series.csv'));
}

/** Start the HTTP and WebSocket server on host:port. */
async function listen(room: Room, host: string, port: number): Promise<{ server: Server; wss: WebSocketServer; url: string }> {
  const assets = await classroomAssets();
  const server = createServer((req, res) => {
    let path = '';
    try {
      path = (req.url ?? '/').length > 2048 ? '' : new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      path = '';
    }
    const asset = req.method === 'GET' || req.method === 'HEAD' ? assets.get(path) : undefined;
    if (!asset) return void res.writeHead(req.method === 'GET' || req.method === 'HEAD' ? 404 : 405, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(req.method === 'HEAD' ? undefined : asset.body);
  });
  server.on('clientError', (_e, socket) => socket.writable && socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
  const wss = new WebSocketServer({ server, path: '/ws', maxPayload: MAX_MESSAGE });
  // The server's 'error' (a port in use) reaches the WebSocketServer too, which throws it when
  // nobody listens: the server's own listener below turns it into the message.
  wss.on('error', () => undefined);
  wss.on('connection', (ws) => {
    if (wss.clients.size > MAX_CONNECTIONS) return void ws.close(1013, 'too many connections');
    if (!room.ready) return void ws.close(1013, 'the session is starting: reload the page in a minute');
    let window = Date.now();
    let count = 0;
    ws.on('message', (data, isBinary) => {
      const now = Date.now();
      if (now - window >= 1000) {
        window = now;
        count = 0;
      }
      if (++count > MESSAGES_PER_SECOND) return room.refuse(ws, 'too many messages');
      if (isBinary) return room.refuse(ws, 'binary messages are not accepted');
      room.receive(ws, data.toString());
    });
    // ws closes a socket that sends more than maxPayload (code 1009): log it, the session goes on.
    ws.on('error', (e) => room.refuse(ws, `connection error: ${e.message.slice(0, 80)}`));
    ws.on('close', () => room.drop(ws));
  });
  return new Promise((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      fail(
        new InputError(
          e.code === 'EADDRINUSE'
            ? `--port ${port}: the port is in use; choose another (or 0 for any free port)`
            : e.code === 'EACCES'
              ? `--port ${port}: this user may not listen on it (ports below 1024 need administrator rights); choose one above 1023`
              : e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN'
                ? `--host ${host}: not an address of this machine (127.0.0.1: this machine only; 0.0.0.0: every interface)`
                : `cannot listen on ${host}:${port}: ${e.message}`,
        ),
      ),
    );
    server.listen(port, host, () => {
      const a = server.address();
      const p = typeof a === 'object' && a ? a.port : port;
      const shown = host === '0.0.0.0' || host === '::' ? lanAddress() : host.includes(':') ? `[${host}]` : host;
      room.studentUrl = `http://${shown}:${p}/`;
      ok({ server, wss, url: `http://${host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host}:${p}/` });
    });
  });
}

/** The machine's first non-internal IPv4 address (what students on the network type). */
function lanAddress(): string {
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return '127.0.0.1';
}

/** Limits of a session, shared by the live command's options and the replay's check of a log. */
const LIMITS = { tables: [1, 50], roundMonths: [1, 120], seed: [0, 2 ** 32 - 1] } as const;

/**
 * A session log read and checked before anything runs: its first line must be the session line
 * of this vraem version, and every field the replay uses must be what the live session writes.
 * Each problem names the log, the line and the field's path (a tampered or damaged log is bad
 * input: exit 2, nothing written). A last line cut by a crash mid-write is dropped, as the live
 * session would have lost that round.
 */
function readSessionLog(log: string, shown: string): { session: SessionLine; file: string; prepared: PreparedLesson; rounds: number[][][] } {
  if (!existsSync(log) || !statSync(log).isFile()) throw new InputError(`${shown}: no such session log`);
  if (statSync(log).size > FILE_LIMITS.maxBytes) throw new InputError(`${shown}: over the size limit for a session log`);
  const lines = readFileSync(log, 'utf8').split('\n');
  const parsed = lines.map((text, i) => {
    if (!text.trim()) return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // The last line may be cut by a crash mid-write: everything before it stands.
      if (i >= lines.length - 2) return null;
      throw new InputError(`${shown}:${i + 1}: not a JSON line`);
    }
  });
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const head = parsed[0];
  if (!isObject(head) || head.type !== 'session') throw new InputError(`${shown}:1: not a vraem session log (its first line is not a whole session line)`);
  const at = (field: string, expected: string) => new InputError(`${shown}:1: session.${field}: expected ${expected}, got ${JSON.stringify(head[field]) ?? 'nothing'}`);
  if (head.version !== VERSION) throw new InputError(`${shown}:1: session.version: the log was written by vraem ${JSON.stringify(head.version)}; replaying needs the same version (this is ${VERSION}) to rebuild its worlds exactly`);
  if (typeof head.lesson !== 'string' || head.lesson === '') throw at('lesson', 'a lesson id or file');
  if (typeof head.lessonSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(head.lessonSha256)) throw at('lessonSha256', 'a SHA-256 in hex');
  const whole = (field: keyof typeof LIMITS) => {
    const [min, max] = LIMITS[field];
    const v = head[field];
    if (!(typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max)) throw at(field, `a whole number from ${min} to ${max}`);
    return v;
  };
  const seed = whole('seed');
  const tables = whole('tables');
  const roundMonths = whole('roundMonths');
  let file: string;
  try {
    // A lesson file is named from the log's folder (see classroomCommand); a bundled lesson by id.
    file = /\.ya?ml$/.test(head.lesson) || head.lesson.includes('/') ? resolve(dirname(log), head.lesson) : lessonFile(head.lesson);
  } catch (e) {
    throw e instanceof InputError ? new InputError(`${shown}:1: session.lesson: ${e.problems.join('; ')}`) : e;
  }
  if (!existsSync(file)) throw new InputError(`${shown}:1: session.lesson: no lesson file ${shownPath(file)}`);
  if (sha256(readFileSync(file)) !== head.lessonSha256) throw new InputError(`${shown}:1: the lesson file ${shownPath(file)} has changed since the session (its SHA-256 differs)`);
  const { prepared } = prepareLessonFile(loadLesson(file));
  const { players } = prepared.lesson;
  const condition = head.condition;
  if (!(typeof condition === 'number' && Number.isInteger(condition) && condition >= 0 && condition < prepared.conditions.length)) throw at('condition', `a condition of lesson ${prepared.lesson.id} (0 to ${prepared.conditions.length - 1})`);
  if (maxRounds(prepared, roundMonths) < 1) throw at('roundMonths', `rounds short enough for lesson ${prepared.lesson.id}'s world`);
  const session: SessionLine = { type: 'session', version: VERSION, lesson: head.lesson, lessonSha256: head.lessonSha256, condition, seed, tables, roundMonths };
  const rounds: number[][][] = [];
  parsed.forEach((l, i) => {
    if (!isObject(l) || l.type !== 'round') return;
    const where = `${shown}:${i + 1}`;
    if (l.round !== rounds.length + 1) throw new InputError(`${where}: round.round: expected ${rounds.length + 1} (rounds in order), got ${JSON.stringify(l.round) ?? 'nothing'}`);
    if (rounds.length >= maxRounds(prepared, roundMonths)) throw new InputError(`${where}: round ${rounds.length + 1}: the lesson's world has room for ${maxRounds(prepared, roundMonths)} rounds of ${roundMonths} months`);
    const c = l.choices;
    if (!Array.isArray(c) || c.length !== tables) throw new InputError(`${where}: round.choices: expected one row per table (${tables}), got ${JSON.stringify(c)?.slice(0, 60) ?? 'nothing'}`);
    c.forEach((row: unknown, t) => {
      if (!Array.isArray(row) || row.length !== players.length) throw new InputError(`${where}: round.choices[${t}]: expected one choice per player (${players.length}), got ${JSON.stringify(row)?.slice(0, 60) ?? 'nothing'}`);
      row.forEach((s: unknown, p) => {
        const n = players[p].strategies.length;
        if (!(typeof s === 'number' && Number.isInteger(s) && s >= 0 && s < n)) throw new InputError(`${where}: round.choices[${t}][${p}]: expected a strategy of ${players[p].name} (0 to ${n - 1}), got ${JSON.stringify(s)?.slice(0, 40) ?? 'nothing'}`);
      });
    });
    rounds.push(c as number[][]);
  });
  return { session, file, prepared: prepared as PreparedLesson, rounds };
}

/** `vraem classroom --replay <log>`: the session's worlds again from its log, to series.csv. */
async function replay(args: ClassroomArgs): Promise<void> {
  const log = resolve(String(args.replay));
  const { session, prepared, rounds } = readSessionLog(log, shownPath(log));
  const game = new ClassroomGame(prepared, { condition: session.condition, seed: session.seed, tables: session.tables, roundMonths: session.roundMonths });
  for (const choices of rounds) game.playRound(choices);
  const plan = planOutput(args.out, args.force, 'classroom-replay', prepared.lesson.id);
  const path = await writeOutput(plan, async (out) => {
    const series = out.open('series.csv');
    series.write(SERIES_HEADER + '\n');
    for (const r of game.results()) series.write(seriesRows(r));
    series.close();
    out.writeFile('manifest.json', JSON.stringify({ createdBy: 'vraem', command: 'classroom --replay', version: VERSION, session, rounds: game.rounds.length }, null, 2) + '\n');
  });
  process.stdout.write(`replayed ${game.rounds.length} rounds of ${prepared.lesson.id} (${session.tables} tables)\n`);
  finished(path, undefined);
}
