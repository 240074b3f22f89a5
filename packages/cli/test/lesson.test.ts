/**
 * `vraem lesson`: the list of the seven bundled lessons; a lesson run end to end (the printed
 * concept, question, payoff matrix with intervals, equilibria and reading; the output folder with
 * lesson.txt, lesson.json, manifest.json, report.html and PNG charts); the output conventions of
 * `run` (an existing --out refused without --force); and bad input refused with exit 2, the file,
 * line and path of each problem, and nothing written.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, hasStack, tempDir, vraem } from './helpers.ts';

const IDS = ['adoption', 'balloon-effect', 'broken-promise', 'cartel-of-buyers', 'price-coercion', 'protection-racket', 'stationary-bandit'];

describe('vraem lesson', () => {
  it('lists the bundled lessons with title and concept', () => {
    const r = vraem(['lesson']);
    expect(r.code).toBe(0);
    for (const id of IDS) expect(r.stdout).toMatch(new RegExp(`^${id}\\s+\\S`, 'm'));
    expect(r.stdout).toMatch(/protection-racket\s+The protection racket\s+repeated game, folk theorem, grim trigger/);
  });

  it('runs a lesson: prints the game, its equilibria and the reading, and writes the folder', () => {
    const out = join(tempDir(), 'lesson');
    const r = vraem(['lesson', 'broken-promise', '--runs', '2', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The broken promise — commitment problem, time inconsistency');
    expect(r.stdout).toMatch(/Question: Does an alternative development programme/);
    // The matrix: three state strategies against the growers' one, with ± half-widths.
    expect(r.stdout).toMatch(/state \\ growers\s+best-respond/);
    expect(r.stdout).toMatch(/^credible\s+-?[\d.]+ ± [\d.]+, [\d.]+ ± [\d.]+/m);
    expect(r.stdout).toMatch(/pure Nash equilibrium: \w+ \/ best-respond — (robust|fragile)/);
    expect(r.stdout).toMatch(/\[(supported|NOT supported)\] Growers learn/);
    expect(r.stdout).toMatch(/\d of 4 claims supported by this measurement/);
    expect(r.stdout).toContain(`results: `);
    const files = readdirSync(out);
    for (const f of ['lesson.txt', 'lesson.json', 'manifest.json', 'report.html']) expect(files).toContain(f);
    expect(files.filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(6);
    const json = JSON.parse(readFileSync(join(out, 'lesson.json'), 'utf8'));
    expect(json.lesson).toBe('broken-promise');
    expect(json.replicates).toBe(2);
    expect(json.conditions[0].cells).toHaveLength(3);
    expect(json.claims).toHaveLength(4);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.createdBy).toBe('vraem');
    expect(manifest.command).toBe('lesson');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<h2>Lesson</h2>');
    expect(html).toContain('Payoff matrix');
    expect(html).toContain('Reading: ');
    expect(readFileSync(join(out, 'lesson.txt'), 'utf8')).toBe(r.stdout.slice(r.stdout.indexOf('The broken promise'), r.stdout.indexOf('results: ')));

    // Same folder again: refused without --force, replaced with it.
    const again = vraem(['lesson', 'broken-promise', '--runs', '2', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/the folder exists; choose another or add --force/);
    const forced = vraem(['lesson', 'broken-promise', '--runs', '2', '--seed', '3', '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'lesson.json'), 'utf8')).seeds).not.toEqual(json.seeds);
  }, 300_000);

  it.each([
    [['lesson', 'no-such-lesson'], /no lesson "no-such-lesson" \(lessons: adoption, balloon-effect/],
    [['lesson', 'adoption', '--runs', '1'], /--runs: expected a whole number from 2/],
    [['lesson', '--runs', '3'], /need a lesson id/],
  ])('refuses %j with exit 2', (args, message) => {
    const r = vraem(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(hasStack(r.stderr)).toBe(false);
  });

  it('reports every problem of a bad lesson file with file:line:col and path, and writes nothing', () => {
    const dir = tempDir();
    const file = join(dir, 'bad-lesson.yaml');
    const good = readFileSync(join(ROOT, 'scenarios/lessons/protection-racket.yaml'), 'utf8');
    const bad = good
      .replace('scenario: ../baseline.yaml', `scenario: ${join(ROOT, 'scenarios/baseline.yaml')}`)
      .replace('expect: predate', 'expect: rob')
      .replace('holds: [light pressure]', 'holds: [no pressure]');
    writeFileSync(file, bad);
    const out = join(dir, 'out');
    const r = vraem(['lesson', file, '--out', out]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/bad-lesson\.yaml:\d+:\d+ claims\[0\]\.expect: player SL has no strategy "rob"$/));
    expect(lines).toContainEqual(expect.stringMatching(/bad-lesson\.yaml:\d+:\d+ claims\[2\]\.holds\[0\]: no condition "no pressure"/));
    expect(existsSync(out)).toBe(false);

    // A lever value out of range is traced to the strategy that sets it.
    writeFileSync(file, good.replace(`scenario: ../baseline.yaml`, `scenario: ${join(ROOT, 'scenarios/baseline.yaml')}`).replace('states.PE.counterinsurgency: 0.9', 'states.PE.counterinsurgency: 9'));
    const r2 = vraem(['lesson', file, '--out', out]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/bad-lesson\.yaml:\d+:\d+ conditions\[1\]\.set\.states\.PE\.counterinsurgency: states\.PE\.counterinsurgency: must be at most 1, got 9/);
    expect(existsSync(out)).toBe(false);
  });
});
