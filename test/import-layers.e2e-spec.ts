/**
 * `npm run lint` keeps the floors (scripts/import-layers.js with .dependency-cruiser.cjs): it
 * fails on a deliberate upward import and on a deliberate folder cycle (small fixture trees in
 * test/fixtures/layers), and passes on Tandem's own src/.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const run = (dir?: string) =>
  spawnSync('node', [join(ROOT, 'scripts', 'import-layers.js'), ...(dir ? [dir] : [])], {
    encoding: 'utf8',
  });

describe('import layers (npm run lint)', () => {
  it('an import from common up into plans fails, naming the rule and the arrow', () => {
    const r = run(join(ROOT, 'test', 'fixtures', 'layers', 'upward'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('floor-1-upward: src/common/clock.ts → src/plans/plan.ts');
  });

  it('two folders of one floor importing each other (cases ↔ families) fail as a folder cycle', () => {
    const r = run(join(ROOT, 'test', 'fixtures', 'layers', 'cycle'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('folder cycle: cases, families');
  });

  it("Tandem's own src/ has no upward import and no cycle", () => {
    const r = run();
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('no upward import, no cycle');
  }, 60_000);
});
