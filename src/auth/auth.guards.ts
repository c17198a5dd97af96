import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { pathOf, type HttpReply as Response, type HttpRequest as Request } from 'src/common/http';
import { AuditService } from 'src/audit/audit.service';
import { DomainError } from 'src/common/domain-error';
import { validateBody } from 'src/common/validate-body';
import { LoginDto } from './dto/login.dto';
import { accountKey } from './login-throttle';
import { basicClientId } from './oauth-client-auth';
import { LoginThrottleService } from './login-throttle.service';

/** passport-local after the body has passed the same validation as every other route;
 * strategy errors (401, 429) pass through unchanged. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    validateBody(LoginDto, context.switchToHttp().getRequest<Request>().body);
    return (await super.canActivate(context)) as boolean;
  }
  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user) throw new DomainError(401, 'invalid_credentials', 'Email or password is incorrect');
    return user;
  }
}

@Injectable()
export class ClientCredentialsGuard extends AuthGuard('client-credentials') {
  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user) throw new DomainError(401, 'invalid_client', 'Client authentication failed');
    return user;
  }
}

/** Sign-in throttling (see login-throttle.ts): per account and IP with exponential delay, a
 * per-account ceiling and a per-IP budget. A throttled attempt is a 429 with `Retry-After`,
 * recorded as an `auth.throttled` security event (platform admins) without the response
 * waiting on the write. */
@Injectable()
export class LoginThrottleGuard {
  constructor(
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const account = accountOf(req);
    const verdict = await this.throttle.check(account, clientIp(req));
    if (verdict.allowed) return true;
    const retryAfter = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
    http.getResponse<Response>().header('Retry-After', String(retryAfter));
    void this.audit.recordDetached({
      actor: null,
      localAuthorityId: null,
      action: 'auth.throttled',
      outcome: 'denied',
      recordType: account?.startsWith('client:') ? 'api_client' : 'user',
      metadata: {
        route: pathOf(req),
        scope: verdict.scope,
        retryAfterSeconds: retryAfter,
        account: account ? this.throttle.fingerprint(account) : null,
      },
    });
    throw new DomainError(429, 'login_throttled', 'Too many sign-in attempts; wait and try again');
  }
}

/** The account a sign-in request names (email or client id), before validation. */
function accountOf(req: Request): string | null {
  const body = (req.body ?? {}) as { email?: unknown; client_id?: unknown };
  if (typeof body.email === 'string') return accountKey('email', body.email);
  if (typeof body.client_id === 'string') return accountKey('client', body.client_id);
  const basic = basicClientId(req.headers.authorization);
  return basic === null ? null : accountKey('client', basic);
}

/** The client IP as Fastify derives it under TRUST_PROXY (the socket's by default). */
export function clientIp(req: Pick<Request, 'ip'>): string {
  return req.ip ?? 'unknown';
}
