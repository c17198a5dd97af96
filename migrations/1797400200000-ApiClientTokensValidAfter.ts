import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An API client's tokens issued before `tokens_valid_after` are refused: set when the client is
 * revoked (so re-enabling it does not revive its old tokens) and when its secret is rotated.
 * Existing clients get null (every unexpired token of an active client stays valid, as before).
 */
export class ApiClientTokensValidAfter1797400200000 implements MigrationInterface {
  name = 'ApiClientTokensValidAfter1797400200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "api_client" ADD "tokens_valid_after" TIMESTAMP WITH TIME ZONE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_client" DROP COLUMN "tokens_valid_after"`);
  }
}
