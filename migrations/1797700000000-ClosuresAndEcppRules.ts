import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closure with authority and the ECPP's assignment rules (issue 26): `closure_proposal` (a
 * practitioner's proposal, a manager's authorisation, the accountable ECPP's agreement), and on
 * `case_co_worker` the kind (`accountable` | `cover`), the date the assignment took effect
 * (`assigned_on`) and the end of a cover (`cover_to`). Existing histories stay valid: see the
 * two backfills below.
 */
export class ClosuresAndEcppRules1797700000000 implements MigrationInterface {
  name = 'ClosuresAndEcppRules1797700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "closure_proposal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "reason" text NOT NULL, "closed_on" date NOT NULL, "primary_need" text NOT NULL, "note" text, "status" text NOT NULL DEFAULT 'proposed', "proposed_by_id" uuid NOT NULL, "proposed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "authorised_by_id" uuid, "authorised_at" TIMESTAMP WITH TIME ZONE, "ecpp_agreed_by_id" uuid, "ecpp_agreed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_closure_proposal_agreed" CHECK ((ecpp_agreed_at IS NULL) = (ecpp_agreed_by_id IS NULL)), CONSTRAINT "ck_closure_proposal_authorised" CHECK ((authorised_at IS NULL) = (authorised_by_id IS NULL)), CONSTRAINT "ck_closure_proposal_status" CHECK (status IN ('proposed','closed')), CONSTRAINT "ck_closure_proposal_primary_need" CHECK (primary_need IN ('N0','N1','N2','N3','N4','N5','N6','N7','N8','N9')), CONSTRAINT "ck_closure_proposal_reason" CHECK (reason IN ('RC1','RC2','RC3','RC4','RC5','RC6','RC7','RC8','RC9')), CONSTRAINT "PK_8dcbf77a05f55b9ed3ea101e08d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_closure_proposal_case" ON "closure_proposal" ("case_id", "proposed_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "case_co_worker" ADD "kind" text NOT NULL DEFAULT 'accountable'`,
    );
    await queryRunner.query(`ALTER TABLE "case_co_worker" ADD "assigned_on" date`);
    // Existing assignments: the day they were written (in England), or the earliest
    // decision that ECPP recorded on that case if earlier, so no recorded decision is dated
    // before its ECPP's assignment.
    await queryRunner.query(`UPDATE "case_co_worker" w SET assigned_on = LEAST(
            (w.assigned_at AT TIME ZONE 'Europe/London')::date,
            COALESCE((SELECT min(d.effective_date) FROM decision d
                       WHERE d.case_id = w.case_id AND d.decided_by_id = w.user_id),
                     (w.assigned_at AT TIME ZONE 'Europe/London')::date))`);
    await queryRunner.query(`ALTER TABLE "case_co_worker" ALTER COLUMN "assigned_on" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "case_co_worker" ADD "cover_to" date`);
    await queryRunner.query(
      `ALTER TABLE "case_co_worker" ADD CONSTRAINT "ck_case_co_worker_cover_to" CHECK (cover_to IS NULL OR cover_to >= assigned_on)`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_co_worker" ADD CONSTRAINT "ck_case_co_worker_kind" CHECK (kind IN ('accountable','cover'))`,
    );
    // One accountable ECPP per case: where several were active at once, the earliest active
    // assignment stays accountable and the later ones become open-ended cover.
    await queryRunner.query(`UPDATE "case_co_worker" w SET kind = 'cover'
            WHERE w.ended_at IS NULL AND EXISTS (
              SELECT 1 FROM "case_co_worker" o WHERE o.case_id = w.case_id AND o.ended_at IS NULL
                 AND (o.assigned_at, o.id) < (w.assigned_at, w.id))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_case_co_worker_accountable" ON "case_co_worker" ("case_id") WHERE ended_at IS NULL AND kind = 'accountable'`,
    );
    await queryRunner.query(
      `ALTER TABLE "closure_proposal" ADD CONSTRAINT "fk_closure_proposal_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "closure_proposal" ADD CONSTRAINT "fk_closure_proposal_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "closure_proposal" ADD CONSTRAINT "fk_closure_proposal_proposed_by" FOREIGN KEY ("proposed_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "closure_proposal" ADD CONSTRAINT "fk_closure_proposal_authorised_by" FOREIGN KEY ("authorised_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "closure_proposal" ADD CONSTRAINT "fk_closure_proposal_ecpp_agreed_by" FOREIGN KEY ("ecpp_agreed_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "closure_proposal" DROP CONSTRAINT "fk_closure_proposal_ecpp_agreed_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "closure_proposal" DROP CONSTRAINT "fk_closure_proposal_authorised_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "closure_proposal" DROP CONSTRAINT "fk_closure_proposal_proposed_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "closure_proposal" DROP CONSTRAINT "fk_closure_proposal_la"`,
    );
    await queryRunner.query(
      `ALTER TABLE "closure_proposal" DROP CONSTRAINT "fk_closure_proposal_case"`,
    );
    await queryRunner.query(`DROP INDEX "ux_case_co_worker_accountable"`);
    await queryRunner.query(
      `ALTER TABLE "case_co_worker" DROP CONSTRAINT "ck_case_co_worker_kind"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_co_worker" DROP CONSTRAINT "ck_case_co_worker_cover_to"`,
    );
    await queryRunner.query(`ALTER TABLE "case_co_worker" DROP COLUMN "cover_to"`);
    await queryRunner.query(`ALTER TABLE "case_co_worker" DROP COLUMN "assigned_on"`);
    await queryRunner.query(`ALTER TABLE "case_co_worker" DROP COLUMN "kind"`);
    await queryRunner.query(`DROP INDEX "public"."ix_closure_proposal_case"`);
    await queryRunner.query(`DROP TABLE "closure_proposal"`);
  }
}
