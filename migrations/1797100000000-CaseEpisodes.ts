import { MigrationInterface, QueryRunner } from 'typeorm';

/** The episodes of every case that has none, from its timeline (exported for its test). */
export const EPISODE_BACKFILL_SQL = `INSERT INTO case_episode (local_authority_id, case_id, seq, referral_date, referral_source,
                                 closed, closed_on, closure_reason)
       WITH created AS (
         SELECT DISTINCT ON (e.case_id) e.case_id, e.data->'referral'->>'date' AS ref_date,
                e.data->'referral'->>'source' AS ref_source
           FROM case_event e WHERE e.type = 'case_created'
          ORDER BY e.case_id, e.at, e.id
       ), reopens AS (
         SELECT e.case_id, row_number() OVER (PARTITION BY e.case_id ORDER BY e.at, e.id) AS n,
                e.data->'previousReferral'->>'date' AS ref_date,
                e.data->'previousReferral'->>'source' AS ref_source,
                e.data->'previousClosure'->>'reason' AS reason
           FROM case_event e WHERE e.type = 'case_reopened'
       ), closes AS (
         SELECT e.case_id, row_number() OVER (PARTITION BY e.case_id ORDER BY e.at, e.id) AS n,
                CASE WHEN e.data->>'closedOn' ~ '^\\d{4}-\\d{2}-\\d{2}$'
                     THEN (e.data->>'closedOn')::date END AS closed_on,
                e.data->>'reason' AS reason
           FROM case_event e WHERE e.type = 'case_closed'
       ), eps AS (
         SELECT r.case_id, r.n AS seq,
                COALESCE(r.ref_date::date, cr.ref_date::date, c.referral_date) AS ref_date,
                COALESCE(r.ref_source, cr.ref_source, c.referral_source) AS ref_source,
                true AS closed, r.reason
           FROM reopens r JOIN case_record c ON c.id = r.case_id
           LEFT JOIN created cr ON cr.case_id = r.case_id
         UNION ALL
         SELECT c.id, 1 + (SELECT count(*) FROM reopens r WHERE r.case_id = c.id),
                c.referral_date, c.referral_source, c.stage = 'closed', c.closure_reason
           FROM case_record c
       )
       SELECT c.local_authority_id, eps.case_id, eps.seq, eps.ref_date, eps.ref_source, eps.closed,
              CASE WHEN eps.closed AND cl.closed_on >= eps.ref_date THEN cl.closed_on END,
              CASE WHEN eps.closed
                   THEN CASE WHEN cl.reason IN ('RC1','RC2','RC3','RC4','RC5','RC6','RC7','RC8','RC9')
                             THEN cl.reason ELSE eps.reason END END
         FROM eps JOIN case_record c ON c.id = eps.case_id
         LEFT JOIN closes cl ON cl.case_id = eps.case_id AND cl.n = eps.seq
        WHERE NOT EXISTS (SELECT 1 FROM case_episode x WHERE x.case_id = eps.case_id)`;

/**
 * Episodes become first-class: `case_episode` holds each referral → closure of a case (the
 * census's `CINdetails`), with the closure date the practitioner gave (`closed_on`), the reason
 * and the primary need at closure.
 *
 * Existing cases are migrated from their own timeline, never invented:
 * - one episode per `case_reopened` event (its `previousReferral`; a reopening recorded before
 *   reopenings carried it kept the case's first referral, from `case_created`), plus the current
 *   one from `case_record`;
 * - the k-th `case_closed` event closes the k-th episode: `closed_on` is the `closedOn` it
 *   recorded (null when it recorded none, or a date before the episode's referral: unknown stays
 *   unknown), the reason its `reason` (else the reopening's `previousClosure.reason`, else the
 *   case's own for the current episode);
 * - `primary_need_at_closure` was never recorded: null.
 *
 * From now on a case's first episode is written by the database with the case row (trigger
 * `case_episode_first`), so no writer of `case_record` can leave a case without one; closing
 * and reopening write the episode in the same transaction as the case row (`CaseRepository`). A
 * case row inserted already closed (bulk training data only) takes its closure date from
 * `closed_at` in England.
 */
export class CaseEpisodes1797100000000 implements MigrationInterface {
  name = 'CaseEpisodes1797100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "case_episode" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "local_authority_id" uuid NOT NULL, "case_id" uuid NOT NULL, "seq" integer NOT NULL, "referral_date" date NOT NULL, "referral_source" text NOT NULL, "closed" boolean NOT NULL DEFAULT false, "closed_on" date, "closure_reason" text, "primary_need_at_closure" text, CONSTRAINT "ck_case_episode_primary_need" CHECK (primary_need_at_closure IS NULL OR primary_need_at_closure IN ('N0','N1','N2','N3','N4','N5','N6','N7','N8','N9')), CONSTRAINT "ck_case_episode_closure_reason" CHECK (closure_reason IS NULL OR closure_reason IN ('RC1','RC2','RC3','RC4','RC5','RC6','RC7','RC8','RC9')), CONSTRAINT "ck_case_episode_referral_source" CHECK (referral_source IN ('1A','1B','1C','1D','2A','2B','3A','3B','3C','3D','3E','3F','4','5A','5B','5C','5D','6','7','8','9','10')), CONSTRAINT "ck_case_episode_closed_on" CHECK (closed_on IS NULL OR closed_on >= referral_date), CONSTRAINT "ck_case_episode_open" CHECK (closed OR (closed_on IS NULL AND closure_reason IS NULL AND primary_need_at_closure IS NULL)), CONSTRAINT "ck_case_episode_seq" CHECK (seq >= 1), CONSTRAINT "pk_case_episode" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_episode_la_closed" ON "case_episode" ("local_authority_id", "closed_on") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_case_episode_seq" ON "case_episode" ("case_id", "seq") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_case_episode_open" ON "case_episode" ("case_id") WHERE NOT closed`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_episode" ADD CONSTRAINT "fk_case_episode_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_episode" ADD CONSTRAINT "fk_case_episode_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(EPISODE_BACKFILL_SQL);
    await queryRunner.query(`CREATE FUNCTION case_episode_first() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO case_episode (local_authority_id, case_id, seq, referral_date, referral_source,
                                        closed, closed_on, closure_reason)
              VALUES (NEW.local_authority_id, NEW.id, 1, NEW.referral_date, NEW.referral_source,
                      NEW.stage = 'closed',
                      CASE WHEN NEW.stage = 'closed'
                           THEN greatest((NEW.closed_at AT TIME ZONE 'Europe/London')::date, NEW.referral_date) END,
                      CASE WHEN NEW.stage = 'closed' THEN NEW.closure_reason END);
              RETURN NEW;
            END $$`);
    await queryRunner.query(
      `CREATE TRIGGER case_episode_first AFTER INSERT ON case_record FOR EACH ROW EXECUTE FUNCTION case_episode_first()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER case_episode_first ON case_record`);
    await queryRunner.query(`DROP FUNCTION case_episode_first()`);
    await queryRunner.query(`ALTER TABLE "case_episode" DROP CONSTRAINT "fk_case_episode_case"`);
    await queryRunner.query(`ALTER TABLE "case_episode" DROP CONSTRAINT "fk_case_episode_la"`);
    await queryRunner.query(`DROP INDEX "ux_case_episode_open"`);
    await queryRunner.query(`DROP INDEX "ux_case_episode_seq"`);
    await queryRunner.query(`DROP INDEX "ix_case_episode_la_closed"`);
    await queryRunner.query(`DROP TABLE "case_episode"`);
  }
}
