import { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = `"id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "local_authority_id" uuid,
  "actor_type" text NOT NULL, "actor_id" uuid, "action" text NOT NULL, "record_type" text,
  "record_id" uuid, "child_ids" uuid array NOT NULL DEFAULT '{}',
  "outcome" text NOT NULL DEFAULT 'success', "request_id" text, "ip" inet, "reason" text,
  "changes" jsonb, "metadata" jsonb`;
const NAMES =
  'id, at, local_authority_id, actor_type, actor_id, action, record_type, record_id, child_ids, outcome, request_id, ip, reason, changes, metadata';

/**
 * audit_event partitioned by month (declarative, RANGE on "at"): the audit trail grows by every
 * read, and a month is the unit of retention and of index size. Existing rows are copied into
 * the new table (ids kept, the identity continues after them); the append-only guarantee is
 * kept: the row trigger (no UPDATE/DELETE) is cloned to every partition by Postgres, and the
 * TRUNCATE trigger, which Postgres does not clone, is put on each partition by
 * audit_event_ensure_partitions(). A DEFAULT partition catches any row whose month has no
 * partition yet, so an insert never fails; the app calls audit_event_ensure_partitions(3) at start
 * and daily (src/audit/audit-partitions.service.ts), so months exist before they begin.
 */
export class PartitionAuditEvent1796082194805 implements MigrationInterface {
  name = 'PartitionAuditEvent1796082194805';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`LOCK TABLE "audit_event" IN ACCESS EXCLUSIVE MODE`);
    // Indexes added by later migrations that a database may already have run (they run after
    // this one on a fresh database): remade on the partitioned table below.
    const others: { name: string; def: string }[] = await q.query(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename = 'audit_event'
          AND indexname NOT IN ('ix_audit_event_actor', 'ix_audit_event_record',
                                'ix_audit_event_la_at', 'ix_audit_event_children',
                                'PK_481efbe8b0a403efe3f47a6528f')`,
    );
    for (const ix of others) await q.query(`ALTER INDEX "${ix.name}" RENAME TO "${ix.name}_old"`);
    await q.query(`ALTER TABLE "audit_event" RENAME TO "audit_event_unpartitioned"`);
    for (const ix of ['actor', 'record', 'la_at', 'children'])
      await q.query(`ALTER INDEX "ix_audit_event_${ix}" RENAME TO "ix_audit_event_old_${ix}"`);
    await q.query(
      `ALTER TABLE "audit_event_unpartitioned" RENAME CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" TO "pk_audit_event_unpartitioned"`,
    );
    await q.query(
      `CREATE TABLE "audit_event" (${COLUMNS}, CONSTRAINT "PK_5e17158fec0039930c5870f0e4e" PRIMARY KEY ("id", "at")) PARTITION BY RANGE ("at")`,
    );
    await q.query(`CREATE INDEX "ix_audit_event_actor" ON "audit_event" ("actor_id", "at") `);
    await q.query(`CREATE INDEX "ix_audit_event_record" ON "audit_event" ("record_id", "at") `);
    await q.query(
      `CREATE INDEX "ix_audit_event_la_at" ON "audit_event" ("local_authority_id", "at", "id") `,
    );
    await q.query(
      `CREATE INDEX "ix_audit_event_children" ON "audit_event" USING gin ("child_ids")`,
    );
    for (const ix of others) await q.query(ix.def); // "… ON public.audit_event …": the new table
    await q.query(
      `CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`,
    );
    await q.query(
      `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`,
    );
    // Partitions: one per month from `from_month` to the current month + `ahead`, each with the
    // TRUNCATE guard; existing ones are left alone (no lock taken). Returns how many it made.
    await q.query(`CREATE FUNCTION audit_event_ensure_partitions(ahead int, from_month date DEFAULT NULL)
      RETURNS int LANGUAGE plpgsql AS $$
      DECLARE
        m date := date_trunc('month', COALESCE(from_month, now()::date))::date;
        last date := (date_trunc('month', now()) + make_interval(months => ahead))::date;
        name text;
        made int := 0;
      BEGIN
        WHILE m <= last LOOP
          name := 'audit_event_y' || to_char(m, 'YYYY') || 'm' || to_char(m, 'MM');
          IF to_regclass(name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF audit_event FOR VALUES FROM (%L) TO (%L)',
                           name, m::timestamptz, (m + interval '1 month')::timestamptz);
            EXECUTE format('CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()', name);
            made := made + 1;
          END IF;
          m := (m + interval '1 month')::date;
        END LOOP;
        RETURN made;
      END $$`);
    await q.query(`CREATE TABLE "audit_event_default" PARTITION OF "audit_event" DEFAULT`);
    await q.query(
      `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event_default" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`,
    );
    await q.query(
      `SELECT audit_event_ensure_partitions(3, (SELECT min(at)::date FROM "audit_event_unpartitioned"))`,
    );
    await q.query(
      `INSERT INTO "audit_event" (${NAMES}) OVERRIDING SYSTEM VALUE SELECT ${NAMES} FROM "audit_event_unpartitioned"`,
    );
    await q.query(
      `SELECT setval(pg_get_serial_sequence('audit_event', 'id'), GREATEST((SELECT max(id) FROM "audit_event"), 1), (SELECT max(id) FROM "audit_event") IS NOT NULL)`,
    );
    // The old table is dropped (DROP is not a row operation: its triggers do not fire); the
    // copy above ran in this migration's transaction, so it is all or nothing.
    await q.query(`DROP TABLE "audit_event_unpartitioned"`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`LOCK TABLE "audit_event" IN ACCESS EXCLUSIVE MODE`);
    await q.query(`ALTER TABLE "audit_event" RENAME TO "audit_event_partitioned"`);
    for (const ix of ['actor', 'record', 'la_at', 'children'])
      await q.query(`ALTER INDEX "ix_audit_event_${ix}" RENAME TO "ix_audit_event_part_${ix}"`);
    await q.query(
      `ALTER TABLE "audit_event_partitioned" RENAME CONSTRAINT "PK_5e17158fec0039930c5870f0e4e" TO "pk_audit_event_partitioned"`,
    );
    await q.query(
      `CREATE TABLE "audit_event" (${COLUMNS}, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_audit_event_actor" ON "audit_event" ("actor_id", "at") `);
    await q.query(`CREATE INDEX "ix_audit_event_record" ON "audit_event" ("record_id", "at") `);
    await q.query(
      `CREATE INDEX "ix_audit_event_la_at" ON "audit_event" ("local_authority_id", "at", "id") `,
    );
    await q.query(
      `CREATE INDEX "ix_audit_event_children" ON "audit_event" USING gin ("child_ids")`,
    );
    await q.query(
      `INSERT INTO "audit_event" (${NAMES}) OVERRIDING SYSTEM VALUE SELECT ${NAMES} FROM "audit_event_partitioned"`,
    );
    await q.query(
      `SELECT setval(pg_get_serial_sequence('audit_event', 'id'), GREATEST((SELECT max(id) FROM "audit_event"), 1), (SELECT max(id) FROM "audit_event") IS NOT NULL)`,
    );
    await q.query(
      `CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`,
    );
    await q.query(
      `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`,
    );
    await q.query(`DROP TABLE "audit_event_partitioned"`);
    await q.query(`DROP FUNCTION audit_event_ensure_partitions(int, date)`);
  }
}
