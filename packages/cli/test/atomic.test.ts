/**
 * Fault injection (issue 24): `VRAEM_FAULT_AFTER_STEP=k` kills the process (SIGKILL, like
 * kill -9) right after write step k. `run --force`, `report` and `calibrate --scenario-out F
 * --force` are stopped at every step in turn, and the target must hold, each time, either the
 * complete old content or the complete new content — never nothing, never a cut or mixed file.
 * Also: an interrupted replacement without an exchange call is undone before the next write.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, MAIN, ROOT, tempDir } from './helpers.ts';
import { planOutput } from '../src/output.ts';

const MINI = join(FIXTURES, 'mini.yaml');
const TSX = import.meta.resolve('tsx');
const dir = tempDir('vraem-atomic-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run vraem, stopped after write step `k` (undefined: not stopped). */
function vraemFault(args: readonly string[], k?: number): { code: number | null; signal: NodeJS.Signals | null; stderr: string } {
  const env = { ...process.env, FORCE_COLOR: '0', ...(k === undefined ? {} : { VRAEM_FAULT_AFTER_STEP: String(k) }) };
  const r = spawnSync(process.execPath, ['--import', TSX, MAIN, ...args], { cwd: ROOT, encoding: 'utf8', env });
  return { code: r.status, signal: r.signal, stderr: r.stderr };
}

/** A folder's visible files (hidden temporaries left by a kill are not content) with their bytes. */
function content(path: string): string {
  if (!existsSync(path)) return '(nothing)';
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(path, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name.startsWith('.')) continue;
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else out.push(`${p}:${readFileSync(join(path, p)).toString('base64')}`);
    }
  };
  walk('');
  return out.join('\n');
}

/**
 * Stop `args` after step 1, 2, ... (restoring the old state before each) until it completes;
 * returns what `read` saw after each stop, the old and the new content.
 */
function stopAtEachStep(args: readonly string[], restore: () => void, read: () => string): { states: string[]; old: string; fresh: string } {
  restore();
  const old = read();
  const states: string[] = [];
  for (let k = 1; k < 60; k++) {
    restore();
    const r = vraemFault(args, k);
    if (r.code === 0) return { states, old, fresh: read() };
    expect(r.signal, r.stderr).toBe('SIGKILL');
    expect(r.stderr).toContain(`fault injected after write step ${k}`);
    states.push(read());
  }
  throw new Error('the command never completed');
}

describe('a kill at any write step leaves the complete old or the complete new content', () => {
  it('run --force: the old folder until one exchange puts the new one in its place', () => {
    const target = join(dir, 'run');
    const saved = join(dir, 'run-old');
    expect(vraemFault(['run', MINI, '--runs', '1', '--seed', '1', '--out', saved]).code).toBe(0);
    const restore = () => {
      rmSync(target, { recursive: true, force: true });
      for (const n of readdirSync(dir)) if (n.startsWith('.run.')) rmSync(join(dir, n), { recursive: true, force: true });
      cpSync(saved, target, { recursive: true });
    };
    const { states, old, fresh } = stopAtEachStep(['run', MINI, '--runs', '1', '--seed', '2', '--out', target, '--force'], restore, () => content(target));
    expect(fresh).not.toBe(old);
    expect(states.length).toBeGreaterThanOrEqual(3);
    states.forEach((s, i) => expect([old, fresh], `stopped after step ${i + 1}`).toContain(s));
    expect(states).toContain(old);
    expect(states).toContain(fresh);
  }, 600_000);

  it('report: each file is the old one or the complete new one', () => {
    const folder = join(dir, 'run-old');
    const stale = () => {
      for (const n of readdirSync(folder)) {
        if (n.startsWith('.')) rmSync(join(folder, n));
        else if (n === 'report.html' || n.endsWith('.png')) writeFileSync(join(folder, n), `old ${n}`);
      }
    };
    const files = () => readdirSync(folder).filter((n) => n === 'report.html' || n.endsWith('.png')).sort();
    const each = () => files().map((n) => `${n}:${readFileSync(join(folder, n)).toString('base64')}`);
    const { states, fresh } = stopAtEachStep(['report', folder], stale, () => each().join('\n'));
    const newFiles = new Map(fresh.split('\n').map((l) => [l.split(':')[0], l]));
    stale();
    const oldFiles = new Map(each().map((l) => [l.split(':')[0], l]));
    expect(states.length).toBeGreaterThanOrEqual(2 * newFiles.size);
    for (const [i, s] of states.entries()) {
      const lines = s.split('\n');
      expect(lines.length, `stopped after step ${i + 1}`).toBe(newFiles.size);
      for (const l of lines) expect([oldFiles.get(l.split(':')[0]), newFiles.get(l.split(':')[0])], `stopped after step ${i + 1}`).toContain(l);
    }
  }, 600_000);

  it('calibrate --scenario-out F --force: F is the old file or the complete fitted scenario', () => {
    const observed = join(dir, 'observed.csv');
    writeFileSync(observed, 'year,series,value,quality\n2010,peru_ha,700,S\n2011,peru_ha,650,S\n');
    const file = join(dir, 'fitted.yaml');
    const out = join(dir, 'calibrated');
    const restore = () => {
      rmSync(out, { recursive: true, force: true });
      writeFileSync(file, '# the old scenario\n');
    };
    const args = ['calibrate', MINI, '--against', observed, '--fit', 'states.PE.interdiction=0.1..0.9', '--until', '2010', '--budget', '2', '--runs', '1', '--out', out, '--scenario-out', file, '--force'];
    const { states, old, fresh } = stopAtEachStep(args, restore, () => readFileSync(file, 'utf8'));
    expect(fresh).toContain('states:');
    expect(states.length).toBeGreaterThanOrEqual(3);
    states.forEach((s, i) => expect([old, fresh], `stopped after step ${i + 1}`).toContain(s));
    expect(states).toContain(fresh);
  }, 600_000);
});

describe('without an exchange call', () => {
  it('a folder renamed aside by an interrupted replacement is put back before the next write', () => {
    const parent = join(dir, 'aside');
    mkdirSync(join(parent, 'out'), { recursive: true });
    writeFileSync(join(parent, 'out', 'manifest.json'), '{"createdBy":"vraem"}');
    renameSync(join(parent, 'out'), join(parent, '.out.replaced-1-abcd'));
    expect(planOutput(join(parent, 'out'), true, 'run', 'x').force).toBe(true);
    expect(readdirSync(parent)).toEqual(['out']);
    expect(readFileSync(join(parent, 'out', 'manifest.json'), 'utf8')).toBe('{"createdBy":"vraem"}');
  });
});
