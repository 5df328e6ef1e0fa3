import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Integration tests: real processes against real SQLite files (the leads CLI, SIGKILL crash
 * recovery, storage failures) and a throwaway PostgreSQL server (test/support/postgres.ts). Seconds, not milliseconds, so apart from the unit tests:
 * `npx vitest run --config test/integration/vitest.config.ts`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/integration/**/*.test.ts'],
    testTimeout: 60_000,
    // One real PostgreSQL server for the run; a test makes a database of its own on it.
    globalSetup: ['test/support/postgres-global-setup.ts'],
  },
});
