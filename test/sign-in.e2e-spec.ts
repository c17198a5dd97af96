import { createHmac, randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from './utils/create-app';
import {
  API,
  bearer,
  login,
  newLa,
  newUser,
  PASSWORD,
  platformAdminToken,
  TestUser,
} from './utils/factories';

const SECRET = 'test-secret-that-is-long-enough-0123456789'; // createTestApp's JWT_SECRET
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
function hs256(payload: object, secret = SECRET): string {
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const body = b64(payload);
  return `${head}.${body}.${createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url')}`;
}
const rid = (what: string) => `${what.slice(0, 20)}-${randomUUID()}`;

interface SecurityEvent {
  action: string;
  outcome: string;
  requestId: string;
  localAuthorityId: string | null;
  recordId: string | null;
  reason: string | null;
  ip: string | null;
  metadata: Record<string, unknown> | null;
}

/** The platform admin's security event for a request id (written without the response
 * waiting on it, so polled briefly). */
async function securityEvent(t: TestApp, requestId: string, action: string) {
  const token = await platformAdminToken(t);
  for (let i = 0; i < 40; i++) {
    const res = await t
      .req()
      .get(`${API}/security-events?action=${action}&limit=200`)
      .set(bearer(token));
    expect(res.status).toBe(200);
    const hit = (res.body.data as SecurityEvent[]).find((e) => e.requestId === requestId);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${action} security event for ${requestId}`);
}

const attempt = (t: TestApp, email: string, password: string, ip?: string, requestId?: string) => {
  const r = t.req().post(`${API}/auth/login`);
  if (ip) r.set('X-Forwarded-For', ip);
  if (requestId) r.set('X-Request-Id', requestId);
  return r.send({ email, password });
};

describe('sign-in finding 3a: TRUST_PROXY defaults to trusting nobody', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_THROTTLE_IP_LIMIT: '5', TRUST_PROXY: 'false' });
  });
  afterAll(() => t.close());

  it('rotating X-Forwarded-For from loopback does not bypass the per-IP limit (429 by the 6th attempt)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await attempt(
        t,
        `nobody${i}@tandem.test`,
        'wrong-password',
        `198.51.100.${i + 1}`,
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });
});

describe('sign-in finding 3a: the default configuration (no TRUST_PROXY set)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('records the socket address, not a caller-chosen X-Forwarded-For, as the client IP', async () => {
    const requestId = rid('xff');
    const res = await attempt(t, 'nobody@tandem.test', 'x', '203.0.113.50', requestId);
    expect(res.status).toBe(401);
    const e = await securityEvent(t, requestId, 'auth.login');
    expect(e.ip).not.toBe('203.0.113.50');
    expect(e.ip).toMatch(/127\.0\.0\.1|::1/);
  });
});

describe('sign-in finding 3b: per account-and-IP throttling with exponential delay and a per-account ceiling', () => {
  let t: TestApp;
  let la: { id: string };
  beforeAll(async () => {
    t = await createTestApp({
      TRUST_PROXY: 'loopback',
      LOGIN_THROTTLE_LIMIT: '3',
      LOGIN_THROTTLE_ACCOUNT_LIMIT: '8',
      LOGIN_THROTTLE_IP_LIMIT: '1000',
    });
    la = await newLa(t);
  });
  afterAll(() => t.close());

  it('someone who knows an email cannot lock its owner out: the attacker is throttled, the owner signs in from elsewhere', async () => {
    const owner = await newUser(t, la.id, ['ecpp']);
    const attacker = '198.51.100.66';
    for (let i = 0; i < 3; i++) {
      expect((await attempt(t, owner.email, 'wrong-password!', attacker)).status).toBe(401);
    }
    const blocked = await attempt(t, owner.email, PASSWORD, attacker);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('login_throttled');
    expect(blocked.headers['retry-after']).toBe('1');
    const home = await attempt(t, owner.email, PASSWORD, '203.0.113.10');
    expect(home.status).toBe(200);
  });

  it('each further failure from the same account and IP doubles the wait (1 s, then 2 s)', async () => {
    const owner = await newUser(t, la.id, ['ecpp']);
    const ip = '198.51.100.77';
    for (let i = 0; i < 3; i++) await attempt(t, owner.email, 'wrong-password!', ip);
    expect((await attempt(t, owner.email, 'wrong', ip)).headers['retry-after']).toBe('1');
    await new Promise((r) => setTimeout(r, 1100));
    expect((await attempt(t, owner.email, 'wrong-password!', ip)).status).toBe(401);
    const second = await attempt(t, owner.email, 'wrong', ip);
    expect(second.status).toBe(429);
    expect(second.headers['retry-after']).toBe('2');
  });

  it('a distributed guess stops at the per-account ceiling (LOGIN_THROTTLE_ACCOUNT_LIMIT failures from any IPs): every guessing address is refused, the right password included', async () => {
    const owner = await newUser(t, la.id, ['ecpp']);
    for (let i = 0; i < 8; i++) {
      expect((await attempt(t, owner.email, 'wrong-password!', `192.0.2.${i + 1}`)).status).toBe(
        401,
      );
    }
    for (const ip of ['192.0.2.1', '192.0.2.8']) {
      const res = await attempt(t, owner.email, PASSWORD, ip);
      expect(res.status).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(1);
    }
  });

  it('lockout by source address does not lock the right password from a clean address: after 8 addresses × failures, the owner signs in from an address with no failure', async () => {
    const owner = await newUser(t, la.id, ['ecpp']);
    for (let i = 0; i < 8; i++)
      for (let k = 0; k < 2; k++)
        await attempt(t, owner.email, 'wrong-password!', `192.0.2.${i + 101}`);
    expect((await attempt(t, owner.email, PASSWORD, '192.0.2.101')).status).toBe(429);
    const home = await attempt(t, owner.email, PASSWORD, '203.0.113.11');
    expect(home.status).toBe(200);
    // A clean address's wrong guess makes it a guessing address like the others.
    const cafe = '203.0.113.12';
    expect((await attempt(t, owner.email, 'wrong-password!', cafe)).status).toBe(401);
    expect((await attempt(t, owner.email, PASSWORD, cafe)).status).toBe(429);
  });

  it('429 throttled logins are recorded as auth.throttled security events for platform admins (no email stored)', async () => {
    const owner = await newUser(t, la.id, ['ecpp']);
    const ip = '198.51.100.88';
    for (let i = 0; i < 3; i++) await attempt(t, owner.email, 'wrong-password!', ip);
    const requestId = rid('throttled');
    expect((await attempt(t, owner.email, PASSWORD, ip, requestId)).status).toBe(429);
    const e = await securityEvent(t, requestId, 'auth.throttled');
    expect(e).toMatchObject({ outcome: 'denied', ip, localAuthorityId: null });
    expect(e.metadata).toMatchObject({ scope: 'account_ip', retryAfterSeconds: 1 });
    expect(e.metadata?.account).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(e)).not.toContain(owner.email);
  });
});

describe('sign-in finding 3c: tokens issued before a disable stay invalid after re-enabling (tokensValidAfter)', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    const la = await newLa(t);
    admin = await newUser(t, la.id, ['la_admin']);
  });
  afterAll(() => t.close());

  const setActive = async (id: string, active: boolean) => {
    const etag = (await t.req().get(`${API}/users/${id}`).set(bearer(admin.token))).headers.etag;
    const res = await t
      .req()
      .patch(`${API}/users/${id}`)
      .set(bearer(admin.token))
      .set('If-Match', etag as string)
      .send({ active });
    expect(res.status).toBe(200);
  };

  it('disable then re-enable: the old token is 401, a new sign-in works', async () => {
    const u = await newUser(t, admin.localAuthorityId, ['family_help_practitioner']);
    const me = (token: string) => t.req().get(`${API}/auth/me`).set(bearer(token));
    expect((await me(u.token)).status).toBe(200);
    await setActive(u.id, false);
    expect((await me(u.token)).status).toBe(401);
    await setActive(u.id, true);
    expect((await me(u.token)).status).toBe(401);
    const fresh = await login(t, u.email, PASSWORD);
    expect((await me(fresh)).status).toBe(200);
  });
});

describe('security events finding 2 (auth side): 401s and unknown-email failures are on the trail', () => {
  let t: TestApp;
  let user: TestUser;
  let auditor: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    const la = await newLa(t);
    [user, auditor] = await Promise.all([
      newUser(t, la.id, ['family_help_practitioner']),
      newUser(t, la.id, ['auditor']),
    ]);
  });
  afterAll(() => t.close());

  const now = () => Math.floor(Date.now() / 1000);
  const claims = () => ({
    sub: user.id,
    typ: 'user',
    la: user.localAuthorityId,
    iss: 'tandem',
    aud: 'tandem-api',
    iat: now(),
    exp: now() + 600,
  });

  it.each<[string, () => string]>([
    ['bad_signature', () => hs256(claims(), 'another-secret-that-is-long-enough-000')],
    ['expired', () => hs256({ ...claims(), iat: now() - 1200, exp: now() - 600 })],
    ['malformed', () => 'not-a-jwt'],
    ['wrong_issuer_or_audience', () => hs256({ ...claims(), aud: 'someone-else' })],
  ])(
    'a %s bearer token → 401, recorded as auth.token_rejected for platform admins (never the token)',
    async (reason, token) => {
      const requestId = rid(`token-${reason}`);
      const presented = token();
      const res = await t
        .req()
        .get(`${API}/cases`)
        .set(bearer(presented))
        .set('X-Request-Id', requestId);
      expect(res.status).toBe(401);
      const e = await securityEvent(t, requestId, 'auth.token_rejected');
      expect(e).toMatchObject({ outcome: 'denied', reason, localAuthorityId: null });
      expect(e.metadata).toMatchObject({ method: 'GET', path: '/api/v1/cases' });
      expect(JSON.stringify(e)).not.toContain(presented);
      if (reason !== 'malformed') expect(e.metadata?.claimedSubject).toBe(user.id);
    },
  );

  it('a request without any token is a plain 401, not a security event', async () => {
    const requestId = rid('no-token');
    expect((await t.req().get(`${API}/cases`).set('X-Request-Id', requestId)).status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    const res = await t
      .req()
      .get(`${API}/security-events?limit=200`)
      .set(bearer(await platformAdminToken(t)));
    expect((res.body.data as SecurityEvent[]).some((e) => e.requestId === requestId)).toBe(false);
  });

  it('failed logins for unknown emails are recorded without leaking: no LA, no email, a stable fingerprint', async () => {
    const email = `ghost-${randomUUID().slice(0, 8)}@tandem.test`;
    const [r1, r2] = [rid('ghost1'), rid('ghost2')];
    expect((await attempt(t, email, 'guess-one', undefined, r1)).status).toBe(401);
    expect((await attempt(t, email.toUpperCase(), 'guess-two', undefined, r2)).status).toBe(401);
    const [e1, e2] = [
      await securityEvent(t, r1, 'auth.login'),
      await securityEvent(t, r2, 'auth.login'),
    ];
    expect(e1).toMatchObject({ outcome: 'failure', localAuthorityId: null, recordId: null });
    expect(e1.metadata).toMatchObject({ reason: 'unknown_email' });
    expect(e1.metadata?.account).toMatch(/^[0-9a-f]{16}$/);
    expect(e2.metadata?.account).toBe(e1.metadata?.account);
    expect(JSON.stringify([e1, e2]).toLowerCase()).not.toContain(email.toLowerCase());
    expect(JSON.stringify([e1, e2])).not.toContain('guess-');
  });

  it('security events are the platform admin’s: an LA auditor or user gets 403', async () => {
    for (const u of [auditor, user]) {
      expect((await t.req().get(`${API}/security-events`).set(bearer(u.token))).status).toBe(403);
    }
    expect(
      (
        await t
          .req()
          .get(`${API}/security-events?action=case.read`)
          .set(bearer(await platformAdminToken(t)))
      ).status,
    ).toBe(400);
  });
});
