/* Jest, multi-instance project (`npm run test:multi`, run by .ci/run after `npm test`): two
 * Tandem processes on one database and one Redis (REDIS_URL, default redis://127.0.0.1:6379).
 * Kept out of `npm test`, which must not need Redis. */
module.exports = {
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
  maxWorkers: 1,
  testTimeout: 180000,
  projects: [
    {
      preset: 'ts-jest',
      testEnvironment: 'node',
      displayName: 'multi',
      rootDir: __dirname,
      moduleNameMapper: { '^src/(.*)$': '<rootDir>/src/$1', '^test/(.*)$': '<rootDir>/test/$1' },
      transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
      testMatch: ['<rootDir>/test/multi/**/*.multi-spec.ts'],
    },
  ],
};
