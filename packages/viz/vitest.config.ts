import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'viz', include: ['test/**/*.test.ts'], setupFiles: ['../cli/test/setup.ts'], testTimeout: 300_000, hookTimeout: 300_000 },
});
