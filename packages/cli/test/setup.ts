/**
 * Run before each test file of the CLI and viz projects: after the file's tests, remove every
 * temporary folder it made with `tempDir` (the folders hold whole run outputs: tens of MB).
 */
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers.ts';

afterAll(removeTempDirs);
