/**
 * `npm start` compiles only when the sources changed since dist/ was built (scripts/build.js):
 * an unchanged checkout starts straight from dist/; any change to what tsc reads rebuilds; a
 * compiled file whose source is gone (a renamed migration) is removed after a build.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const build = require('../scripts/build.js') as {
  sourceHash(root: string): string;
  needsBuild(root: string): boolean;
  orphans(root: string): string[];
};

describe('npm start rebuilds only when the sources changed', () => {
  let root: string;
  const put = (rel: string, text: string) => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  const stampAsBuilt = () => {
    put('dist/src/main.js', '// compiled');
    put('dist/.source-hash', `${build.sourceHash(root)}\n`);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tandem-build-'));
    put('tsconfig.json', '{}');
    put('tsconfig.build.json', '{}');
    put('package-lock.json', '{}');
    put('src/main.ts', 'export const a = 1;');
    put('migrations/1700000000000-First.ts', 'export class First {}');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('a fresh checkout (no dist/) builds', () => {
    expect(build.needsBuild(root)).toBe(true);
  });

  it('an unchanged checkout does not build', () => {
    stampAsBuilt();
    expect(build.needsBuild(root)).toBe(false);
  });

  it('a file outside the sources (docs, README, tests) does not rebuild', () => {
    stampAsBuilt();
    put('README.md', 'changed');
    put('docs/x.md', 'new');
    put('test/a.e2e-spec.ts', 'new');
    expect(build.needsBuild(root)).toBe(false);
  });

  it.each([
    ['an edited source file', () => put('src/main.ts', 'export const a = 2;')],
    ['a new migration', () => put('migrations/1700000000001-Second.ts', 'export class S {}')],
    ['a deleted source file', () => rmSync(join(root, 'migrations/1700000000000-First.ts'))],
    ['a changed compiler setting', () => put('tsconfig.json', '{"compilerOptions":{}}')],
    ['changed dependencies', () => put('package-lock.json', '{"v":2}')],
  ])('%s rebuilds', (_what, change) => {
    stampAsBuilt();
    change();
    expect(build.needsBuild(root)).toBe(true);
  });

  it('a dist/ without its stamp (built by hand or interrupted) rebuilds', () => {
    put('dist/src/main.js', '// compiled');
    expect(build.needsBuild(root)).toBe(true);
  });

  it('compiled files whose source is gone are found for removal (a renamed migration must not run)', () => {
    put('dist/migrations/1700000000000-First.js', '');
    put('dist/migrations/1690000000000-Renamed.js', '');
    put('dist/migrations/1690000000000-Renamed.js.map', '');
    expect(
      build
        .orphans(root)
        .map((f) => f.slice(root.length + 1))
        .sort(),
    ).toEqual([
      'dist/migrations/1690000000000-Renamed.js',
      'dist/migrations/1690000000000-Renamed.js.map',
    ]);
  });
});
