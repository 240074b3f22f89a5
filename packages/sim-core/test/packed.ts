/**
 * The package as a user gets it: `pnpm pack` sim-core (its prepack builds `dist/`), then install
 * the tarball into a fresh project in the system's temporary folder, outside this workspace, so
 * nothing resolves to the sources. Used by the package, README and browser tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = fileURLToPath(new URL('../', import.meta.url));
/** The workspace's TypeScript compiler (a consumer brings its own; the version is the one we support). */
export const TSC = fileURLToPath(new URL('../../../node_modules/typescript/bin/tsc', import.meta.url));

export interface Packed {
  /** Temporary folder holding the tarball and the consumer project. */
  dir: string;
  /** The consumer project, with `@vraem/sim-core` installed from the tarball. */
  project: string;
  tarball: string;
  /** Remove everything this made (the temporary folder, and `dist/` if it did not exist before). */
  cleanup(): void;
}

/** Run a command, throwing with its output when it fails. */
export function run(cmd: string, args: readonly string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status ?? r.signal}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Pack sim-core and install it into a new ESM project; `dependencies` are added to the project from the same store. */
export function packAndInstall(): Packed {
  const hadDist = existsSync(join(PACKAGE_DIR, 'dist'));
  const dir = mkdtempSync(join(tmpdir(), 'vraem-pack-'));
  const cleanup = () => {
    rmSync(dir, { recursive: true, force: true });
    if (!hadDist) rmSync(join(PACKAGE_DIR, 'dist'), { recursive: true, force: true });
  };
  try {
    run('pnpm', ['pack', '--pack-destination', dir], PACKAGE_DIR);
    const tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz'))!);
    const project = join(dir, 'consumer');
    run('mkdir', ['-p', project], dir);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
    // The workspace's store has every dependency; the registry is asked only for what it lacks.
    run('pnpm', ['add', '--prefer-offline', '--ignore-workspace', tarball], project);
    return { dir, project, tarball, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}
