/* Jest: unit specs beside the code (src, *.spec.ts) and HTTP e2e specs in test/ against a real
 * Postgres. The global setup provisions that Postgres (DATABASE_URL or an ephemeral embedded one)
 * and migrates a template database once; each worker clones its own database from it. */
const common = require('./jest.common');

module.exports = {
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
  maxWorkers: 2,
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      rootDir: __dirname,
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/contract-setup.ts'],
    },
  ],
};
