import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyKey1795442702420 implements MigrationInterface {
  name = 'IdempotencyKey1795442702420';

  /** Idempotency-Key records (src/idempotency): one per (caller, key), purged after
   * IDEMPOTENCY_RETENTION_HOURS; cascades with a removed (sandbox) local authority. */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_key" ("caller_id" uuid NOT NULL, "key" text NOT NULL, "local_authority_id" uuid, "request_hash" text NOT NULL, "status" text NOT NULL DEFAULT 'in_flight', "response_status" integer, "response_body" jsonb, "response_headers" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_idempotency_key_response" CHECK (status = 'in_flight' OR (response_status BETWEEN 100 AND 599)), CONSTRAINT "ck_idempotency_key_status" CHECK (status IN ('in_flight','done')), CONSTRAINT "PK_ae87db0b5552d7af0b0911bb9d4" PRIMARY KEY ("caller_id", "key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_idempotency_key_created" ON "idempotency_key" ("created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "idempotency_key" ADD CONSTRAINT "fk_idempotency_key_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "idempotency_key" DROP CONSTRAINT "fk_idempotency_key_la"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_idempotency_key_created"`);
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
  }
}
