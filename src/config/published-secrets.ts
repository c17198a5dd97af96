/**
 * Values that have been published (docker-compose.yml, README, docs, examples, or the source):
 * anyone can read them, so production refuses to start with one of them as a secret. Add an
 * example here whenever a document shows one.
 */

/** Used when WEBHOOK_SECRET_KEY is unset outside production (laptops, tests), so a restart can
 * still open what it sealed. It is public: production refuses it (below) like a missing key. */
export const DEVELOPMENT_WEBHOOK_SECRET_KEY =
  'tandem-development-webhook-secret-key: not a secret, never for real data';

export const PUBLISHED_SECRETS: readonly string[] = [
  DEVELOPMENT_WEBHOOK_SECRET_KEY,
  // docker-compose.yml's former defaults
  'change-me-to-a-long-random-secret-of-32+-chars',
  'change-me-to-another-long-random-key-of-32+-chars',
  'change-this-password',
  // README's sign-in example
  'a-long-passphrase',
];

/** Whether `value` is one of the published secrets (ignoring surrounding space and case). */
export function isPublishedSecret(value: string | undefined): boolean {
  if (value === undefined) return false;
  const v = value.trim().toLowerCase();
  return PUBLISHED_SECRETS.some((s) => s.toLowerCase() === v);
}
