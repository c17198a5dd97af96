import type Redis from 'ioredis';
import {
  HARD_CEILING_FACTOR,
  type LoginThrottleOptions,
  type ThrottleVerdict,
} from './login-throttle';

/**
 * The same budgets as `LoginThrottle` (see there; an address's failures as a counter too), kept in Redis so they hold across
 * every instance (REDIS_URL): the account+IP pair as a hash { failures, last } that expires after
 * the delay owed plus a quiet window; the account and IP windows as counters created with the
 * window as their expiry (SET NX PX, then INCR, in one MULTI). Same verdicts, same scopes.
 */
export class RedisLoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly o: LoginThrottleOptions,
    private readonly now: () => number = Date.now,
  ) {}

  delayAfter(failures: number): number {
    if (failures < this.o.pairLimit) return 0;
    const exp = Math.min(failures - this.o.pairLimit, 30);
    return Math.min(1000 * 2 ** exp, this.o.maxDelayMs);
  }

  private pairKey = (account: string, ip: string) =>
    `${this.prefix}login:pair:${account}\u0000${ip}`;
  private accountKey = (account: string) => `${this.prefix}login:account:${account}`;
  private ipKey = (ip: string) => `${this.prefix}login:ip:${ip}`;
  private ipFailKey = (ip: string) => `${this.prefix}login:ipfail:${ip}`;

  async check(account: string | null, ip: string): Promise<ThrottleVerdict> {
    const t = this.now();
    if (account !== null) {
      const read = await this.redis
        .multi()
        .hmget(this.pairKey(account, ip), 'failures', 'last')
        .get(this.accountKey(account))
        .pttl(this.accountKey(account))
        .get(this.ipFailKey(ip))
        .exec();
      const [failures, last] = (read?.[0]?.[1] as (string | null)[]) ?? [null, null];
      if (failures !== null && last !== null) {
        const wait = Number(last) + this.delayAfter(Number(failures)) - t;
        if (wait > 0) return { allowed: false, scope: 'account_ip', retryAfterMs: wait };
      }
      const count = Number((read?.[1]?.[1] as string | null) ?? 0);
      const ttl = Number(read?.[2]?.[1] ?? 0);
      const dirty = Number((read?.[3]?.[1] as string | null) ?? 0) > 0;
      if (
        count >= this.o.accountLimit &&
        ttl > 0 &&
        (count >= this.o.accountLimit * HARD_CEILING_FACTOR || dirty)
      )
        return { allowed: false, scope: 'account', retryAfterMs: ttl };
    }
    const key = this.ipKey(ip);
    const bumped = await this.redis
      .multi()
      .set(key, 0, 'PX', this.o.windowMs, 'NX')
      .incr(key)
      .pttl(key)
      .exec();
    const count = Number(bumped?.[1]?.[1] ?? 0);
    if (count > this.o.ipLimit)
      return { allowed: false, scope: 'ip', retryAfterMs: Math.max(0, Number(bumped?.[2]?.[1])) };
    return { allowed: true };
  }

  async failure(account: string | null, ip: string): Promise<void> {
    if (account === null) return;
    const t = this.now();
    const pk = this.pairKey(account, ip);
    const ak = this.accountKey(account);
    const res = await this.redis
      .multi()
      .hincrby(pk, 'failures', 1)
      .hset(pk, 'last', t)
      .set(ak, 0, 'PX', this.o.windowMs, 'NX')
      .incr(ak)
      .set(this.ipFailKey(ip), 0, 'PX', this.o.windowMs, 'NX')
      .incr(this.ipFailKey(ip))
      .exec();
    const failures = Number(res?.[0]?.[1] ?? 1);
    // Forgotten after a quiet window beyond the delay owed (as the in-memory form).
    await this.redis.pexpire(pk, this.delayAfter(failures) + this.o.windowMs);
  }

  async success(account: string, ip: string): Promise<void> {
    await this.redis.del(this.pairKey(account, ip));
  }
}
