import { FixedWindowThrottlerStorage } from './fixed-window-throttler-storage';

describe('FixedWindowThrottlerStorage (the in-memory rate-limit counters)', () => {
  let now = 1_000_000;
  const storage = () => new FixedWindowThrottlerStorage(() => now);
  afterEach(() => (now = 1_000_000));

  it('counts hits in a window and blocks once the limit is passed, until the block lapses', async () => {
    const s = storage();
    for (let i = 1; i <= 3; i++) {
      const r = await s.increment('user:a', 60_000, 3, 10_000, 'caller');
      expect(r).toEqual({ totalHits: i, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    }
    const fourth = await s.increment('user:a', 60_000, 3, 10_000, 'caller');
    expect(fourth).toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 10 });
    now += 5_000;
    expect(await s.increment('user:a', 60_000, 3, 10_000, 'caller')).toMatchObject({
      isBlocked: true,
      timeToBlockExpire: 5,
      timeToExpire: 55,
    });
    // Block lapsed but the window still holds 5 hits: the next hit is over the limit again.
    now += 5_000;
    expect(await s.increment('user:a', 60_000, 3, 10_000, 'caller')).toMatchObject({
      totalHits: 6,
      isBlocked: true,
    });
  });

  it('starts a new window when the old one ends; callers and throttlers are counted apart', async () => {
    const s = storage();
    await s.increment('user:a', 1_000, 1, 0, 'caller');
    expect((await s.increment('user:b', 1_000, 1, 0, 'caller')).totalHits).toBe(1);
    expect((await s.increment('user:a', 1_000, 1, 0, 'other')).totalHits).toBe(1);
    now += 1_000;
    expect(await s.increment('user:a', 1_000, 1, 0, 'caller')).toEqual({
      totalHits: 1,
      timeToExpire: 1,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
  });

  it('with a zero block duration, a hit over the limit starts a new window (as the Redis script)', async () => {
    const s = storage();
    await s.increment('k', 60_000, 1, 0, 't');
    expect(await s.increment('k', 60_000, 1, 0, 't')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('sweep forgets ended windows and lapsed blocks only', async () => {
    const s = storage();
    await s.increment('short', 1_000, 10, 0, 't');
    await s.increment('long', 60_000, 10, 0, 't');
    await s.increment('blocked', 1_000, 0, 30_000, 't');
    now += 2_000;
    s.sweep();
    expect(s.size).toBe(2);
    now += 60_000;
    s.sweep();
    expect(s.size).toBe(0);
    s.onApplicationShutdown();
  });
});
