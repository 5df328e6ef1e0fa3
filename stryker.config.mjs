// @ts-check
/**
 * Mutation testing (`npm run test:mutation`): StrykerJS changes the code under test one small
 * edit at a time and runs the unit tests against each change; a change no test notices is a gap
 * in the tests. Not part of `npm test` (it runs the unit suite thousands of times). Scores per
 * folder and the survivors judged equivalent are in docs/benchmarks.md.
 * One folder at a time: `npm run test:mutation -- --mutate 'src/lib/leads/**\/*.ts'`.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'src/lib/leads/**/*.ts',
    'src/lib/content/**/*.ts',
    'src/lib/seo/**/*.ts',
    'src/server/**/*.ts',
    '!src/**/*.d.ts',
    // The built server's entry starts a server when imported: the integration tests run it, as a
    // process, which the unit tests Stryker runs cannot.
    '!src/server/entry.ts',
  ],
  coverageAnalysis: 'perTest',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: '.scratch/mutation/report.html' },
  jsonReporter: { fileName: '.scratch/mutation/report.json' },
  tempDirName: '.scratch/stryker-tmp',
  incremental: false,
  concurrency: 2,
  timeoutMS: 10_000,
  thresholds: { high: 90, low: 80, break: null },
};
