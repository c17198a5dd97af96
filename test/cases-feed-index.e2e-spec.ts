import { DataSource } from 'typeorm';
import { activeSinceSql } from 'src/cases/case-activity';
import { newCase, type TestCase } from './utils/case.factories';
import { createTestApp, TestApp } from './utils/create-app';
import { newWorld, type World } from './utils/factories';

/**
 * The integrators' feed (`GET /cases?updatedSince=`) computes the last activity only of its
 * candidate cases: those with a source of activity — the case row, a timeline entry, the family
 * — at or after the page's lower bound (`updatedSince`, or the cursor's activity), found by three
 * index range scans (migration 1799005000000), instead of every case of the LA on every page.
 * Proven here: the candidates are exactly the cases changed since the bound, through each of the
 * three sources, and nothing older; the indexes the scans need exist; Tandem's connections run
 * without JIT (a feed page once spent 1 s compiling for 3 ms of work). The feed's answers (paging,
 * filters, tenancy) are proven in cases-updated-since.e2e-spec.ts, and `queries/cases-feed.sql`
 * pins the statement (queries.e2e-spec.ts).
 */
describe('cases feed: candidates since the bound', () => {
  let t: TestApp;
  let ds: DataSource;
  let world: World;
  let cases: TestCase[];

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    world = await newWorld(t);
    cases = [];
    for (let i = 0; i < 4; i++) cases.push(await newCase(t, world));
  });
  afterAll(() => t.close());

  it('the candidates are the cases changed since the bound — by a timeline entry, by the case row, by the family — and no other', async () => {
    const [a, b, c] = cases;
    // Changed after the bound inside a transaction that is rolled back (timeline entries are
    // append-only: nothing is left behind in the shared database).
    const qr = ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    let candidates: string[];
    try {
      const [{ bound }]: { bound: Date }[] = await qr.query(`SELECT clock_timestamp() AS bound`);
      await qr.query(
        `INSERT INTO case_event (case_id, local_authority_id, type, actor_type, summary)
         VALUES ($1, $2, 'note_added', 'user', 'a change for the feed')`,
        [a.id, world.la.id],
      );
      await qr.query(`UPDATE case_record SET updated_at = clock_timestamp() WHERE id = $1`, [b.id]);
      await qr.query(`UPDATE family SET updated_at = clock_timestamp() WHERE id = $1`, [
        c.familyId,
      ]);
      const rows: { id: string }[] = await qr.query(
        `SELECT id FROM ${activeSinceSql('$1', '$2::timestamptz')} cand(id)`,
        [world.la.id, bound],
      );
      candidates = rows.map((r) => r.id);
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
    const familyCases: { id: string }[] = await ds.query(
      `SELECT id FROM case_record WHERE family_id = $1`,
      [c.familyId],
    );
    expect(candidates.sort()).toEqual(
      [...new Set([a.id, b.id, ...familyCases.map((r) => r.id)])].sort(),
    );
    expect(candidates).not.toContain(cases[3].id);
  });

  it('each source is searched by an index on (local authority, time)', async () => {
    const defs: { name: string; def: string }[] = await ds.query(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes
        WHERE indexname IN ('ix_case_event_la_at', 'ix_case_record_la_updated', 'ix_family_la_updated')
        ORDER BY indexname`,
    );
    expect(defs.map((d) => d.def.replace(/^.* USING btree /, ''))).toEqual([
      '(local_authority_id, at, case_id)',
      '(local_authority_id, updated_at)',
      '(local_authority_id, updated_at)',
    ]);
  });

  it('Tandem’s connections run without JIT compilation (a feed page once spent 1 s compiling for 3 ms of work)', async () => {
    const [row]: { jit: string }[] = await ds.query('SHOW jit');
    expect(row.jit).toBe('off');
  });
});
