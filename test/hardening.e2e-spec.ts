import { createHmac, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MAX_JSON_DEPTH } from 'src/common/json-depth';
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

function jwt(
  payload: Record<string, unknown>,
  opts: { alg?: string; secret?: string; header?: object } = {},
): string {
  const alg = opts.alg ?? 'HS256';
  const head = b64(opts.header ?? { alg, typ: 'JWT' });
  const body = b64(payload);
  if (alg === 'none') return `${head}.${body}.`;
  const hmac = alg === 'HS512' ? 'sha512' : 'sha256';
  const sig = createHmac(hmac, opts.secret ?? SECRET)
    .update(`${head}.${body}`)
    .digest('base64url');
  return `${head}.${body}.${sig}`;
}

describe('hardening (OWASP API Top 10)', () => {
  let t: TestApp;
  let ds: DataSource;
  let la: { id: string };
  let admin: TestUser;
  let practitioner: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    la = await newLa(t);
    [admin, practitioner] = await Promise.all([
      newUser(t, la.id, ['la_admin']),
      newUser(t, la.id, ['family_help_practitioner']),
    ]);
  });
  afterAll(() => t.close());

  describe('API2 broken authentication: JWTs are HS256, signed, for this issuer and audience, unexpired', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const claims = () => ({
      sub: practitioner.id,
      typ: 'user',
      la: la.id,
      iss: 'tandem',
      aud: 'tandem-api',
      iat: now(),
      exp: now() + 600,
    });
    const me = (token: string) => t.req().get(`${API}/auth/me`).set(bearer(token));

    it('accepts a correctly forged control token (so the refusals below are meaningful)', async () => {
      expect((await me(jwt(claims()))).status).toBe(200);
    });

    it.each<[string, () => string]>([
      ['alg none', () => jwt(claims(), { alg: 'none' })],
      ['alg none with a signature', () => jwt(claims(), { header: { alg: 'none' } })],
      [
        'a wrong signature',
        () => jwt(claims(), { secret: 'another-secret-that-is-long-enough-000' }),
      ],
      [
        'a tampered payload',
        () => {
          const [h, , s] = jwt(claims()).split('.');
          return `${h}.${b64({ ...claims(), sub: admin.id })}.${s}`;
        },
      ],
      ['a wrong aud', () => jwt({ ...claims(), aud: 'someone-else' })],
      ['a wrong iss', () => jwt({ ...claims(), iss: 'evil' })],
      ['expired', () => jwt({ ...claims(), iat: now() - 7200, exp: now() - 3600 })],
      [
        'HS512 with the right secret (algorithm pinned to HS256)',
        () => jwt(claims(), { alg: 'HS512' }),
      ],
      ['another LA in the la claim', () => jwt({ ...claims(), la: randomUUID() })],
      ['a client typ for a user id', () => jwt({ ...claims(), typ: 'client' })],
      ['an unknown subject', () => jwt({ ...claims(), sub: randomUUID() })],
      ['garbage', () => 'a.b.c'],
    ])('401 for %s', async (_name, token) => {
      const res = await me(token());
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ status: 401 });
    });
  });

  describe('API4 unrestricted resource consumption', () => {
    it('413 for a body over BODY_LIMIT_BYTES (256 KiB), with nothing written', async () => {
      const name = `Huge ${randomUUID()}`;
      const res = await t
        .req()
        .post(`${API}/teams`)
        .set(bearer(admin.token))
        .send({ name, kind: 'family_help', padding: 'x'.repeat(300 * 1024) });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ status: 413, code: 'payload_too_large' });
      expect(await ds.query(`SELECT 1 FROM team WHERE name = $1`, [name])).toEqual([]);
    });

    it('400 for a page size over 200 (and 200 itself is fine)', async () => {
      const over = await t.req().get(`${API}/users?limit=201`).set(bearer(admin.token));
      expect(over.status).toBe(400);
      expect(over.body.errors[0].field).toBe('limit');
      expect((await t.req().get(`${API}/users?limit=200`).set(bearer(admin.token))).status).toBe(
        200,
      );
    });

    const nested = (depth: number) => {
      let v: unknown = 'leaf';
      for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
      return v;
    };

    it(`400 json_too_deep for a body nested deeper than ${MAX_JSON_DEPTH} levels, before any guard`, async () => {
      const shallowEnough = await t
        .req()
        .post(`${API}/teams`)
        .set(bearer(admin.token))
        .send({ name: nested(MAX_JSON_DEPTH), kind: 'family_help' });
      expect(shallowEnough.status).toBe(400);
      expect(shallowEnough.body.code).toBe('json_too_deep');
      const deep = await t
        .req()
        .post(`${API}/teams`)
        .set(bearer(admin.token))
        .set('Content-Type', 'application/json')
        .send(`{"kind":"family_help","name":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`);
      expect(deep.status).toBe(400);
      expect(deep.body.code).toBe('json_too_deep');
      // also for a public route and without a token: the parser stage refuses it
      const anon = await t
        .req()
        .post(`${API}/auth/login`)
        .set('Content-Type', 'application/json')
        .send(`{"email":${'['.repeat(5000)}${']'.repeat(5000)},"password":"x"}`);
      expect(anon.status).toBe(400);
      expect(anon.body.code).toBe('json_too_deep');
    });

    it(`lets a body of exactly ${MAX_JSON_DEPTH} levels through to ordinary validation`, async () => {
      const res = await t
        .req()
        .post(`${API}/teams`)
        .set(bearer(admin.token))
        .send({ name: nested(MAX_JSON_DEPTH - 1), kind: 'family_help' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    });
  });

  describe('API8: malformed requests are client errors, never server errors', () => {
    it('415 for a body that is not JSON (instead of silently ignoring it); nothing written', async () => {
      const current = await t.req().get(`${API}/users/${practitioner.id}`).set(bearer(admin.token));
      for (const type of ['text/plain', 'application/xml']) {
        const res = await t
          .req()
          .patch(`${API}/users/${practitioner.id}`)
          .set(bearer(admin.token))
          .set('If-Match', current.headers.etag)
          .set('Content-Type', type)
          .send('{"active":false}');
        expect(res.status).toBe(415);
        expect(res.body.code).toBe('unsupported_media_type');
      }
      const after = await t.req().get(`${API}/users/${practitioner.id}`).set(bearer(admin.token));
      expect(after.body).toEqual(current.body);
    });

    it("400 malformed_json for a body that is not valid JSON, without the parser's words", async () => {
      for (const body of ['{"email": ', '{bad json}', '[1,2']) {
        const res = await t
          .req()
          .post(`${API}/auth/login`)
          .set('Content-Type', 'application/json')
          .send(body);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({
          code: 'malformed_json',
          detail: 'The request body is not valid JSON',
        });
      }
    });

    it('an empty PATCH (no body, or {}) is a no-op 200 that keeps the version', async () => {
      const client = await t
        .req()
        .post(`${API}/api-clients`)
        .set(bearer(admin.token))
        .send({ name: 'Empty patch probe', scopes: ['cases:read'] });
      const path = `${API}/local-authorities/${la.id}/settings`;
      for (const target of [`${API}/api-clients/${client.body.id}`, path]) {
        const noBody = await t.req().patch(target).set(bearer(admin.token)).set('If-Match', '"1"');
        expect(noBody.status).toBe(200);
        expect(noBody.headers.etag).toBe('"1"');
        const empty = await t
          .req()
          .patch(target)
          .set(bearer(admin.token))
          .set('If-Match', '"1"')
          .send({});
        expect(empty.status).toBe(200);
        expect(empty.headers.etag).toBe('"1"');
      }
    });

    it('400 (not 500) for null in a field that may be left out but is NOT NULL in the database', async () => {
      const partner = await newUser(t, la.id, ['partner'], { agency: 'police' });
      const client = await t
        .req()
        .post(`${API}/api-clients`)
        .set(bearer(admin.token))
        .send({ name: 'Null probe', scopes: ['cases:read'] });
      const cases: [string, object, string][] = [
        [`/users/${partner.id}`, { name: null }, 'name'],
        [`/users/${partner.id}`, { roles: null }, 'roles'],
        [`/users/${partner.id}`, { active: null }, 'active'],
        [`/users/${partner.id}`, { agency: null }, 'agency'],
        [`/api-clients/${client.body.id}`, { active: null }, 'active'],
        [
          `/local-authorities/${la.id}/settings`,
          { visitIntervalWorkingDays: null },
          'visitIntervalWorkingDays',
        ],
      ];
      for (const [path, body, field] of cases) {
        const current = await t
          .req()
          .get(`${API}${path.replace('/settings', '')}`)
          .set(bearer(admin.token));
        const res = await t
          .req()
          .patch(`${API}${path}`)
          .set(bearer(admin.token))
          .set('If-Match', current.headers.etag ?? '"1"')
          .send(body);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
    });

    it('400 nul_character for U+0000 in body text, keys, the query string or a form body', async () => {
      const name = `Nul ${randomUUID()}`;
      const body = await t
        .req()
        .post(`${API}/teams`)
        .set(bearer(admin.token))
        .send({ name: `${name}\u0000`, kind: 'family_help' });
      expect(body.status).toBe(400);
      expect(body.body.code).toBe('nul_character');
      const query = await t.req().get(`${API}/users?cursor=a%00b`).set(bearer(admin.token));
      expect(query.status).toBe(400);
      expect(query.body.code).toBe('nul_character');
      const form = await t
        .req()
        .post(`${API}/auth/token`)
        .type('form')
        .send('grant_type=client_credentials&client_id=x%00&client_secret=y');
      expect(form.status).toBe(400);
      expect(form.body.code).toBe('nul_character');
      expect(await ds.query(`SELECT 1 FROM team WHERE name LIKE $1`, [`${name}%`])).toEqual([]);
    });

    it('400 for a forged or tampered cursor on any list (cursors are signed)', async () => {
      const forged = Buffer.from(`["'; DROP TABLE x; --","1"]`).toString('base64url');
      const page = await t.req().get(`${API}/users?limit=1`).set(bearer(admin.token));
      expect(page.body.nextCursor).toEqual(expect.any(String));
      const [, mac] = (page.body.nextCursor as string).split('.');
      for (const cursor of [forged, `${forged}.${mac}`, `${page.body.nextCursor}x`]) {
        const res = await t
          .req()
          .get(`${API}/users?cursor=${encodeURIComponent(cursor)}`)
          .set(bearer(admin.token));
        expect(res.status).toBe(400);
        expect(res.body.errors[0].field).toBe('cursor');
      }
      const next = await t
        .req()
        .get(`${API}/users?limit=1&cursor=${page.body.nextCursor}`)
        .set(bearer(admin.token));
      expect(next.status).toBe(200); // the API's own cursor is still accepted
      // and following cursors visits every user exactly once (microsecond keyset)
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { data: { id: string }[]; nextCursor: string | null } } = await t
          .req()
          .get(`${API}/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set(bearer(admin.token));
        seen.push(...res.body.data.map((u: { id: string }) => u.id));
        cursor = res.body.nextCursor;
      } while (cursor && seen.length < 500);
      const all: { id: string }[] = await ds.query(
        `SELECT id FROM app_user WHERE local_authority_id = $1`,
        [la.id],
      );
      expect(seen.sort()).toEqual(all.map((r) => r.id).sort());
    });
  });

  describe('API8 security misconfiguration: responses are not cached', () => {
    it.each([
      ['a 200', () => t.req().get(`${API}/auth/me`).set(bearer(practitioner.token))],
      ['a 401', () => t.req().get(`${API}/auth/me`)],
      ['a 403', () => t.req().get(`${API}/users`).set(bearer(practitioner.token))],
      ['a 404', () => t.req().get(`${API}/users/${randomUUID()}`).set(bearer(admin.token))],
      ['/health', () => t.req().get('/health')],
    ])('Cache-Control: no-store on %s', async (_what, send) => {
      const res = await send();
      expect(res.headers['cache-control']).toMatch(/(^|, )no-store(,|$)/);
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });
  });

  describe('optimistic concurrency (If-Match)', () => {
    it('ten concurrent PATCHes with the same ETag: exactly one 200, nine 412, one user.update row', async () => {
      const victim = await newUser(t, la.id, ['family_help_practitioner']);
      const current = await t.req().get(`${API}/users/${victim.id}`).set(bearer(admin.token));
      const etag = current.headers.etag as string;
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          t
            .req()
            .patch(`${API}/users/${victim.id}`)
            .set(bearer(admin.token))
            .set('If-Match', etag)
            .send({ name: `Racer ${i}` }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, ...Array(9).fill(412)]);
      const winner = results.find((r) => r.status === 200)!;
      expect(winner.headers.etag).toBe(`"${Number(JSON.parse(etag)) + 1}"`);
      for (const r of results.filter((x) => x.status === 412)) {
        expect(r.body).toMatchObject({ status: 412, code: 'stale_version' });
      }
      const audits: { changes: { name: { after: string } } }[] = await ds.query(
        `SELECT changes FROM audit_event WHERE action = 'user.update' AND record_id = $1`,
        [victim.id],
      );
      expect(audits).toHaveLength(1);
      expect(audits[0].changes.name.after).toBe(winner.body.name);
      const stored: { name: string; version: number }[] = await ds.query(
        `SELECT name, version FROM app_user WHERE id = $1`,
        [victim.id],
      );
      expect(stored[0]).toEqual({ name: winner.body.name, version: winner.body.version });
    });

    it('428 without If-Match and 400 for a malformed one, on every foundation PATCH', async () => {
      const token = admin.token;
      const client = await t
        .req()
        .post(`${API}/api-clients`)
        .set(bearer(token))
        .send({ name: 'Concurrency probe', scopes: ['cases:read'] });
      expect(client.status).toBe(201);
      const targets = [
        `/users/${practitioner.id}`,
        `/local-authorities/${la.id}/settings`,
        `/api-clients/${client.body.id}`,
      ];
      for (const path of targets) {
        const none = await t.req().patch(`${API}${path}`).set(bearer(token)).send({});
        expect(none.status).toBe(428);
        const junk = await t
          .req()
          .patch(`${API}${path}`)
          .set(bearer(token))
          .set('If-Match', 'yesterday')
          .send({});
        expect(junk.status).toBe(400);
      }
    });
  });

  it('the platform admin can still sign in (sanity for the forged-token tests)', async () => {
    expect(await platformAdminToken(t)).toEqual(expect.any(String));
    expect(await login(t, practitioner.email, PASSWORD)).toEqual(expect.any(String));
  });
});

/* Apps with other settings run after the main one is closed: passport strategies are
 * process-wide singletons, so only one app may be alive at a time in a test file. */
describe('hardening: database statement timeout (API4)', () => {
  it("sets statement_timeout on the app's connections from DB_STATEMENT_TIMEOUT_MS", async () => {
    const normal = await createTestApp();
    try {
      const rows: { statement_timeout: string }[] = await normal.app
        .get(DataSource)
        .query('SHOW statement_timeout');
      expect(rows[0].statement_timeout).toBe('15s'); // the default, 15000 ms
    } finally {
      await normal.close();
    }
    const short = await createTestApp({ DB_STATEMENT_TIMEOUT_MS: '250' });
    try {
      const sds = short.app.get(DataSource);
      const rows: { statement_timeout: string }[] = await sds.query('SHOW statement_timeout');
      expect(rows[0].statement_timeout).toBe('250ms');
      await expect(sds.query('SELECT pg_sleep(5)')).rejects.toMatchObject({ code: '57014' });
    } finally {
      await short.close();
    }
  });
});

describe('hardening: rate limit per caller (API4)', () => {
  let limited: TestApp;
  /** A practitioner of the first test, with budget left (the platform admin's 5 requests a
   * minute are spent building the callers). */
  let fresh: { id: string; token: string; la: string };
  beforeAll(async () => {
    limited = await createTestApp({ RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => limited.close());

  it('429 with Retry-After once a caller passes RATE_LIMIT_PER_MINUTE; other callers unaffected', async () => {
    // Within the budget: the admin makes 3 calls and the IP 3 logins.
    const la = await newLa(limited);
    const [a, b] = [
      await newUser(limited, la.id, ['family_help_practitioner']),
      await newUser(limited, la.id, ['family_help_practitioner']),
    ];
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await limited.req().get(`${API}/auth/me`).set(bearer(a.token))).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const throttled = await limited.req().get(`${API}/auth/me`).set(bearer(a.token));
    expect(throttled.body).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(throttled.headers['cache-control']).toBe('no-store');
    expect((await limited.req().get(`${API}/auth/me`).set(bearer(b.token))).status).toBe(200);
    fresh = { id: b.id, token: b.token, la: la.id };
  });

  it('a per-caller 429 writes one auth.throttled security event per window (scope caller), naming the practitioner', async () => {
    const u = fresh;
    for (let i = 0; i < 9; i++) await limited.req().get(`${API}/auth/me`).set(bearer(u.token));
    const { AuditService } = await import('src/audit/audit.service');
    await limited.app.get(AuditService).flush();
    const { Client } = await import('pg');
    const c = new Client({ connectionString: limited.databaseUrl });
    await c.connect();
    try {
      const rows = (
        await c.query(
          `SELECT outcome, actor_id, record_id, local_authority_id, metadata FROM audit_event
            WHERE action = 'auth.throttled' AND actor_id = $1`,
          [u.id],
        )
      ).rows;
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        outcome: 'denied',
        record_id: u.id,
        local_authority_id: u.la,
        metadata: { scope: 'caller', limit: 5 },
      });
    } finally {
      await c.end();
    }
  });

  it('one budget per caller across routes: spreading requests over routes does not multiply it', async () => {
    const la = await newLa(limited);
    const u = await newUser(limited, la.id, ['family_help_practitioner']);
    const routes = [`${API}/auth/me`, `${API}/cases`, `${API}/families`, `${API}/auth/me`];
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push(
        (
          await limited
            .req()
            .get(routes[i % routes.length])
            .set(bearer(u.token))
        ).status,
      );
    }
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
  });
});
