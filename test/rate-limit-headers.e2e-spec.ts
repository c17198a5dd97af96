/**
 * The per-caller budget's headers, as @nestjs/throttler defines them for the throttler named
 * `caller` (CallerThrottlerGuard counts Tandem's one budget on its own short path and must answer
 * exactly as the library does): every counted answer carries X-RateLimit-Limit-caller,
 * X-RateLimit-Remaining-caller (counting down to 0) and X-RateLimit-Reset-caller (seconds left in
 * the window); the refusal past the budget carries Retry-After-caller as well as Retry-After.
 */
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newLa, newUser } from './utils/factories';

describe('rate limit per caller: the budget headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('a practitioner sees Limit 3 and Remaining 2, 1, 0, then a 429 with Retry-After-caller', async () => {
    const la = await newLa(t);
    const u = await newUser(t, la.id, ['family_help_practitioner']);
    const answers = [];
    for (let i = 0; i < 4; i++)
      answers.push(await t.req().get(`${API}/auth/me`).set(bearer(u.token)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    for (const r of answers.slice(0, 3)) {
      expect(r.headers['x-ratelimit-limit-caller']).toBe('3');
      const reset = Number(r.headers['x-ratelimit-reset-caller']);
      expect(reset).toBeGreaterThan(0);
      expect(reset).toBeLessThanOrEqual(60);
    }
    expect(answers.slice(0, 3).map((r) => r.headers['x-ratelimit-remaining-caller'])).toEqual([
      '2',
      '1',
      '0',
    ]);
    const refused = answers[3];
    expect(Number(refused.headers['retry-after-caller'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({ status: 429, code: 'rate_limited' });
  });
});
