// The domain's own unit tests, for the mutation run of src/domain: no embedded PostgreSQL, no other
// projects, and none of the slower unit suites that reach the domain only through other layers.
const path = require('node:path');
const { projects, testTimeout } = require('../../jest.config.js');

const unit = projects.find((project) => project.displayName === 'unit');
module.exports = {
  ...unit,
  testTimeout,
  rootDir: path.resolve(__dirname, '../..'),
  testMatch: ['<rootDir>/test/unit/domain/**/*.test.ts'],
  // Jest maps only these folders, not the whole repository, before each of the thousands of runs.
  roots: ['<rootDir>/src/domain', '<rootDir>/test/unit/domain'],
};
