// Two tiers by folder: unit tests do no I/O; integration tests use real Postgres, Redis and the emulators.
const tsJest = ['ts-jest', { diagnostics: false }];
const common = { testEnvironment: 'node', transform: { '^.+\\.tsx?$': tsJest } };

module.exports = {
  // A hang guard, not a speed check: booting a whole sandbox on a loaded 2-core machine has taken
  // over a minute (speed is measured by the bench/ scripts). Hooks share this limit.
  testTimeout: 180000,
  // The embedded PostgreSQL server that `npm start` uses, started once for every suite run "on each store".
  globalSetup: '<rootDir>/test/support/globalSetup.cjs',
  globalTeardown: '<rootDir>/test/support/globalTeardown.cjs',
  // On 2 cores jest runs every file in its main process, one after another; a connection one of the
  // alert suites leaves open (not found yet) must not keep that process, and CI, waiting once all is done.
  forceExit: true,
  reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    // Each hole of the security review tried as an attacker would, against the whole app.
    { ...common, displayName: 'security', testMatch: ['<rootDir>/test/security/**/*.test.ts'] },
    // HubSpot card tests: TSX and the ESM-only @hubspot/ui-extensions, compiled to CommonJS by esbuild.
    {
      displayName: 'cards',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/unit/cards/**/*.test.tsx'],
      transform: { '^.+\\.[jt]sx?$': '<rootDir>/test/support/esbuildTransform.cjs' },
      transformIgnorePatterns: ['/node_modules/(?!(@hubspot|tinyspy)/)'],
      // The card sources are ES modules that import './x.js' for './x.tsx'.
      moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    },
    // Salesforce LWCs, with Salesforce's own Jest setup (it finds the components through sfdx-project.json).
    { ...require('@salesforce/sfdx-lwc-jest/config').jestConfig, displayName: 'lwc', testMatch: ['<rootDir>/test/unit/lwc/**/*.test.js'] },
    // The preview in Debian's Chromium, driven by playwright-core; screenshots go to test-artifacts/.
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};
