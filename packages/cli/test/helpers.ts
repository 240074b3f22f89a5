/**
 * Helpers for the CLI tests: run `vraem` as a child process from the repository root (through
 * tsx, as `pnpm vraem` does), and make temporary folders — each removed after its test file
 * (test/setup.ts), so a test run leaves nothing in the system temp folder.
 */
import { expect } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const BAD = fileURLToPath(new URL('./bad-scenarios/', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** tsx's loader by absolute URL, so a child started in any folder finds it. */
const TSX = import.meta.resolve('tsx');
const nodeArgs = (args: readonly string[]) => ['--import', TSX, MAIN, ...args];

/** Run `vraem ...args` and wait for it. */
export function vraem(args: readonly string[], cwd = ROOT): CliResult {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, nodeArgs(args), { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}

/** Run `vraem ...args` without blocking (to run several at once). */
export function vraemAsync(args: readonly string[], cwd = ROOT): Promise<CliResult> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, nodeArgs(args), { cwd, env: { ...process.env, FORCE_COLOR: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - t0 }));
  });
}

/** Start `vraem ...args` and hand back the child (to signal it). */
export function vraemChild(args: readonly string[], cwd = ROOT) {
  return spawn(process.execPath, nodeArgs(args), { cwd, env: { ...process.env, FORCE_COLOR: '0' } });
}

/**
 * Start a long `vraem ...args` writing into the empty folder `dir`, wait until its temporary
 * output folder appears there, then send `signal`. Resolves to the exit code (-1 when the signal
 * itself ended the process) and stderr.
 */
export async function killMidway(args: readonly string[], dir: string, signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
  const child = vraemChild(args);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  for (let i = 0; i < 400 && readdirSync(dir).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  expect(readdirSync(dir).length).toBe(1);
  await new Promise((r) => setTimeout(r, 500));
  child.kill(signal);
  const code = await new Promise<number | null>((r) => child.on('close', (c, s) => r(c ?? (s === signal ? -1 : null))));
  return { code, stderr };
}

/** Temporary folders made by this test file, removed when it ends. */
const made: string[] = [];

/** A fresh temporary folder, removed when the test file ends. */
export function tempDir(prefix = 'vraem-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/**
 * The inputs of a small `calibrate --abc` on the mini scenario, written into `dir`: observed Peru
 * hectares (2010–2011), a leaf price, the patterns (CSV lines after the header; default: Peru's
 * hectares) and the Ene's households. Returns the four paths.
 */
export function abcInputs(dir: string, patterns: readonly string[] = ['peru_ha,2010,2010,0,0.15,mape,S,x,area']) {
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  return {
    observed: file('observed.csv', 'year,series,value,quality,source\n2010,peru_ha,700,S,x\n2011,peru_ha,650,S,x\n'),
    prices: file('prices.csv', 'year,series,value,quality,source\n2010,peru_leaf_usd_kg,3.1,S,x\n'),
    patterns: file('patterns.csv', ['id,from,to,low,high,unit,quality,source,what', ...patterns].join('\n') + '\n'),
    households: file('households.csv', 'region,low,high,baseline,quality,source,derivation\nvraem-ene,200,600,300,W,x,test\n'),
  };
}

/** Remove every temporary folder this test file made (the setup file calls it after the file's tests). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Every file under a folder (relative paths, sorted) with its bytes. */
export function folderFiles(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else out.set(p, readFileSync(join(dir, p)));
    }
  };
  walk('');
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** True when the text looks like a stack trace. */
export const hasStack = (text: string) => /\n\s+at .+:\d+:\d+/.test(text);

/** Fast settings for a test run: two years, few households. */
export const FAST = ['--set', 'months=24', '--set', 'householdsPerAgent=20'];

/** Run several `vraem` commands, at most `concurrency` at a time; results in the order given. */
export async function vraemMany(argsList: readonly (readonly string[])[], concurrency = 2): Promise<CliResult[]> {
  const out: CliResult[] = new Array(argsList.length);
  let next = 0;
  const lane = async () => {
    while (next < argsList.length) {
      const i = next++;
      out[i] = await vraemAsync(argsList[i]);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return out;
}
