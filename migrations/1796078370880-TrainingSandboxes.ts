import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training runs, and the one way a sandbox local authority is removed:
 * `tandem_purge_sandbox(la, actor_type, actor_id, request_id)`, SECURITY DEFINER. It refuses a
 * non-sandbox LA, deletes every row of the sandbox in every table (found from the catalog:
 * tables with `local_authority_id`, and tables whose foreign key reaches one, children before
 * parents), then the LA itself, and records the purge in the platform audit
 * (`audit_event` with no local authority). The append-only triggers (audit_event, case_event,
 * decision, decision_request, decision_challenge) admit a DELETE only for a row of a sandbox LA
 * while that function is purging it (`tandem_purge_admits`); UPDATE and TRUNCATE stay refused.
 */
export class TrainingSandboxes1796078370880 implements MigrationInterface {
  name = 'TrainingSandboxes1796078370880';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "training_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "local_authority_id" uuid NOT NULL, "scenario" text NOT NULL, "owner_local_authority_id" uuid, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_b92aa87ce1a9e85f32b665c0be7" UNIQUE ("local_authority_id"), CONSTRAINT "PK_82588959d8d32af6b3b47c25fdd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_training_run_owner" ON "training_run" ("owner_local_authority_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "training_run" ADD CONSTRAINT "fk_training_run_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_run" ADD CONSTRAINT "fk_training_run_owner_la" FOREIGN KEY ("owner_local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_run" ADD CONSTRAINT "fk_training_run_created_by" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // Hand-written: the purge gate and the purge.
    await queryRunner.query(`CREATE FUNCTION tandem_purge_admits(p_la uuid) RETURNS boolean
      LANGUAGE sql STABLE AS $$
        SELECT p_la IS NOT NULL
           AND current_setting('tandem.purging_sandbox', true) = p_la::text
           AND EXISTS (SELECT 1 FROM local_authority WHERE id = p_la AND sandbox)
      $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'DELETE' AND tandem_purge_admits(OLD.local_authority_id) THEN RETURN OLD; END IF;
              RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'DELETE' AND tandem_purge_admits(OLD.local_authority_id) THEN RETURN OLD; END IF;
              RAISE EXCEPTION 'case_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION decision_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'DELETE' AND tandem_purge_admits(OLD.local_authority_id) THEN RETURN OLD; END IF;
              RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
    await queryRunner.query(PURGE_FUNCTION);
    await queryRunner.query(
      `REVOKE ALL ON FUNCTION tandem_purge_sandbox(uuid, text, uuid, text) FROM PUBLIC`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION tandem_purge_sandbox(uuid, text, uuid, text)`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION decision_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'case_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
    await queryRunner.query(`DROP FUNCTION tandem_purge_admits(uuid)`);
    await queryRunner.query(
      `ALTER TABLE "training_run" DROP CONSTRAINT "fk_training_run_created_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_run" DROP CONSTRAINT "fk_training_run_owner_la"`,
    );
    await queryRunner.query(`ALTER TABLE "training_run" DROP CONSTRAINT "fk_training_run_la"`);
    await queryRunner.query(`DROP INDEX "public"."ix_training_run_owner"`);
    await queryRunner.query(`DROP TABLE "training_run"`);
  }
}

/**
 * Which rows of a table belong to the sandbox: its own `local_authority_id`, else (a child
 * table) a foreign key to a table that has one. Tables are emptied children-first, ordered by
 * the foreign keys between them; a table referencing itself (a decision superseding another)
 * is emptied from the rows nothing references. Any row left behind makes the final DELETE of
 * the local authority fail on its foreign key, so the purge is all or nothing.
 */
const PURGE_FUNCTION = `
CREATE FUNCTION tandem_purge_sandbox(p_la uuid, p_actor_type text, p_actor_id uuid, p_request_id text)
RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  v_la record;
  v_counts jsonb := '{}'::jsonb;
  v_tables text[];
  v_done text[] := ARRAY[]::text[];
  v_table text;
  v_filter text;
  v_self record;
  v_progress boolean;
  v_n bigint;
  v_step bigint;
BEGIN
  SELECT id, code, name, sandbox INTO v_la FROM local_authority WHERE id = p_la FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no local authority %', p_la USING ERRCODE = 'no_data_found';
  END IF;
  IF NOT v_la.sandbox THEN
    RAISE EXCEPTION 'local authority % is not a sandbox: purge refused', v_la.code
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM set_config('tandem.purging_sandbox', p_la::text, true);

  SELECT coalesce(array_agg(c.relname::text ORDER BY c.relname), ARRAY[]::text[]) INTO v_tables
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'local_authority';

  LOOP
    v_progress := false;
    FOREACH v_table IN ARRAY v_tables LOOP
      CONTINUE WHEN v_table = ANY (v_done);
      -- Ready once no other table still to be emptied references it.
      CONTINUE WHEN EXISTS (
        SELECT 1 FROM pg_constraint k
          JOIN pg_class ch ON ch.oid = k.conrelid
          JOIN pg_class pa ON pa.oid = k.confrelid
         WHERE k.contype = 'f' AND pa.relname = v_table AND ch.relname <> v_table
           AND ch.relname = ANY (v_tables) AND NOT (ch.relname = ANY (v_done)));
      v_progress := true;
      v_done := v_done || v_table;

      IF EXISTS (SELECT 1 FROM information_schema.columns
                  WHERE table_schema = 'public' AND table_name = v_table
                    AND column_name = 'local_authority_id') THEN
        v_filter := 't.local_authority_id = $1';
      ELSE
        SELECT string_agg(format('EXISTS (SELECT 1 FROM %I p WHERE %s AND p.local_authority_id = $1)',
                                 fk.parent, fk.cond), ' OR ')
          INTO v_filter
          FROM (SELECT pa.relname AS parent,
                       string_agg(format('p.%I = t.%I', pac.attname, chc.attname), ' AND ') AS cond
                  FROM pg_constraint k
                  JOIN pg_class ch ON ch.oid = k.conrelid
                  JOIN pg_class pa ON pa.oid = k.confrelid
                  JOIN LATERAL unnest(k.conkey, k.confkey) AS cols(ck, pk) ON true
                  JOIN pg_attribute chc ON chc.attrelid = k.conrelid AND chc.attnum = cols.ck
                  JOIN pg_attribute pac ON pac.attrelid = k.confrelid AND pac.attnum = cols.pk
                 WHERE k.contype = 'f' AND ch.relname = v_table AND pa.relname <> v_table
                   AND EXISTS (SELECT 1 FROM information_schema.columns
                                WHERE table_schema = 'public' AND table_name = pa.relname
                                  AND column_name = 'local_authority_id')
                 GROUP BY k.oid, pa.relname) fk;
      END IF;
      CONTINUE WHEN v_filter IS NULL; -- nothing in this table can belong to an LA

      v_n := 0;
      -- A self-referencing key: delete the rows no remaining row references, until none left.
      SELECT chc.attname AS col, pac.attname AS ref INTO v_self
        FROM pg_constraint k
        JOIN pg_class ch ON ch.oid = k.conrelid
        JOIN pg_attribute chc ON chc.attrelid = k.conrelid AND chc.attnum = k.conkey[1]
        JOIN pg_attribute pac ON pac.attrelid = k.confrelid AND pac.attnum = k.confkey[1]
       WHERE k.contype = 'f' AND k.conrelid = k.confrelid AND ch.relname = v_table
       LIMIT 1;
      IF FOUND THEN
        LOOP
          EXECUTE format('DELETE FROM %I t WHERE (%s) AND NOT EXISTS (SELECT 1 FROM %I x WHERE x.%I = t.%I)',
                         v_table, v_filter, v_table, v_self.col, v_self.ref) USING p_la;
          GET DIAGNOSTICS v_step = ROW_COUNT;
          EXIT WHEN v_step = 0;
          v_n := v_n + v_step;
        END LOOP;
      END IF;
      EXECUTE format('DELETE FROM %I t WHERE %s', v_table, v_filter) USING p_la;
      GET DIAGNOSTICS v_step = ROW_COUNT;
      v_n := v_n + v_step;
      IF v_n > 0 THEN
        v_counts := v_counts || jsonb_build_object(v_table, v_n);
      END IF;
    END LOOP;
    EXIT WHEN cardinality(v_done) = cardinality(v_tables);
    IF NOT v_progress THEN
      RAISE EXCEPTION 'purge cannot order tables (foreign-key cycle among %)',
        (SELECT array_agg(x) FROM unnest(v_tables) x WHERE NOT (x = ANY (v_done)));
    END IF;
  END LOOP;

  DELETE FROM local_authority WHERE id = p_la;
  v_counts := v_counts || jsonb_build_object('local_authority', 1);
  PERFORM set_config('tandem.purging_sandbox', '', true);

  INSERT INTO audit_event (local_authority_id, actor_type, actor_id, action, record_type,
                           record_id, request_id, metadata)
  VALUES (NULL, coalesce(p_actor_type, 'system'), p_actor_id, 'training.sandbox.purge',
          'local_authority', p_la, p_request_id,
          jsonb_build_object('code', v_la.code, 'name', v_la.name, 'rows', v_counts));
  RETURN v_counts;
END
$fn$`;
