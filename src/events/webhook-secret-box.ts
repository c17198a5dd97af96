import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Webhook signing secrets at rest: AES-256-GCM under a key derived (HKDF-SHA256) from
 * WEBHOOK_SECRET_KEY, bound to the subscription's id (additional authenticated data) so a
 * ciphertext copied onto another row does not open. Stored as `tdm1:` + base64url(iv ‖ tag ‖
 * ciphertext). The dispatcher opens a secret only to sign a delivery.
 */
export const SEALED_PREFIX = 'tdm1:';

/**
 * Used when WEBHOOK_SECRET_KEY is unset outside production (laptops, tests), so a restart can
 * still open what it sealed. It is public: production refuses to start without a key of its own.
 */
export const DEVELOPMENT_WEBHOOK_SECRET_KEY =
  'tandem-development-webhook-secret-key: not a secret, never for real data';

export class SecretBoxError extends Error {}

export class SecretBox {
  private readonly key: Buffer;

  constructor(keyMaterial: string) {
    this.key = Buffer.from(
      hkdfSync('sha256', keyMaterial, 'tandem', 'webhook-signing-secrets', 32),
    );
  }

  /** The box for a configuration: its WEBHOOK_SECRET_KEY, else (not in production) the default. */
  static forConfig(c: { NODE_ENV?: string; WEBHOOK_SECRET_KEY?: string }): SecretBox {
    if (c.WEBHOOK_SECRET_KEY) return new SecretBox(c.WEBHOOK_SECRET_KEY);
    if (c.NODE_ENV === 'production')
      throw new SecretBoxError('WEBHOOK_SECRET_KEY: required when NODE_ENV=production');
    return new SecretBox(DEVELOPMENT_WEBHOOK_SECRET_KEY);
  }

  seal(secret: string, subscriptionId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(subscriptionId));
    const ct = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url');
  }

  open(sealed: string, subscriptionId: string): string {
    if (!sealed.startsWith(SEALED_PREFIX))
      throw new SecretBoxError('the signing secret is not sealed (run the migrations)');
    const raw = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(subscriptionId));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError(
        'the signing secret does not open with this WEBHOOK_SECRET_KEY (was the key changed?)',
      );
    }
  }
}
