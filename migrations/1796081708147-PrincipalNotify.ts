import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every change to an account row notifies `tandem_principal` ("user:<id>" / "client:<id>"), on
 * commit, so each instance's principal cache forgets it (src/auth/principal-cache.ts). */
export class PrincipalNotify1796081708147 implements MigrationInterface {
  name = 'PrincipalNotify1796081708147';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION principal_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('tandem_principal', TG_ARGV[0] || ':' || OLD.id::text);
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER app_user_principal_notify AFTER UPDATE OR DELETE ON "app_user" FOR EACH ROW EXECUTE FUNCTION principal_notify('user')`,
    );
    await q.query(
      `CREATE TRIGGER api_client_principal_notify AFTER UPDATE OR DELETE ON "api_client" FOR EACH ROW EXECUTE FUNCTION principal_notify('client')`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER api_client_principal_notify ON "api_client"`);
    await q.query(`DROP TRIGGER app_user_principal_notify ON "app_user"`);
    await q.query(`DROP FUNCTION principal_notify()`);
  }
}
