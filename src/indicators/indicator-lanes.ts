import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { INDICATOR_GROUPS, IndicatorKey } from './indicator-sql';
import { IndicatorRepository, MonthRow, Period, TeamScope } from './indicator.repository';

/**
 * Reads every indicator group as of one snapshot, on two database connections at once when it
 * can. The first transaction (REPEATABLE READ) decides the scope, exports its snapshot
 * (`pg_export_snapshot()`), and a second transaction adopts it (`SET TRANSACTION SNAPSHOT`):
 * both see exactly the same data, so the figures are those of one consistent moment, as if read
 * in one transaction. The groups are taken from one queue, costliest first (the assessment
 * timescale, a year of due dates, is about half the work), so the two lanes finish together.
 *
 * One request at a time in the process uses the second lane (the rest read on one), so an
 * indicator request never holds a pooled connection while waiting for another that only other
 * indicator requests could free: no pool deadlock under load.
 */
let secondLaneInUse = false;

const SNAPSHOT_ID = /^[0-9A-F]+-[0-9A-F]+(-[0-9A-F]+)?$/i;

export async function readAllIndicators(
  ds: DataSource,
  repo: IndicatorRepository,
  la: string,
  scopeOf: (m: EntityManager) => Promise<TeamScope>,
  period: Period,
): Promise<Record<IndicatorKey, MonthRow[]>> {
  const runners: QueryRunner[] = [];
  let claimed = false;
  try {
    const first = ds.createQueryRunner();
    runners.push(first);
    await first.connect();
    await first.startTransaction('REPEATABLE READ');
    const scope = await scopeOf(first.manager);
    const lanes = [first.manager];
    if (!secondLaneInUse) {
      secondLaneInUse = claimed = true;
      const [{ snapshot }] = (await first.query(`SELECT pg_export_snapshot() AS snapshot`)) as {
        snapshot: string;
      }[];
      if (!SNAPSHOT_ID.test(snapshot)) throw new Error(`unexpected snapshot id ${snapshot}`);
      const second = ds.createQueryRunner();
      runners.push(second);
      await second.connect();
      await second.startTransaction('REPEATABLE READ');
      await second.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
      lanes.push(second.manager);
    }
    for (const m of lanes) await repo.tune(m);

    const queue = [...INDICATOR_GROUPS].sort((a, b) => groupCost(b) - groupCost(a));
    const result = {} as Record<IndicatorKey, MonthRow[]>;
    const settled = await Promise.allSettled(
      lanes.map(async (m) => {
        for (let keys = queue.shift(); keys; keys = queue.shift()) {
          Object.assign(result, await repo.aggregateGroup(m, la, keys, scope, period));
        }
      }),
    );
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    for (const r of runners) await r.commitTransaction();
    return result;
  } catch (err) {
    for (const r of runners) {
      if (r.isTransactionActive) await r.rollbackTransaction().catch(() => undefined);
    }
    throw err;
  } finally {
    for (const r of runners) await r.release().catch(() => undefined);
    if (claimed) secondLaneInUse = false;
  }
}

/** The assessment timescale (every referral's due date) first: it is most of the work. */
const groupCost = (keys: readonly IndicatorKey[]): number =>
  keys.includes('timescale_assessment') ? 2 : keys.some((k) => k.startsWith('timescale_')) ? 1 : 0;
