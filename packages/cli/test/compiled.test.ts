/**
 * The compiled `vraem` (bin/compile.mjs, issue 21: a sweep shard's memory): `pnpm vraem` runs the
 * CLI compiled to JavaScript, so it must write exactly what the sources write, and it must never
 * run a stale build — a changed source is compiled again, an unchanged one is not.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FAST, FIXTURES, ROOT, folderFiles, tempDir, vraem } from './helpers.ts';

const LAUNCHER = fileURLToPath(new URL('../bin/vraem.mjs', import.meta.url));
const COMPILER = new URL('../bin/compile.mjs', import.meta.url).href;
const CLI_MODULES = fileURLToPath(new URL('../node_modules', import.meta.url));

interface Compiled {
  main: URL;
  worker: URL;
}
const { compiledCli } = (await import(COMPILER)) as { compiledCli(cli?: string): Promise<Compiled | null> };

describe('the compiled vraem', () => {
  it('writes the same files as the sources, on two worker threads', () => {
    const dir = tempDir();
    const args = ['sweep', join(FIXTURES, 'mini.yaml'), '--vary', 'market.demandIndex=0.8,1.2', '--runs', '2', '--workers', '2', ...FAST];
    const compiled = spawnSync(process.execPath, [LAUNCHER, ...args, '--out', join(dir, 'compiled')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', VRAEM_DEBUG: '1' } });
    expect(compiled.stderr).not.toMatch(/running from sources/);
    expect(compiled.status).toBe(0);
    expect(vraem([...args, '--out', join(dir, 'sources')]).code).toBe(0);
    const a = folderFiles(join(dir, 'compiled'));
    const b = folderFiles(join(dir, 'sources'));
    for (const name of ['series.csv', 'summary.json', 'design.csv', 'replicates.csv']) expect(a.get(name)?.equals(b.get(name)!), name).toBe(true);
  });

  it('is compiled again when a source changed, and only then; its code sees its sources’ import.meta.url and packages', async () => {
    // A package of its own (not this one: the test must not touch the repository's sources).
    const pkg = tempDir();
    mkdirSync(join(pkg, 'src'));
    symlinkSync(CLI_MODULES, join(pkg, 'node_modules'));
    const main = join(pkg, 'src', 'main.ts');
    const write = (answer: number) => writeFileSync(main, `import { stringify } from 'yaml';\nexport const url: string = import.meta.url;\nexport const answer = stringify({ answer: ${answer} });\n`);
    write(1);
    writeFileSync(join(pkg, 'src', 'worker.ts'), `export const worker = true;\n`);

    const first = await compiledCli(pkg);
    expect(first).not.toBeNull();
    const m1 = (await import(first!.main.href)) as { url: string; answer: string };
    expect(m1.url).toBe(pathToFileURL(main).href);
    expect(m1.answer).toBe('answer: 1\n');
    const record = readFileSync(join(pkg, 'dist', 'current.json'), 'utf8');

    const again = await compiledCli(pkg);
    expect(again!.main.href).toBe(first!.main.href);
    expect(readFileSync(join(pkg, 'dist', 'current.json'), 'utf8')).toBe(record);

    write(22);
    const changed = await compiledCli(pkg);
    expect(changed!.main.href).not.toBe(first!.main.href);
    expect(((await import(changed!.main.href)) as { answer: string }).answer).toBe('answer: 22\n');
    expect(readdirSync(join(pkg, 'dist')).filter((n) => !n.endsWith('.json'))).toHaveLength(2);
  });
});
