import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook secret rotation (POST /webhooks/:id/rotate-secret): the former signing secret is kept,
 * sealed like the current one, until `previous_secret_until` (24 h), and deliveries carry a
 * signature under each. Existing subscriptions have no former secret (both columns NULL), and a
 * former secret never outlives its window (the check).
 */
export class WebhookSecretRotation1797300000000 implements MigrationInterface {
  name = 'WebhookSecretRotation1797300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE webhook_subscription
         ADD COLUMN previous_secret text,
         ADD COLUMN previous_secret_until timestamptz,
         ADD CONSTRAINT ck_webhook_subscription_previous_secret
           CHECK ((previous_secret IS NULL) = (previous_secret_until IS NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE webhook_subscription
         DROP CONSTRAINT ck_webhook_subscription_previous_secret,
         DROP COLUMN previous_secret_until,
         DROP COLUMN previous_secret`,
    );
  }
}
