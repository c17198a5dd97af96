import { DataSource } from 'typeorm';
import { AuditPartitionsService } from 'src/audit/audit-partitions.service';
import { createTestApp, TestApp } from './utils/create-app';
import { newLa } from './utils/factories';

/** audit_event is partitioned by month; the app keeps partitions ahead; append-only holds on
 * every partition (row triggers cloned by Postgres, TRUNCATE guards added per partition). */
describe('audit_event partitions', () => {
  let t: TestApp;
  let ds: DataSource;
  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const partitions = async (): Promise<string[]> =>
    (
      await ds.query(
        `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
          WHERE i.inhparent = 'audit_event'::regclass ORDER BY 1`,
      )
    ).map((r: { relname: string }) => r.relname);

  it('is partitioned by range of at, with this month and three ahead, and a default', async () => {
    const [{ strategy }] = await ds.query(
      `SELECT partstrat AS strategy FROM pg_partitioned_table WHERE partrelid = 'audit_event'::regclass`,
    );
    expect(strategy).toBe('r');
    const names = await partitions();
    const now = new Date();
    for (let k = 0; k <= 3; k++) {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + k, 1));
      const name = `audit_event_y${d.getUTCFullYear()}m${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
      expect(names).toContain(name);
    }
    expect(names).toContain('audit_event_default');
    expect(await t.app.get(AuditPartitionsService).ensure()).toBe(0); // idempotent
  });

  it('new rows land in the month partition, and stay append-only there', async () => {
    await newLa(t); // audited
    const [row] = await ds.query(
      `SELECT id, tableoid::regclass::text AS part FROM audit_event ORDER BY id DESC LIMIT 1`,
    );
    expect(row.part).toMatch(/^audit_event_y\d{4}m\d{2}$/);
    await expect(
      ds.query(`UPDATE ${row.part} SET action = 'forged' WHERE id = $1`, [row.id]),
    ).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM ${row.part} WHERE id = $1`, [row.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(ds.query(`TRUNCATE ${row.part}`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`TRUNCATE audit_event_default`)).rejects.toThrow(/append-only/);
  });
});
