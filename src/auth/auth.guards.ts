import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig } from 'src/config/config';
import { DomainError } from 'src/common/domain-error';
import { validateBody } from 'src/common/validate-body';
import { LoginDto } from './dto/login.dto';

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

/** Login attempts limited per account and per client IP (429), using the throttler's store. */
@Injectable()
export class LoginThrottleGuard {
  constructor(
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const ttl = this.config.LOGIN_THROTTLE_WINDOW_SECONDS * 1000;
    const body = (req.body ?? {}) as { email?: unknown; client_id?: unknown };
    const account =
      typeof body.email === 'string'
        ? body.email.trim().toLowerCase()
        : typeof body.client_id === 'string'
          ? body.client_id
          : null;
    const checks: [string, number][] = [
      [`login-ip:${req.ip}`, this.config.LOGIN_THROTTLE_IP_LIMIT],
    ];
    if (account) checks.push([`login-account:${account}`, this.config.LOGIN_THROTTLE_LIMIT]);
    for (const [key, limit] of checks) {
      const r = await this.storage.increment(key, ttl, limit, ttl, key.split(':')[0]);
      if (r.isBlocked) {
        throw new DomainError(
          429,
          'login_throttled',
          'Too many sign-in attempts; wait and try again',
        );
      }
    }
    return true;
  }
}
