import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Build tests: each runs the real `astro build` on a fixture (seconds each), so they run one at a
 * time, apart from the unit tests. `npm run test:build-errors`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  resolve: {
    alias: { '@': fileURLToPath(new URL('../../src', import.meta.url)) },
  },
  test: {
    include: ['test/build/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    // Most builds run in beforeAll: on a busy two-core machine one takes longer than the default 10 s.
    hookTimeout: 120_000,
  },
});
