import type { TokenPayload } from './token.service';

type Verified = TokenPayload & { exp?: number; nbf?: number };

/**
 * Bearer tokens that passport-jwt has verified (HS256 signature, algorithm, issuer, audience,
 * expiry), kept by their exact text until they expire, so a token presented again skips the
 * HMAC, the JSON parse and passport's per-request machinery. Only the verification is kept: the
 * account behind the token is still checked on every request (`PrincipalService.load`: disabled,
 * moved, re-enabled after the token), so a disabled user is refused at once as before. Expiry is
 * judged as jsonwebtoken judges it (expired when now ≥ exp; not yet valid when nbf > now), and a
 * payload without `exp` is never kept. Bounded: at `max` entries the oldest goes.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Verified>();

  constructor(private readonly max = 10_000) {}

  get size(): number {
    return this.entries.size;
  }

  /** The payload of `token` if it was verified and is still within its validity, else undefined. */
  get(token: string, nowMs = Date.now()): TokenPayload | undefined {
    const payload = this.entries.get(token);
    if (!payload) return undefined;
    const now = Math.floor(nowMs / 1000);
    if (now >= (payload.exp as number)) {
      this.entries.delete(token);
      return undefined;
    }
    if (typeof payload.nbf === 'number' && payload.nbf > now) return undefined;
    return payload;
  }

  /** Keep a payload passport-jwt has just verified for `token`. */
  remember(token: string, payload: Verified): void {
    if (typeof payload.exp !== 'number' || this.entries.has(token)) return;
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    this.entries.set(token, payload);
  }
}
