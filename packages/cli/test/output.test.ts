/**
 * Output folders in-process: names, refusal rules, a full disk turned into a clear error, and
 * a failed fill leaving nothing behind.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileSink, defaultTarget, planOutput, slug, writeOutput } from '../src/output.ts';
import { InputError, RunError } from '../src/errors.ts';
import { tempDir } from './helpers.ts';

describe('names', () => {
  it('slugs scenario names and stamps default folders', () => {
    expect(slug('Alternative Development (VRAEM) – Apurímac')).toBe('alternative-development-vraem-apurimac');
    expect(slug('!!!')).toBe('scenario');
    expect(defaultTarget('run', 'baseline', new Date('2026-11-27T10:15:44.123Z'))).toMatch(/runs\/run-baseline-20261127-101544$/);
  });
});

describe('planOutput', () => {
  it('refuses an existing folder without --force, and a foreign one even with it', () => {
    const dir = tempDir();
    expect(() => planOutput(dir, false, 'run', 'x')).toThrow(InputError);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    expect(() => planOutput(dir, true, 'run', 'x')).toThrow(/not written by vraem/);
    const ours = tempDir();
    writeFileSync(join(ours, 'manifest.json'), JSON.stringify({ createdBy: 'vraem' }));
    expect(planOutput(ours, true, 'run', 'x').force).toBe(true);
    expect(planOutput(tempDir(), true, 'run', 'x').force).toBe(true); // empty
  });
});

describe('writing', () => {
  it('turns a full disk into a RunError that names the file', () => {
    const sink = new FileSink('series.csv', openSync('/dev/full', 'w'));
    expect(() => sink.write('run,seed\n')).toThrow(new RunError('cannot write series.csv: no space left on the device'));
  });

  it('removes the temporary folder when filling fails, and moves it into place when it succeeds', async () => {
    const parent = tempDir();
    await expect(
      writeOutput(planOutput(join(parent, 'bad'), false, 'run', 'x'), async (out) => {
        out.writeFile('series.csv', 'half');
        throw new RunError('a worker died');
      }),
    ).rejects.toThrow('a worker died');
    expect(readdirSync(parent)).toEqual([]);
    const path = await writeOutput(planOutput(join(parent, 'good'), false, 'run', 'x'), async (out) => {
      out.writeFile('a/series.csv', 'ok');
    });
    expect(path).toBe(join(parent, 'good'));
    expect(readdirSync(parent)).toEqual(['good']);
    expect(existsSync(join(parent, 'good', 'a', 'series.csv'))).toBe(true);
  });

  it('replaces a vraem folder with --force, keeping nothing of the old one', async () => {
    const target = join(tempDir(), 'out');
    mkdirSync(target);
    writeFileSync(join(target, 'manifest.json'), JSON.stringify({ createdBy: 'vraem' }));
    writeFileSync(join(target, 'old.csv'), 'old');
    await writeOutput(planOutput(target, true, 'run', 'x'), async (out) => out.writeFile('manifest.json', '{"createdBy":"vraem"}'));
    expect(readdirSync(target)).toEqual(['manifest.json']);
    expect(readdirSync(join(target, '..'))).toEqual(['out']);
  });
});
