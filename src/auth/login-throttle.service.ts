import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { ioredis } from 'src/common/redis';
import { createHmac } from 'node:crypto';
import { APP_CONFIG, AppConfig } from 'src/config/config';
import { LoginThrottle, LoginThrottleOptions, ThrottleVerdict } from './login-throttle';
import { RedisLoginThrottle } from './login-throttle.redis';

/** The sign-in throttle: in memory per process, or in Redis across every instance when
 * REDIS_URL is set (like the per-caller rate limit; docs/scaling.md). */
@Injectable()
export class LoginThrottleService implements OnApplicationShutdown {
  private readonly memory: LoginThrottle | null = null;
  private readonly shared: RedisLoginThrottle | null = null;
  private readonly redis: Redis | null = null;
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const options: LoginThrottleOptions = {
      pairLimit: config.LOGIN_THROTTLE_LIMIT,
      accountLimit: config.LOGIN_THROTTLE_ACCOUNT_LIMIT,
      ipLimit: config.LOGIN_THROTTLE_IP_LIMIT,
      windowMs: config.LOGIN_THROTTLE_WINDOW_SECONDS * 1000,
      maxDelayMs: config.LOGIN_THROTTLE_MAX_DELAY_SECONDS * 1000,
    };
    if (config.REDIS_URL) {
      this.redis = new (ioredis())(config.REDIS_URL, { maxRetriesPerRequest: 3 });
      this.shared = new RedisLoginThrottle(this.redis, config.REDIS_KEY_PREFIX, options);
    } else {
      this.memory = new LoginThrottle(options);
    }
    this.key = createHmac('sha256', config.JWT_SECRET as string)
      .update('tandem-account-fingerprint-v1')
      .digest();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }

  async check(account: string | null, ip: string): Promise<ThrottleVerdict> {
    return this.shared ? this.shared.check(account, ip) : this.memory!.check(account, ip);
  }
  async failure(account: string | null, ip: string): Promise<void> {
    if (this.shared) await this.shared.failure(account, ip);
    else this.memory!.failure(account, ip);
  }
  async success(account: string, ip: string): Promise<void> {
    if (this.shared) await this.shared.success(account, ip);
    else this.memory!.success(account, ip);
  }

  /** A keyed fingerprint of an account name for security events: repeated attempts on the
   * same (possibly unknown) email correlate without the email being stored. */
  fingerprint(account: string): string {
    return createHmac('sha256', this.key).update(account).digest('hex').slice(0, 16);
  }
}
