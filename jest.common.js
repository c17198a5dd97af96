/* Settings shared by every jest project (jest.config.js, jest.multi.config.js). */
/* `file-type` (magic-byte sniffing for documents) and its dependencies are ESM-only. Node
 * (>= 20.19) `require`s them natively in the app, but jest's module system cannot, so under jest
 * they are transpiled to CommonJS like our TypeScript. */
const ESM_PACKAGES = [
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  '@borewit',
];
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
module.exports = common;
