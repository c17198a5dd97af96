/**
 * GET /indicators reads its groups on two connections at once (src/indicators/indicator-lanes.ts):
 * the second transaction adopts the first one's snapshot, so every figure is of the same moment —
 * what a single REPEATABLE READ transaction would have read — even while cases change meanwhile.
 */
import { DataSource, EntityManager } from 'typeorm';
import {
  IndicatorRepository,
  MonthRow,
  Period,
  TeamScope,
} from 'src/indicators/indicator.repository';
import { readAllIndicators } from 'src/indicators/indicator-lanes';
import { INDICATOR_KEYS, IndicatorKey } from 'src/indicators/indicator-sql';
import { createTestApp, TestApp } from './utils/create-app';
import { newWorld, World } from './utils/factories';
import { newCase } from './utils/case.factories';
import { raiseConcern } from './utils/cp.factories';

const PERIOD: Period = { from: '2026-05-01', to: '2027-04-30', asOf: '2027-04-30' };
const LA_WIDE: TeamScope = { kind: 'la' };

/** Records which connection (lane) computed each group. */
class RecordingRepository extends IndicatorRepository {
  lanes = new Map<IndicatorKey, EntityManager>();
  override async aggregateGroup(
    m: EntityManager,
    la: string,
    keys: readonly IndicatorKey[],
    scope: TeamScope,
    p: Period,
  ): Promise<Record<string, MonthRow[]>> {
    for (const k of keys) this.lanes.set(k, m);
    return super.aggregateGroup(m, la, keys, scope, p);
  }
}

const totals = (r: Record<IndicatorKey, MonthRow[]>) =>
  Object.fromEntries(
    INDICATOR_KEYS.map((k) => [k, r[k].find((row) => row.month === null)?.measures]),
  );

describe('indicators read on two lanes share one snapshot', () => {
  let t: TestApp;
  let w: World;
  let ds: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    ds = t.app.get(DataSource);
    for (let i = 0; i < 3; i++) {
      const kase = await newCase(t, w, { referralDate: '2026-10-01' });
      await raiseConcern(t, w, {
        caseId: kase.id,
        familyId: kase.familyId,
        childIds: kase.childIds,
        referralDate: '2026-10-01',
      });
    }
  });
  afterAll(() => t.close());

  it('both lanes compute groups, and a case opened after the snapshot counts in neither', async () => {
    const repo = new RecordingRepository();
    const before = totals(await readAllIndicators(ds, repo, w.la.id, async () => LA_WIDE, PERIOD));

    const during = await readAllIndicators(
      ds,
      repo,
      w.la.id,
      async (m) => {
        await m.query('SELECT 1'); // the first transaction's snapshot is taken here
        const kase = await newCase(t, w, { referralDate: '2026-11-02' }); // committed after it
        await raiseConcern(t, w, {
          caseId: kase.id,
          familyId: kase.familyId,
          childIds: kase.childIds,
          referralDate: '2026-11-02',
        });
        return LA_WIDE;
      },
      PERIOD,
    );
    expect(new Set(repo.lanes.values()).size).toBe(2);
    expect(totals(during)).toEqual(before);

    const after = totals(await readAllIndicators(ds, repo, w.la.id, async () => LA_WIDE, PERIOD));
    expect(after.timescale_assessment?.items).toBe((before.timescale_assessment?.items ?? 0) + 1);
    expect(after.concern_response).not.toEqual(before.concern_response);
  });

  it('a second request at the same time reads on one lane, with the same figures', async () => {
    const [a, b] = await Promise.all([
      readAllIndicators(ds, new IndicatorRepository(), w.la.id, async () => LA_WIDE, PERIOD),
      readAllIndicators(ds, new IndicatorRepository(), w.la.id, async () => LA_WIDE, PERIOD),
    ]);
    expect(totals(a)).toEqual(totals(b));
  });

  it('a refusal while deciding the scope releases both connections and rolls back', async () => {
    const pool = (ds.driver as unknown as { master: { idleCount: number; totalCount: number } })
      .master;
    await expect(
      readAllIndicators(
        ds,
        new IndicatorRepository(),
        w.la.id,
        async () => {
          throw new Error('refused');
        },
        PERIOD,
      ),
    ).rejects.toThrow('refused');
    expect(pool.idleCount).toBe(pool.totalCount);
  });
});
