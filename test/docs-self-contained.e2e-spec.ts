/**
 * Tandem's documentation stands alone: the rules it implements are described in its own `docs/`,
 * so nothing in the repository's docs, code or README points at files outside the repository.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const OUTSIDE = /(DOMAIN|CONVENTIONS)\.md|(?<![A-Za-z_])API\.md|\.\.\/shared\//;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('docs are self-contained', () => {
  it('no file in docs/ or src/, nor the README, cites a document outside the repository', () => {
    const cited = [
      ...files(join(ROOT, 'docs')),
      ...files(join(ROOT, 'src')),
      join(ROOT, 'README.md'),
    ]
      .filter((f) => /\.(md|ts|json)$/.test(f))
      .filter((f) => OUTSIDE.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(cited).toEqual([]);
  });

  it('every docs/*.md page the code cites exists', () => {
    const pages = new Set(readdirSync(join(ROOT, 'docs')));
    const missing = files(join(ROOT, 'src'))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/docs\/([a-z0-9-]+\.md)/g)])
      .map((m) => m[1])
      .filter((p) => !pages.has(p));
    expect([...new Set(missing)]).toEqual([]);
  });
});
