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
  // The unit suite (test/unit) only. The build, integration and e2e suites run a built server or
  // child processes, where no mutant is ever switched on. vitest.config.ts resolves the `@` alias
  // from its own folder, so in Stryker's sandbox it points at the sandbox's (mutated) src.
  vitest: { configFile: 'vitest.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  // The sandbox is a copy of the files git lists (tracked, and untracked but not ignored), so
  // node_modules (linked instead), dist, .astro, data and .scratch never enter it.
  mutate: [
    'src/lib/leads/**/*.ts',
    'src/lib/content/**/*.ts',
    'src/lib/seo/**/*.ts',
    'src/seo-audit/**/*.ts',
    'src/server/**/*.ts',
    '!src/**/*.d.ts',
    // Entry points that only start something, tested as processes by the integration tests, out
    // of reach of the in-process unit runs: the built server's entry (it starts a server when
    // imported) and the leads CLI's (it hands process.argv and stdio to runLeadsCli, which is mutated).
    '!src/server/entry.ts',
    '!src/server/cli/leads.ts',
    // The SEO audit's edge (its hooks, the prerenderer, its reads and writes, the worker threads),
    // run only by the build tests' real builds; its pure modules (plan.ts and what it calls) are mutated.
    '!src/seo-audit/index.ts',
    '!src/seo-audit/prerenderer.ts',
    '!src/seo-audit/build-steps.ts',
    '!src/seo-audit/page-reader.ts',
    '!src/seo-audit/page-worker.ts',
    '!src/seo-audit/noindex-file.ts',
    '!src/seo-audit/outcomes.ts',
    '!src/seo-audit/vocabulary-file.ts',
  ],
  coverageAnalysis: 'perTest',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: '.scratch/mutation/report.html' },
  jsonReporter: { fileName: '.scratch/mutation/report.json' },
  tempDirName: '.scratch/stryker-tmp',
  incremental: false,
  // A machine of its own; on a shared one (two cores, other runs), pass `--concurrency 1`.
  concurrency: 2,
  // Added to each mutant's expected run time before it counts as a timeout (Stryker's default is
  // 5 s): headroom for a loaded, shared machine.
  timeoutMS: 10_000,
  thresholds: { high: 90, low: 80, break: null },
};
