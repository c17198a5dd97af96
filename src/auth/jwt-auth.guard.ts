import { AuthGuard } from '@nestjs/passport';
import { createHash } from 'node:crypto';
import { routeOf, type HttpRequest as Request } from 'src/common/http';
import type { AuditEntry } from 'src/audit/audit.service';
import { dbErrorCode, isDatabaseUnavailable } from 'src/common/db-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why passport-jwt refused a bearer token, in words an incident responder can filter on. */
export type TokenRejection =
  | 'missing'
  | 'expired'
  | 'bad_signature'
  | 'malformed'
  | 'wrong_algorithm'
  | 'wrong_issuer_or_audience'
  | 'revoked'
  | 'invalid';

export class TokenRejected extends Error {
  constructor(readonly reason: TokenRejection) {
    super(`bearer token rejected: ${reason}`);
  }
}

function reasonOf(err: unknown, info: unknown): TokenRejection {
  // The strategy's validate() refusing (account disabled, re-enabled after the token, moved
  // LA, deleted): the signature was good, the token no longer is.
  if (err) return 'revoked';
  const e = info as { name?: string; message?: string } | undefined;
  const msg = e?.message ?? '';
  if (e?.name === 'TokenExpiredError') return 'expired';
  if (msg === 'No auth token') return 'missing';
  if (msg === 'invalid signature') return 'bad_signature';
  if (msg === 'invalid algorithm') return 'wrong_algorithm';
  if (/^jwt (issuer|audience) invalid/.test(msg)) return 'wrong_issuer_or_audience';
  if (/^jwt malformed|^invalid token|^jwt must be|^Unexpected token/.test(msg)) return 'malformed';
  return 'invalid';
}

/** passport-jwt with the refusal's reason kept (the default guard throws it away). */
export class JwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<T>(err: unknown, user: T, info: unknown): T {
    // The caller could not be re-read because the database is down: not a token problem (503).
    if (err && (isDatabaseUnavailable(err) || dbErrorCode(err) === '57014')) throw err;
    if (err || !user) throw new TokenRejected(reasonOf(err, info));
    return user;
  }
}

/** The security event for a presented-but-refused bearer token (none for a missing one: an
 * anonymous request is not an attack on a token). Claims are untrusted, so the row carries no
 * LA (platform admins see it) and only a fingerprint of the token, never the token. */
export function tokenRejectedEvent(req: Request, reason: TokenRejection): AuditEntry | null {
  if (reason === 'missing') return null;
  const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
  let claimedSubject: string | null = null;
  try {
    const payload = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as { sub?: unknown };
    if (typeof payload.sub === 'string' && UUID.test(payload.sub)) claimedSubject = payload.sub;
  } catch {
    /* not even a JWT */
  }
  return {
    actor: null,
    localAuthorityId: null,
    action: 'auth.token_rejected',
    outcome: 'denied',
    reason,
    metadata: {
      method: req.method,
      path: routeOf(req),
      claimedSubject,
      token: createHash('sha256').update(token).digest('hex').slice(0, 16),
    },
  };
}
