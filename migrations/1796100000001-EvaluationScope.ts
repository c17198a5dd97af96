import { MigrationInterface, QueryRunner } from 'typeorm';

/** API clients may hold the `evaluation:read` scope (the pseudonymised evaluation extract). */
export class EvaluationScope1796100000001 implements MigrationInterface {
  name = 'EvaluationScope1796100000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_client" DROP CONSTRAINT "ck_api_client_scopes"`);
    await queryRunner.query(
      `ALTER TABLE "api_client" ADD CONSTRAINT "ck_api_client_scopes" CHECK (scopes <@ ARRAY['families:read','families:write','cases:read','cases:write','export:read','events:read','evaluation:read']::text[])`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_client" DROP CONSTRAINT "ck_api_client_scopes"`);
    await queryRunner.query(
      `ALTER TABLE "api_client" ADD CONSTRAINT "ck_api_client_scopes" CHECK (scopes <@ ARRAY['families:read','families:write','cases:read','cases:write','export:read','events:read']::text[])`,
    );
  }
}
