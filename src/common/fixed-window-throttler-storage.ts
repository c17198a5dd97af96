import type { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';

interface Window {
  hits: number;
  /** When the current window ends (ms since the epoch). */
  endsAt: number;
  /** Blocked until (ms since the epoch); 0: not blocked. */
  blockedUntil: number;
}

/**
 * The in-memory rate-limit counters (one instance, no REDIS_URL): a fixed window per caller with
 * the very semantics of the Redis storage's script (`@nest-lab/throttler-storage-redis`: INCR,
 * PEXPIRE on the first hit, a block key once the limit is passed), so a limit means the same
 * with and without Redis. O(1) per request: @nestjs/throttler's own in-memory storage keeps one
 * expiry per hit and filters that list on every request (and spreads it into `Math.min`), which
 * cost a few per cent of every request at bench rates and grows with the configured limit.
 */
export class FixedWindowThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    const id = `${throttlerName}\u0000${key}`;
    let w = this.windows.get(id);
    if (!w) {
      w = { hits: 0, endsAt: now + ttl, blockedUntil: 0 };
      this.windows.set(id, w);
    } else if (w.endsAt <= now) {
      w.hits = 0;
      w.endsAt = now + ttl;
    }
    w.hits += 1;
    let isBlocked = w.blockedUntil > now;
    let blockLeft = isBlocked ? w.blockedUntil - now : 0;
    if (!isBlocked && w.hits > limit) {
      w.blockedUntil = now + blockDuration;
      isBlocked = true;
      blockLeft = blockDuration;
    }
    if (isBlocked && blockLeft <= 0) {
      // A zero block: the hit starts a new window (as the Redis script does).
      w.blockedUntil = 0;
      w.hits = 1;
      w.endsAt = now + ttl;
      isBlocked = false;
    }
    return Promise.resolve({
      totalHits: w.hits,
      timeToExpire: Math.ceil((w.endsAt - now) / 1000),
      isBlocked,
      timeToBlockExpire: Math.ceil(blockLeft / 1000),
    });
  }

  /** Forgets windows that ended and blocks that lapsed (memory stays bounded by active callers). */
  sweep(): void {
    const now = this.now();
    for (const [id, w] of this.windows)
      if (w.endsAt <= now && w.blockedUntil <= now) this.windows.delete(id);
  }

  get size(): number {
    return this.windows.size;
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }
}
