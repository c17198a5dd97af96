import { MigrationInterface, QueryRunner } from 'typeorm';

/** Documents attached to cases (bytea by default, or a configured directory); see CaseDocument. */

export class CaseDocuments1796079539058 implements MigrationInterface {
  name = 'CaseDocuments1796079539058';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "case_document" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "title" text NOT NULL, "content_type" text NOT NULL, "extension" text NOT NULL, "size" bigint NOT NULL, "sha256" text NOT NULL, "attached_to_type" text, "attached_to_id" uuid, "storage" text NOT NULL DEFAULT 'db', "content" bytea, "uploaded_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "ck_case_document_size" CHECK (size >= 0), CONSTRAINT "ck_case_document_content" CHECK ((storage = 'db') = (content IS NOT NULL)), CONSTRAINT "ck_case_document_storage" CHECK (storage IN ('db','file')), CONSTRAINT "ck_case_document_attached" CHECK ((attached_to_type IS NULL) = (attached_to_id IS NULL)), CONSTRAINT "ck_case_document_attached_type" CHECK (attached_to_type IN ('assessment','meeting','plan')), CONSTRAINT "PK_ec7b8f5c5bbda47d84b23d6f944" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_document_attached" ON "case_document" ("attached_to_type", "attached_to_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_document_case" ON "case_document" ("case_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "case_document" ADD CONSTRAINT "fk_case_document_case" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_document" ADD CONSTRAINT "fk_case_document_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_document" ADD CONSTRAINT "fk_case_document_uploaded_by" FOREIGN KEY ("uploaded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "case_document" DROP CONSTRAINT "fk_case_document_uploaded_by"`,
    );
    await queryRunner.query(`ALTER TABLE "case_document" DROP CONSTRAINT "fk_case_document_la"`);
    await queryRunner.query(`ALTER TABLE "case_document" DROP CONSTRAINT "fk_case_document_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_document_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_document_attached"`);
    await queryRunner.query(`DROP TABLE "case_document"`);
  }
}
