import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { CaseQueryRepository } from 'src/cases/case-query.repository';
import { Clock } from 'src/common/clock';
import { dataSourceOptions } from 'src/database/data-source-options';
import { workerDatabaseUrl } from './utils/create-app';
import { planReads, type PlanNode } from './utils/plan-reads';

/**
 * The integrators' feed (`GET /cases?updatedSince=`) computes the last activity only of the
 * cases with a source of activity since the page's lower bound (`updatedSince`, or the cursor's
 * activity), found by three index range scans (migration 1799005000000): it no longer computes
 * every case of the LA on every page. Sequential scans are switched off so the planner says
 * which indexes the candidate scans can use: a candidate source without its index, or a feed
 * that stops restricting to candidates, fails here. (The feed's answers are proven in
 * cases-updated-since.e2e-spec.ts.)
 */
describe('cases feed: candidates by index', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(await workerDatabaseUrl())).initialize();
  });
  afterAll(() => ds.destroy());

  const integrator = (la: string): Actor => ({
    kind: 'client',
    id: randomUUID(),
    localAuthorityId: la,
    roles: [],
    scopes: ['cases:read'],
    agency: null,
    name: 'Integrator',
  });

  /** The plans of the statements the feed's first page and a later page send. */
  const feedIndexes = (after: [string, string] | null) =>
    ds.transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      const reads: string[] = [];
      const explaining = {
        query: async (sql: string, params: unknown[]) => {
          const [row]: { 'QUERY PLAN': [{ Plan: PlanNode }] }[] = await m.query(
            `EXPLAIN (FORMAT JSON) ${sql}`,
            params,
          );
          planReads(row['QUERY PLAN'][0].Plan, reads);
          return [];
        },
      } as unknown as EntityManager;
      const la = randomUUID();
      await new CaseQueryRepository(new Clock('2026-11-30')).list(explaining, la, integrator(la), {
        updatedSince: '2026-11-30T09:00:00.000Z',
        limit: 50,
        after,
      });
      return reads;
    });

  it('Tandem’s connections run without JIT compilation (a feed page once spent 1 s compiling for 3 ms of work)', async () => {
    const [row]: { jit: string }[] = await ds.query('SHOW jit');
    expect(row.jit).toBe('off');
  });

  it('the first page finds its candidate cases through the case, timeline and family indexes', async () => {
    const reads = await feedIndexes(null);
    expect(reads).toEqual(
      expect.arrayContaining([
        'case_record:ix_case_record_la_updated',
        'case_event:ix_case_event_la_at',
        'family:ix_family_la_updated',
      ]),
    );
  });

  it('a later page does too, from the cursor’s activity', async () => {
    const reads = await feedIndexes(['2026-11-30T10:00:00.000Z', randomUUID()]);
    expect(reads).toEqual(
      expect.arrayContaining([
        'case_record:ix_case_record_la_updated',
        'case_event:ix_case_event_la_at',
        'family:ix_family_la_updated',
      ]),
    );
  });
});
