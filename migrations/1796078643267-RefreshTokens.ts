import { MigrationInterface, QueryRunner } from 'typeorm';

/** Refresh tokens (hashes only), grouped in families per sign-in; see RefreshToken. */

export class RefreshTokens1796078643267 implements MigrationInterface {
  name = 'RefreshTokens1796078643267';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "refresh_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" text NOT NULL, "family_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b575dd3c21fb0831013c909e7fe" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_refresh_token_hash" ON "refresh_token" ("token_hash") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_refresh_token_user" ON "refresh_token" ("user_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_refresh_token_family" ON "refresh_token" ("family_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_token" ADD CONSTRAINT "fk_refresh_token_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_token" DROP CONSTRAINT "fk_refresh_token_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_token_family"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_token_user"`);
    await queryRunner.query(`DROP INDEX "public"."uq_refresh_token_hash"`);
    await queryRunner.query(`DROP TABLE "refresh_token"`);
  }
}
