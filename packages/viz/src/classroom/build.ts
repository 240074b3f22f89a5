/**
 * The classroom's two pages and their assets, built in memory for `vraem classroom` to serve:
 * `/` (the students' page, made for a phone), `/teacher` (the teacher's page, made for a
 * projector), their scripts (bundled by esbuild, chart.js included) and one stylesheet. Nothing
 * remote: the session runs on a local network without internet.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));

/** A served asset: its content type and body. */
export interface Asset {
  type: string;
  body: string;
}

async function bundle(entry: string): Promise<string> {
  const out = await build({ entryPoints: [join(HERE, entry)], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', minify: true, legalComments: 'none', logLevel: 'silent' });
  return out.outputFiles[0].text;
}

const CSS = `
:root { font-family: system-ui, sans-serif; color: #1d2733; background: #f7f8fa; }
body { margin: 0 auto; padding: 1rem; max-width: 72rem; line-height: 1.4; }
h1 { font-size: 1.6rem; margin: 0.2rem 0 0.6rem; }
h2 { font-size: 1.2rem; margin: 1rem 0 0.4rem; }
button { font: inherit; font-size: 1.1rem; padding: 0.7rem 1.1rem; margin: 0.25rem 0.4rem 0.25rem 0; border-radius: 0.4rem; border: 1px solid #8795a8; background: #fff; cursor: pointer; }
button.chosen { background: #1b6ca8; color: #fff; border-color: #1b6ca8; }
button:disabled { opacity: 0.5; cursor: default; }
input { font: inherit; font-size: 1.3rem; padding: 0.5rem; width: 8ch; }
.big { font-size: 3rem; font-weight: 700; letter-spacing: 0.1em; }
.error { color: #b00020; min-height: 1.2em; }
.muted { color: #556; }
table { border-collapse: collapse; margin: 0.4rem 0; }
td { border: 1px solid #ccd3dd; padding: 0.3rem 0.6rem; text-align: right; }
td:first-child { text-align: left; }
thead td { font-weight: 600; background: #eef1f5; }
tr.eq td { background: #fff6d6; }
#seats { list-style: none; padding: 0; columns: 2; }
#seats li.on::before { content: '● '; color: #27ae60; }
#seats li.away::before { content: '● '; color: #e67e22; }
#seats li.free::before { content: '○ '; color: #999; }
.row { display: flex; flex-wrap: wrap; gap: 1.5rem; }
.row > section { flex: 1 1 22rem; min-width: 0; }
.chart { position: relative; height: 18rem; }
@media (max-width: 40rem) { body { padding: 0.6rem; } button { width: 100%; } #seats { columns: 1; } }
`;

const page = (title: string, body: string, script: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/classroom.css"></head>
<body>${body}<script src="/${script}"></script></body></html>
`;

const STUDENT = page(
  'vraem classroom',
  `<main>
<h1>vraem classroom</h1>
<form id="join-form"><section id="join"><p>Type the code on the teacher's screen:</p>
<input id="code" inputmode="numeric" autocomplete="off" aria-label="join code"> <button type="submit">Join</button></section></form>
<p id="error" class="error" role="alert"></p>
<section id="seat" hidden>
<h2 id="role"></h2>
<p id="situation"></p>
<p id="paid" class="muted"></p>
<p id="round"></p><p class="big" id="clock" aria-live="polite"></p>
<div id="choices"></div>
<h2>Your payoff so far: <span id="total"></span> <span id="unit" class="muted"></span></h2>
<p id="last"></p>
</section>
<p class="muted">Connection: <span id="status">connecting…</span></p>
</main>`,
  'student.js',
);

const TEACHER = page(
  'vraem classroom — teacher',
  `<main>
<h1 id="title"></h1>
<p id="question"></p>
<div class="row">
<section><p>Students open <strong id="url"></strong> and type</p><p class="big" id="code"></p></section>
<section><h2>Round</h2><p id="phase"></p><p class="big" id="clock"></p>
<label>seconds to choose <input id="seconds" type="number" min="5" max="3600" value="60"></label><br>
<button id="start">Start round</button><button id="pause">Pause</button><button id="resume">Resume</button><button id="close">End round now</button><button id="end">End session</button>
<p id="error" class="error" role="alert"></p></section>
</div>
<h2>Seats</h2><ul id="seats"></ul>
<h2>Payoffs round by round (mean over the tables)</h2><div class="chart"><canvas id="chart" aria-label="payoffs by round"></canvas></div>
<div class="row">
<section><h2>The class's payoff matrix</h2><div id="class-matrix"></div><p id="class-eq"></p></section>
<section><h2>The model's payoff matrix</h2><div id="model-matrix"><p class="muted">being measured…</p></div><p id="model-eq"></p></section>
</div>
<h2>Debrief</h2><ul id="debrief"></ul>
</main>`,
  'teacher.js',
);

/** The classroom's assets by request path. */
export async function classroomAssets(): Promise<Map<string, Asset>> {
  const [student, teacher] = await Promise.all([bundle('student.ts'), bundle('teacher.ts')]);
  const html = 'text/html; charset=utf-8';
  const js = 'text/javascript; charset=utf-8';
  return new Map<string, Asset>([
    ['/', { type: html, body: STUDENT }],
    ['/teacher', { type: html, body: TEACHER }],
    ['/student.js', { type: js, body: student }],
    ['/teacher.js', { type: js, body: teacher }],
    ['/classroom.css', { type: 'text/css; charset=utf-8', body: CSS }],
  ]);
}
