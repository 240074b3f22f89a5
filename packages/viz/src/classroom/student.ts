/**
 * The student's page of a classroom session: join with the code the teacher shows, then see the
 * role's situation, choose a strategy each round before the countdown ends, and read last round's
 * outcome and the running payoff. The seat's token is kept in the browser's storage, so a page
 * closed and opened again (or a dropped connection) gets the same seat back.
 */
import type { ServerMessage, StudentMessage, StudentState } from './protocol.ts';

const $ = (id: string) => document.getElementById(id)!;
const TOKEN = 'vraem-classroom-token';
let ws: WebSocket | null = null;
let state: StudentState | null = null;
let tick: ReturnType<typeof setInterval> | null = null;

const fmt = (x: number) => (Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : x.toFixed(Math.abs(x) >= 10 ? 0 : 2));

function send(m: StudentMessage): void {
  if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
}

function show(s: StudentState): void {
  state = s;
  $('join').hidden = true;
  $('seat').hidden = false;
  $('role').textContent = `You are ${s.role.name} (table ${s.table + 1})`;
  $('situation').textContent = s.situation;
  $('paid').textContent = `You are paid: ${s.role.payoff} (${s.role.unit}).`;
  $('round').textContent = s.phase === 'done' ? `The session is over after ${s.round} rounds.` : s.phase === 'lobby' ? (s.round ? `Round ${s.round} played. Waiting for the next round…` : 'Waiting for the teacher to start…') : `Round ${s.round + 1}${s.phase === 'paused' ? ' (paused)' : ''}: choose before the time is up.`;
  const choices = $('choices');
  choices.replaceChildren(
    ...s.role.strategies.map((name, i) => {
      const b = document.createElement('button');
      b.textContent = name;
      b.className = s.chosen === i ? 'chosen' : '';
      b.disabled = s.phase !== 'open';
      b.setAttribute('aria-pressed', String(s.chosen === i));
      b.onclick = () => send({ t: 'choose', token: s.token, strategy: i });
      return b;
    }),
  );
  $('last').textContent = s.last ? `Last round (${s.last.round}): you played ${s.role.strategies[s.last.strategy]}; ${s.last.others}. Your payoff: ${fmt(s.last.payoff)} ${s.role.unit}.` : 'No round played yet.';
  // Payoffs are the lesson's (e.g. USD a month): the running figure is their mean over the rounds.
  $('total').textContent = s.round ? fmt(s.total / s.round) : '—';
  $('unit').textContent = `${s.role.unit}, mean of ${s.round} round${s.round === 1 ? '' : 's'}`;
  countdown();
}

function countdown(): void {
  if (tick) clearInterval(tick);
  const s = state;
  if (!s || s.phase !== 'open') {
    $('clock').textContent = '';
    return;
  }
  const end = Date.now() + s.secondsLeft * 1000;
  const draw = () => ($('clock').textContent = `${Math.max(0, Math.ceil((end - Date.now()) / 1000))} s`);
  draw();
  tick = setInterval(draw, 250);
}

function connect(): void {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  ws = new WebSocket(`${proto}//${location.host}/ws`);
  ws.onopen = () => {
    $('status').textContent = 'connected';
    const token = localStorage.getItem(TOKEN);
    if (token) send({ t: 'rejoin', token });
  };
  ws.onmessage = (e) => {
    const m = JSON.parse(String(e.data)) as ServerMessage;
    if (m.t === 'student') {
      localStorage.setItem(TOKEN, m.token);
      show(m);
    } else if (m.t === 'error') {
      $('error').textContent = m.message;
      if (/seat/.test(m.message)) localStorage.removeItem(TOKEN);
    }
  };
  ws.onclose = () => {
    $('status').textContent = 'reconnecting…';
    setTimeout(connect, 1000);
  };
}

(document.getElementById('join-form') as HTMLFormElement).onsubmit = (e) => {
  e.preventDefault();
  $('error').textContent = '';
  send({ t: 'join', code: (document.getElementById('code') as HTMLInputElement).value.trim() });
};
connect();
