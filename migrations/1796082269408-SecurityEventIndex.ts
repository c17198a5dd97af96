import { MigrationInterface, QueryRunner } from 'typeorm';

/** GET /security-events reads failed, refused and throttled sign-ins of every LA, newest first:
 * a partial index holds just those rows (the predicate matches the query's, written out). */
export class SecurityEventIndex1796082269408 implements MigrationInterface {
  name = 'SecurityEventIndex1796082269408';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_audit_event_security" ON "audit_event" ("at" DESC, "id" DESC)
        WHERE action IN ('auth.login', 'auth.token', 'auth.token_rejected', 'auth.throttled', 'user.email_clash')
          AND outcome <> 'success'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_security"`);
  }
}
