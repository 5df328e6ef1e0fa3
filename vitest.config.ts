import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Unit tests: pure modules from src/lib, the content checks and the lead stores (SQLite files, a test PostgreSQL), no Astro build. */
export default defineConfig({
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  test: {
    include: ['test/unit/**/*.test.ts'],
    // A real PostgreSQL server for the PostgreSQL lead store's tests (about half a second to start).
    globalSetup: ['test/support/postgres-global-setup.ts'],
  },
});
