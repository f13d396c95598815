// Mutation testing of the pure core: `npm run test:mutation` (see docs/mutation-testing.md).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: ['src/domain/**/*.ts'],
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'test/support/jest.domain.config.cjs', enableFindRelatedTests: true },
  testRunnerNodeArgs: ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning'],
  // Each mutant runs only the tests that reached it.
  coverageAnalysis: 'perTest',
  // The machine running it is usually shared; more workers than two only queue up.
  concurrency: 2,
  timeoutMS: 20000,
  // Reruns test only the mutants whose code or tests changed since the last run.
  incremental: true,
  incrementalFile: 'test-artifacts/mutation/incremental.json',
  tempDirName: 'test-artifacts/.stryker-tmp',
  // Screenshots and reports of other runs are no input to the unit tests; the Salesforce package's
  // lwc folder is a symbolic link to extensions/salesforce/lwc, which the sandbox copy cannot follow.
  ignorePatterns: ['/test-artifacts', '/app-manifest/salesforce/force-app/main/default/lwc'],
  cleanTempDir: true,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'test-artifacts/mutation/index.html' },
  jsonReporter: { fileName: 'test-artifacts/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
};
