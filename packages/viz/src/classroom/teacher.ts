/**
 * The teacher's page of a classroom session: the join code and the students' address, the seats
 * and who holds them, start / pause / resume / end-round / end-session, a live chart of each
 * role's payoff round by round, and — as the session goes and after it — the class's own payoff
 * matrix (measured from the rounds it played) beside the model's, with their equilibria and the
 * lesson's debrief. The teacher's key comes in the page's address (#key=...), printed by
 * `vraem classroom`; students never see it.
 */
import { Chart, LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip } from 'chart.js';
import type { MatrixView, ServerMessage, TeacherMessage, TeacherState } from './protocol.ts';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

const $ = (id: string) => document.getElementById(id)!;
const key = new URLSearchParams(location.hash.slice(1)).get('key') ?? '';
const COLORS = ['#1b6ca8', '#c0392b', '#27ae60', '#8e44ad'];
const DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3]];
let ws: WebSocket | null = null;
let chart: Chart | null = null;
let tick: ReturnType<typeof setInterval> | null = null;

const fmt = (x: number | null) => (x === null ? '—' : Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : x.toFixed(Math.abs(x) >= 10 ? 0 : 2));

function send(m: TeacherMessage): void {
  if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
}

function matrixTable(m: MatrixView, units: string[]): HTMLTableElement {
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const h of ['profile', ...m.players.map((p, i) => `${p} (${units[i] ?? ''})`), 'rounds × tables']) head.insertCell().textContent = h;
  const body = table.createTBody();
  for (const p of m.profiles) {
    const r = body.insertRow();
    if (p.equilibrium) r.className = 'eq';
    r.insertCell().textContent = p.labels.join(' / ') + (p.equilibrium ? ' ★' : '');
    for (const v of p.payoffs) r.insertCell().textContent = fmt(v);
    r.insertCell().textContent = String(p.n);
  }
  return table;
}

function draw(s: TeacherState): void {
  $('code').textContent = s.code;
  $('url').textContent = s.studentUrl;
  $('title').textContent = `${s.lesson.title} — ${s.lesson.concept}`;
  $('question').textContent = `${s.lesson.question} (${s.lesson.condition})`;
  $('phase').textContent = s.phase === 'done' ? `Session over after ${s.round} rounds.` : s.phase === 'lobby' ? `${s.round} rounds played, ${s.roundsLeft} left.` : `Round ${s.round + 1} ${s.phase === 'paused' ? 'paused' : 'open'}.`;
  ($('start') as HTMLButtonElement).disabled = s.phase !== 'lobby' || s.roundsLeft < 1;
  ($('pause') as HTMLButtonElement).disabled = s.phase !== 'open';
  ($('resume') as HTMLButtonElement).disabled = s.phase !== 'paused';
  ($('close') as HTMLButtonElement).disabled = s.phase !== 'open' && s.phase !== 'paused';
  ($('end') as HTMLButtonElement).disabled = s.phase === 'done';
  const seats = $('seats');
  seats.replaceChildren(
    ...s.seats.map((seat) => {
      const li = document.createElement('li');
      li.className = seat.connected ? 'on' : seat.taken ? 'away' : 'free';
      const mean = s.round ? ` · mean payoff ${fmt(seat.total / s.round)}` : '';
      li.textContent = `table ${seat.table + 1} · ${seat.role}: ${seat.taken ? (seat.connected ? 'here' : 'away') : 'free (the model plays)'}${seat.chosen ? ' ✓ chosen' : ''}${mean}`;
      return li;
    }),
  );
  $('class-matrix').replaceChildren(matrixTable(s.classMatrix, s.units));
  $('class-eq').textContent = s.classMatrix.equilibria;
  if (s.modelMatrix) {
    $('model-matrix').replaceChildren(matrixTable(s.modelMatrix, s.units));
    $('model-eq').textContent = s.modelMatrix.equilibria;
  }
  $('debrief').replaceChildren(...s.lesson.debrief.map((d) => Object.assign(document.createElement('li'), { textContent: d })));
  const labels = s.history.map((h) => `round ${h.round}`);
  const datasets = s.classMatrix.players.map((p, i) => ({
    label: `${p} (${s.units[i]})`,
    data: s.history.map((h) => h.payoffs[i]),
    borderColor: COLORS[i % COLORS.length],
    borderDash: DASHES[i % DASHES.length],
    backgroundColor: COLORS[i % COLORS.length],
    tension: 0,
  }));
  if (!chart) {
    chart = new Chart($('chart') as HTMLCanvasElement, {
      type: 'line',
      data: { labels, datasets },
      options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { labels: { font: { size: 16 } } } }, scales: { x: { ticks: { font: { size: 14 } } }, y: { ticks: { font: { size: 14 } }, title: { display: true, text: 'mean payoff per table and month' } } } },
    });
  } else {
    chart.data.labels = labels;
    chart.data.datasets = datasets;
    chart.update();
  }
  if (tick) clearInterval(tick);
  if (s.phase === 'open') {
    const end = Date.now() + s.secondsLeft * 1000;
    const show = () => ($('clock').textContent = `${Math.max(0, Math.ceil((end - Date.now()) / 1000))} s left`);
    show();
    tick = setInterval(show, 250);
  } else $('clock').textContent = '';
}

function connect(): void {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  ws = new WebSocket(`${proto}//${location.host}/ws`);
  ws.onopen = () => send({ t: 'teacher', key });
  ws.onmessage = (e) => {
    const m = JSON.parse(String(e.data)) as ServerMessage;
    if (m.t === 'teacher') draw(m);
    else if (m.t === 'error') $('error').textContent = m.message;
  };
  ws.onclose = () => setTimeout(connect, 1000);
}

$('start').onclick = () => send({ t: 'start', key, seconds: Number(($('seconds') as HTMLInputElement).value) || 60 });
$('pause').onclick = () => send({ t: 'pause', key });
$('resume').onclick = () => send({ t: 'resume', key });
$('close').onclick = () => send({ t: 'close', key });
$('end').onclick = () => send({ t: 'end', key });
connect();
