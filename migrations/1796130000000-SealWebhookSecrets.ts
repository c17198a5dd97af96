import { MigrationInterface, QueryRunner } from 'typeorm';
import { SEALED_PREFIX, openSecret, sealSecret } from './support/webhook-secret-seal';

/**
 * Webhook signing secrets were stored in plaintext: seal every existing one (AES-256-GCM under
 * WEBHOOK_SECRET_KEY from the environment, bound to the row's id; the development key outside
 * production). New subscriptions are sealed by the app. A database with no subscriptions needs
 * no key here.
 */
export class SealWebhookSecrets1796130000000 implements MigrationInterface {
  name = 'SealWebhookSecrets1796130000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const rows: { id: string; secret: string }[] = await queryRunner.query(
      `SELECT id, secret FROM webhook_subscription WHERE secret NOT LIKE '${SEALED_PREFIX}%'`,
    );
    if (!rows.length) return;
    for (const r of rows)
      await queryRunner.query(`UPDATE webhook_subscription SET secret = $1 WHERE id = $2`, [
        sealSecret(process.env, r.secret, r.id),
        r.id,
      ]);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const rows: { id: string; secret: string }[] = await queryRunner.query(
      `SELECT id, secret FROM webhook_subscription WHERE secret LIKE '${SEALED_PREFIX}%'`,
    );
    if (!rows.length) return;
    for (const r of rows)
      await queryRunner.query(`UPDATE webhook_subscription SET secret = $1 WHERE id = $2`, [
        openSecret(process.env, r.secret, r.id),
        r.id,
      ]);
  }
}
