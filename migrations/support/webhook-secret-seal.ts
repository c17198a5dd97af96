import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The `tdm1:` sealed format of webhook signing secrets as the migration that first sealed them
 * knows it (AES-256-GCM, key derived with HKDF-SHA256 from WEBHOOK_SECRET_KEY, the subscription's
 * id as additional authenticated data; stored as `tdm1:` + base64url(iv ‖ tag ‖ ciphertext)).
 * Migrations are history and import nothing from `src/`: this is their own copy of the format,
 * and `src/events/webhook-secret-box.spec.ts` proves it and the application's `SecretBox` open
 * each other's output.
 */
export const SEALED_PREFIX = 'tdm1:';

/** The public development key used outside production when WEBHOOK_SECRET_KEY is unset. */
const DEVELOPMENT_KEY = 'tandem-development-webhook-secret-key: not a secret, never for real data';

function keyOf(env: NodeJS.ProcessEnv): Buffer {
  if (!env.WEBHOOK_SECRET_KEY && env.NODE_ENV === 'production')
    throw new Error('WEBHOOK_SECRET_KEY: required when NODE_ENV=production');
  const material = env.WEBHOOK_SECRET_KEY || DEVELOPMENT_KEY;
  return Buffer.from(hkdfSync('sha256', material, 'tandem', 'webhook-signing-secrets', 32));
}

export function sealSecret(env: NodeJS.ProcessEnv, secret: string, id: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(env), iv);
  cipher.setAAD(Buffer.from(id));
  const ct = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url');
}

export function openSecret(env: NodeJS.ProcessEnv, sealed: string, id: string): string {
  const raw = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(env), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(id));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
