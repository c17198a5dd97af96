import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tokens issued before a user was disabled stay invalid after re-enabling: the principal
 * check refuses a token issued before `tokens_valid_after`. */
export class UserTokensValidAfter1796078242650 implements MigrationInterface {
  name = 'UserTokensValidAfter1796078242650';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD "tokens_valid_after" TIMESTAMP WITH TIME ZONE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "tokens_valid_after"`);
  }
}
