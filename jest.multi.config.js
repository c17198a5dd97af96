/* Jest, multi-instance project (`npm run test:multi`, run by .ci/run after `npm test`): two
 * Tandem processes on one database and one Redis (REDIS_URL, default redis://127.0.0.1:6379).
 * Kept out of `npm test`, which must not need Redis. */
const common = require('./jest.common');

module.exports = {
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
  maxWorkers: 1,
  testTimeout: 180000,
  projects: [
    {
      ...common,
      displayName: 'multi',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/multi/**/*.multi-spec.ts'],
    },
  ],
};
