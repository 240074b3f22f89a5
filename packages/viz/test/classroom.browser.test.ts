/**
 * A classroom session in real browsers (issue 20): `vraem classroom` serves the protection-racket
 * lesson on loopback; one teacher page and six student pages (headless Chromium, the students'
 * at phone size) play five rounds; the teacher's page shows the class's own payoff matrix beside
 * the model's; the session log replays to a byte-identical series.csv. With
 * VRAEM_CLASSROOM_SCREENSHOTS=<dir> it also saves the two pages' screenshots (for docs/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browserCheck.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = join(ROOT, 'packages/cli/src/main.ts');
const TSX = import.meta.resolve('tsx');
const SHOTS = process.env.VRAEM_CLASSROOM_SCREENSHOTS;

describe('a classroom session in the browser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vraem-test-'));
  const out = join(dir, 'session');
  let child: ChildProcess;
  let browser: Browser;
  let base = '';
  let key = '';
  let code = '';

  beforeAll(async () => {
    child = spawn(process.execPath, ['--import', TSX, MAIN, 'classroom', '--port', '0', '--tables', '3', '--round-months', '12', '--model-runs', '2', '--out', out], { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0' } });
    let text = '';
    child.stdout!.on('data', (d) => (text += d));
    child.stderr!.on('data', (d) => (text += d));
    browser = await launchChromium();
    for (let i = 0; i < 1500 && !/type the code/.test(text); i++) await new Promise((r) => setTimeout(r, 100));
    const m = /teacher's page: (http:\/\/[^/]+)\/teacher#key=(\S+)[\s\S]*type the code (\d+)/.exec(text);
    if (!m) throw new Error(`the classroom did not start: ${text}`);
    [base, key, code] = [m[1], m[2], m[3]];
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      await new Promise((r) => child.on('close', r));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('one teacher and six students play five rounds; the class matrix shows; the log replays byte for byte', async () => {
    const errors: string[] = [];
    const watch = (p: Page) => {
      p.on('pageerror', (e) => errors.push(String(e)));
      p.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    };
    const teacherCtx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const teacher = await teacherCtx.newPage();
    watch(teacher);
    await teacher.goto(`${base}/teacher#key=${key}`);
    await teacher.locator('#code').filter({ hasText: code }).waitFor();

    const students: Page[] = [];
    for (let i = 0; i < 6; i++) {
      const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      const p = await ctx.newPage();
      watch(p);
      await p.goto(`${base}/`);
      await p.fill('#code', code);
      await p.click('button[type=submit]');
      await p.locator('#seat').waitFor({ state: 'visible' });
      students.push(p);
    }
    await teacher.locator('#seats li.on').nth(5).waitFor();
    const roles = await Promise.all(students.map((p) => p.locator('#role').textContent()));
    expect(roles.filter((r) => r?.includes('SL')).length).toBe(3);
    expect(roles.filter((r) => r?.includes('firmas')).length).toBe(3);

    for (let round = 1; round <= 5; round++) {
      await teacher.click('#start');
      for (const [i, p] of students.entries()) {
        const buttons = p.locator('#choices button');
        await buttons.first().waitFor();
        await p.waitForFunction(() => !(document.querySelector('#choices button') as HTMLButtonElement).disabled);
        // Seats fill in join order (table 0's SL, its firmas, table 1's SL...): table t plays
        // profile (round + t) mod 4, so the class tries every profile.
        const profile = (round + Math.floor(i / 2)) % 4;
        await buttons.nth(i % 2 === 0 ? profile >> 1 : profile & 1).click();
      }
      await teacher.locator('#phase').filter({ hasText: `${round} rounds played` }).waitFor({ timeout: 60_000 });
      for (const p of students) await p.locator('#last').filter({ hasText: `Last round (${round})` }).waitFor();
    }
    if (SHOTS) {
      await teacher.screenshot({ path: join(SHOTS, 'classroom-teacher.png'), fullPage: true });
      await students[0].screenshot({ path: join(SHOTS, 'classroom-student.png'), fullPage: true });
    }
    const cls = teacher.locator('#class-matrix table tbody tr');
    expect(await cls.count()).toBe(4);
    const cells = await teacher.locator('#class-matrix table tbody td').allTextContents();
    expect(cells.filter((c) => c === '—')).toEqual([]); // every profile played
    expect(await teacher.locator('#class-eq').textContent()).toMatch(/equilibri/i);
    expect(await teacher.locator('#model-matrix table tbody tr').count()).toBe(4);
    expect(await teacher.locator('#model-eq').textContent()).toMatch(/equilibri/i);
    expect(await teacher.locator('#debrief li').count()).toBeGreaterThan(0);

    // Before the session ends: afterwards the pages' reconnect attempts fail, as they should.
    expect(errors, errors.join("\n")).toEqual([]);
    await teacher.click('#end');
    await new Promise((r) => child.on('close', r));
    const r = spawnSync(process.execPath, ['--import', TSX, MAIN, 'classroom', '--replay', join(out, 'session.jsonl'), '--out', join(dir, 'replay')], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'replay', 'series.csv')).equals(readFileSync(join(out, 'series.csv')))).toBe(true);
    const rounds = readFileSync(join(out, 'session.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"type":"round"'));
    expect(rounds.length).toBe(5);
  }, 300_000);
});
