/**
 * `vraem compare A B` with and without `--ensemble` (issue 18), run for real at a small scale
 * (40 households an agent, 2004–2013 so the AD programme of 2012 has two years): the answer
 * first on the terminal and in summary.json; over a small ensemble made here (a test fixture of
 * three parameter sets, not a posterior), every member's runs with paired seeds, each effect
 * split into parameter uncertainty and chance, members.csv and monthly.csv; a damaged ensemble
 * refused with exit 2 naming the file. Then the report's first screen in Chromium at 1366×768:
 * the generated sentences and the relative-change table are there, and every number they show
 * is the one summary.json holds.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, type Figure, figureValue, formatFigure, unitsText } from '@vraem/sim-core';
import { launchChromium, openOffline } from '../../viz/test/browserCheck.ts';
import { tempDir, vraemAsync } from './helpers.ts';

type Browser = Awaited<ReturnType<typeof launchChromium>>;

const SMALL = ['--runs', '2', '--seed', '3', '--set', 'householdsPerAgent=40', '--set', 'months=120', '--workers', '2'];
const PAIR = ['scenarios/baseline.yaml', 'scenarios/alternative-development.yaml'];
const TARGETED = ['VRAEM – Apurímac valley', 'VRAEM – Ene river', 'VRAEM – Mantaro river', 'Alto Huallaga'];

/** A test ensemble folder (three hand-picked parameter sets) following the contract. */
function writeEnsemble(dir: string, csv: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ensemble.csv'), csv);
  const levers = csv.split('\n')[0].split(',').slice(2);
  const accepted = csv.trim().split('\n').length - 1;
  const sha256 = createHash('sha256').update(csv).digest('hex');
  writeFileSync(join(dir, 'ensemble.json'), JSON.stringify({ format: 'vraem-ensemble/1', scenario: 'baseline', levers, method: 'test fixture', seed: 1, accepted, command: 'hand-written', version: '0', sha256 }));
  return dir;
}
const CSV = 'member,weight,firmas.count,regions.vraem-ene.marketAccess\n0,0.25,4,0.25\n1,0.25,8,0.4\n2,0.5,12,0.15\n';

const root = tempDir('vraem-ensemble-');
const ens = writeEnsemble(join(root, 'ens'), CSV);
let plain: { code: number | null; stdout: string; stderr: string };
let ensemble: { code: number | null; stdout: string; stderr: string };
const plainDir = join(root, 'plain');
const ensDir = join(root, 'ensemble');

let oneWorker: { code: number | null; stderr: string };
const oneWorkerDir = join(root, 'ensemble-1-worker');

beforeAll(async () => {
  [plain, ensemble, oneWorker] = await Promise.all([
    vraemAsync(['compare', ...PAIR, ...SMALL, '--out', plainDir]),
    vraemAsync(['compare', ...PAIR, ...SMALL, '--ensemble', ens, '--out', ensDir]),
    vraemAsync(['compare', ...PAIR, ...SMALL.slice(0, -2), '--workers', '1', '--ensemble', ens, '--out', oneWorkerDir]),
  ]);
}, 600_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const json = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));

