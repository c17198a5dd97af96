import type { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type Redis from 'ioredis';
import { lazyModule } from './lazy-module';

/** Loaded only when REDIS_URL is set (src/common/lazy-module.ts). */
const redisStorage = lazyModule(
  () =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@nest-lab/throttler-storage-redis') as typeof import('@nest-lab/throttler-storage-redis'),
);

/**
 * Rate-limit and sign-in-throttle counters in Redis (REDIS_URL), so limits hold across every
 * instance: `@nest-lab/throttler-storage-redis` (one Lua script per hit, atomic), with Tandem's
 * keys under REDIS_KEY_PREFIX. Without REDIS_URL the throttler keeps its in-memory storage.
 * If Redis is unreachable, requests that need a counter fail (ioredis retries first): limits
 * are never silently skipped.
 */
export class PrefixedRedisThrottlerStorage implements ThrottlerStorage {
  private readonly inner: ThrottlerStorageRedisService;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    this.inner = new (redisStorage().ThrottlerStorageRedisService)(redis);
  }

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    return this.inner.increment(this.prefix + key, ttl, limit, blockDuration, throttlerName);
  }

  /** Closed with the app (Nest calls this on the ThrottlerStorage provider). */
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** ioredis, loaded only when REDIS_URL is set (src/common/lazy-module.ts). */
export const ioredis = lazyModule(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  () => (require('ioredis') as typeof import('ioredis')).default,
);

export function redisThrottlerStorage(url: string, prefix: string): PrefixedRedisThrottlerStorage {
  return new PrefixedRedisThrottlerStorage(
    new (ioredis())(url, { maxRetriesPerRequest: 3, enableOfflineQueue: true, lazyConnect: false }),
    prefix,
  );
}
