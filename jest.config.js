/* Jest: unit specs beside the code (src, *.spec.ts) and HTTP e2e specs in test/ against a real
 * Postgres. The global setup provisions that Postgres (DATABASE_URL or an ephemeral embedded one)
 * and migrates a template database once; each worker clones its own database from it. */
/* `file-type` (magic-byte sniffing for documents) and its dependencies are ESM-only. Node
 * (>= 20.19) `require`s them natively in the app, but jest's module system cannot, so under jest
 * they are transpiled to CommonJS like our TypeScript. */
const ESM_PACKAGES = ['file-type', 'strtok3', 'token-types', '@tokenizer', 'uint8array-extras', '@borewit'];
const common = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  moduleNameMapper: {
    '^src/(.*)$': '<rootDir>/src/$1',
    '^test/(.*)$': '<rootDir>/test/$1',
    '^file-type$': '<rootDir>/node_modules/file-type/index.js',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    '^.+\\.js$': ['ts-jest', { diagnostics: false, tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
};
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
    },
  ],
};