describe('compare: the answer first', () => {
  it('plain compare prints the sentences before the table and keeps today’s summary beside its answer', () => {
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toMatch(/^alternative-development \(B\) against baseline \(A\), over 2 paired runs/);
    expect(plain.stdout.indexOf('Peru’s coca:')).toBeLessThan(plain.stdout.indexOf('final year 2013-01..2013-12'));
    const s = json(plainDir);
    expect(s.metrics.coca_ha.PE.finalYear.diff.n).toBe(2);
    expect(s.answer.uncertainty).toBe('seeds');
    expect(s.answer.windows.programme.fromDate).toBe('2012-01');
    // The final-year effect in the answer is the paired difference of the classic summary.
    expect(s.answer.figures['coca_ha.PE.finalYear.diff'].mean).toBeCloseTo(s.metrics.coca_ha.PE.finalYear.diff.mean, 6);
  });

  it('--ensemble runs every member with paired seeds and splits each effect into parameters and chance', () => {
    expect(ensemble.code, ensemble.stderr).toBe(0);
    const s = json(ensDir);
    expect(s.kind).toBe('ensemble-compare');
    expect(s.uncertainty).toBe('ensemble');
    expect(s.members).toBe(3);
    expect(s.runsPerMember).toBe(2);
    const d = s.cells.coca_ha.PE.programme.diff;
    expect(d.n).toBe(6);
    expect(d.parameterShare).toBeGreaterThanOrEqual(0);
    expect(d.parameterShare).toBeLessThanOrEqual(1);
    expect(d.ci95[0]).toBeLessThanOrEqual(d.mean);
    expect(d.ci95[1]).toBeGreaterThanOrEqual(d.mean);
    expect(ensemble.stdout).toMatch(/over 3 ensemble members × 2 paired runs/);
    expect(ensemble.stdout).toMatch(/parameter share/);
    const members = readFileSync(join(ensDir, 'members.csv'), 'utf8').trim().split('\n');
    expect(members[0]).toMatch(/^member,weight,firmas\.count,regions\.vraem-ene\.marketAccess,window,region,side,households,coca_ha,/);
    const rows = s.rows.length;
    expect(members.length - 1).toBe(3 * 3 * rows * 4);
    expect(members.filter((l: string) => l.startsWith('2,0.5,12,0.15,programme,PE,diff,')).length).toBe(1);
    // The weighted mean of the members' mean effects is the ensemble's effect.
    const col = members[0].split(',').indexOf('coca_ha');
    const effect = members
      .filter((l: string) => /,programme,PE,diff,/.test(l))
      .reduce((acc: number, l: string) => acc + Number(l.split(',')[1]) * Number(l.split(',')[col]), 0);
    expect(effect).toBeCloseTo(d.mean, 3);
    expect(readFileSync(join(ensDir, 'monthly.csv'), 'utf8')).toMatch(/^series,side,tick,date,mean,lo,hi\ncoca_ha@PE,a,0,2004-01,/);
    expect(readFileSync(join(ensDir, 'monthly.csv'), 'utf8')).toMatch(/violence_events@PE\+12m,diff,11,2004-12,/);
  });

  it('an ensemble comparison is the same, byte for byte, on one worker or two', () => {
    expect(oneWorker.code, oneWorker.stderr).toBe(0);
    for (const f of ['summary.json', 'members.csv', 'monthly.csv']) expect(readFileSync(join(oneWorkerDir, f), 'utf8'), f).toBe(readFileSync(join(ensDir, f), 'utf8'));
  });

  it('refuses a damaged or impossible ensemble with exit 2, naming the file or member, before running', async () => {
    const edited = writeEnsemble(join(root, 'edited'), CSV);
    writeFileSync(join(edited, 'ensemble.csv'), CSV.replace('0,0.25,4,0.25', '0,0.25,5,0.25'));
    const bad = writeEnsemble(join(root, 'bad'), 'member,weight,firmas.count\n0,0.5,4\n1,0.5,-3\n');
    const [a, b, c] = await Promise.all([
      vraemAsync(['compare', ...PAIR, ...SMALL, '--ensemble', edited, '--out', join(root, 'x1')]),
      vraemAsync(['compare', ...PAIR, ...SMALL, '--ensemble', join(root, 'nowhere'), '--out', join(root, 'x2')]),
      vraemAsync(['compare', ...PAIR, ...SMALL, '--ensemble', bad, '--out', join(root, 'x3')]),
    ]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--ensemble .*edited: ensemble\.csv: its SHA-256 [0-9a-f]+ is not the manifest's/);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--ensemble .*nowhere: no such folder/);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/member 1.*firmas\.count/);
    for (const r of [a, b, c]) expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  }, 120_000);
});

describe('the compare report’s first screen (Chromium, 1366×768)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const number = (f: Figure | undefined, key: string) => figureValue(f, key as 'mean' | 'lo' | 'hi');

  for (const [label, dir] of [
    ['plain', plainDir],
    ['ensemble', ensDir],
  ] as const) {
    it(`${label}: the sentences and the relative-change table are on the first screen, with summary.json’s numbers`, async () => {
      const answer = (label === 'plain' ? json(dir).answer : json(dir).answer) as Answer;
      const { context, page } = await openOffline(browser, { viewport: { width: 1366, height: 768 }, local: /^(file|data):/ });
      try {
        await page.goto(`file://${join(dir, 'report.html')}`, { waitUntil: 'load' });
        const seen = await page.evaluate(() => {
          const bottom = (el: Element | null) => (el ? el.getBoundingClientRect().bottom : Infinity);
          const right = (el: Element | null) => (el ? el.getBoundingClientRect().right : Infinity);
          const section = document.getElementById('answer');
          const table = section?.querySelector('table') ?? null;
          return {
            height: window.innerHeight,
            width: window.innerWidth,
            sentencesBottom: bottom(section?.querySelector('.sentences') ?? null),
            tableBottom: bottom(table),
            tableRight: right(table),
            firstSection: document.querySelector('section')?.id,
            spans: [...(section?.querySelectorAll('.sentences .fig') ?? [])].map((s) => ({ figure: s.getAttribute('data-figure')!, key: s.getAttribute('data-key')!, format: s.getAttribute('data-format')!, text: s.textContent! })),
            cells: [...(table?.querySelectorAll('td[data-figure]') ?? [])].map((td) => ({ figure: td.getAttribute('data-figure')!, value: td.querySelector('.v')!.textContent!, ci: td.querySelector('.ci')?.textContent ?? '' })),
            rowLabels: [...(table?.querySelectorAll('tbody tr th') ?? [])].map((th) => th.textContent),
          };
        });
        await page.screenshot({ path: join(root, `${label}-first-screen.png`) });
        expect(seen.firstSection).toBe('answer');
        expect(seen.sentencesBottom).toBeLessThanOrEqual(seen.height);
        expect(seen.tableBottom).toBeLessThanOrEqual(seen.height);
        expect(seen.tableRight).toBeLessThanOrEqual(seen.width);
        // Every number shown is the figure summary.json holds, in the answer's format.
        expect(seen.spans.length).toBeGreaterThan(20);
        for (const s of seen.spans) expect(s.text, s.figure).toBe(formatFigure(number(answer.figures[s.figure], s.key), s.format as 'number'));
        expect(seen.cells.length).toBeGreaterThan(20);
        for (const c of seen.cells) {
          const f = answer.figures[c.figure];
          if (c.value === 'n/a') {
            // A change in % on a base too near zero: the cell shows the change in units instead.
            expect(answer.figures[c.figure.replace(/\.diff$/, '.relative')].baseNearZero, c.figure).toBe(true);
            expect(c.ci, c.figure).toBe(`Δ ${unitsText(f)}`);
            continue;
          }
          expect(c.value, c.figure).toBe(formatFigure(f.mean, 'percent'));
          expect(c.ci, c.figure).toBe(`${formatFigure(100 * f.ci95[0], 'number')} to ${formatFigure(100 * f.ci95[1], 'number')}`);
        }
        // The questions the answer must answer are all there.
        const shown = new Set(seen.spans.map((s) => s.figure));
        for (const name of ['coca_ha.PE.programme.diff', 'coca_ha.PE.finalYear.relative', 'coca_ha.VRAEM.programme.diff', 'costPerHaYear', 'costPerHousehold', 'coca_ha.ELSEWHERE.programme.diff', 'coca_ha.ABROAD.programme.diff', 'violence_events.PE.programme.diff*12', 'armed_funds_usd.ALL.programme.diff', 'corruption_index.PE.programme.diff', 'farmer_income_usd_month.PE.programme.diff'])
          expect(shown.has(name), name).toBe(true);
        expect(seen.rowLabels.slice(0, 4)).toEqual(TARGETED);
        if (label === 'ensemble') expect(shown.has('coca_ha.PE.programme.diff.parameterShare')).toBe(true);
      } finally {
        await context.close();
      }
    });
  }
});
