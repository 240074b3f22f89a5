import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*'],
    // A private temp folder for the run; the run fails if a test leaves anything in it.
    globalSetup: ['scripts/test-temp-guard.ts'],
  },
});
