import { LoginThrottle } from './login-throttle';

const opts = { pairLimit: 3, accountLimit: 10, ipLimit: 20, windowMs: 60_000, maxDelayMs: 16_000 };

function clocked() {
  let now = 1_000_000;
  const th = new LoginThrottle(opts, () => now);
  return { th, tick: (ms: number) => (now += ms) };
}

describe('LoginThrottle (pure)', () => {
  it('the first pairLimit failures are free, then the wait doubles per failure up to the cap', () => {
    const { th } = clocked();
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((f) => th.delayAfter(f))).toEqual([
      0, 0, 0, 1000, 2000, 4000, 8000, 16000, 16000,
    ]);
  });

  it('an attacker on one IP is delayed exponentially; the owner on another IP is not', () => {
    const { th, tick } = clocked();
    for (let i = 0; i < 3; i++) {
      expect(th.check('email:a', 'evil')).toEqual({ allowed: true });
      th.failure('email:a', 'evil');
    }
    expect(th.check('email:a', 'evil')).toMatchObject({
      allowed: false,
      scope: 'account_ip',
      retryAfterMs: 1000,
    });
    expect(th.check('email:a', 'home')).toEqual({ allowed: true });
    tick(1000);
    expect(th.check('email:a', 'evil')).toEqual({ allowed: true });
    th.failure('email:a', 'evil');
    expect(th.check('email:a', 'evil')).toMatchObject({ allowed: false, retryAfterMs: 2000 });
    tick(2000);
    th.failure('email:a', 'evil');
    expect(th.check('email:a', 'evil')).toMatchObject({ allowed: false, retryAfterMs: 4000 });
  });

  it('a success resets the pair', () => {
    const { th } = clocked();
    for (let i = 0; i < 3; i++) th.failure('email:a', 'ip');
    th.success('email:a', 'ip');
    expect(th.check('email:a', 'ip')).toEqual({ allowed: true });
  });

  it('the per-account ceiling stops a distributed guess across many IPs for the window', () => {
    const { th, tick } = clocked();
    for (let i = 0; i < 10; i++) {
      expect(th.check('email:a', `ip${i}`)).toEqual({ allowed: true });
      th.failure('email:a', `ip${i}`);
    }
    for (let i = 0; i < 10; i++)
      expect(th.check('email:a', `ip${i}`)).toMatchObject({ allowed: false, scope: 'account' });
    expect(th.check('email:b', 'ip0')).toEqual({ allowed: true });
    tick(60_000);
    expect(th.check('email:a', 'ip0')).toEqual({ allowed: true });
  });

  it('the account ceiling does not lock the owner out: a clean address (no failure in the window) still reaches the password check', () => {
    const { th } = clocked();
    for (let i = 0; i < 10; i++) th.failure('email:a', `ip${i}`);
    expect(th.check('email:a', 'home')).toEqual({ allowed: true });
    // One failure makes an address dirty: it is throttled like the guessers.
    th.failure('email:a', 'home');
    expect(th.check('email:a', 'home')).toMatchObject({ allowed: false, scope: 'account' });
    // An address that failed on another account is not clean either.
    th.failure('email:b', 'cafe');
    expect(th.check('email:a', 'cafe')).toMatchObject({ allowed: false, scope: 'account' });
  });

  it('past ten times the account ceiling, even a clean address is refused for the window', () => {
    const { th, tick } = clocked();
    for (let i = 0; i < 100; i++) th.failure('email:a', `ip${i}`);
    expect(th.check('email:a', 'home')).toMatchObject({ allowed: false, scope: 'account' });
    tick(60_000);
    expect(th.check('email:a', 'home')).toEqual({ allowed: true });
  });

  it('the per-IP budget counts every attempt across accounts', () => {
    const { th } = clocked();
    for (let i = 0; i < 20; i++) expect(th.check(`email:${i}`, 'ip').allowed).toBe(true);
    expect(th.check('email:new', 'ip')).toMatchObject({ allowed: false, scope: 'ip' });
    expect(th.check('email:new', 'other')).toEqual({ allowed: true });
  });
});
