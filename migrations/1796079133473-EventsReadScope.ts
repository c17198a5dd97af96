import { MigrationInterface, QueryRunner } from 'typeorm';

/** API clients may hold the `events:read` scope (the event pull feed). */
export class EventsReadScope1796079133473 implements MigrationInterface {
  name = 'EventsReadScope1796079133473';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_client" DROP CONSTRAINT "ck_api_client_scopes"`);
    await queryRunner.query(
      `ALTER TABLE "api_client" ADD CONSTRAINT "ck_api_client_scopes" CHECK (scopes <@ ARRAY['families:read','families:write','cases:read','cases:write','export:read','events:read']::text[])`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_client" DROP CONSTRAINT "ck_api_client_scopes"`);
    await queryRunner.query(
      `ALTER TABLE "api_client" ADD CONSTRAINT "ck_api_client_scopes" CHECK (scopes <@ ARRAY['families:read','families:write','cases:read','cases:write','export:read']::text[])`,
    );
  }
}
