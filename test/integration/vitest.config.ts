import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Integration tests: real processes against real SQLite files (the leads CLI, SIGKILL crash
 * recovery, storage failures). Seconds, not milliseconds, so apart from the unit tests:
 * `npx vitest run --config test/integration/vitest.config.ts`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/integration/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
