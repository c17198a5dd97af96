import { MigrationInterface, QueryRunner } from 'typeorm';

/** Replays send the first response's exact bytes: `json` keeps the text (key order included),
 * `jsonb` normalised it. Existing rows keep their (normalised) content. */
export class IdempotencyReplayBytes1795446111676 implements MigrationInterface {
  name = 'IdempotencyReplayBytes1795446111676';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "idempotency_key" ALTER COLUMN "response_body" TYPE json USING "response_body"::json`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "idempotency_key" ALTER COLUMN "response_body" TYPE jsonb USING "response_body"::jsonb`,
    );
  }
}
