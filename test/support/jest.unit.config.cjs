// The unit tier on its own, for the mutation run: no embedded PostgreSQL, no other projects.
const path = require('node:path');
const { projects, testTimeout } = require('../../jest.config.js');

const unit = projects.find((project) => project.displayName === 'unit');
module.exports = {
  ...unit,
  testTimeout,
  rootDir: path.resolve(__dirname, '../..'),
  // Runs the Redocly linter in a child process, which finds no output inside Stryker's sandbox; it
  // checks the API document, which no change in src/domain can break unnoticed by the other tests.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/unit/api/openapi.test.ts'],
};
