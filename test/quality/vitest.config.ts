import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Quality gates over a finished build: Lighthouse, the Nu Html Checker, links and assets, page
 * weight. They share one built server (support/global-setup.ts) and run one file at a time, since
 * Lighthouse's timings need the machine's two cores to itself. `npm run test:quality` after
 * `npm run build`; `QUALITY_DIST=.scratch/quality-dist` checks another build,
 * and `QUALITY_PAGES=/a/,/b/` other pages of it (support/templates.ts).
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/quality/**/*.test.ts'],
    globalSetup: ['test/quality/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
