import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { APP_CONFIG, AppConfig } from 'src/config/config';
import { LoginThrottle, ThrottleVerdict } from './login-throttle';

/** The process's sign-in throttle (in memory, like the per-caller rate limit: per instance). */
@Injectable()
export class LoginThrottleService {
  private readonly throttle: LoginThrottle;
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.throttle = new LoginThrottle({
      pairLimit: config.LOGIN_THROTTLE_LIMIT,
      accountLimit: config.LOGIN_THROTTLE_ACCOUNT_LIMIT,
      ipLimit: config.LOGIN_THROTTLE_IP_LIMIT,
      windowMs: config.LOGIN_THROTTLE_WINDOW_SECONDS * 1000,
      maxDelayMs: config.LOGIN_THROTTLE_MAX_DELAY_SECONDS * 1000,
    });
    this.key = createHmac('sha256', config.JWT_SECRET as string)
      .update('tandem-account-fingerprint-v1')
      .digest();
  }

  check(account: string | null, ip: string): ThrottleVerdict {
    return this.throttle.check(account, ip);
  }
  failure(account: string | null, ip: string): void {
    this.throttle.failure(account, ip);
  }
  success(account: string, ip: string): void {
    this.throttle.success(account, ip);
  }

  /** A keyed fingerprint of an account name for security events: repeated attempts on the
   * same (possibly unknown) email correlate without the email being stored. */
  fingerprint(account: string): string {
    return createHmac('sha256', this.key).update(account).digest('hex').slice(0, 16);
  }
}
