import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from 'src/database/data-source-options';
import { CASE_SELECT } from 'src/cases/case-columns';
import { workerDatabaseUrl } from './utils/create-app';
import { planReads, type PlanNode } from './utils/plan-reads';

/**
 * A case response (the case read and every caseload row) finds the case's lifecycle entries —
 * its referral events, its closures and reopenings, the closure it shows — through the partial
 * index `ix_case_event_case_lifecycle`, not by walking every note and decision entry of the case
 * (migration 1799004000000). Sequential scans are switched off so the planner must say which
 * index each subquery can use: a subquery whose `type` filter the index's predicate does not
 * cover (a new lifecycle kind added to the query but not to the index) falls back to
 * `ix_case_event_case_at` and fails here.
 */
describe('case lifecycle entries index', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(await workerDatabaseUrl())).initialize();
  });
  afterAll(() => ds.destroy());

  it('a case response reads lifecycle entries through the lifecycle index, and only its last activity through the whole timeline', async () => {
    const indexes = await ds.transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      const [row]: { 'QUERY PLAN': [{ Plan: PlanNode }] }[] = await m.query(
        `EXPLAIN (FORMAT JSON) ${CASE_SELECT} WHERE c.id = $1 AND c.local_authority_id = $2`,
        [randomUUID(), randomUUID()],
      );
      return planReads(row['QUERY PLAN'][0].Plan)
        .filter((r) => r.startsWith('case_event:'))
        .map((r) => r.slice('case_event:'.length));
    });
    expect(indexes.sort()).toEqual([
      'ix_case_event_case_at', // lastActivityAt: the latest entry of any kind
      'ix_case_event_case_lifecycle', // history: closures and reopenings
      'ix_case_event_case_lifecycle', // referral events (timescales)
      'ix_case_event_case_lifecycle', // the closure shown on a closed case
    ]);
  });

  it('the index holds only the six lifecycle kinds', async () => {
    const [row]: { def: string }[] = await ds.query(
      `SELECT pg_get_indexdef('ix_case_event_case_lifecycle'::regclass) AS def`,
    );
    for (const kind of [
      'case_created',
      'case_reopened',
      'referral_added',
      'assessment_completed',
      'assessment_authorised',
      'case_closed',
    ])
      expect(row.def).toContain(`'${kind}'`);
    expect(row.def).not.toContain('note_added');
  });
});
