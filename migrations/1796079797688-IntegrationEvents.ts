import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntegrationEvents1796079797688 implements MigrationInterface {
  name = 'IntegrationEvents1796079797688';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhook_subscription" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "local_authority_id" uuid NOT NULL, "url" text NOT NULL, "events" text array NOT NULL, "description" text, "secret" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "disabled_reason" text, "consecutive_failures" integer NOT NULL DEFAULT '0', "version" integer NOT NULL DEFAULT '1', "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b52cb4811c5ada4f42896c37ba8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_subscription_la" ON "webhook_subscription" ("local_authority_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "integration_event" ("seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "local_authority_id" uuid NOT NULL, "type" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "data" jsonb NOT NULL, "position" bigint, CONSTRAINT "UQ_46db4582a98f86da4b7bf44027e" UNIQUE ("id"), CONSTRAINT "ck_integration_event_type" CHECK (type IN ('case.opened','case.stage_changed','case.closed','case.reopened','decision.recorded','co_worker.assigned','co_worker.ended','concern.raised','plan.agreed','plan.started','plan.ended','meeting.recorded','visit.recorded')), CONSTRAINT "PK_0286e8bb6941acb1ec469aced9a" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_integration_event_position" ON "integration_event" ("position") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_integration_event_unpositioned" ON "integration_event" ("seq") WHERE position IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_integration_event_feed" ON "integration_event" ("local_authority_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subscription_id" uuid NOT NULL, "event_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "position" bigint NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "locked_until" TIMESTAMP WITH TIME ZONE, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "last_status_code" integer, "last_error" text, "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ux_webhook_delivery_event" UNIQUE ("subscription_id", "event_id"), CONSTRAINT "ck_webhook_delivery_status" CHECK (status IN ('pending','sending','delivered')), CONSTRAINT "PK_b1ae290239a778f12399db91354" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_delivery_queue" ON "webhook_delivery" ("subscription_id", "status", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery_attempt" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "delivery_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "status_code" integer, "error" text, "duration_ms" integer NOT NULL, CONSTRAINT "PK_e6efad829bd07e78a18fd0ad5d5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_delivery_attempt_delivery" ON "webhook_delivery_attempt" ("delivery_id", "at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_subscription" ADD CONSTRAINT "fk_webhook_subscription_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "integration_event" ADD CONSTRAINT "fk_integration_event_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery" ADD CONSTRAINT "fk_webhook_delivery_subscription" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscription"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery" ADD CONSTRAINT "fk_webhook_delivery_event" FOREIGN KEY ("event_id") REFERENCES "integration_event"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery_attempt" ADD CONSTRAINT "fk_webhook_delivery_attempt_delivery" FOREIGN KEY ("delivery_id") REFERENCES "webhook_delivery"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery_attempt" DROP CONSTRAINT "fk_webhook_delivery_attempt_delivery"`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery" DROP CONSTRAINT "fk_webhook_delivery_event"`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery" DROP CONSTRAINT "fk_webhook_delivery_subscription"`,
    );
    await queryRunner.query(
      `ALTER TABLE "integration_event" DROP CONSTRAINT "fk_integration_event_la"`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_subscription" DROP CONSTRAINT "fk_webhook_subscription_la"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_delivery_attempt_delivery"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery_attempt"`);
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_delivery_queue"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP INDEX "public"."ix_integration_event_feed"`);
    await queryRunner.query(`DROP INDEX "public"."ix_integration_event_unpositioned"`);
    await queryRunner.query(`DROP INDEX "public"."ux_integration_event_position"`);
    await queryRunner.query(`DROP TABLE "integration_event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_subscription_la"`);
    await queryRunner.query(`DROP TABLE "webhook_subscription"`);
  }
}
