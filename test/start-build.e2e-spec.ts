/**
 * `npm start` compiles only when the sources changed since dist/ was built (scripts/build.js):
 * an unchanged checkout starts straight from dist/; any change to what tsc reads rebuilds; a
 * compiled file whose source is gone (a renamed migration) is removed after a build; the emitter
 * (TypeScript's per-file transpiler, as ts-jest runs the tests) emits only what changed.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const build = require('../scripts/build.js') as {
  sourceHash(root: string): string;
  needsBuild(root: string): boolean;
  orphans(root: string): string[];
  emit(root: string): { status: number; emitted: number };
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

  describe('the emitter', () => {
    const project = () => {
      put(
        'tsconfig.build.json',
        JSON.stringify({
          compilerOptions: {
            module: 'commonjs',
            target: 'ES2022',
            isolatedModules: true,
            experimentalDecorators: true,
            emitDecoratorMetadata: true,
            sourceMap: true,
            rootDir: '.',
            outDir: './dist',
          },
          include: ['src/**/*.ts', 'migrations/**/*.ts'],
        }),
      );
    };

    it('emits every source into dist/ as tsc lays it out, with a source map pointing back', () => {
      project();
      expect(build.emit(root)).toEqual({ status: 0, emitted: 2 });
      const js = readFileSync(join(root, 'dist/src/main.js'), 'utf8');
      expect(js).toContain('exports.a = 1;');
      expect(js).toContain('//# sourceMappingURL=main.js.map');
      const map = JSON.parse(readFileSync(join(root, 'dist/src/main.js.map'), 'utf8')) as {
        sources: string[];
      };
      expect(map.sources).toEqual(['../../src/main.ts']);
      expect(existsSync(join(root, 'dist/migrations/1700000000000-First.js'))).toBe(true);
    });

    it('emits again only the files whose text changed', () => {
      project();
      build.emit(root);
      expect(build.emit(root).emitted).toBe(0);
      put('src/main.ts', 'export const a = 2;');
      expect(build.emit(root).emitted).toBe(1);
      expect(readFileSync(join(root, 'dist/src/main.js'), 'utf8')).toContain('exports.a = 2;');
    });

    it('a changed compiler setting emits everything again', () => {
      project();
      build.emit(root);
      put(
        'tsconfig.build.json',
        readFileSync(join(root, 'tsconfig.build.json'), 'utf8').replace('ES2022', 'ES2021'),
      );
      expect(build.emit(root).emitted).toBe(2);
    });

    it('a syntax error fails the build and names the file', () => {
      project();
      put('src/broken.ts', 'export const = ;');
      const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        expect(build.emit(root).status).toBe(1);
        expect(String(err.mock.calls[0]?.[0])).toContain('src/broken.ts');
      } finally {
        err.mockRestore();
      }
    });
  });
});
