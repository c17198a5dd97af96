import { MigrationInterface, QueryRunner } from 'typeorm';

/** A concern of significant harm carries the date it was raised (`raisedOn`, defaults to
 * today in England); existing rows take the date they were recorded, in England. */
export class ConcernRaisedOn1796078405509 implements MigrationInterface {
  name = 'ConcernRaisedOn1796078405509';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_concern" ADD "raised_on" date`);
    await queryRunner.query(
      `UPDATE "case_concern" SET "raised_on" = ("raised_at" AT TIME ZONE 'Europe/London')::date`,
    );
    await queryRunner.query(`ALTER TABLE "case_concern" ALTER COLUMN "raised_on" SET NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_concern" DROP COLUMN "raised_on"`);
  }
}
