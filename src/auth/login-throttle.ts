/**
 * Sign-in throttling (OWASP Authentication Cheat Sheet), pure and clock-injected so it is
 * table-tested without Nest. Three budgets:
 *
 * - per **account and client IP**: the first `pairLimit` consecutive failures are free; each
 *   further failure doubles the wait before that account may be tried again from that IP
 *   (1 s, 2 s, 4 s … up to `maxDelayMs`). A success resets it. Someone who knows an email can
 *   slow down only their own attempts on it, not its owner's from elsewhere.
 * - per **account** (all IPs): at most `accountLimit` failures per window (a higher ceiling
 *   against a distributed guess); past it, the account is throttled for the rest of the window
 *   **from every address that has failed a sign-in (any account) in the window**. A clean
 *   address — the owner's, not part of the guess — is still let through to the password check,
 *   so ten addresses' failures cannot lock the owner out; each of its failures makes it dirty.
 *   Past `HARD_CEILING_FACTOR` × `accountLimit` failures nobody gets through for the window (a
 *   guess spread over that many fresh addresses).
 * - per **client IP** (all accounts): at most `ipLimit` attempts per window (spraying).
 *
 * A throttled attempt is refused before any password check and does not count.
 */
export interface LoginThrottleOptions {
  pairLimit: number;
  accountLimit: number;
  ipLimit: number;
  windowMs: number;
  maxDelayMs: number;
}

export type ThrottleScope = 'account_ip' | 'account' | 'ip';
export type ThrottleVerdict =
  { allowed: true } | { allowed: false; scope: ThrottleScope; retryAfterMs: number };

interface Window {
  count: number;
  start: number;
}
interface Pair {
  failures: number;
  last: number;
}

/** Past this many times the account ceiling, even a clean address is refused for the window. */
export const HARD_CEILING_FACTOR = 10;

/** Most keys kept per map; beyond it expired entries are swept, then the oldest dropped. */
const MAX_KEYS = 100_000;

export class LoginThrottle {
  private readonly pairs = new Map<string, Pair>();
  private readonly accounts = new Map<string, Window>();
  private readonly ips = new Map<string, Window>();
  /** Failed sign-ins per address (any account) in the window: an address with none is clean. */
  private readonly ipFailures = new Map<string, Window>();

  constructor(
    private readonly o: LoginThrottleOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** The wait the pair owes after `failures` consecutive failures (0 while within the limit). */
  delayAfter(failures: number): number {
    if (failures < this.o.pairLimit) return 0;
    const exp = Math.min(failures - this.o.pairLimit, 30);
    return Math.min(1000 * 2 ** exp, this.o.maxDelayMs);
  }

  /** Called before the password is checked; counts the attempt against the IP budget. */
  check(account: string | null, ip: string): ThrottleVerdict {
    const t = this.now();
    if (account !== null) {
      const pair = this.livePair(account, ip, t);
      if (pair) {
        const wait = pair.last + this.delayAfter(pair.failures) - t;
        if (wait > 0) return { allowed: false, scope: 'account_ip', retryAfterMs: wait };
      }
      const acc = this.liveWindow(this.accounts, account, t);
      if (
        acc &&
        acc.count >= this.o.accountLimit &&
        (acc.count >= this.o.accountLimit * HARD_CEILING_FACTOR ||
          this.liveWindow(this.ipFailures, ip, t))
      )
        return { allowed: false, scope: 'account', retryAfterMs: acc.start + this.o.windowMs - t };
    }
    const w = this.bump(this.ips, ip, t);
    if (w.count > this.o.ipLimit)
      return { allowed: false, scope: 'ip', retryAfterMs: w.start + this.o.windowMs - t };
    return { allowed: true };
  }

  failure(account: string | null, ip: string): void {
    if (account === null) return;
    const t = this.now();
    const key = pairKey(account, ip);
    const pair = this.livePair(account, ip, t) ?? { failures: 0, last: t };
    pair.failures += 1;
    pair.last = t;
    this.pairs.delete(key); // re-insert: Map order is the eviction order
    this.pairs.set(key, pair);
    this.bump(this.accounts, account, t);
    this.bump(this.ipFailures, ip, t);
    this.bound();
  }

  success(account: string, ip: string): void {
    this.pairs.delete(pairKey(account, ip));
  }

  private livePair(account: string, ip: string, t: number): Pair | null {
    const key = pairKey(account, ip);
    const p = this.pairs.get(key);
    if (!p) return null;
    // Forgotten after a quiet window beyond the delay owed.
    if (t - p.last > this.delayAfter(p.failures) + this.o.windowMs) {
      this.pairs.delete(key);
      return null;
    }
    return p;
  }

  private liveWindow(map: Map<string, Window>, key: string, t: number): Window | null {
    const w = map.get(key);
    if (!w) return null;
    if (t - w.start >= this.o.windowMs) {
      map.delete(key);
      return null;
    }
    return w;
  }

  private bump(map: Map<string, Window>, key: string, t: number): Window {
    let w = this.liveWindow(map, key, t);
    if (!w) {
      w = { count: 0, start: t };
      map.set(key, w);
    }
    w.count += 1;
    this.bound();
    return w;
  }

  private bound(): void {
    const t = this.now();
    for (const map of [this.accounts, this.ips, this.ipFailures] as Map<string, Window>[]) {
      if (map.size <= MAX_KEYS) continue;
      for (const [k, w] of map) if (t - w.start >= this.o.windowMs) map.delete(k);
      while (map.size > MAX_KEYS) map.delete(map.keys().next().value as string);
    }
    if (this.pairs.size > MAX_KEYS) {
      for (const [k, p] of this.pairs)
        if (t - p.last > this.delayAfter(p.failures) + this.o.windowMs) this.pairs.delete(k);
      while (this.pairs.size > MAX_KEYS)
        this.pairs.delete(this.pairs.keys().next().value as string);
    }
  }
}

const pairKey = (account: string, ip: string) => `${account}\u0000${ip}`;

/** The account a sign-in names: a lower-cased, trimmed email or an API client id. */
export const accountKey = (kind: 'email' | 'client', value: string) =>
  kind === 'email' ? `email:${value.trim().toLowerCase()}` : `client:${value}`;
