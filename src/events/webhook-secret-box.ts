import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { DEVELOPMENT_WEBHOOK_SECRET_KEY } from 'src/config/published-secrets';

/**
 * Webhook signing secrets at rest: AES-256-GCM under a key derived (HKDF-SHA256) from
 * WEBHOOK_SECRET_KEY, bound to the subscription's id (additional authenticated data) so a
 * ciphertext copied onto another row does not open. Stored as `tdm1:` + base64url(iv ‖ tag ‖
 * ciphertext). The dispatcher opens a secret only to sign a delivery.
 */
export const SEALED_PREFIX = 'tdm1:';

/** Used when WEBHOOK_SECRET_KEY is unset outside production (laptops, tests); public, so
 * production refuses it (src/config/published-secrets.ts). */
export { DEVELOPMENT_WEBHOOK_SECRET_KEY };

export class SecretBoxError extends Error {}

const derive = (keyMaterial: string) =>
  Buffer.from(hkdfSync('sha256', keyMaterial, 'tandem', 'webhook-signing-secrets', 32));

export class SecretBox {
  private readonly key: Buffer;
  private readonly previous: Buffer[];

  /** `previous`: keys being rotated away from; they still open, never seal. */
  constructor(keyMaterial: string, previous: string[] = []) {
    this.key = derive(keyMaterial);
    this.previous = previous.map(derive);
  }

  /** The box for a configuration: its WEBHOOK_SECRET_KEY, else (not in production) the default;
   * WEBHOOK_SECRET_KEY_PREVIOUS (comma-separated) still opens what older keys sealed. */
  static forConfig(c: {
    NODE_ENV?: string;
    WEBHOOK_SECRET_KEY?: string;
    WEBHOOK_SECRET_KEY_PREVIOUS?: string;
  }): SecretBox {
    if (!c.WEBHOOK_SECRET_KEY && c.NODE_ENV === 'production')
      throw new SecretBoxError('WEBHOOK_SECRET_KEY: required when NODE_ENV=production');
    const previous = (c.WEBHOOK_SECRET_KEY_PREVIOUS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    return new SecretBox(c.WEBHOOK_SECRET_KEY || DEVELOPMENT_WEBHOOK_SECRET_KEY, previous);
  }

  /** Whether keys are being rotated (so stored secrets may need sealing afresh). */
  get rotating(): boolean {
    return this.previous.length > 0;
  }

  seal(secret: string, subscriptionId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(subscriptionId));
    const ct = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url');
  }

  open(sealed: string, subscriptionId: string): string {
    return this.unseal(sealed, subscriptionId).secret;
  }

  /** The secret sealed afresh under the current key if an older key sealed it, else null. */
  reseal(sealed: string, subscriptionId: string): string | null {
    const { secret, current } = this.unseal(sealed, subscriptionId);
    return current ? null : this.seal(secret, subscriptionId);
  }

  private unseal(sealed: string, subscriptionId: string): { secret: string; current: boolean } {
    if (!sealed.startsWith(SEALED_PREFIX))
      throw new SecretBoxError('the signing secret is not sealed (run the migrations)');
    const raw = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url');
    for (const key of [this.key, ...this.previous]) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAAD(Buffer.from(subscriptionId));
        decipher.setAuthTag(raw.subarray(12, 28));
        const secret = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
        return { secret: secret.toString('utf8'), current: key === this.key };
      } catch {
        // not this key: try the next
      }
    }
    throw new SecretBoxError(
      'the signing secret does not open with this WEBHOOK_SECRET_KEY (was the key changed?)',
    );
  }
}
