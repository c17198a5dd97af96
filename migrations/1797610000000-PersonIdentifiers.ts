import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identifiers (docs/front-door.md "Identifiers"): how a person's NHS number was verified, or why
 * a child has none, and a version for If-Match; the date from which an LA's s47 enquiries and CP
 * plans need them. Every existing row stays valid: no NHS number is marked verified (the new
 * source column is null), and `identifier_rule_from` is null, so no LA has the rule in force
 * until its la_admin sets the date — decisions already recorded are never re-checked.
 */
export class PersonIdentifiers1797610000000 implements MigrationInterface {
  name = 'PersonIdentifiers1797610000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "local_authority" ADD "identifier_rule_from" date`);
    await queryRunner.query(`ALTER TABLE "person" ADD "nhs_verification_source" text`);
    await queryRunner.query(`ALTER TABLE "person" ADD "nhs_unverified_reason" text`);
    await queryRunner.query(`ALTER TABLE "person" ADD "version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "ck_person_nhs_verification" CHECK (nhs_verification_source IS NULL OR (nhs_number IS NOT NULL AND nhs_verification_source IN ('pds_trace','health_confirmed','manual')))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "person" DROP CONSTRAINT "ck_person_nhs_verification"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "nhs_unverified_reason"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "nhs_verification_source"`);
    await queryRunner.query(`ALTER TABLE "local_authority" DROP COLUMN "identifier_rule_from"`);
  }
}
