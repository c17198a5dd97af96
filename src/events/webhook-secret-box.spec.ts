import {
  DEVELOPMENT_WEBHOOK_SECRET_KEY,
  SEALED_PREFIX,
  SecretBox,
  SecretBoxError,
} from './webhook-secret-box';

const KEY = 'k'.repeat(40);
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ID = '6f1d3c9e-0c5b-4d8e-9f6a-2b7c1e4a5d90';

describe('webhook secrets at rest (AES-256-GCM)', () => {
  it('seals to a prefixed ciphertext that holds no trace of the secret, and opens again', () => {
    const box = new SecretBox(KEY);
    const sealed = box.seal(SECRET, ID);
    expect(sealed.startsWith(SEALED_PREFIX)).toBe(true);
    expect(sealed).not.toContain(SECRET);
    expect(sealed).not.toContain(SECRET.slice(6));
    expect(box.seal(SECRET, ID)).not.toBe(sealed); // a fresh IV each time
    expect(box.open(sealed, ID)).toBe(SECRET);
  });

  it.each([
    ['another key', (s: string) => new SecretBox('x'.repeat(40)).open(s, ID)],
    ['another subscription id', (s: string) => new SecretBox(KEY).open(s, ID.replace('6f', '7f'))],
    [
      'a flipped byte',
      (s: string) => {
        const raw = Buffer.from(s.slice(SEALED_PREFIX.length), 'base64url');
        raw[raw.length - 1] ^= 1;
        return new SecretBox(KEY).open(SEALED_PREFIX + raw.toString('base64url'), ID);
      },
    ],
    ['a plaintext secret', () => new SecretBox(KEY).open(SECRET, ID)],
  ])('refuses to open with %s', (_name, open) => {
    const sealed = new SecretBox(KEY).seal(SECRET, ID);
    expect(() => open(sealed)).toThrow(SecretBoxError);
  });

  it('needs a key of its own in production; elsewhere falls back to the public development key', () => {
    expect(() => SecretBox.forConfig({ NODE_ENV: 'production' })).toThrow(/WEBHOOK_SECRET_KEY/);
    const sealed = SecretBox.forConfig({ NODE_ENV: 'development' }).seal(SECRET, ID);
    expect(new SecretBox(DEVELOPMENT_WEBHOOK_SECRET_KEY).open(sealed, ID)).toBe(SECRET);
    expect(() =>
      SecretBox.forConfig({ NODE_ENV: 'production', WEBHOOK_SECRET_KEY: KEY }).open(sealed, ID),
    ).toThrow(SecretBoxError);
  });

  it('rotates: previous keys still open and reseal under the current key, which alone then opens', () => {
    const OLD = 'o'.repeat(40);
    const sealedOld = new SecretBox(OLD).seal(SECRET, ID);
    const box = SecretBox.forConfig({ WEBHOOK_SECRET_KEY: KEY, WEBHOOK_SECRET_KEY_PREVIOUS: OLD });
    expect(box.rotating).toBe(true);
    expect(box.open(sealedOld, ID)).toBe(SECRET);
    const fresh = box.reseal(sealedOld, ID)!;
    expect(new SecretBox(KEY).open(fresh, ID)).toBe(SECRET);
    expect(() => new SecretBox(OLD).open(fresh, ID)).toThrow(SecretBoxError);
    expect(box.reseal(fresh, ID)).toBeNull(); // already under the current key
    expect(() => box.reseal(new SecretBox('z'.repeat(40)).seal(SECRET, ID), ID)).toThrow(
      SecretBoxError,
    );
    expect(SecretBox.forConfig({ WEBHOOK_SECRET_KEY: KEY }).rotating).toBe(false);
  });
});
