/**
 * The compiled `vraem`: the CLI (src/main.ts), its worker (src/worker.ts) and the workspace
 * packages they import (sim-core, viz), compiled by esbuild into JavaScript under
 * packages/cli/dist/<build>/, and compiled again whenever one of those sources has changed.
 *
 * Why compiled: run through tsx, every vraem process carried tsx's loader (a thread of its own
 * with its own heap), each module's TypeScript text, its transpiled text and source map, about
 * 40 MB in all — a sweep shard's memory on a cluster is what a Slurm task asks for (issue 21).
 * Why on first use, not at install: sources change in development, and a stale compiled CLI must
 * never run. So each launch compares the sources the last build read (esbuild's metafile: every
 * workspace file, and every package file imported from node_modules) with their size and
 * modification time now — a few hundred `stat`s, about a millisecond — and builds again (about a
 * second) when any differs or is gone. Tests run the sources through tsx, not this.
 *
 * What the compiled code keeps of its sources:
 * - Code splitting: a command's modules are chunks imported when it runs (main.ts's lazy
 *   imports), so a sweep shard loads neither the charts nor the classroom server.
 * - `import.meta.url` is the source file's URL, so code that finds the repository's files next to
 *   its source (package.json, scenarios/, the explorer's and charts' sources it bundles itself)
 *   works unchanged.
 * - Packages from node_modules are not bundled: each is imported from the very file Node would
 *   load for the importing source (pnpm gives viz's chart.js and @napi-rs/canvas to viz alone).
 * A build is written into a temporary folder and renamed into place by the hash of its files,
 * then named in dist/current.json (written the same way), so processes launched together (the
 * tasks of a job array) never read a half-written build; builds a day old that current.json no
 * longer names are removed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The CLI package's folder (the one of this launcher). */
const CLI = fileURLToPath(new URL('../', import.meta.url));
const THIS = fileURLToPath(import.meta.url);
const DAY_MS = 24 * 3600 * 1000;

/** Size and modification time: what says a file changed. */
function fingerprint(path) {
  const s = statSync(path);
  return `${s.size}:${s.mtimeMs}`;
}

/** The current build in `dist` when every file it was made from is as it was; null otherwise. */
function currentBuild(dist) {
  let record;
  try {
    record = JSON.parse(readFileSync(join(dist, 'current.json'), 'utf8'));
  } catch {
    return null;
  }
  try {
    for (const [path, print] of Object.entries(record.inputs)) if (fingerprint(path) !== print) return null;
    const dir = join(dist, record.build);
    statSync(join(dir, 'main.mjs'));
    return dir;
  } catch {
    return null;
  }
}

/** esbuild plugin: the sources' `import.meta.url`, and node_modules packages left to Node. */
function asTheSourcesRun(packageFiles) {
  const builtins = new Set(builtinModules);
  return {
    name: 'vraem-as-the-sources-run',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === 'resolving' || args.path.startsWith('@vraem/')) return undefined;
        if (args.path.startsWith('node:') || builtins.has(args.path.split('/')[0])) return { external: true };
        const found = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving' });
        if (found.errors.length > 0) return { errors: found.errors };
        packageFiles.add(found.path);
        return { path: pathToFileURL(found.path).href, external: true };
      });
      build.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
        if (/[\\/]node_modules[\\/]/.test(args.path)) return undefined;
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const loader = extname(args.path).endsWith('ts') ? 'ts' : 'js';
        return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader };
      });
    },
  };
}

/** Compile the package in `cli` into a new build folder and make it the current one; resolves to its folder. */
async function compile(cli) {
  const esbuild = await import('esbuild');
  const dist = join(cli, 'dist');
  mkdirSync(dist, { recursive: true });
  const tmp = join(dist, `.build-${process.pid}-${Date.now()}`);
  const packageFiles = new Set();
  try {
    const out = await esbuild.build({
      entryPoints: { main: join(cli, 'src/main.ts'), worker: join(cli, 'src/worker.ts') },
      absWorkingDir: cli,
      outdir: tmp,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: `node${process.versions.node.split('.')[0]}`,
      metafile: true,
      logLevel: 'silent',
      plugins: [asTheSourcesRun(packageFiles)],
    });
    const inputs = {};
    for (const path of [THIS, ...Object.keys(out.metafile.inputs).map((p) => join(cli, p)), ...packageFiles]) inputs[path] = fingerprint(path);
    const hash = createHash('sha256');
    for (const name of readdirSync(tmp).sort()) hash.update(name).update(readFileSync(join(tmp, name)));
    const build = hash.digest('hex').slice(0, 16);
    const dir = join(dist, build);
    try {
      renameSync(tmp, dir);
    } catch (e) {
      // Another process published the same build first.
      if (e.code !== 'ENOTEMPTY' && e.code !== 'EEXIST') throw e;
    }
    const record = `${tmp}.json`;
    writeFileSync(record, `${JSON.stringify({ build, esbuild: esbuild.version, inputs }, null, 1)}\n`);
    renameSync(record, join(dist, 'current.json'));
    for (const name of readdirSync(dist)) {
      const path = join(dist, name);
      if (name !== build && name !== 'current.json' && Date.now() - statSync(path).mtimeMs > DAY_MS) rmSync(path, { recursive: true, force: true });
    }
    return dir;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    await esbuild.stop();
  }
}

/**
 * The compiled CLI (of the package in `cli`, this one unless a test names another), built first
 * if it is missing or stale: the URLs of its main module and its worker script; null when it
 * cannot be built (no esbuild, a read-only checkout), and the caller runs the sources through
 * tsx instead.
 */
export async function compiledCli(cli = CLI) {
  try {
    const dir = currentBuild(join(cli, 'dist')) ?? (await compile(cli));
    return { main: pathToFileURL(join(dir, 'main.mjs')), worker: pathToFileURL(join(dir, 'worker.mjs')) };
  } catch (e) {
    if (process.env.VRAEM_DEBUG) process.stderr.write(`vraem: running from sources (the compiled CLI could not be built: ${e instanceof Error ? e.message : String(e)})\n`);
    return null;
  }
}
