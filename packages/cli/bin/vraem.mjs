#!/usr/bin/env node
/**
 * The `vraem` command's launcher: registers tsx's TypeScript loader in this process and runs the
 * CLI from source (src/main.ts). It is the package's bin, so `pnpm vraem ...` at the repository
 * root runs it directly (pnpm falls back to a bin of that name, as `pnpm exec` does), not as a
 * package script: the exit code is the CLI's own (2 for bad input) and a user's mistake ends with
 * the tool's message alone, without a package-manager line about a failed script under it.
 */
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
