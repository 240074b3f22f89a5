#!/usr/bin/env node
/**
 * The `vraem` command's launcher: runs the CLI compiled to JavaScript (bin/compile.mjs builds it
 * on first use and again whenever a source changed), or, when it cannot be built, from source
 * (src/main.ts) through tsx's TypeScript loader. It is the package's bin, so `pnpm vraem ...` at
 * the repository root runs it directly (pnpm falls back to a bin of that name, as `pnpm exec`
 * does), not as a package script: the exit code is the CLI's own (2 for bad input) and a user's
 * mistake ends with the tool's message alone, without a package-manager line about a failed
 * script under it.
 */
import { compiledCli } from './compile.mjs';

const compiled = await compiledCli();
if (compiled) {
  // The worker pool starts its threads from the compiled worker script beside main.mjs.
  globalThis.vraemCompiledWorker = compiled.worker;
  await import(compiled.main.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
