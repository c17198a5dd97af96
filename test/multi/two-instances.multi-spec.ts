import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { Child, startProcess } from '../../bench/processes';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TestApp, workerDatabaseUrl } from '../utils/create-app';
import { API, bearer, newLa, newUser, PASSWORD } from '../utils/factories';

/**
 * Two Tandem processes on ONE database and ONE Redis (REDIS_URL, default the local
 * redis://127.0.0.1:6379), as two instances behind a load balancer would run. Not part of
 * `npm test` (which needs no Redis): `npm run test:multi`, run by .ci/run after it.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('two instances, one database, one Redis', () => {
  let a: Child;
  let b: Child;
  let ta: TestApp;
  let tb: TestApp;

  beforeAll(async () => {
    const databaseUrl = await workerDatabaseUrl();
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'multi-instance-secret-long-enough-0123456789',
      WEBHOOK_SECRET_KEY: 'multi-instance-webhook-key-long-enough-012345',
      TANDEM_ADMIN_EMAIL: ADMIN_EMAIL,
      TANDEM_ADMIN_PASSWORD: ADMIN_PASSWORD,
      RATE_LIMIT_PER_MINUTE: '100000',
      LOGIN_THROTTLE_IP_LIMIT: '100000',
      LOGIN_THROTTLE_LIMIT: '100', // the account+IP backoff out of the way: the account budget
      LOGIN_THROTTLE_ACCOUNT_LIMIT: '3',
      REDIS_URL,
      REDIS_KEY_PREFIX: `tandem-test-${randomUUID().slice(0, 8)}:`, // this run's keys only
      BENCH_FROM_SOURCE: '1',
    };
    // One after the other: both run the (idempotent, locked) migrations at start.
    a = await startProcess('tandem-server.js', env);
    b = await startProcess('tandem-server.js', env);
    const app = (url: string) => ({ req: () => request(url), databaseUrl }) as unknown as TestApp;
    ta = app(a.url);
    tb = app(b.url);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('the sign-in throttle of one account trips across both instances', async () => {
    const la = await newLa(ta);
    const u = await newUser(ta, la.id, ['family_help_practitioner']); // one good login on A
    const attempt = (t: TestApp) =>
      t.req().post(`${API}/auth/login`).send({ email: u.email, password: 'wrong-password-1' });
    // LOGIN_THROTTLE_ACCOUNT_LIMIT 3 failures per account in the window, split over A and B.
    expect((await attempt(tb)).status).toBe(401);
    expect((await attempt(ta)).status).toBe(401);
    expect((await attempt(tb)).status).toBe(401);
    // The next attempt is throttled on either instance, even with the right password: each
    // instance alone has seen at most two failures.
    const fifth = await ta
      .req()
      .post(`${API}/auth/login`)
      .send({ email: u.email, password: PASSWORD });
    expect(fifth.status).toBe(429);
    expect(fifth.body.type).toMatch(/login_throttled|too-many|throttl/);
    expect((await attempt(tb)).status).toBe(429);
  });

  it('an idempotent retry sent to the other instance replays the first response', async () => {
    const la = await newLa(ta);
    const admin = await newUser(ta, la.id, ['la_admin']);
    const key = randomUUID();
    const body = { name: `Two-instance team ${key.slice(0, 8)}`, kind: 'family_help' };
    const first = await ta
      .req()
      .post(`${API}/teams`)
      .set(bearer(admin.token))
      .set('Idempotency-Key', key)
      .send(body);
    expect(first.status).toBe(201);
    const again = await tb
      .req()
      .post(`${API}/teams`)
      .set(bearer(admin.token)) // a token of A is good on B: one shared JWT_SECRET
      .set('Idempotency-Key', key)
      .send(body);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const db = new Client({
      connectionString: (ta as unknown as { databaseUrl: string }).databaseUrl,
    });
    await db.connect();
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM team WHERE name = $1`, [
      body.name,
    ]);
    await db.end();
    expect(rows[0].n).toBe(1);
  });

  it('an If-Match race across both instances has exactly one winner', async () => {
    const la = await newLa(ta);
    const admin = await newUser(ta, la.id, ['la_admin']);
    const u = await newUser(ta, la.id, ['family_help_practitioner']);
    const current = await ta.req().get(`${API}/users/${u.id}`).set(bearer(admin.token));
    const etag = current.headers.etag as string;
    for (let round = 0; round < 3; round++) {
      const now = await ta.req().get(`${API}/users/${u.id}`).set(bearer(admin.token));
      const tag = round === 0 ? etag : (now.headers.etag as string);
      const patch = (t: TestApp, name: string) =>
        t
          .req()
          .patch(`${API}/users/${u.id}`)
          .set(bearer(admin.token))
          .set('If-Match', tag)
          .send({ name });
      const results = await Promise.all([patch(ta, `A ${round}`), patch(tb, `B ${round}`)]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 412]);
      const winner = results.find((r) => r.status === 200)!;
      const after = await tb.req().get(`${API}/users/${u.id}`).set(bearer(admin.token));
      expect(after.body.name).toBe(winner.body.name);
    }
  });

  it('a user disabled on one instance is refused on the other', async () => {
    const la = await newLa(ta);
    const admin = await newUser(ta, la.id, ['la_admin']);
    const u = await newUser(ta, la.id, ['family_help_practitioner']);
    expect((await tb.req().get(`${API}/auth/me`).set(bearer(u.token))).status).toBe(200);
    const current = await ta.req().get(`${API}/users/${u.id}`).set(bearer(admin.token));
    const off = await ta
      .req()
      .patch(`${API}/users/${u.id}`)
      .set(bearer(admin.token))
      .set('If-Match', current.headers.etag as string)
      .send({ active: false });
    expect(off.status).toBe(200);
    expect((await ta.req().get(`${API}/auth/me`).set(bearer(u.token))).status).toBe(401);
    // B hears it through NOTIFY (milliseconds); poll briefly.
    let status = 200;
    for (let i = 0; i < 40 && status !== 401; i++) {
      status = (await tb.req().get(`${API}/auth/me`).set(bearer(u.token))).status;
      if (status !== 401) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(401);
  });
});
